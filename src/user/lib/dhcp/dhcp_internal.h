/*
 * Private interface between the files of the DHCP core.
 *
 * dhcp_client.c takes the events and owns the timer, dhcp_acquire.c runs
 * INIT/SELECTING/REQUESTING/INIT-REBOOT, dhcp_lease.c runs BOUND/RENEWING/
 * REBINDING and every ACK and NAK, dhcp_emit.c appends actions and builds
 * the client's messages, dhcp_timing.c does the arithmetic of leases,
 * back-off and retransmission.
 */
#ifndef DHCP_INTERNAL_H
#define DHCP_INTERNAL_H

#include "dhcp/dhcp_client.h"

#define DHCP_MS_PER_S 1000u

/* Shared by the state files (dhcp_client.c). */
void dhcp_timer_arm(dhcp_client_t *c, uint64_t at_ms);
void dhcp_timer_disarm(dhcp_client_t *c);
uint32_t dhcp_random(dhcp_client_t *c);
uint32_t dhcp_new_xid(dhcp_client_t *c);
void dhcp_client_exit(dhcp_client_t *c, int status, dhcp_actions_t *acts);

/* Acquisition (dhcp_acquire.c). */
void dhcp_acquire_send(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts);
void dhcp_acquire_begin(dhcp_client_t *c, uint64_t now_ms, unsigned attempt, dhcp_actions_t *acts);
void dhcp_reboot_begin(dhcp_client_t *c, uint64_t now_ms, uint32_t ip, dhcp_actions_t *acts);
void dhcp_reboot_timeout(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts);
void dhcp_acquire_failed(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts);
void dhcp_acquire_offer(dhcp_client_t *c, uint64_t now_ms, const dhcp_packet_t *p, uint32_t src,
                        dhcp_actions_t *acts);

/* The lease (dhcp_lease.c). */
bool dhcp_lease_is_infinite(const dhcp_lease_t *l);
void dhcp_lease_drop(dhcp_client_t *c, dhcp_actions_t *acts);
void dhcp_lease_arm(dhcp_client_t *c);
void dhcp_lease_tick(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts);
void dhcp_lease_reply(dhcp_client_t *c, uint64_t now_ms, const dhcp_packet_t *p, uint32_t src,
                      dhcp_actions_t *acts);

/* Actions. */
void dhcp_emit_reset(dhcp_actions_t *acts);
void dhcp_emit_log(dhcp_actions_t *acts, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dhcp_emit_configure(dhcp_actions_t *acts, const dhcp_lease_t *lease);
void dhcp_emit_unconfigure(dhcp_actions_t *acts);
void dhcp_emit_exit(dhcp_actions_t *acts, int status);

/* Messages: build and queue one for sending. */
void dhcp_send_discover(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts);
void dhcp_send_select_request(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts);
void dhcp_send_reboot_request(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts);
void dhcp_send_renew_request(dhcp_client_t *c, uint64_t now_ms, bool broadcast, dhcp_actions_t *acts);
void dhcp_send_decline(dhcp_client_t *c, dhcp_actions_t *acts);
void dhcp_send_release(dhcp_client_t *c, dhcp_actions_t *acts);

/* Timing. */
#define DHCP_BACKOFF_JITTER_MS 1000u
#define DHCP_DECLINE_WAIT_MS 10000u
#define DHCP_RENEW_MIN_RETRY_MS 60000u
#define DHCP_DEFAULT_LEASE_S 3600u
#define DHCP_T1_FLOOR_MS 30000u

/* Fill t1/t2/expiry of *l from the ACK's lease, T1 and T2 at now_ms (DHCP-041/042). */
void dhcp_timing_lease(dhcp_lease_t *l, const dhcp_packet_t *ack, uint64_t now_ms);
/* Back-off before attempt `next` (2..5), jitter included (DHCP-031). */
uint64_t dhcp_timing_backoff_ms(unsigned next, uint32_t random);
/* When to resend in RENEWING/REBINDING: half the time left to `limit`,
 * at least a minute, never past it (DHCP-044/045). */
uint64_t dhcp_timing_retry_at(uint64_t now_ms, uint64_t limit_ms);

#endif
