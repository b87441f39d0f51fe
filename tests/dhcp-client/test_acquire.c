/*
 * Acquisition against the scripted server in virtual time: INIT,
 * SELECTING, REQUESTING, the retry table and the checks on replies
 * (spec/dhcp-client.md DHCP-001, 002, 017..033, 040, 060..062, 070).
 */
#include <time.h>

#include "dhcp_world.h"

static const uint8_t want_params[] = { 1, 3, 6, 15, 51, 58, 59 };

static void check_client_common(const w_sent_t *s)
{
    assert_int_equal(s->p.op, DHCP_BOOTREQUEST);
    assert_int_equal(s->p.htype, 1);
    assert_int_equal(s->p.hlen, 6);
    assert_memory_equal(s->p.chaddr, w_mac, 6);
    assert_int_equal(s->p.client_id_len, 7);
    assert_int_equal(s->p.client_id[0], 1);
    assert_memory_equal(s->p.client_id + 1, w_mac, 6);
}

/* DHCP-017 DHCP-021 DHCP-022 DHCP-024 DHCP-040: a full acquisition, message by message */
static void test_full_acquisition(void **state)
{
    (void)state;
    world_t *w = w_new(1);
    w->srv.dns_count = 2;
    w->srv.dns[1] = IP(10, 0, 0, 54);
    w->srv.domain = "lab.example";
    w_acquire(w);
    assert_int_equal(w->n_sent, 2);
    const w_sent_t *d = &w->sent[0], *r = &w->sent[1];
    check_client_common(d);
    assert_int_equal(d->p.msg_type, DHCP_DISCOVER);
    assert_int_equal(d->dst, DHCP_BROADCAST_ADDR);
    assert_int_equal(d->p.flags, DHCP_FLAG_BROADCAST);
    assert_int_equal(d->p.ciaddr, 0);
    assert_int_equal(d->p.param_list_len, sizeof(want_params));
    assert_memory_equal(d->p.param_list, want_params, sizeof(want_params));
    check_client_common(r);
    assert_int_equal(r->p.msg_type, DHCP_REQUEST);
    assert_int_equal(r->dst, DHCP_BROADCAST_ADDR);
    assert_int_equal(r->p.xid, d->p.xid);
    assert_int_equal(r->p.flags, DHCP_FLAG_BROADCAST);
    assert_int_equal(r->p.ciaddr, 0);
    assert_true(r->p.has_requested_ip && r->p.requested_ip == IP(10, 0, 0, 50));
    assert_true(r->p.has_server_id && r->p.server_id == IP(10, 0, 0, 1));
    assert_memory_equal(r->p.param_list, want_params, sizeof(want_params));
    assert_true(w->configured);
    assert_int_equal(w->cfg.ip, IP(10, 0, 0, 50));
    assert_int_equal(w->cfg.mask, IP(255, 255, 255, 0));
    assert_int_equal(w->cfg.router, IP(10, 0, 0, 1));
    assert_int_equal(w->n_configure, 1);
    assert_string_equal(w->logs[0], "[DHCP] offer 10.0.0.50 from 10.0.0.1");
    assert_string_equal(w->logs[1], "[DHCP] acquired 10.0.0.50/24 gw 10.0.0.1 lease 3600s dns 10.0.0.53");
    assert_int_equal(w->n_logs, 2);
    /* DHCP-060: resolver file */
    assert_int_equal(w->n_resolv, 1);
    assert_string_equal(w->resolv, "nameserver 10.0.0.53\nnameserver 10.0.0.54\nsearch lab.example\n");
    free(w);
}

/* DHCP-021: retransmissions keep the xid, secs counts from the attempt's start */
static void test_retransmit_same_xid(void **state)
{
    (void)state;
    world_t *w = w_new(2);
    w->srv.drop_next = 2;
    w_acquire(w);
    assert_int_equal(w_count_sent(w, DHCP_DISCOVER), 3);
    assert_int_equal(w->sent[0].p.xid, w->sent[1].p.xid);
    assert_int_equal(w->sent[1].p.xid, w->sent[2].p.xid);
    assert_int_equal(w->sent[1].at, 500);
    assert_int_equal(w->sent[2].at, 1000);
    assert_int_equal(w->sent[2].p.secs, 1);
    free(w);
}

/* DHCP-002: same seed, same bytes; another seed, another xid */
static void test_deterministic(void **state)
{
    (void)state;
    world_t *a = w_new(3), *b = w_new(3), *c = w_new(4);
    a->srv.drop_next = b->srv.drop_next = c->srv.drop_next = 4;
    w_acquire(a);
    w_acquire(b);
    w_acquire(c);
    assert_int_equal(a->n_sent, b->n_sent);
    for (size_t i = 0; i < a->n_sent; i++) {
        assert_int_equal(a->sent[i].len, b->sent[i].len);
        assert_memory_equal(a->sent[i].raw, b->sent[i].raw, a->sent[i].len);
        assert_int_equal(a->sent[i].at, b->sent[i].at);
    }
    assert_int_equal(a->n_logs, b->n_logs);
    for (size_t i = 0; i < a->n_logs; i++)
        assert_string_equal(a->logs[i], b->logs[i]);
    assert_int_not_equal(a->sent[0].p.xid, c->sent[0].p.xid);
    free(a);
    free(b);
    free(c);
}

/* DHCP-018: wrong xid, wrong chaddr and BOOTREQUESTs are dropped silently */
static void test_wrong_xid_and_chaddr(void **state)
{
    (void)state;
    world_t *w = w_new(5);
    w->srv.on = false;
    w_start(w);
    dhcp_packet_t p;
    w_reply_base(w, &w->sent[0].p, &p, DHCP_OFFER);
    w_reply_config(w, &p, IP(255, 255, 255, 0));
    p.xid ^= 1;
    w_deliver_packet(w, &p, IP(10, 0, 0, 1), DHCP_BROADCAST_ADDR);
    p.xid ^= 1;
    p.chaddr[5] ^= 1;
    w_deliver_packet(w, &p, IP(10, 0, 0, 1), DHCP_BROADCAST_ADDR);
    p.chaddr[5] ^= 1;
    p.op = DHCP_BOOTREQUEST;
    w_deliver_packet(w, &p, IP(10, 0, 0, 1), DHCP_BROADCAST_ADDR);
    assert_int_equal(w->c.state, DHCP_STATE_SELECTING);
    assert_int_equal(w->n_logs, 0);
    assert_int_equal(w->n_sent, 1);
    /* the scripted server with a wrong xid: the client never gets past SELECTING */
    world_t *v = w_new(6);
    v->srv.xid_delta = 7;
    w_start(v);
    w_run_until(v, SEC(1));
    assert_int_equal(v->c.state, DHCP_STATE_SELECTING);
    free(v);
    free(w);
}

/* DHCP-018: malformed and truncated packets: one log line each, no state change */
static void test_malformed_logged(void **state)
{
    (void)state;
    world_t *w = w_new(7);
    w->srv.on = false;
    w_start(w);
    uint8_t junk[300] = { 2, 1, 6 };
    w_deliver(w, junk, 100, IP(10, 0, 0, 1), DHCP_BROADCAST_ADDR);
    assert_string_equal(w->logs[0], "[DHCP] ignored packet: too short");
    w_deliver(w, junk, 300, IP(10, 0, 0, 1), DHCP_BROADCAST_ADDR);
    assert_string_equal(w->logs[1], "[DHCP] ignored packet: bad magic cookie");
    /* a valid OFFER cut in the middle of its options */
    dhcp_packet_t p;
    w_reply_base(w, &w->sent[0].p, &p, DHCP_OFFER);
    w_reply_config(w, &p, IP(255, 255, 255, 0));
    uint8_t buf[DHCP_PACKET_MAX];
    int n = dhcp_packet_build(&p, buf, sizeof(buf));
    assert_true(n > 0);
    w_deliver(w, buf, 247, IP(10, 0, 0, 1), DHCP_BROADCAST_ADDR);
    assert_int_equal(w->n_logs, 3);
    assert_string_equal(w->logs[2], "[DHCP] ignored packet: option 54 truncated");
    assert_int_equal(w->c.state, DHCP_STATE_SELECTING);
    /* the whole one still works afterwards */
    w_deliver(w, buf, (size_t)n, IP(10, 0, 0, 1), DHCP_BROADCAST_ADDR);
    assert_int_equal(w->c.state, DHCP_STATE_REQUESTING);
    free(w);
}

/* DHCP-023: server id from option 54 or the source; neither: dropped; any destination */
static void test_offer_server_id(void **state)
{
    (void)state;
    static const uint32_t dsts[] = { DHCP_BROADCAST_ADDR, IP(10, 0, 0, 50), IP(10, 0, 0, 255) };
    for (size_t i = 0; i < 3; i++) {
        world_t *w = w_new(8 + (uint32_t)i);
        w->srv.on = false;
        w_start(w);
        dhcp_packet_t p;
        w->srv.omit_sid = true;
        w_reply_base(w, &w->sent[0].p, &p, DHCP_OFFER);
        w_reply_config(w, &p, IP(255, 255, 255, 0));
        w_deliver_packet(w, &p, 0, dsts[i]);
        assert_int_equal(w->c.state, DHCP_STATE_SELECTING);
        p.yiaddr = 0;
        w_deliver_packet(w, &p, IP(10, 0, 0, 7), dsts[i]);
        assert_int_equal(w->c.state, DHCP_STATE_SELECTING);
        p.yiaddr = IP(10, 0, 0, 50);
        w_deliver_packet(w, &p, IP(10, 0, 0, 7), dsts[i]);
        assert_int_equal(w->c.state, DHCP_STATE_REQUESTING);
        assert_string_equal(w->logs[0], "[DHCP] offer 10.0.0.50 from 10.0.0.7");
        const w_sent_t *r = w_last_sent(w, DHCP_REQUEST);
        assert_non_null(r);
        assert_int_equal(r->p.server_id, IP(10, 0, 0, 7));
        /* a second OFFER (another server) is ignored */
        p.yiaddr = IP(10, 0, 0, 99);
        w_deliver_packet(w, &p, IP(10, 0, 0, 8), dsts[i]);
        assert_int_equal(w->n_logs, 1);
        assert_int_equal(w_count_sent(w, DHCP_REQUEST), 1);
        free(w);
    }
}

/* DHCP-023 DHCP-049: duplicated replies change nothing */
static void test_duplicates(void **state)
{
    (void)state;
    world_t *w = w_new(11);
    w->srv.duplicate = true;
    w_acquire(w);
    w_run_until(w, SEC(2));
    assert_int_equal(w_count_sent(w, DHCP_DISCOVER), 1);
    assert_int_equal(w_count_sent(w, DHCP_REQUEST), 1);
    assert_int_equal(w->n_configure, 1);
    assert_int_equal(w->n_logs, 2);
    free(w);
}

/* DHCP-025: in REQUESTING only the chosen server's ACK or NAK counts */
static void test_requesting_server_check(void **state)
{
    (void)state;
    world_t *w = w_new(12);
    w->srv.sid_override = 0;
    w->srv.ignore_requests = true;
    w_start(w);
    w_run_until(w, 100);
    assert_int_equal(w->c.state, DHCP_STATE_REQUESTING);
    const w_sent_t *r = w_last_sent(w, DHCP_REQUEST);
    dhcp_packet_t p;
    w_reply_base(w, &r->p, &p, DHCP_ACK);
    w_reply_config(w, &p, IP(255, 255, 255, 0));
    p.server_id = IP(10, 0, 0, 2);
    w_deliver_packet(w, &p, IP(10, 0, 0, 2), DHCP_BROADCAST_ADDR);
    assert_int_equal(w->c.state, DHCP_STATE_REQUESTING);
    p.msg_type = DHCP_NAK;
    w_deliver_packet(w, &p, IP(10, 0, 0, 2), DHCP_BROADCAST_ADDR);
    assert_int_equal(w->c.state, DHCP_STATE_REQUESTING);
    /* without option 54 the source address decides */
    p.msg_type = DHCP_ACK;
    p.has_server_id = false;
    w_deliver_packet(w, &p, IP(10, 0, 0, 2), DHCP_BROADCAST_ADDR);
    assert_int_equal(w->c.state, DHCP_STATE_REQUESTING);
    w_deliver_packet(w, &p, IP(10, 0, 0, 1), DHCP_BROADCAST_ADDR);
    assert_int_equal(w->c.state, DHCP_STATE_BOUND);
    assert_int_equal(w->cfg.server_id, IP(10, 0, 0, 1));
    free(w);
}

/* DHCP-026: configuration from the ACK, not the OFFER; defaults */
static void test_config_from_ack(void **state)
{
    (void)state;
    world_t *w = w_new(13);
    w->srv.offer_mask = IP(255, 255, 255, 0);
    w->srv.ack_mask = IP(255, 255, 0, 0);
    w_acquire(w);
    assert_int_equal(w->cfg.mask, IP(255, 255, 0, 0));
    assert_string_equal(w->logs[1], "[DHCP] acquired 10.0.0.50/16 gw 10.0.0.1 lease 3600s dns 10.0.0.53");
    free(w);

    w = w_new(14);
    w->srv.omit_mask = true;
    w->srv.omit_lease = true;
    w->srv.router = 0;
    w->srv.dns_count = 0;
    w_acquire(w);
    assert_int_equal(w->cfg.mask, IP(255, 255, 255, 0));
    assert_int_equal(w->cfg.lease_s, 3600);
    assert_int_equal(w->cfg.router, 0);
    assert_int_equal(w->n_resolv, 0);
    assert_string_equal(w->logs[1], "[DHCP] acquired 10.0.0.50/24 gw 0.0.0.0 lease 3600s");
    free(w);
}

/* DHCP-026: an ACK without an address or with a broken mask is dropped */
static void test_bad_ack_dropped(void **state)
{
    (void)state;
    world_t *w = w_new(15);
    w->srv.ignore_requests = true;
    w_start(w);
    w_run_until(w, 100);
    const w_sent_t *r = w_last_sent(w, DHCP_REQUEST);
    dhcp_packet_t p;
    w_reply_base(w, &r->p, &p, DHCP_ACK);
    w_reply_config(w, &p, IP(255, 0, 255, 0));
    w_deliver_packet(w, &p, IP(10, 0, 0, 1), DHCP_BROADCAST_ADDR);
    assert_string_equal(w->logs[w->n_logs - 1], "[DHCP] ignored packet: non-contiguous subnet mask");
    p.mask = IP(255, 255, 255, 0);
    p.yiaddr = 0;
    w_deliver_packet(w, &p, IP(10, 0, 0, 1), DHCP_BROADCAST_ADDR);
    assert_string_equal(w->logs[w->n_logs - 1], "[DHCP] ignored packet: ACK without an address");
    assert_int_equal(w->c.state, DHCP_STATE_REQUESTING);
    assert_false(w->configured);
    free(w);
}

/* DHCP-027: a NAK in REQUESTING ends the attempt; the next one succeeds */
static void test_nak_in_requesting(void **state)
{
    (void)state;
    world_t *w = w_new(16);
    w->srv.nak_requests = true;
    w_start(w);
    w_run_until(w, 100);
    assert_int_equal(w_find_log(w, "[DHCP] NAK from 10.0.0.1 in REQUESTING, restarting"), 1);
    assert_int_equal(w_find_log(w, "[DHCP] retry 2, waiting "), 2);
    assert_int_equal(w->c.state, DHCP_STATE_INIT);
    w->srv.nak_requests = false;
    w_run_until(w, SEC(6));
    assert_int_equal(w->c.state, DHCP_STATE_BOUND);
    assert_int_equal(w_count_sent(w, DHCP_DISCOVER), 2);
    free(w);
}

/* DHCP-030 DHCP-031 DHCP-032 DHCP-061: five attempts, the table, exit 1, fast */
static void test_failed_acquisition(void **state)
{
    (void)state;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    world_t *w = w_new(17);
    w->srv.on = false;
    w_start(w);
    w_run_until(w, SEC(600));
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    print_message("# failed acquisition: %.4f s of real time, %llu ms virtual\n", wall,
                  (unsigned long long)w->exit_at);
    assert_true(wall < 0.5);
    assert_true(w->exited);
    assert_int_equal(w->status, 1);
    assert_int_equal(w_count_sent(w, DHCP_DISCOVER), 15);
    assert_int_equal(w->n_sent, 15);
    /* three sends 500 ms apart per attempt, attempts after the table's back-off */
    static const uint64_t base[] = { 0, 4000, 8000, 16000, 32000 };
    uint64_t start = 0;
    for (unsigned a = 0; a < 5; a++) {
        const w_sent_t *s = &w->sent[a * 3];
        if (a > 0) {
            uint64_t gap = s->at - (start + 1500);
            assert_true(gap >= base[a] - 1000 && gap <= base[a] + 1000);
            char want[64];
            snprintf(want, sizeof(want), "[DHCP] retry %u, waiting %llu.%03llus", a + 1,
                     (unsigned long long)(gap / 1000), (unsigned long long)(gap % 1000));
            assert_true(w_find_log(w, want) >= 0);
        }
        start = s->at;
        assert_int_equal(w->sent[a * 3 + 1].at, start + 500);
        assert_int_equal(w->sent[a * 3 + 2].at, start + 1000);
        assert_int_not_equal(s->p.xid, a > 0 ? w->sent[a * 3 - 1].p.xid : 0);
    }
    assert_int_equal(w->exit_at, start + 1500);
    assert_string_equal(w->logs[w->n_logs - 1], "[DHCP] failed after 5 attempts, exiting");
    assert_int_equal(w->n_logs, 5);
    free(w);
}

/* DHCP-031: the jitter is drawn per wait and spans the ±1 s window */
static void test_backoff_jitter(void **state)
{
    (void)state;
    uint64_t lo = UINT64_MAX, hi = 0;
    for (uint32_t salt = 100; salt < 140; salt++) {
        world_t *w = w_new(salt);
        w->srv.on = false;
        w_start(w);
        w_run_until(w, SEC(600));
        uint64_t gap = w->sent[3].at - 1500;
        assert_true(gap >= 3000 && gap <= 5000);
        lo = gap < lo ? gap : lo;
        hi = gap > hi ? gap : hi;
        free(w);
    }
    assert_true(lo < 3500 && hi > 4500);
}

/* DHCP-033: a slow server (offer after 3 s) is heard during the back-off;
 * once a REQUEST phase failed, a late OFFER is not taken */
static void test_slow_server(void **state)
{
    (void)state;
    world_t *w = w_new(18);
    w->srv.latency_ms = 3000;
    w_start(w);
    w_run_until(w, SEC(3) + 10);
    assert_int_equal(w->c.state, DHCP_STATE_REQUESTING);
    assert_int_equal(w_find_log(w, "[DHCP] retry 2, waiting "), 0);
    assert_int_equal(w->c.attempt, 2);
    w->srv.latency_ms = 1;
    w_run_until(w, SEC(4));
    assert_int_equal(w->c.state, DHCP_STATE_BOUND);
    assert_int_equal(w_count_sent(w, DHCP_DISCOVER), 3);
    free(w);

    w = w_new(19);
    w->srv.ignore_requests = true;
    w_start(w);
    w_run_until(w, 1600);
    assert_int_equal(w->c.state, DHCP_STATE_INIT);
    dhcp_packet_t p;
    w_reply_base(w, &w->sent[0].p, &p, DHCP_OFFER);
    w_reply_config(w, &p, IP(255, 255, 255, 0));
    w_deliver_packet(w, &p, IP(10, 0, 0, 1), DHCP_BROADCAST_ADDR);
    assert_int_equal(w->c.state, DHCP_STATE_INIT);
    free(w);
}

/* DHCP-020 DHCP-061 DHCP-070: no interface (MAC all zeros): the seeds' message, exit 0 */
static void test_no_interface(void **state)
{
    (void)state;
    world_t *w = w_new(20);
    memset(w->c.cfg.mac, 0, DHCP_MAC_LEN);
    w_start(w);
    assert_true(w->exited);
    assert_int_equal(w->status, 0);
    assert_int_equal(w->n_logs, 1);
    assert_string_equal(w->logs[0], "[DHCP] no network interface, exiting");
    assert_int_equal(w->n_sent, 0);
    assert_false(w->acts.timer_armed);
    free(w);
}

/* DHCP-001: the core answers each event with actions and one deadline */
static void test_events_and_deadline(void **state)
{
    (void)state;
    world_t *w = w_new(21);
    w->srv.on = false;
    w->now = 12345;
    w_start(w);
    assert_int_equal(w->acts.count, 1);
    assert_int_equal(w->acts.list[0].kind, DHCP_ACT_SEND);
    assert_true(w->acts.timer_armed);
    assert_int_equal(w->acts.timer_at_ms, 12345 + 500);
    /* a timer call before the deadline does nothing */
    dhcp_client_on_timer(&w->c, 12345 + 499, &w->acts);
    assert_int_equal(w->acts.count, 0);
    assert_int_equal(w->acts.timer_at_ms, 12345 + 500);
    /* start twice does nothing */
    dhcp_client_start(&w->c, 12345, &w->acts);
    assert_int_equal(w->acts.count, 0);
    free(w);
}

/* DHCP-060 DHCP-070 DHCP-015: resolver file content, at most three servers */
static void test_resolv_content(void **state)
{
    (void)state;
    dhcp_lease_t l;
    memset(&l, 0, sizeof(l));
    char out[DHCP_RESOLV_MAX];
    assert_int_equal(dhcp_format_resolv(&l, out, sizeof(out)), 0);
    assert_string_equal(out, "");
    l.dns_count = 3;
    l.dns[0] = IP(1, 1, 1, 1);
    l.dns[1] = IP(255, 255, 255, 255);
    l.dns[2] = IP(9, 9, 9, 9);
    l.has_domain = true;
    memset(l.domain, 'd', DHCP_DOMAIN_MAX);
    size_t n = dhcp_format_resolv(&l, out, sizeof(out));
    assert_int_equal(n, strlen(out));
    assert_int_equal(n, 19 + 27 + 19 + 7 + 255 + 1);
    assert_int_equal(strncmp(out, "nameserver 1.1.1.1\nnameserver 255.255.255.255\nnameserver 9.9.9.9\nsearch ddd", 75), 0);
    /* a short buffer: cut and terminated, and the return value shows it */
    char small[20];
    assert_int_equal(dhcp_format_resolv(&l, small, sizeof(small)), n);
    assert_string_equal(small, "nameserver 1.1.1.1\n");
    assert_int_equal(dhcp_format_resolv(&l, small, 0), n);
    assert_true(n < DHCP_RESOLV_MAX);
    world_t *w = w_new(22);
    w->srv.dns_count = 5;
    for (int i = 0; i < 5; i++)
        w->srv.dns[i] = IP(10, 0, 1, i + 1);
    w_acquire(w);
    assert_string_equal(w->resolv, "nameserver 10.0.1.1\nnameserver 10.0.1.2\nnameserver 10.0.1.3\n");
    /* DHCP-015: the two left out are said, not dropped silently */
    assert_true(w_find_log(w, "[DHCP] 5 name servers offered, the first 3 used") >= 0);
    free(w);
}

/* DHCP-062 DHCP-040: prefix lengths and address formatting used in log lines */
static void test_formatting(void **state)
{
    (void)state;
    char ip[16];
    dhcp_format_ip(IP(255, 255, 255, 255), ip);
    assert_string_equal(ip, "255.255.255.255");
    dhcp_format_ip(0, ip);
    assert_string_equal(ip, "0.0.0.0");
    assert_int_equal(dhcp_mask_prefix(0), 0);
    assert_int_equal(dhcp_mask_prefix(0xffffffffu), 32);
    assert_int_equal(dhcp_mask_prefix(IP(255, 255, 255, 128)), 25);
    assert_int_equal(dhcp_mask_prefix(IP(255, 255, 0, 255)), -1);
    static const char *names[] = { "INIT", "SELECTING", "REQUESTING", "BOUND", "RENEWING", "REBINDING",
                                   "INIT-REBOOT", "LINK-DOWN", "DONE" };
    for (int s = DHCP_STATE_INIT; s <= DHCP_STATE_DONE; s++)
        assert_string_equal(dhcp_state_name((dhcp_state_t)s), names[s]);
    assert_string_equal(dhcp_state_name((dhcp_state_t)99), "?");
}

int main(void)
{
    w_print_seed();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_acquisition),
        cmocka_unit_test(test_retransmit_same_xid),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_wrong_xid_and_chaddr),
        cmocka_unit_test(test_malformed_logged),
        cmocka_unit_test(test_offer_server_id),
        cmocka_unit_test(test_duplicates),
        cmocka_unit_test(test_requesting_server_check),
        cmocka_unit_test(test_config_from_ack),
        cmocka_unit_test(test_bad_ack_dropped),
        cmocka_unit_test(test_nak_in_requesting),
        cmocka_unit_test(test_failed_acquisition),
        cmocka_unit_test(test_backoff_jitter),
        cmocka_unit_test(test_slow_server),
        cmocka_unit_test(test_no_interface),
        cmocka_unit_test(test_events_and_deadline),
        cmocka_unit_test(test_resolv_content),
        cmocka_unit_test(test_formatting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
