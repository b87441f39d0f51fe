/*
 * The lease: ACK handling, BOUND, RENEWING, REBINDING, expiry and NAKs
 * (spec/dhcp-client.md DHCP-025, 026, 040..049).
 *
 * The configuration always comes from an ACK, never from the OFFER; each
 * ACK (first or renewed) re-applies it and restarts T1, T2 and expiry
 * from its arrival.  In RENEWING only the lease's server may answer, in
 * REBINDING any server; a NAK in either drops the lease and starts over.
 */
#include "dhcp_internal.h"

#include <stdio.h>
#include <string.h>

#define DEFAULT_MASK 0xffffff00u

bool dhcp_lease_is_infinite(const dhcp_lease_t *l)
{
    return l->lease_s == DHCP_LEASE_INFINITE;
}

void dhcp_lease_drop(dhcp_client_t *c, dhcp_actions_t *acts)
{
    if (c->bound)
        dhcp_emit_unconfigure(acts);
    c->bound = false;
}

/* Arm the next lease event of a BOUND client (T1, or nothing if infinite). */
void dhcp_lease_arm(dhcp_client_t *c)
{
    if (dhcp_lease_is_infinite(&c->lease))
        dhcp_timer_disarm(c);
    else
        dhcp_timer_arm(c, c->lease.t1_ms);
}

static void renew_send(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts)
{
    bool rebinding = c->state == DHCP_STATE_REBINDING;
    dhcp_send_renew_request(c, now_ms, rebinding, acts);
    dhcp_timer_arm(c, dhcp_timing_retry_at(now_ms, rebinding ? c->lease.expiry_ms : c->lease.t2_ms));
}

static void renew_enter(dhcp_client_t *c, uint64_t now_ms, dhcp_state_t state, dhcp_actions_t *acts)
{
    c->state = state;
    c->xid = dhcp_new_xid(c);
    c->exchange_start_ms = now_ms;
    if (state == DHCP_STATE_REBINDING) {
        char ip[DHCP_IP_TEXT_MAX];
        dhcp_format_ip(c->lease.server_id, ip);
        dhcp_emit_log(acts, "[DHCP] rebinding: no answer from %s", ip);
    }
    renew_send(c, now_ms, acts);
}

/* A timer in BOUND, RENEWING or REBINDING. */
void dhcp_lease_tick(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts)
{
    if (now_ms >= c->lease.expiry_ms) {
        dhcp_lease_drop(c, acts);
        dhcp_emit_log(acts, "[DHCP] lease expired, restarting");
        dhcp_acquire_begin(c, now_ms, 1, acts);
    } else if (c->state != DHCP_STATE_REBINDING && now_ms >= c->lease.t2_ms) {
        renew_enter(c, now_ms, DHCP_STATE_REBINDING, acts);
    } else if (c->state == DHCP_STATE_BOUND && now_ms >= c->lease.t1_ms) {
        renew_enter(c, now_ms, DHCP_STATE_RENEWING, acts);
    } else if (c->state == DHCP_STATE_BOUND) {
        dhcp_lease_arm(c);
    } else {
        renew_send(c, now_ms, acts);
    }
}

static void nak_restart(dhcp_client_t *c, uint64_t now_ms, uint32_t from, dhcp_actions_t *acts)
{
    char ip[DHCP_IP_TEXT_MAX];
    dhcp_format_ip(from, ip);
    const char *state = dhcp_state_name(c->state);
    dhcp_lease_drop(c, acts);
    dhcp_emit_log(acts, "[DHCP] NAK from %s in %s, restarting", ip, state);
    dhcp_acquire_begin(c, now_ms, 1, acts);
}

static void log_acquired(const dhcp_lease_t *l, dhcp_actions_t *acts)
{
    char ip[DHCP_IP_TEXT_MAX], gw[DHCP_IP_TEXT_MAX], dns[DHCP_IP_TEXT_MAX], lease[DHCP_IP_TEXT_MAX];
    dhcp_format_ip(l->ip, ip);
    dhcp_format_ip(l->router, gw);
    dhcp_format_ip(l->dns[0], dns);
    if (dhcp_lease_is_infinite(l))
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
    if (p->dns_extra > 0)
        dhcp_emit_log(acts, "[DHCP] %u name servers offered, the first %u used", p->dns_count + p->dns_extra,
                      DHCP_DNS_MAX);
    if (!renewal)
        log_acquired(&l, acts);
    else if (dhcp_lease_is_infinite(&l))
        dhcp_emit_log(acts, "[DHCP] renewed lease, infinite, no renewal needed");
    else
        dhcp_emit_log(acts, "[DHCP] renewed lease, next renewal in %us",
                      (unsigned)((l.t1_ms - now_ms) / DHCP_MS_PER_S));
    dhcp_lease_arm(c);
}

/* DHCP-025: only the expected server may answer (any server when 0). */
static bool from_server(const dhcp_packet_t *p, uint32_t src, uint32_t expected)
{
    if (expected == 0)
        return true;
    return p->has_server_id ? p->server_id == expected : src == expected;
}

void dhcp_lease_reply(dhcp_client_t *c, uint64_t now_ms, const dhcp_packet_t *p, uint32_t src,
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
        dhcp_acquire_failed(c, now_ms, acts);
        return;
    }
    nak_restart(c, now_ms, from, acts);
}
