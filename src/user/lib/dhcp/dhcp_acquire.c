/*
 * Acquisition: INIT, SELECTING, REQUESTING and INIT-REBOOT
 * (spec/dhcp-client.md DHCP-021..033, DHCP-050).
 *
 * An attempt is a DISCOVER phase then a REQUEST phase, each at most
 * DHCP_SENDS_PER_PHASE sends DHCP_PHASE_WAIT_MS apart; a failed attempt
 * waits out the seeds' back-off (with jitter) in INIT, keeping the DISCOVER
 * xid so that a slow server's OFFER is still taken.
 */
#include "dhcp_internal.h"

#define SECONDS_FRACTION_MS 1000u

/* Send (or resend) the current phase's message and wait 500 ms. */
void dhcp_acquire_send(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts)
{
    c->sends++;
    if (c->state == DHCP_STATE_SELECTING)
        dhcp_send_discover(c, now_ms, acts);
    else if (c->state == DHCP_STATE_REQUESTING)
        dhcp_send_select_request(c, now_ms, acts);
    else
        dhcp_send_reboot_request(c, now_ms, acts);
    dhcp_timer_arm(c, now_ms + DHCP_PHASE_WAIT_MS);
}

void dhcp_acquire_begin(dhcp_client_t *c, uint64_t now_ms, unsigned attempt, dhcp_actions_t *acts)
{
    c->attempt = attempt;
    c->xid = dhcp_new_xid(c);
    c->exchange_start_ms = now_ms;
    c->sends = 0;
    c->state = DHCP_STATE_SELECTING;
    dhcp_acquire_send(c, now_ms, acts);
}

void dhcp_reboot_begin(dhcp_client_t *c, uint64_t now_ms, uint32_t ip, dhcp_actions_t *acts)
{
    c->attempt = 1;
    c->xid = dhcp_new_xid(c);
    c->exchange_start_ms = now_ms;
    c->sends = 0;
    c->offered_ip = ip;
    c->state = DHCP_STATE_INIT_REBOOT;
    dhcp_acquire_send(c, now_ms, acts);
}

void dhcp_acquire_failed(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts)
{
    if (c->attempt >= DHCP_ATTEMPTS_MAX) {
        dhcp_emit_log(acts, "[DHCP] failed after %u attempts, exiting", DHCP_ATTEMPTS_MAX);
        dhcp_client_exit(c, 1, acts);
        return;
    }
    if (c->state != DHCP_STATE_SELECTING)
        c->xid = 0;   /* only a DISCOVER phase's OFFERs stay welcome (DHCP-033) */
    unsigned next = c->attempt + 1;
    uint64_t wait = dhcp_timing_backoff_ms(next, dhcp_random(c));
    dhcp_emit_log(acts, "[DHCP] retry %u, waiting %u.%03us", next, (unsigned)(wait / SECONDS_FRACTION_MS),
                  (unsigned)(wait % SECONDS_FRACTION_MS));
    c->attempt = next;
    c->state = DHCP_STATE_INIT;
    dhcp_timer_arm(c, now_ms + wait);
}

void dhcp_acquire_offer(dhcp_client_t *c, uint64_t now_ms, const dhcp_packet_t *p, uint32_t src,
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
    dhcp_acquire_send(c, now_ms, acts);
}

/* INIT-REBOOT got no answer: keep a lease still held, or ask anew. */
void dhcp_reboot_timeout(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts)
{
    if (c->bound) {   /* link came back with a lease: keep using it (RFC 2131 §3.2) */
        c->state = DHCP_STATE_BOUND;
        c->xid = 0;
        dhcp_lease_tick(c, now_ms, acts);
        return;
    }
    c->state = DHCP_STATE_SELECTING;
    c->xid = dhcp_new_xid(c);
    c->sends = 0;
    dhcp_acquire_send(c, now_ms, acts);
}
