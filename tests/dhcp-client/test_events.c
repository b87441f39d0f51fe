/*
 * INIT-REBOOT, DECLINE, RELEASE and link changes in virtual time
 * (spec/dhcp-client.md DHCP-048, 050..053, 061).
 */
#include "dhcp_world.h"

static void w_remember(world_t *w, uint32_t ip)
{
    w->c.cfg.has_remembered_ip = true;
    w->c.cfg.remembered_ip = ip;
}

/* DHCP-050: INIT-REBOOT with a remembered address: the REQUEST, then an ACK */
static void test_init_reboot_ack(void **state)
{
    (void)state;
    world_t *w = w_new(1);
    w_remember(w, IP(10, 0, 0, 50));
    w_start(w);
    assert_int_equal(w->c.state, DHCP_STATE_INIT_REBOOT);
    const w_sent_t *r = &w->sent[0];
    assert_int_equal(r->p.msg_type, DHCP_REQUEST);
    assert_int_equal(r->dst, DHCP_BROADCAST_ADDR);
    assert_int_equal(r->p.flags, DHCP_FLAG_BROADCAST);
    assert_int_equal(r->p.ciaddr, 0);
    assert_true(r->p.has_requested_ip);
    assert_int_equal(r->p.requested_ip, IP(10, 0, 0, 50));
    assert_false(r->p.has_server_id);
    assert_int_equal(r->p.client_id_len, 7);
    w_run_until(w, 10);
    assert_int_equal(w->c.state, DHCP_STATE_BOUND);
    assert_int_equal(w_count_sent(w, DHCP_DISCOVER), 0);
    assert_string_equal(w->logs[0], "[DHCP] acquired 10.0.0.50/24 gw 10.0.0.1 lease 3600s dns 10.0.0.53");
    free(w);
}

/* DHCP-048 DHCP-050: a NAK in INIT-REBOOT restarts with a DISCOVER */
static void test_init_reboot_nak(void **state)
{
    (void)state;
    world_t *w = w_new(2);
    w_remember(w, IP(10, 0, 0, 77));   /* the server hands out .50: NAK */
    w_start(w);
    w_run_until(w, 1);
    assert_string_equal(w->logs[0], "[DHCP] NAK from 10.0.0.1 in INIT-REBOOT, restarting");
    assert_int_equal(w->n_unconfigure, 0);   /* nothing was configured */
    assert_int_equal(w->sent[1].p.msg_type, DHCP_DISCOVER);
    w_run_until(w, 10);
    assert_int_equal(w->c.state, DHCP_STATE_BOUND);
    assert_int_equal(w->cfg.ip, IP(10, 0, 0, 50));
    free(w);
}

/* DHCP-050: no answer in INIT-REBOOT: three REQUESTs, then a DISCOVER in the same attempt */
static void test_init_reboot_silence(void **state)
{
    (void)state;
    world_t *w = w_new(3);
    w_remember(w, IP(10, 0, 0, 50));
    w->srv.ignore_requests = true;
    w_start(w);
    w_run_until(w, 1500);
    assert_int_equal(w_count_sent(w, DHCP_REQUEST), 3);
    assert_int_equal(w->sent[1].at, 500);
    assert_int_equal(w->sent[2].at, 1000);
    assert_int_equal(w->sent[3].p.msg_type, DHCP_DISCOVER);
    assert_int_equal(w->sent[3].at, 1500);
    assert_int_not_equal(w->sent[3].p.xid, w->sent[0].p.xid);
    assert_int_equal(w->c.attempt, 1);
    assert_int_equal(w_find_log(w, "[DHCP] retry"), -1);
    free(w);
}

/* DHCP-051: an address conflict: DECLINE, unconfigure, new attempt after 10 s */
static void test_decline(void **state)
{
    (void)state;
    world_t *w = w_new(4);
    w_acquire(w);
    uint64_t b = w->now;
    dhcp_client_on_conflict(&w->c, w->now, &w->acts);
    w_apply(w);
    const w_sent_t *d = &w->sent[2];
    assert_int_equal(d->p.msg_type, DHCP_DECLINE);
    assert_int_equal(d->dst, DHCP_BROADCAST_ADDR);
    assert_int_equal(d->p.ciaddr, 0);
    assert_true(d->p.has_requested_ip && d->p.requested_ip == IP(10, 0, 0, 50));
    assert_true(d->p.has_server_id && d->p.server_id == IP(10, 0, 0, 1));
    assert_int_equal(d->p.param_list_len, 0);
    assert_int_not_equal(d->p.xid, w->sent[1].p.xid);
    assert_false(w->configured);
    assert_string_equal(w->logs[w->n_logs - 1], "[DHCP] address 10.0.0.50 in use, declined");
    assert_int_equal(w->acts.timer_at_ms, b + SEC(10));
    w_run_until(w, b + SEC(10) - 1);
    assert_int_equal(w->n_sent, 3);
    w->srv.pool_ip = IP(10, 0, 0, 51);
    w_run_until(w, b + SEC(11));
    assert_int_equal(w->sent[3].p.msg_type, DHCP_DISCOVER);
    assert_int_equal(w->sent[3].at, b + SEC(10));
    assert_int_equal(w->c.state, DHCP_STATE_BOUND);
    assert_int_equal(w->cfg.ip, IP(10, 0, 0, 51));
    /* a conflict report without a lease is ignored */
    world_t *v = w_new(5);
    v->srv.on = false;
    w_start(v);
    dhcp_client_on_conflict(&v->c, v->now, &v->acts);
    assert_int_equal(v->acts.count, 0);
    free(v);
    free(w);
}

/* DHCP-052 DHCP-061: stop with a lease releases it; without one just stops */
static void test_release_and_stop(void **state)
{
    (void)state;
    world_t *w = w_new(6);
    w_acquire(w);
    dhcp_client_stop(&w->c, w->now, &w->acts);
    w_apply(w);
    const w_sent_t *r = &w->sent[2];
    assert_int_equal(r->p.msg_type, DHCP_RELEASE);
    assert_int_equal(r->dst, IP(10, 0, 0, 1));
    assert_int_equal(r->p.ciaddr, IP(10, 0, 0, 50));
    assert_true(r->p.has_server_id && r->p.server_id == IP(10, 0, 0, 1));
    assert_false(r->p.has_requested_ip);
    assert_int_equal(r->p.param_list_len, 0);
    assert_false(w->configured);
    assert_string_equal(w->logs[w->n_logs - 1], "[DHCP] released 10.0.0.50");
    assert_true(w->exited);
    assert_int_equal(w->status, 0);
    assert_false(w->acts.timer_armed);
    /* after exit nothing happens */
    dhcp_client_on_timer(&w->c, w->now + SEC(5000), &w->acts);
    assert_int_equal(w->acts.count, 0);
    dhcp_client_stop(&w->c, w->now, &w->acts);
    assert_int_equal(w->acts.count, 0);
    free(w);

    w = w_new(7);
    w->srv.on = false;
    w_start(w);
    dhcp_client_stop(&w->c, w->now, &w->acts);
    w_apply(w);
    assert_int_equal(w->n_sent, 1);
    assert_string_equal(w->logs[0], "[DHCP] stopped");
    assert_true(w->exited);
    assert_int_equal(w->status, 0);
    assert_int_equal(w->n_unconfigure, 0);
    free(w);
}

/* DHCP-053: link down silences an exchange; link up starts again at attempt 1 */
static void test_link_down_while_selecting(void **state)
{
    (void)state;
    world_t *w = w_new(8);
    w->srv.on = false;
    w_start(w);
    w_run_until(w, 600);
    dhcp_client_on_link(&w->c, w->now, false, &w->acts);
    w_apply(w);
    assert_false(w->acts.timer_armed);
    w_run_until(w, SEC(100));
    assert_int_equal(w->n_sent, 2);
    /* a reply while down is ignored */
    dhcp_packet_t p;
    w_reply_base(w, &w->sent[0].p, &p, DHCP_OFFER);
    w_reply_config(w, &p, IP(255, 255, 255, 0));
    w_deliver_packet(w, &p, IP(10, 0, 0, 1), DHCP_BROADCAST_ADDR);
    assert_int_equal(w->c.state, DHCP_STATE_LINK_DOWN);
    w->srv.on = true;
    dhcp_client_on_link(&w->c, w->now, true, &w->acts);
    w_apply(w);
    assert_int_equal(w->sent[2].p.msg_type, DHCP_DISCOVER);
    assert_int_equal(w->c.attempt, 1);
    w_run_until(w, SEC(101));
    assert_int_equal(w->c.state, DHCP_STATE_BOUND);
    /* repeated link events change nothing */
    dhcp_client_on_link(&w->c, w->now, true, &w->acts);
    assert_int_equal(w->acts.count, 0);
    free(w);
}

/* DHCP-053: the lease survives a short outage (INIT-REBOOT verifies it) */
static void test_link_flap_with_lease(void **state)
{
    (void)state;
    world_t *w = w_new(9);
    w_acquire(w);
    uint64_t b = w->now;
    dhcp_client_on_link(&w->c, w->now, false, &w->acts);
    w_apply(w);
    assert_true(w->acts.timer_armed);
    assert_int_equal(w->acts.timer_at_ms, b + SEC(3600));
    w_run_until(w, b + SEC(2000));   /* past T1: nothing is sent while down */
    assert_int_equal(w->n_sent, 2);
    assert_true(w->configured);
    dhcp_client_on_link(&w->c, w->now, true, &w->acts);
    w_apply(w);
    const w_sent_t *r = &w->sent[2];
    assert_int_equal(r->p.msg_type, DHCP_REQUEST);
    assert_true(r->p.has_requested_ip && r->p.requested_ip == IP(10, 0, 0, 50));
    assert_false(r->p.has_server_id);
    w_run_until(w, w->now + 10);
    assert_int_equal(w->c.state, DHCP_STATE_BOUND);
    assert_true(w->configured);
    assert_int_equal(w->n_unconfigure, 0);
    free(w);
}

/* DHCP-053: no answer after link up: keep the lease and its timers */
static void test_link_up_no_answer_keeps_lease(void **state)
{
    (void)state;
    world_t *w = w_new(10);
    w_acquire(w);
    uint64_t b = w->now;
    dhcp_client_on_link(&w->c, w->now, false, &w->acts);
    w_apply(w);
    w->srv.on = false;
    w_run_until(w, b + SEC(100));
    dhcp_client_on_link(&w->c, w->now, true, &w->acts);
    w_apply(w);
    w_run_until(w, w->now + 1500);
    assert_int_equal(w->c.state, DHCP_STATE_BOUND);
    assert_true(w->configured);
    assert_int_equal(w->acts.timer_at_ms, b + SEC(1800));
    assert_int_equal(w_count_sent(w, DHCP_DISCOVER), 1);
    free(w);
}

/* DHCP-053: the lease expires while the link is down */
static void test_expiry_while_down(void **state)
{
    (void)state;
    world_t *w = w_new(11);
    w->srv.lease = 60;
    w_acquire(w);
    uint64_t b = w->now;
    dhcp_client_on_link(&w->c, w->now, false, &w->acts);
    w_apply(w);
    w_run_until(w, b + SEC(60));
    assert_false(w->configured);
    assert_int_equal(w->n_unconfigure, 1);
    assert_true(w_find_log(w, "[DHCP] lease expired, restarting") >= 0);
    assert_int_equal(w->n_sent, 2);
    dhcp_client_on_link(&w->c, w->now, true, &w->acts);
    w_apply(w);
    assert_int_equal(w->sent[2].p.msg_type, DHCP_DISCOVER);
    /* stop while down with no lease: nothing to release */
    world_t *v = w_new(12);
    w_acquire(v);
    dhcp_client_on_link(&v->c, v->now, false, &v->acts);
    w_apply(v);
    dhcp_client_stop(&v->c, v->now, &v->acts);
    w_apply(v);
    assert_int_equal(w_count_sent(v, DHCP_RELEASE), 0);
    assert_false(v->configured);
    assert_string_equal(v->logs[v->n_logs - 1], "[DHCP] stopped");
    free(v);
    free(w);
}

int main(void)
{
    w_print_seed();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_reboot_ack),
        cmocka_unit_test(test_init_reboot_nak),
        cmocka_unit_test(test_init_reboot_silence),
        cmocka_unit_test(test_decline),
        cmocka_unit_test(test_release_and_stop),
        cmocka_unit_test(test_link_down_while_selecting),
        cmocka_unit_test(test_link_flap_with_lease),
        cmocka_unit_test(test_link_up_no_answer_keeps_lease),
        cmocka_unit_test(test_expiry_while_down),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
