/*
 * Actions and outgoing messages of the DHCP core.
 *
 * Every event handler starts from an empty action list and appends to it
 * through these helpers.  The longest list one event can produce is four
 * actions (stop: send, unconfigure, log, exit), well inside
 * DHCP_ACTIONS_MAX.  The message helpers fill a dhcp_packet_t as RFC 2131
 * table 5 asks for each message and state (DHCP-017, 022, 024, 043, 045,
 * 050, 051, 052) and encode it with the one builder.
 */
#include "dhcp_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define CLIENT_ID_TYPE_ETHERNET 1u
#define SECS_MAX 0xffffu

static const uint8_t client_param_list[] = {
    DHCP_OPT_SUBNET_MASK, DHCP_OPT_ROUTER, DHCP_OPT_DNS, DHCP_OPT_DOMAIN,
    DHCP_OPT_LEASE_TIME, DHCP_OPT_T1, DHCP_OPT_T2,
};

static dhcp_action_t *emit_new(dhcp_actions_t *acts, dhcp_action_kind_t kind)
{
    if (acts->count >= DHCP_ACTIONS_MAX)
        return NULL;   /* cannot happen: see the comment at the top */
    dhcp_action_t *a = &acts->list[acts->count++];
    memset(a, 0, sizeof(*a));
    a->kind = kind;
    return a;
}

void dhcp_emit_reset(dhcp_actions_t *acts)
{
    acts->count = 0;
    acts->timer_armed = false;
    acts->timer_at_ms = 0;
}

void dhcp_emit_log(dhcp_actions_t *acts, const char *fmt, ...)
{
    dhcp_action_t *a = emit_new(acts, DHCP_ACT_LOG);
    if (a == NULL)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->text, DHCP_LOG_MAX, fmt, ap);
    va_end(ap);
}

void dhcp_emit_configure(dhcp_actions_t *acts, const dhcp_lease_t *lease)
{
    dhcp_action_t *a = emit_new(acts, DHCP_ACT_CONFIGURE);
    if (a != NULL)
        a->lease = *lease;
    if (lease->dns_count == 0)
        return;
    a = emit_new(acts, DHCP_ACT_WRITE_RESOLV);
    if (a != NULL)
        a->len = dhcp_format_resolv(lease, a->text, sizeof(a->text));
}

void dhcp_emit_unconfigure(dhcp_actions_t *acts)
{
    emit_new(acts, DHCP_ACT_UNCONFIGURE);
}

void dhcp_emit_exit(dhcp_actions_t *acts, int status)
{
    dhcp_action_t *a = emit_new(acts, DHCP_ACT_EXIT);
    if (a != NULL)
        a->status = status;
}

static void msg_base(const dhcp_client_t *c, dhcp_packet_t *p, uint8_t type, uint32_t xid)
{
    dhcp_packet_init(p, DHCP_BOOTREQUEST, xid, c->cfg.mac);
    p->msg_type = type;
    p->client_id[0] = CLIENT_ID_TYPE_ETHERNET;
    memcpy(p->client_id + 1, c->cfg.mac, DHCP_MAC_LEN);
    p->client_id_len = 1 + DHCP_MAC_LEN;
}

static void msg_ask(const dhcp_client_t *c, dhcp_packet_t *p, uint64_t now_ms)
{
    memcpy(p->param_list, client_param_list, sizeof(client_param_list));
    p->param_list_len = sizeof(client_param_list);
    uint64_t secs = (now_ms - c->exchange_start_ms) / DHCP_MS_PER_S;
    p->secs = (uint16_t)(secs > SECS_MAX ? SECS_MAX : secs);
}

static void msg_send(dhcp_actions_t *acts, const dhcp_packet_t *p, uint32_t dst)
{
    dhcp_action_t *a = emit_new(acts, DHCP_ACT_SEND);
    if (a == NULL)
        return;
    int n = dhcp_packet_build(p, a->packet, sizeof(a->packet));
    a->len = n > 0 ? (size_t)n : 0;   /* cannot fail: client messages are small */
    a->dst_ip = dst;
}

void dhcp_send_discover(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts)
{
    dhcp_packet_t p;
    msg_base(c, &p, DHCP_DISCOVER, c->xid);
    msg_ask(c, &p, now_ms);
    p.flags = DHCP_FLAG_BROADCAST;
    msg_send(acts, &p, DHCP_BROADCAST_ADDR);
}

void dhcp_send_select_request(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts)
{
    dhcp_packet_t p;
    msg_base(c, &p, DHCP_REQUEST, c->xid);
    msg_ask(c, &p, now_ms);
    p.flags = DHCP_FLAG_BROADCAST;
    p.has_requested_ip = true;
    p.requested_ip = c->offered_ip;
    p.has_server_id = true;
    p.server_id = c->server_id;
    msg_send(acts, &p, DHCP_BROADCAST_ADDR);
}

void dhcp_send_reboot_request(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts)
{
    dhcp_packet_t p;
    msg_base(c, &p, DHCP_REQUEST, c->xid);
    msg_ask(c, &p, now_ms);
    p.flags = DHCP_FLAG_BROADCAST;
    p.has_requested_ip = true;
    p.requested_ip = c->offered_ip;
    msg_send(acts, &p, DHCP_BROADCAST_ADDR);
}

void dhcp_send_renew_request(dhcp_client_t *c, uint64_t now_ms, bool broadcast, dhcp_actions_t *acts)
{
    dhcp_packet_t p;
    msg_base(c, &p, DHCP_REQUEST, c->xid);
    msg_ask(c, &p, now_ms);
    p.ciaddr = c->lease.ip;
    msg_send(acts, &p, broadcast ? DHCP_BROADCAST_ADDR : c->lease.server_id);
}

void dhcp_send_decline(dhcp_client_t *c, dhcp_actions_t *acts)
{
    dhcp_packet_t p;
    msg_base(c, &p, DHCP_DECLINE, dhcp_random(c));
    p.has_requested_ip = true;
    p.requested_ip = c->lease.ip;
    p.has_server_id = true;
    p.server_id = c->lease.server_id;
    msg_send(acts, &p, DHCP_BROADCAST_ADDR);
}

void dhcp_send_release(dhcp_client_t *c, dhcp_actions_t *acts)
{
    dhcp_packet_t p;
    msg_base(c, &p, DHCP_RELEASE, dhcp_random(c));
    p.ciaddr = c->lease.ip;
    p.has_server_id = true;
    p.server_id = c->lease.server_id;
    msg_send(acts, &p, c->lease.server_id);
}
