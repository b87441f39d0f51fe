/*
 * Fuzz harness for the DHCP message parser and the client core's handling
 * of whatever it accepts (src/user/lib/dhcp/).
 *
 * Supports spec/dhcp-client.md DHCP-010..016 (any bytes are parsed or
 * rejected with a reason, never read out of bounds; an accepted message
 * holds only checked values and survives build + parse unchanged) and
 * DHCP-018, DHCP-062 (in every client state the same bytes, once as they
 * are and once with the xid and chaddr of the exchange in progress, give
 * only well-formed actions: log lines with the prefix and length limit,
 * messages that parse back).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp/dhcp_client.h"
#include "fuzz.h"

#define SERVER_IP 0x0a000001u
#define POOL_IP 0x0a000032u
#define MASK_24 0xffffff00u
#define LEASE_S 3600u
#define OFF_XID 4u
#define OFF_CHADDR 28u
#define LCG_MUL 1103515245u
#define LCG_ADD 12345u

static const uint8_t fz_mac[DHCP_MAC_LEN] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static uint32_t fz_rng;
static dhcp_client_t fz_client;
static dhcp_actions_t fz_acts;
static uint8_t fz_buf[DHCP_PACKET_MAX];

static void fz_fail(const char *what)
{
    fprintf(stderr, "dhcp-packet: %s\n", what);
    abort();
}

static uint32_t fz_random(void *arg)
{
    (void)arg;
    fz_rng = fz_rng * LCG_MUL + LCG_ADD;
    return fz_rng;
}

static bool fz_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_';
}

static void fz_check_packet(const dhcp_packet_t *p)
{
    if (p->dns_count > DHCP_DNS_MAX || p->param_list_len > DHCP_PARAM_LIST_MAX ||
        p->client_id_len > DHCP_CLIENT_ID_MAX || p->overload > DHCP_OVERLOAD_BOTH)
        fz_fail("accepted message with an out-of-range count");
    if (p->has_domain) {
        size_t n = strnlen(p->domain, sizeof(p->domain));
        if (n == 0 || n > DHCP_DOMAIN_MAX)
            fz_fail("accepted domain of bad length");
        for (size_t i = 0; i < n; i++)
            if (!fz_name_char(p->domain[i]))
                fz_fail("accepted domain with a bad character");
    }
}

/* build(parse(x)) parses back to the same message (DHCP-016). */
static void fz_round_trip(const dhcp_packet_t *p)
{
    dhcp_packet_t copy = *p, back;
    copy.overload = 0;    /* the builder never overloads */
    copy.dns_extra = 0;   /* it writes only the servers kept */
    int n = dhcp_packet_build(&copy, fz_buf, sizeof(fz_buf));
    if (n < 0)
        return;           /* e.g. longer than one datagram: refused, not truncated */
    dhcp_reason_t why;
    if (dhcp_packet_parse(fz_buf, (size_t)n, &back, &why) != DHCP_PARSE_OK)
        fz_fail("builder output does not parse");
    if (memcmp(&copy, &back, sizeof(copy)) != 0)
        fz_fail("round trip changed the message");
}

static void fz_check_actions(void)
{
    if (fz_acts.count > DHCP_ACTIONS_MAX)
        fz_fail("too many actions");
    for (size_t i = 0; i < fz_acts.count; i++) {
        const dhcp_action_t *a = &fz_acts.list[i];
        if (a->kind == DHCP_ACT_LOG) {
            size_t n = strnlen(a->text, DHCP_LOG_MAX);
            if (n >= DHCP_LOG_MAX || strncmp(a->text, "[DHCP] ", 7) != 0 || strchr(a->text, '\n') != NULL)
                fz_fail("malformed log line");
        } else if (a->kind == DHCP_ACT_SEND) {
            dhcp_packet_t p;
            dhcp_reason_t why;
            if (a->len > sizeof(a->packet) || dhcp_packet_parse(a->packet, a->len, &p, &why) != DHCP_PARSE_OK)
                fz_fail("client sent a message that does not parse");
        } else if (a->kind == DHCP_ACT_CONFIGURE) {
            if (a->lease.ip == 0 || dhcp_mask_prefix(a->lease.mask) < 0)
                fz_fail("configured an unusable lease");
        }
    }
}

/* A server reply to the exchange in progress. */
static void fz_reply(uint8_t type, uint64_t now)
{
    dhcp_packet_t p;
    dhcp_packet_init(&p, DHCP_BOOTREPLY, fz_client.xid, fz_mac);
    p.msg_type = type;
    p.yiaddr = POOL_IP;
    p.has_server_id = p.has_mask = p.has_lease = true;
    p.server_id = SERVER_IP;
    p.mask = MASK_24;
    p.lease = LEASE_S;
    int n = dhcp_packet_build(&p, fz_buf, sizeof(fz_buf));
    dhcp_client_on_packet(&fz_client, now, fz_buf, (size_t)n, SERVER_IP, DHCP_BROADCAST_ADDR, &fz_acts);
}

/* Bring a fresh client into `target`; returns the current virtual time. */
static uint64_t fz_drive(dhcp_state_t target)
{
    dhcp_config_t cfg;
    memset(&cfg, 0, sizeof(cfg));
    memcpy(cfg.mac, fz_mac, DHCP_MAC_LEN);
    cfg.random = fz_random;
    cfg.has_remembered_ip = target == DHCP_STATE_INIT_REBOOT;
    cfg.remembered_ip = POOL_IP;
    fz_rng = 1;
    dhcp_client_init(&fz_client, &cfg);
    uint64_t now = 0;
    dhcp_client_start(&fz_client, now, &fz_acts);
    if (target == DHCP_STATE_INIT) {
        for (unsigned i = 0; i < DHCP_SENDS_PER_PHASE; i++) {
            now = fz_acts.timer_at_ms;
            dhcp_client_on_timer(&fz_client, now, &fz_acts);
        }
        return now;
    }
    if (target == DHCP_STATE_SELECTING || target == DHCP_STATE_INIT_REBOOT)
        return now;
    fz_reply(DHCP_OFFER, ++now);
    if (target == DHCP_STATE_REQUESTING)
        return now;
    fz_reply(DHCP_ACK, ++now);
    while (fz_client.state != target && fz_acts.timer_armed) {
        now = fz_acts.timer_at_ms;
        dhcp_client_on_timer(&fz_client, now, &fz_acts);
    }
    return now;
}

static void fz_feed_states(const uint8_t *data, size_t size)
{
    static const dhcp_state_t states[] = {
        DHCP_STATE_INIT, DHCP_STATE_SELECTING, DHCP_STATE_REQUESTING, DHCP_STATE_BOUND,
        DHCP_STATE_RENEWING, DHCP_STATE_REBINDING, DHCP_STATE_INIT_REBOOT,
    };
    uint8_t *m = malloc(size ? size : 1);
    if (m == NULL)
        return;
    for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
        for (int patch = 0; patch < 2; patch++) {
            uint64_t now = fz_drive(states[i]);
            if (fz_client.state != states[i])
                fz_fail("could not reach a state");
            memcpy(m, data, size);
            if (patch && size >= DHCP_OPTIONS_OFFSET) {
                uint32_t x = fz_client.xid;
                uint8_t xid[4] = { (uint8_t)(x >> 24), (uint8_t)(x >> 16), (uint8_t)(x >> 8), (uint8_t)x };
                memcpy(m + OFF_XID, xid, sizeof(xid));
                memcpy(m + OFF_CHADDR, fz_mac, DHCP_MAC_LEN);
            }
            dhcp_client_on_packet(&fz_client, now + 1, m, size, SERVER_IP, DHCP_BROADCAST_ADDR, &fz_acts);
            fz_check_actions();
            /* and the client keeps going: its next timer gives well-formed actions too */
            if (fz_acts.timer_armed) {
                dhcp_client_on_timer(&fz_client, fz_acts.timer_at_ms, &fz_acts);
                fz_check_actions();
            }
        }
    }
    free(m);
}

int fuzz_one(const uint8_t *data, size_t size)
{
    dhcp_packet_t p;
    dhcp_reason_t why;
    why.text[0] = '\0';
    int rc = dhcp_packet_parse(data, size, &p, &why);
    if (rc > 0 || rc < DHCP_PARSE_TOO_LONG)
        fz_fail("parse returned an unknown code");
    if (rc != DHCP_PARSE_OK && why.text[0] == '\0')
        fz_fail("rejection without a reason");
    if (rc == DHCP_PARSE_OK) {
        fz_check_packet(&p);
        fz_round_trip(&p);
    }
    fz_feed_states(data, size);
    return 0;
}
