/*
 * Private interface between the files of the DHCP core.
 *
 * dhcp_emit.c appends actions and builds the client's messages,
 * dhcp_timing.c does the arithmetic of leases, back-off and retransmission,
 * dhcp_client.c is the state machine that decides which of them to use.
 */
#ifndef DHCP_INTERNAL_H
#define DHCP_INTERNAL_H

#include "dhcp/dhcp_client.h"

#define DHCP_MS_PER_S 1000u

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
