/*
 * The DHCP client's events (RFC 2131 §4.4; spec/dhcp-client.md).
 *
 * One timer serves every state: the resend deadline while an exchange is
 * in progress (SELECTING, REQUESTING, INIT-REBOOT: 500 ms; RENEWING,
 * REBINDING: DHCP-044/045), the back-off in INIT, the next lease event in
 * BOUND (T1), and the expiry while the link is down.  Each event handler
 * here starts a fresh action list, lets dhcp_acquire.c or dhcp_lease.c
 * change state, and finally copies the timer into the list so the adapter
 * knows when to call back.  Replies are matched by op, xid and chaddr
 * first (DHCP-018) before any state looks at them.
 */
#include "dhcp_internal.h"

#include <string.h>

void dhcp_timer_arm(dhcp_client_t *c, uint64_t at_ms)
{
    c->timer_armed = true;
    c->timer_at_ms = at_ms;
}

void dhcp_timer_disarm(dhcp_client_t *c)
{
    c->timer_armed = false;
    c->timer_at_ms = 0;
}

static void event_finish(const dhcp_client_t *c, dhcp_actions_t *acts)
{
    acts->timer_armed = c->timer_armed;
    acts->timer_at_ms = c->timer_at_ms;
}

uint32_t dhcp_random(dhcp_client_t *c)
{
    return c->cfg.random(c->cfg.random_arg);
}

/* A transaction ID; 0 is kept to mean "no exchange in progress". */
uint32_t dhcp_new_xid(dhcp_client_t *c)
{
    uint32_t xid = dhcp_random(c);
    return xid != 0 ? xid : 1;
}

void dhcp_client_exit(dhcp_client_t *c, int status, dhcp_actions_t *acts)
{
    dhcp_emit_exit(acts, status);
    c->state = DHCP_STATE_DONE;
    dhcp_timer_disarm(c);
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
        dhcp_client_exit(c, 0, acts);
    } else if (c->cfg.has_remembered_ip) {
        dhcp_reboot_begin(c, now_ms, c->cfg.remembered_ip, acts);
    } else {
        dhcp_acquire_begin(c, now_ms, 1, acts);
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
            dhcp_acquire_offer(c, now_ms, &p, src_ip, acts);
            break;
        case DHCP_STATE_REQUESTING:
        case DHCP_STATE_INIT_REBOOT:
        case DHCP_STATE_RENEWING:
        case DHCP_STATE_REBINDING:
            dhcp_lease_reply(c, now_ms, &p, src_ip, acts);
            break;
        default:
            break;   /* BOUND: no exchange in progress */
        }
    }
    event_finish(c, acts);
}

void dhcp_client_on_timer(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts)
{
    dhcp_emit_reset(acts);
    if (!c->timer_armed || now_ms < c->timer_at_ms) {
        event_finish(c, acts);
        return;
    }
    dhcp_timer_disarm(c);
    switch (c->state) {
    case DHCP_STATE_INIT:
        dhcp_acquire_begin(c, now_ms, c->attempt, acts);
        break;
    case DHCP_STATE_SELECTING:
    case DHCP_STATE_REQUESTING:
        if (c->sends < DHCP_SENDS_PER_PHASE)
            dhcp_acquire_send(c, now_ms, acts);
        else
            dhcp_acquire_failed(c, now_ms, acts);
        break;
    case DHCP_STATE_INIT_REBOOT:
        if (c->sends < DHCP_SENDS_PER_PHASE)
            dhcp_acquire_send(c, now_ms, acts);
        else
            dhcp_reboot_timeout(c, now_ms, acts);
        break;
    case DHCP_STATE_BOUND:
    case DHCP_STATE_RENEWING:
    case DHCP_STATE_REBINDING:
        dhcp_lease_tick(c, now_ms, acts);
        break;
    case DHCP_STATE_LINK_DOWN:
        if (c->bound && now_ms >= c->lease.expiry_ms) {
            dhcp_lease_drop(c, acts);
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
        dhcp_timer_disarm(c);
        if (c->bound && !dhcp_lease_is_infinite(&c->lease))
            dhcp_timer_arm(c, c->lease.expiry_ms);
    } else if (c->bound) {
        dhcp_reboot_begin(c, now_ms, c->lease.ip, acts);
    } else {
        dhcp_acquire_begin(c, now_ms, 1, acts);
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
        dhcp_lease_drop(c, acts);
        dhcp_emit_log(acts, "[DHCP] address %s in use, declined", ip);
        c->state = DHCP_STATE_INIT;
        c->attempt = 1;
        c->xid = 0;
        dhcp_timer_arm(c, now_ms + DHCP_DECLINE_WAIT_MS);
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
        dhcp_lease_drop(c, acts);
        dhcp_emit_log(acts, "[DHCP] released %s", ip);
    } else {
        dhcp_lease_drop(c, acts);
        dhcp_emit_log(acts, "[DHCP] stopped");
    }
    dhcp_client_exit(c, 0, acts);
    event_finish(c, acts);
}
