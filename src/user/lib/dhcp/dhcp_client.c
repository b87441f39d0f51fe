/*
 * The DHCP client state machine (RFC 2131 §4.4; spec/dhcp-client.md).
 *
 * One timer serves every state: the resend deadline while an exchange is
 * in progress (SELECTING, REQUESTING, INIT-REBOOT: 500 ms; RENEWING,
 * REBINDING: DHCP-044/045), the back-off in INIT, the next lease event in
 * BOUND (T1), and the expiry while the link is down.  Each event handler
 * starts a fresh action list, changes state, and finally copies the timer
 * into the list so the adapter knows when to call back.
 *
 * Replies are matched by op, xid and chaddr first (DHCP-018); then each
 * state accepts only the message types and servers RFC 2131 allows it.
 */
#include "dhcp_internal.h"

#include <stdio.h>
#include <string.h>

#define DEFAULT_MASK 0xffffff00u
#define SECONDS_FRACTION_MS 1000u

static void timer_arm(dhcp_client_t *c, uint64_t at_ms)
{
    c->timer_armed = true;
    c->timer_at_ms = at_ms;
}

static void timer_disarm(dhcp_client_t *c)
{
    c->timer_armed = false;
    c->timer_at_ms = 0;
}

static void event_finish(const dhcp_client_t *c, dhcp_actions_t *acts)
{
    acts->timer_armed = c->timer_armed;
    acts->timer_at_ms = c->timer_at_ms;
}

static uint32_t client_random(dhcp_client_t *c)
{
    return c->cfg.random(c->cfg.random_arg);
}

/* A transaction ID; 0 is kept to mean "no exchange in progress". */
static uint32_t client_new_xid(dhcp_client_t *c)
{
    uint32_t xid = client_random(c);
    return xid != 0 ? xid : 1;
}

static bool lease_is_infinite(const dhcp_lease_t *l)
{
    return l->lease_s == DHCP_LEASE_INFINITE;
}

/* Send (or resend) the current phase's message and wait 500 ms. */
static void phase_send(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts)
{
    c->sends++;
    if (c->state == DHCP_STATE_SELECTING)
        dhcp_send_discover(c, now_ms, acts);
    else if (c->state == DHCP_STATE_REQUESTING)
        dhcp_send_select_request(c, now_ms, acts);
    else
        dhcp_send_reboot_request(c, now_ms, acts);
    timer_arm(c, now_ms + DHCP_PHASE_WAIT_MS);
}

static void attempt_begin(dhcp_client_t *c, uint64_t now_ms, unsigned attempt, dhcp_actions_t *acts)
{
    c->attempt = attempt;
    c->xid = client_new_xid(c);
    c->exchange_start_ms = now_ms;
    c->sends = 0;
    c->state = DHCP_STATE_SELECTING;
    phase_send(c, now_ms, acts);
}

static void reboot_begin(dhcp_client_t *c, uint64_t now_ms, uint32_t ip, dhcp_actions_t *acts)
{
    c->attempt = 1;
    c->xid = client_new_xid(c);
    c->exchange_start_ms = now_ms;
    c->sends = 0;
    c->offered_ip = ip;
    c->state = DHCP_STATE_INIT_REBOOT;
    phase_send(c, now_ms, acts);
}

static void client_exit(dhcp_client_t *c, int status, dhcp_actions_t *acts)
{
    dhcp_emit_exit(acts, status);
    c->state = DHCP_STATE_DONE;
    timer_disarm(c);
}

static void attempt_failed(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts)
{
    if (c->attempt >= DHCP_ATTEMPTS_MAX) {
        dhcp_emit_log(acts, "[DHCP] failed after %u attempts, exiting", DHCP_ATTEMPTS_MAX);
        client_exit(c, 1, acts);
        return;
    }
    if (c->state != DHCP_STATE_SELECTING)
        c->xid = 0;   /* only a DISCOVER phase's OFFERs stay welcome (DHCP-033) */
    unsigned next = c->attempt + 1;
    uint64_t wait = dhcp_timing_backoff_ms(next, client_random(c));
    dhcp_emit_log(acts, "[DHCP] retry %u, waiting %u.%03us", next, (unsigned)(wait / SECONDS_FRACTION_MS),
                  (unsigned)(wait % SECONDS_FRACTION_MS));
    c->attempt = next;
    c->state = DHCP_STATE_INIT;
    timer_arm(c, now_ms + wait);
}

static void lease_drop(dhcp_client_t *c, dhcp_actions_t *acts)
{
    if (c->bound)
        dhcp_emit_unconfigure(acts);
    c->bound = false;
}

/* Arm the next lease event of a BOUND client (T1, or nothing if infinite). */
static void bound_arm(dhcp_client_t *c)
{
    if (lease_is_infinite(&c->lease))
        timer_disarm(c);
    else
        timer_arm(c, c->lease.t1_ms);
}

static void renew_send(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts)
{
    bool rebinding = c->state == DHCP_STATE_REBINDING;
    dhcp_send_renew_request(c, now_ms, rebinding, acts);
    timer_arm(c, dhcp_timing_retry_at(now_ms, rebinding ? c->lease.expiry_ms : c->lease.t2_ms));
}

static void renew_enter(dhcp_client_t *c, uint64_t now_ms, dhcp_state_t state, dhcp_actions_t *acts)
{
    c->state = state;
    c->xid = client_new_xid(c);
    c->exchange_start_ms = now_ms;
    if (state == DHCP_STATE_REBINDING) {
        char ip[DHCP_IP_TEXT_MAX];
        dhcp_format_ip(c->lease.server_id, ip);
        dhcp_emit_log(acts, "[DHCP] rebinding: no answer from %s", ip);
    }
    renew_send(c, now_ms, acts);
}

/* A timer in BOUND, RENEWING or REBINDING. */
static void lease_tick(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts)
{
    if (now_ms >= c->lease.expiry_ms) {
        lease_drop(c, acts);
        dhcp_emit_log(acts, "[DHCP] lease expired, restarting");
        attempt_begin(c, now_ms, 1, acts);
    } else if (c->state != DHCP_STATE_REBINDING && now_ms >= c->lease.t2_ms) {
        renew_enter(c, now_ms, DHCP_STATE_REBINDING, acts);
    } else if (c->state == DHCP_STATE_BOUND && now_ms >= c->lease.t1_ms) {
        renew_enter(c, now_ms, DHCP_STATE_RENEWING, acts);
    } else if (c->state == DHCP_STATE_BOUND) {
        bound_arm(c);
    } else {
        renew_send(c, now_ms, acts);
    }
}

static void nak_restart(dhcp_client_t *c, uint64_t now_ms, uint32_t from, dhcp_actions_t *acts)
{
    char ip[DHCP_IP_TEXT_MAX];
    dhcp_format_ip(from, ip);
    const char *state = dhcp_state_name(c->state);
    lease_drop(c, acts);
    dhcp_emit_log(acts, "[DHCP] NAK from %s in %s, restarting", ip, state);
    attempt_begin(c, now_ms, 1, acts);
}

static void log_acquired(const dhcp_lease_t *l, dhcp_actions_t *acts)
{
    char ip[DHCP_IP_TEXT_MAX], gw[DHCP_IP_TEXT_MAX], dns[DHCP_IP_TEXT_MAX], lease[DHCP_IP_TEXT_MAX];
    dhcp_format_ip(l->ip, ip);
    dhcp_format_ip(l->router, gw);
    dhcp_format_ip(l->dns[0], dns);
    if (lease_is_infinite(l))
        snprintf(lease, sizeof(lease), "infinite");
    else
        snprintf(lease, sizeof(lease), "%us", (unsigned)l->lease_s);
    dhcp_emit_log(acts, "[DHCP] acquired %s/%d gw %s lease %s%s%s", ip, dhcp_mask_prefix(l->mask), gw, lease,
                  l->dns_count > 0 ? " dns " : "", l->dns_count > 0 ? dns : "");
}

/* Take the configuration from an ACK (DHCP-026, 040, 042, 046). */
static void ack_accept(dhcp_client_t *c, uint64_t now_ms, const dhcp_packet_t *p, uint32_t src,
                       dhcp_actions_t *acts)
{
    if (p->yiaddr == 0) {
        dhcp_emit_log(acts, "[DHCP] ignored packet: ACK without an address");
        return;
    }
    if (p->has_lease && p->lease == 0) {
        dhcp_emit_log(acts, "[DHCP] ignored packet: lease time 0");
        return;
    }
    dhcp_lease_t l;
    memset(&l, 0, sizeof(l));
    l.ip = p->yiaddr;
    l.mask = p->has_mask ? p->mask : DEFAULT_MASK;
    if (dhcp_mask_prefix(l.mask) < 0) {
        dhcp_emit_log(acts, "[DHCP] ignored packet: non-contiguous subnet mask");
        return;
    }
    l.router = p->has_router ? p->router : 0;
    l.server_id = p->has_server_id ? p->server_id : src;
    if (l.server_id == 0)
        l.server_id = c->bound ? c->lease.server_id : c->server_id;
    l.dns_count = p->dns_count;
    memcpy(l.dns, p->dns, sizeof(l.dns));
    l.has_domain = p->has_domain;
    memcpy(l.domain, p->domain, sizeof(l.domain));
    dhcp_timing_lease(&l, p, now_ms);

    bool renewal = c->state == DHCP_STATE_RENEWING || c->state == DHCP_STATE_REBINDING;
    c->lease = l;
    c->bound = true;
    c->state = DHCP_STATE_BOUND;
    dhcp_emit_configure(acts, &l);
    if (!renewal)
        log_acquired(&l, acts);
    else if (lease_is_infinite(&l))
        dhcp_emit_log(acts, "[DHCP] renewed lease, infinite, no renewal needed");
    else
        dhcp_emit_log(acts, "[DHCP] renewed lease, next renewal in %us",
                      (unsigned)((l.t1_ms - now_ms) / DHCP_MS_PER_S));
    bound_arm(c);
}

static void on_offer(dhcp_client_t *c, uint64_t now_ms, const dhcp_packet_t *p, uint32_t src,
                     dhcp_actions_t *acts)
{
    uint32_t sid = p->has_server_id ? p->server_id : src;
    if (p->msg_type != DHCP_OFFER || p->yiaddr == 0 || sid == 0)
        return;
    c->offered_ip = p->yiaddr;
    c->server_id = sid;
    char ip[DHCP_IP_TEXT_MAX], from[DHCP_IP_TEXT_MAX];
    dhcp_format_ip(p->yiaddr, ip);
    dhcp_format_ip(sid, from);
    dhcp_emit_log(acts, "[DHCP] offer %s from %s", ip, from);
    c->state = DHCP_STATE_REQUESTING;
    c->sends = 0;
    phase_send(c, now_ms, acts);
}

/* DHCP-025: only the expected server may answer (any server when 0). */
static bool from_server(const dhcp_packet_t *p, uint32_t src, uint32_t expected)
{
    if (expected == 0)
        return true;
    return p->has_server_id ? p->server_id == expected : src == expected;
}

static void on_reply(dhcp_client_t *c, uint64_t now_ms, const dhcp_packet_t *p, uint32_t src,
                     dhcp_actions_t *acts)
{
    if (p->msg_type != DHCP_ACK && p->msg_type != DHCP_NAK)
        return;
    uint32_t expected = 0;
    if (c->state == DHCP_STATE_REQUESTING)
        expected = c->server_id;
    else if (c->state == DHCP_STATE_RENEWING)
        expected = c->lease.server_id;
    if (!from_server(p, src, expected))
        return;
    if (p->msg_type == DHCP_ACK) {
        ack_accept(c, now_ms, p, src, acts);
        return;
    }
    uint32_t from = p->has_server_id ? p->server_id : src;
    if (c->state == DHCP_STATE_REQUESTING) {
        char ip[DHCP_IP_TEXT_MAX];
        dhcp_format_ip(from, ip);
        dhcp_emit_log(acts, "[DHCP] NAK from %s in REQUESTING, restarting", ip);
        attempt_failed(c, now_ms, acts);
        return;
    }
    nak_restart(c, now_ms, from, acts);
}

void dhcp_client_init(dhcp_client_t *c, const dhcp_config_t *cfg)
{
    memset(c, 0, sizeof(*c));
    c->cfg = *cfg;
    c->state = DHCP_STATE_INIT;
    c->link_up = true;
}

void dhcp_client_start(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts)
{
    static const uint8_t no_mac[DHCP_MAC_LEN];
    dhcp_emit_reset(acts);
    if (c->state != DHCP_STATE_INIT || c->timer_armed) {
        event_finish(c, acts);
        return;
    }
    if (memcmp(c->cfg.mac, no_mac, DHCP_MAC_LEN) == 0) {
        dhcp_emit_log(acts, "[DHCP] no network interface, exiting");
        client_exit(c, 0, acts);
    } else if (c->cfg.has_remembered_ip) {
        reboot_begin(c, now_ms, c->cfg.remembered_ip, acts);
    } else {
        attempt_begin(c, now_ms, 1, acts);
    }
    event_finish(c, acts);
}

void dhcp_client_on_packet(dhcp_client_t *c, uint64_t now_ms, const uint8_t *data, size_t len,
                           uint32_t src_ip, uint32_t dst_ip, dhcp_actions_t *acts)
{
    dhcp_emit_reset(acts);
    (void)dst_ip;   /* DHCP-023: replies count whatever their destination */
    if (c->state == DHCP_STATE_DONE || c->state == DHCP_STATE_LINK_DOWN) {
        event_finish(c, acts);
        return;
    }
    dhcp_packet_t p;
    dhcp_reason_t why;
    if (dhcp_packet_parse(data, len, &p, &why) != DHCP_PARSE_OK) {
        dhcp_emit_log(acts, "[DHCP] ignored packet: %s", why.text);
        event_finish(c, acts);
        return;
    }
    bool ours = c->xid != 0 && p.op == DHCP_BOOTREPLY && p.xid == c->xid && memcmp(p.chaddr, c->cfg.mac, DHCP_MAC_LEN) == 0;
    if (ours) {
        switch (c->state) {
        case DHCP_STATE_SELECTING:
        case DHCP_STATE_INIT:   /* a late OFFER during the back-off (DHCP-033) */
            on_offer(c, now_ms, &p, src_ip, acts);
            break;
        case DHCP_STATE_REQUESTING:
        case DHCP_STATE_INIT_REBOOT:
        case DHCP_STATE_RENEWING:
        case DHCP_STATE_REBINDING:
            on_reply(c, now_ms, &p, src_ip, acts);
            break;
        default:
            break;   /* BOUND: no exchange in progress */
        }
    }
    event_finish(c, acts);
}

static void reboot_timeout(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts)
{
    if (c->bound) {   /* link came back with a lease: keep using it (RFC 2131 §3.2) */
        c->state = DHCP_STATE_BOUND;
        c->xid = 0;
        lease_tick(c, now_ms, acts);
        return;
    }
    c->state = DHCP_STATE_SELECTING;
    c->xid = client_new_xid(c);
    c->sends = 0;
    phase_send(c, now_ms, acts);
}

void dhcp_client_on_timer(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts)
{
    dhcp_emit_reset(acts);
    if (!c->timer_armed || now_ms < c->timer_at_ms) {
        event_finish(c, acts);
        return;
    }
    timer_disarm(c);
    switch (c->state) {
    case DHCP_STATE_INIT:
        attempt_begin(c, now_ms, c->attempt, acts);
        break;
    case DHCP_STATE_SELECTING:
    case DHCP_STATE_REQUESTING:
        if (c->sends < DHCP_SENDS_PER_PHASE)
            phase_send(c, now_ms, acts);
        else
            attempt_failed(c, now_ms, acts);
        break;
    case DHCP_STATE_INIT_REBOOT:
        if (c->sends < DHCP_SENDS_PER_PHASE)
            phase_send(c, now_ms, acts);
        else
            reboot_timeout(c, now_ms, acts);
        break;
    case DHCP_STATE_BOUND:
    case DHCP_STATE_RENEWING:
    case DHCP_STATE_REBINDING:
        lease_tick(c, now_ms, acts);
        break;
    case DHCP_STATE_LINK_DOWN:
        if (c->bound && now_ms >= c->lease.expiry_ms) {
            lease_drop(c, acts);
            dhcp_emit_log(acts, "[DHCP] lease expired, restarting");
        }
        break;
    case DHCP_STATE_DONE:
        break;
    }
    event_finish(c, acts);
}

void dhcp_client_on_link(dhcp_client_t *c, uint64_t now_ms, bool up, dhcp_actions_t *acts)
{
    dhcp_emit_reset(acts);
    if (c->state == DHCP_STATE_DONE || up == c->link_up) {
        event_finish(c, acts);
        return;
    }
    c->link_up = up;
    if (!up) {
        c->state = DHCP_STATE_LINK_DOWN;
        c->xid = 0;
        timer_disarm(c);
        if (c->bound && !lease_is_infinite(&c->lease))
            timer_arm(c, c->lease.expiry_ms);
    } else if (c->bound) {
        reboot_begin(c, now_ms, c->lease.ip, acts);
    } else {
        attempt_begin(c, now_ms, 1, acts);
    }
    event_finish(c, acts);
}

void dhcp_client_on_conflict(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts)
{
    dhcp_emit_reset(acts);
    bool holding = c->state == DHCP_STATE_BOUND || c->state == DHCP_STATE_RENEWING ||
                   c->state == DHCP_STATE_REBINDING;
    if (c->bound && holding) {
        char ip[DHCP_IP_TEXT_MAX];
        dhcp_format_ip(c->lease.ip, ip);
        dhcp_send_decline(c, acts);
        lease_drop(c, acts);
        dhcp_emit_log(acts, "[DHCP] address %s in use, declined", ip);
        c->state = DHCP_STATE_INIT;
        c->attempt = 1;
        c->xid = 0;
        timer_arm(c, now_ms + DHCP_DECLINE_WAIT_MS);
    }
    event_finish(c, acts);
}

void dhcp_client_stop(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts)
{
    (void)now_ms;
    dhcp_emit_reset(acts);
    if (c->state == DHCP_STATE_DONE) {
        event_finish(c, acts);
        return;
    }
    if (c->bound && c->link_up) {
        char ip[DHCP_IP_TEXT_MAX];
        dhcp_format_ip(c->lease.ip, ip);
        dhcp_send_release(c, acts);
        lease_drop(c, acts);
        dhcp_emit_log(acts, "[DHCP] released %s", ip);
    } else {
        lease_drop(c, acts);
        dhcp_emit_log(acts, "[DHCP] stopped");
    }
    client_exit(c, 0, acts);
    event_finish(c, acts);
}
