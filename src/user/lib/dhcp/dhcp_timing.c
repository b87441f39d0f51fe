/*
 * Time arithmetic of the DHCP core, all in milliseconds as uint64_t.
 *
 * Lease timers follow RFC 2131 §4.4.5 (T1 = 0.5, T2 = 0.875 of the lease
 * unless the server sends sane options 58/59), with the seeds' 30-second
 * floor kept for the default T1 where it stays below T2 (DHCP-041).  An
 * infinite lease arms nothing (DHCP-042).  Back-off between attempts is the
 * seeds' 4, 8, 16, 32 s with RFC 2131 §4.1's ±1 s of jitter (DHCP-031).
 */
#include "dhcp_internal.h"

#define T1_DEFAULT_NUM 1u
#define T1_DEFAULT_DEN 2u
#define T2_DEFAULT_NUM 7u
#define T2_DEFAULT_DEN 8u
#define BACKOFF_FIRST_MS 4000u
#define FIRST_RETRY_ATTEMPT 2u
#define NEVER UINT64_MAX

void dhcp_timing_lease(dhcp_lease_t *l, const dhcp_packet_t *ack, uint64_t now_ms)
{
    l->lease_s = ack->has_lease ? ack->lease : DHCP_DEFAULT_LEASE_S;
    if (l->lease_s == DHCP_LEASE_INFINITE) {
        l->t1_ms = l->t2_ms = l->expiry_ms = NEVER;
        return;
    }
    uint64_t lease = (uint64_t)l->lease_s * DHCP_MS_PER_S;
    uint64_t def_t1 = lease * T1_DEFAULT_NUM / T1_DEFAULT_DEN;
    uint64_t def_t2 = lease * T2_DEFAULT_NUM / T2_DEFAULT_DEN;
    uint64_t t1 = ack->has_t1 ? (uint64_t)ack->t1 * DHCP_MS_PER_S : def_t1;
    uint64_t t2 = ack->has_t2 ? (uint64_t)ack->t2 * DHCP_MS_PER_S : def_t2;
    bool server_t1 = ack->has_t1;
    if (!(t1 < t2 && t2 < lease)) {
        t1 = def_t1;
        t2 = def_t2;
        server_t1 = false;
    }
    if (!server_t1 && t1 < DHCP_T1_FLOOR_MS && DHCP_T1_FLOOR_MS < t2)
        t1 = DHCP_T1_FLOOR_MS;
    l->t1_ms = now_ms + t1;
    l->t2_ms = now_ms + t2;
    l->expiry_ms = now_ms + lease;
}

uint64_t dhcp_timing_backoff_ms(unsigned next, uint32_t random)
{
    uint64_t base = (uint64_t)BACKOFF_FIRST_MS << (next - FIRST_RETRY_ATTEMPT);
    uint32_t span = 2 * DHCP_BACKOFF_JITTER_MS + 1;
    return base - DHCP_BACKOFF_JITTER_MS + random % span;
}

uint64_t dhcp_timing_retry_at(uint64_t now_ms, uint64_t limit_ms)
{
    if (now_ms >= limit_ms)
        return limit_ms;
    uint64_t wait = (limit_ms - now_ms) / 2;
    if (wait < DHCP_RENEW_MIN_RETRY_MS)
        wait = DHCP_RENEW_MIN_RETRY_MS;
    return wait >= limit_ms - now_ms ? limit_ms : now_ms + wait;
}
