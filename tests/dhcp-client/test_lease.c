/*
 * Lease life in virtual time: BOUND, RENEWING, REBINDING, expiry, NAKs,
 * T1/T2 and the lease lengths 0, 1 and 2^32-1 seconds
 * (spec/dhcp-client.md DHCP-041..049).
 */
#include "dhcp_world.h"

/* DHCP-041 DHCP-043 DHCP-046: renewal at the default T1, unicast, re-applied */
static void test_renew_default_t1(void **state)
{
    (void)state;
    world_t *w = w_new(1);
    w_acquire(w);
    uint64_t bound_at = w->now;
    assert_true(w->acts.timer_armed);
    uint32_t xid0 = w->sent[0].p.xid;
    w_run_until(w, bound_at + SEC(1800) - 10);
    assert_int_equal(w->n_sent, 2);
    w_run_until(w, bound_at + SEC(1800) + 10);
    const w_sent_t *r = &w->sent[2];
    assert_int_equal(r->at, bound_at + SEC(1800));
    assert_int_equal(r->p.msg_type, DHCP_REQUEST);
    assert_int_equal(r->dst, IP(10, 0, 0, 1));
    assert_int_equal(r->p.ciaddr, IP(10, 0, 0, 50));
    assert_int_equal(r->p.flags, 0);
    assert_false(r->p.has_requested_ip);
    assert_false(r->p.has_server_id);
    assert_int_not_equal(r->p.xid, xid0);
    assert_int_equal(w->c.state, DHCP_STATE_BOUND);
    assert_int_equal(w->n_configure, 2);
    assert_int_equal(w->n_resolv, 2);
    assert_string_equal(w->logs[w->n_logs - 1], "[DHCP] renewed lease, next renewal in 1800s");
    /* the next renewal is counted from the renewal's ACK */
    assert_int_equal(w->acts.timer_at_ms, w->sent[2].at + 1 + SEC(1800));   /* ACK after 1 ms */
    free(w);
}

/* DHCP-041: server T1/T2 used when sane, defaults otherwise; the 30 s floor */
static void test_t1_t2_choice(void **state)
{
    (void)state;
    struct {
        uint32_t lease;
        bool has_t1, has_t2;
        uint32_t t1, t2;
        uint64_t want_t1, want_t2;
    } cases[] = {
        { 300, true, true, 100, 200, SEC(100), SEC(200) },
        { 300, true, true, 200, 100, SEC(150), 262500 },   /* T1 > T2: defaults */
        { 300, true, true, 100, 300, SEC(150), 262500 },   /* T2 = lease: defaults */
        { 300, true, false, 10, 0, SEC(10), 262500 },      /* server T1 kept under the floor */
        { 40, false, false, 0, 0, SEC(30), SEC(35) },      /* floor */
        { 20, false, false, 0, 0, SEC(10), 17500 },        /* floor would pass T2 */
        { 1, false, false, 0, 0, 500, 875 },
        { 3600, false, false, 0, 0, SEC(1800), SEC(3150) },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        world_t *w = w_new(10 + (uint32_t)i);
        w->srv.lease = cases[i].lease;
        w->srv.has_t1 = cases[i].has_t1;
        w->srv.t1 = cases[i].t1;
        w->srv.has_t2 = cases[i].has_t2;
        w->srv.t2 = cases[i].t2;
        w_acquire(w);
        uint64_t ack_at = w->now;
        print_message("# case %zu: lease %u t1 %llu t2 %llu\n", i, cases[i].lease,
                      (unsigned long long)(w->cfg.t1_ms - ack_at), (unsigned long long)(w->cfg.t2_ms - ack_at));
        assert_int_equal(w->cfg.t1_ms - ack_at, cases[i].want_t1);
        assert_int_equal(w->cfg.t2_ms - ack_at, cases[i].want_t2);
        assert_int_equal(w->cfg.expiry_ms - ack_at, SEC(cases[i].lease));
        assert_int_equal(w->acts.timer_at_ms, w->cfg.t1_ms);
        free(w);
    }
}

/* DHCP-044 DHCP-045 DHCP-047: silence after BOUND: renew retries, rebinding, expiry */
static void test_rebind_and_expiry(void **state)
{
    (void)state;
    world_t *w = w_new(2);
    w_acquire(w);
    uint64_t b = w->now;
    w->srv.on = false;
    w_run_until(w, b + SEC(3600) - 1);
    assert_true(w->configured);
    /* RENEWING: T1, then half the time left to T2, at least 60 s, never past T2 */
    static const uint64_t renew_at[] = { 1800000, 2475000, 2812500, 2981250, 3065625, 3125625 };
    size_t k = 2;
    for (size_t i = 0; i < 6; i++, k++) {
        assert_int_equal(w->sent[k].at - b, renew_at[i]);
        assert_int_equal(w->sent[k].dst, IP(10, 0, 0, 1));
        assert_int_equal(w->sent[k].p.xid, w->sent[2].p.xid);
    }
    /* REBINDING at T2: broadcast, new xid */
    assert_int_equal(w->sent[k].at - b, SEC(3150));
    assert_int_equal(w->sent[k].dst, DHCP_BROADCAST_ADDR);
    assert_int_equal(w->sent[k].p.ciaddr, IP(10, 0, 0, 50));
    assert_int_equal(w->sent[k].p.flags, 0);
    assert_false(w->sent[k].p.has_server_id);
    assert_false(w->sent[k].p.has_requested_ip);
    assert_int_not_equal(w->sent[k].p.xid, w->sent[2].p.xid);
    assert_true(w_find_log(w, "[DHCP] rebinding: no answer from 10.0.0.1") >= 0);
    static const uint64_t rebind_at[] = { 3150000, 3375000, 3487500, 3547500 };
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(w->sent[k + i].at - b, rebind_at[i]);
    assert_int_equal(w->c.state, DHCP_STATE_REBINDING);
    /* expiry */
    w_run_until(w, b + SEC(3600));
    assert_false(w->configured);
    assert_int_equal(w->n_unconfigure, 1);
    assert_true(w_find_log(w, "[DHCP] lease expired, restarting") >= 0);
    assert_int_equal(w->c.state, DHCP_STATE_SELECTING);
    assert_int_equal(w->c.attempt, 1);
    assert_int_equal(w->sent[w->n_sent - 1].p.msg_type, DHCP_DISCOVER);
    assert_int_equal(w->sent[w->n_sent - 1].at - b, SEC(3600));
    /* the server returns: a fresh lease */
    w->srv.on = true;
    w_run_until(w, b + SEC(3601));
    assert_int_equal(w->c.state, DHCP_STATE_BOUND);
    assert_true(w->configured);
    free(w);
}

/* DHCP-045 DHCP-046: in REBINDING any server may answer and becomes the lease's server */
static void test_rebind_other_server(void **state)
{
    (void)state;
    world_t *w = w_new(3);
    w->srv.lease = 1000;
    w_acquire(w);
    uint64_t b = w->now;
    w->srv.ignore_unicast = true;
    w->srv.ip = IP(10, 0, 0, 9);
    w_run_until(w, b + SEC(875) + 10);
    assert_int_equal(w->c.state, DHCP_STATE_BOUND);
    assert_int_equal(w->cfg.server_id, IP(10, 0, 0, 9));
    assert_int_equal(w->n_configure, 2);
    assert_true(w_find_log(w, "[DHCP] renewed lease, next renewal in 500s") >= 0);
    /* the next renewal goes to the new server */
    w_run_until(w, w->now + SEC(501));
    assert_int_equal(w->sent[w->n_sent - 1].dst, IP(10, 0, 0, 9));
    free(w);
}

/* DHCP-044: in RENEWING a reply from another server is ignored */
static void test_renew_other_server_ignored(void **state)
{
    (void)state;
    world_t *w = w_new(4);
    w_acquire(w);
    w->srv.ignore_requests = true;
    w_run_until(w, w->cfg.t1_ms + 1);
    assert_int_equal(w->c.state, DHCP_STATE_RENEWING);
    const w_sent_t *r = &w->sent[w->n_sent - 1];
    dhcp_packet_t p;
    w->srv.sid_override = IP(10, 0, 0, 77);
    w_reply_base(w, &r->p, &p, DHCP_ACK);
    w_reply_config(w, &p, IP(255, 255, 255, 0));
    w_deliver_packet(w, &p, IP(10, 0, 0, 77), IP(10, 0, 0, 50));
    assert_int_equal(w->c.state, DHCP_STATE_RENEWING);
    p.msg_type = DHCP_NAK;
    w_deliver_packet(w, &p, IP(10, 0, 0, 77), IP(10, 0, 0, 50));
    assert_int_equal(w->c.state, DHCP_STATE_RENEWING);
    assert_true(w->configured);
    p.server_id = IP(10, 0, 0, 1);
    p.msg_type = DHCP_ACK;
    w_deliver_packet(w, &p, IP(10, 0, 0, 1), IP(10, 0, 0, 50));
    assert_int_equal(w->c.state, DHCP_STATE_BOUND);
    free(w);
}

/* DHCP-048: a NAK in RENEWING and in REBINDING drops the lease and restarts */
static void test_nak_renewing_rebinding(void **state)
{
    (void)state;
    for (int rebinding = 0; rebinding < 2; rebinding++) {
        world_t *w = w_new(5 + (uint32_t)rebinding);
        w_acquire(w);
        w->srv.nak_requests = true;
        if (rebinding)
            w->srv.ignore_unicast = true;
        w_run_until(w, (rebinding ? w->cfg.t2_ms : w->cfg.t1_ms) + 1);   /* the NAK's arrival */
        char want[80];
        snprintf(want, sizeof(want), "[DHCP] NAK from 10.0.0.1 in %s, restarting", rebinding ? "REBINDING" : "RENEWING");
        if (w_find_log(w, want) < 0)
            w_dump_logs(w);
        assert_true(w_find_log(w, want) >= 0);
        assert_false(w->configured);
        assert_int_equal(w->n_unconfigure, 1);
        assert_int_equal(w->c.attempt, 1);
        assert_int_equal(w->sent[w->n_sent - 1].p.msg_type, DHCP_DISCOVER);
        /* the server offers again: bound again */
        w->srv.nak_requests = false;
        w->srv.ignore_unicast = false;
        w_run_until(w, w->now + SEC(1));
        assert_int_equal(w->c.state, DHCP_STATE_BOUND);
        free(w);
    }
}

/* DHCP-049: a duplicated ACK after BOUND does nothing */
static void test_duplicate_ack_after_bound(void **state)
{
    (void)state;
    world_t *w = w_new(7);
    w_acquire(w);
    const w_sent_t *r = w_last_sent(w, DHCP_REQUEST);
    dhcp_packet_t p;
    w_reply_base(w, &r->p, &p, DHCP_ACK);
    w_reply_config(w, &p, IP(255, 255, 255, 0));
    size_t logs = w->n_logs;
    uint64_t deadline = w->acts.timer_at_ms;
    w_deliver_packet(w, &p, IP(10, 0, 0, 1), DHCP_BROADCAST_ADDR);
    assert_int_equal(w->n_configure, 1);
    assert_int_equal(w->n_logs, logs);
    assert_int_equal(w->acts.timer_at_ms, deadline);
    free(w);
}

/* DHCP-042: lease 0 is refused, lease 1 runs to the millisecond, 2^32-1 is infinite */
static void test_lease_extremes(void **state)
{
    (void)state;
    world_t *w = w_new(8);
    w->srv.lease = 0;
    w_start(w);
    w_run_until(w, 1400);
    assert_false(w->configured);
    assert_true(w_find_log(w, "[DHCP] ignored packet: lease time 0") >= 0);
    assert_int_equal(w->c.state, DHCP_STATE_REQUESTING);
    free(w);

    w = w_new(9);
    w->srv.lease = 1;
    w_acquire(w);
    uint64_t b = w->now;
    assert_string_equal(w->logs[1], "[DHCP] acquired 10.0.0.50/24 gw 10.0.0.1 lease 1s dns 10.0.0.53");
    w->srv.on = false;
    w_run_until(w, b + 1000);
    assert_int_equal(w->sent[2].at - b, 500);
    assert_int_equal(w->sent[2].dst, IP(10, 0, 0, 1));
    assert_int_equal(w->sent[3].at - b, 875);
    assert_int_equal(w->sent[3].dst, DHCP_BROADCAST_ADDR);
    assert_false(w->configured);
    assert_int_equal(w->sent[4].at - b, 1000);
    assert_int_equal(w->sent[4].p.msg_type, DHCP_DISCOVER);
    free(w);

    w = w_new(10);
    w->srv.lease = DHCP_LEASE_INFINITE;
    w_acquire(w);
    assert_string_equal(w->logs[1], "[DHCP] acquired 10.0.0.50/24 gw 10.0.0.1 lease infinite dns 10.0.0.53");
    assert_false(w->acts.timer_armed);
    w_run_until(w, UINT64_MAX / 2);
    assert_int_equal(w->n_sent, 2);
    assert_true(w->configured);
    free(w);

    /* a renewal that turns a lease infinite */
    w = w_new(11);
    w->srv.lease = 10;
    w_acquire(w);
    w->srv.lease = DHCP_LEASE_INFINITE;
    w_run_until(w, w->now + SEC(6));
    assert_true(w_find_log(w, "[DHCP] renewed lease, infinite, no renewal needed") >= 0);
    assert_false(w->acts.timer_armed);
    free(w);
}

/* DHCP-041: renewal with lost messages: the lease survives a lost renewal */
static void test_lost_renewal(void **state)
{
    (void)state;
    world_t *w = w_new(12);
    w->srv.lease = 600;
    w_acquire(w);
    uint64_t b = w->now;
    w->srv.drop_next = 1;
    w_run_until(w, b + SEC(420));
    assert_int_equal(w->c.state, DHCP_STATE_BOUND);
    assert_int_equal(w->n_configure, 2);
    assert_int_equal(w_count_sent(w, DHCP_REQUEST), 3);
    assert_int_equal(w->sent[3].at - b, 412500);   /* T1 300 s + half of the 225 s left to T2 */
    free(w);
}

/* DHCP-048 DHCP-023 DHCP-049: a NAK where no REQUEST is outstanding (SELECTING, the
 * back-off in INIT, BOUND) changes nothing */
static void test_nak_ignored_elsewhere(void **state)
{
    (void)state;
    world_t *w = w_new(13);
    w->srv.on = false;
    w_start(w);
    dhcp_packet_t p;
    w_reply_base(w, &w->sent[0].p, &p, DHCP_NAK);
    w_deliver_packet(w, &p, IP(10, 0, 0, 1), DHCP_BROADCAST_ADDR);
    assert_int_equal(w->c.state, DHCP_STATE_SELECTING);
    w_run_until(w, 1600);
    assert_int_equal(w->c.state, DHCP_STATE_INIT);
    size_t logs = w->n_logs;
    w_deliver_packet(w, &p, IP(10, 0, 0, 1), DHCP_BROADCAST_ADDR);
    assert_int_equal(w->c.state, DHCP_STATE_INIT);
    assert_int_equal(w->n_logs, logs);
    free(w);

    w = w_new(14);
    w_acquire(w);
    w_reply_base(w, &w->sent[1].p, &p, DHCP_NAK);
    w_deliver_packet(w, &p, IP(10, 0, 0, 1), DHCP_BROADCAST_ADDR);
    assert_int_equal(w->c.state, DHCP_STATE_BOUND);
    assert_true(w->configured);
    assert_int_equal(w->n_unconfigure, 0);
    assert_int_equal(w->n_logs, 2);
    free(w);
}

int main(void)
{
    w_print_seed();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_renew_default_t1),
        cmocka_unit_test(test_t1_t2_choice),
        cmocka_unit_test(test_rebind_and_expiry),
        cmocka_unit_test(test_rebind_other_server),
        cmocka_unit_test(test_renew_other_server_ignored),
        cmocka_unit_test(test_nak_renewing_rebinding),
        cmocka_unit_test(test_duplicate_ack_after_bound),
        cmocka_unit_test(test_lease_extremes),
        cmocka_unit_test(test_lost_renewal),
        cmocka_unit_test(test_nak_ignored_elsewhere),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
