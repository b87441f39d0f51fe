/*
 * A virtual-time world for the DHCP core: the client, a scripted server,
 * and a recorder of everything the client does (spec/dhcp-client.md).
 *
 * Time only moves when the world jumps to the next event: the client's
 * timer or the delivery of a queued server reply, whichever comes first.
 * A minute of back-off therefore costs nothing.  The client's random
 * numbers come from a xorshift generator seeded from AEGIS_TEST_SEED (a
 * fixed default otherwise), so every run replays exactly.
 *
 * The scripted server answers DISCOVER with OFFER and REQUEST with ACK (or
 * NAK), and has knobs for each misbehaviour the tests need: silence, lost
 * and duplicated messages, latency, wrong xid or server id, options that
 * differ between OFFER and ACK.  Every log line the client emits is checked
 * against DHCP-062 as it is recorded.
 */
#ifndef DHCP_WORLD_H
#define DHCP_WORLD_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dhcp/dhcp_client.h"

#define W_SENT_MAX 512
#define W_LOGS_MAX 512
#define W_QUEUE_MAX 64
#define W_STEPS_MAX 100000
#define W_DEFAULT_SEED 20261122u

#define IP(a, b, c, d) (((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) | ((uint32_t)(c) << 8) | (uint32_t)(d))
#define SEC(s) ((uint64_t)(s) * 1000u)

static const uint8_t w_mac[DHCP_MAC_LEN] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

typedef struct {
    uint64_t at;
    uint32_t dst;
    dhcp_packet_t p;
    size_t len;
    uint8_t raw[DHCP_PACKET_MAX];
} w_sent_t;

typedef struct {
    uint64_t at;
    uint32_t src, dst;
    size_t len;
    uint8_t data[DHCP_PACKET_MAX];
} w_pending_t;

typedef struct {
    bool on;                  /* answers at all */
    uint32_t ip;              /* server identifier and source address */
    uint32_t pool_ip;         /* the address it hands out */
    uint32_t offer_mask, ack_mask;
    uint32_t router;
    uint32_t dns[5];
    uint8_t dns_count;
    const char *domain;
    bool omit_lease, omit_sid, omit_mask;
    uint32_t lease;
    bool has_t1, has_t2;
    uint32_t t1, t2;
    uint64_t latency_ms;
    unsigned drop_next;       /* lose this many client messages */
    bool duplicate;           /* send every reply twice */
    bool nak_requests;        /* NAK every REQUEST */
    bool ignore_requests;     /* answer DISCOVER only */
    bool ignore_unicast;      /* ignore messages not sent to broadcast */
    uint32_t xid_delta;       /* added to the xid of every reply */
    uint32_t sid_override;    /* non-zero: claim this server id */
    uint32_t reply_dst;       /* destination of replies (0: broadcast) */
    unsigned loss_pct;        /* chance that a message (either way) is lost */
    unsigned dup_pct;         /* chance that a reply arrives twice */
    uint64_t chaos_rng;       /* drives loss and duplication, seeded per test */
    unsigned acks_sent;
    unsigned got[DHCP_INFORM + 1];
} w_server_t;

typedef struct {
    dhcp_client_t c;
    dhcp_actions_t acts;
    uint64_t now;
    uint64_t rng;
    uint32_t seed;
    w_server_t srv;
    w_sent_t sent[W_SENT_MAX];
    size_t n_sent;
    char logs[W_LOGS_MAX][DHCP_LOG_MAX];
    size_t n_logs;
    bool configured;
    dhcp_lease_t cfg;
    unsigned n_configure, n_unconfigure, n_resolv;
    char resolv[DHCP_RESOLV_MAX];
    bool exited;
    int status;
    uint64_t exit_at;
    w_pending_t q[W_QUEUE_MAX];
    size_t nq;
} world_t;

static inline uint32_t w_seed(void)
{
    const char *s = getenv("AEGIS_TEST_SEED");
    return s != NULL ? (uint32_t)strtoul(s, NULL, 0) : W_DEFAULT_SEED;
}

static inline uint32_t w_random(void *arg)
{
    world_t *w = arg;
    w->rng ^= w->rng << 13;
    w->rng ^= w->rng >> 7;
    w->rng ^= w->rng << 17;
    return (uint32_t)(w->rng >> 16);
}

static inline void w_server_defaults(w_server_t *s)
{
    memset(s, 0, sizeof(*s));
    s->on = true;
    s->ip = IP(10, 0, 0, 1);
    s->pool_ip = IP(10, 0, 0, 50);
    s->offer_mask = s->ack_mask = IP(255, 255, 255, 0);
    s->router = IP(10, 0, 0, 1);
    s->dns[0] = IP(10, 0, 0, 53);
    s->dns_count = 1;
    s->lease = 3600;
    s->latency_ms = 1;
}

/* A new world; salt varies the seed per test so tests stay independent. */
static inline world_t *w_new(uint32_t salt)
{
    world_t *w = calloc(1, sizeof(*w));
    assert_non_null(w);
    w->seed = w_seed();
    w->rng = ((uint64_t)w->seed << 20) ^ (0x9e3779b97f4a7c15ull * (salt + 1));
    if (w->rng == 0)
        w->rng = 1;
    w_server_defaults(&w->srv);
    dhcp_config_t cfg;
    memset(&cfg, 0, sizeof(cfg));
    memcpy(cfg.mac, w_mac, DHCP_MAC_LEN);
    cfg.random = w_random;
    cfg.random_arg = w;
    dhcp_client_init(&w->c, &cfg);
    return w;
}

static inline void w_queue(world_t *w, uint64_t at, const uint8_t *data, size_t len, uint32_t src, uint32_t dst)
{
    assert_true(w->nq < W_QUEUE_MAX);
    assert_true(len <= DHCP_PACKET_MAX);
    w_pending_t *q = &w->q[w->nq++];
    q->at = at;
    q->src = src;
    q->dst = dst;
    q->len = len;
    memcpy(q->data, data, len);
}

/* True with the given chance in percent, from the server's own generator. */
static inline bool w_chance(world_t *w, unsigned pct)
{
    if (pct == 0)
        return false;
    w->srv.chaos_rng = w->srv.chaos_rng * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)((w->srv.chaos_rng >> 33) % 100u) < pct;
}

/* Put one more option in front of the end option of a built message (the
 * builder writes at most three name servers; a server may send more). */
static inline void w_append_option(uint8_t *buf, int *n, uint8_t tag, const uint8_t *val, uint8_t len)
{
    size_t i = DHCP_OPTIONS_OFFSET;
    while (buf[i] != DHCP_OPT_END)
        i += buf[i] == DHCP_OPT_PAD ? 1 : 2u + buf[i + 1];
    assert_true(i + 3u + len <= DHCP_PACKET_MAX);
    buf[i] = tag;
    buf[i + 1] = len;
    memcpy(buf + i + 2, val, len);
    buf[i + 2 + len] = DHCP_OPT_END;
    if ((int)(i + 3 + len) > *n)
        *n = (int)(i + 3 + len);
}

/* Queue a server message built from p, now + latency. */
static inline void w_server_send(world_t *w, const dhcp_packet_t *p)
{
    uint8_t buf[DHCP_PACKET_MAX];
    int n = dhcp_packet_build(p, buf, sizeof(buf));
    assert_true(n > 0);
    if (p->dns_count == DHCP_DNS_MAX && w->srv.dns_count > DHCP_DNS_MAX) {
        uint8_t extra[4 * 2];
        uint8_t k = (uint8_t)(w->srv.dns_count - DHCP_DNS_MAX);
        for (uint8_t i = 0; i < k; i++) {
            uint32_t a = w->srv.dns[DHCP_DNS_MAX + i];
            uint8_t b[4] = { (uint8_t)(a >> 24), (uint8_t)(a >> 16), (uint8_t)(a >> 8), (uint8_t)a };
            memcpy(extra + 4 * i, b, 4);
        }
        w_append_option(buf, &n, DHCP_OPT_DNS, extra, (uint8_t)(4 * k));
    }
    if (w_chance(w, w->srv.loss_pct))
        return;
    if (p->msg_type == DHCP_ACK)
        w->srv.acks_sent++;
    uint32_t dst = w->srv.reply_dst != 0 ? w->srv.reply_dst : DHCP_BROADCAST_ADDR;
    unsigned copies = w->srv.duplicate || w_chance(w, w->srv.dup_pct) ? 2 : 1;
    for (unsigned i = 0; i < copies; i++)
        w_queue(w, w->now + w->srv.latency_ms + i, buf, (size_t)n, w->srv.ip, dst);
}

/* A reply skeleton to client message req. */
static inline void w_reply_base(const world_t *w, const dhcp_packet_t *req, dhcp_packet_t *p, uint8_t type)
{
    dhcp_packet_init(p, DHCP_BOOTREPLY, req->xid + w->srv.xid_delta, req->chaddr);
    p->flags = req->flags;
    p->msg_type = type;
    if (!w->srv.omit_sid) {
        p->has_server_id = true;
        p->server_id = w->srv.sid_override != 0 ? w->srv.sid_override : w->srv.ip;
    }
}

static inline void w_reply_config(const world_t *w, dhcp_packet_t *p, uint32_t mask)
{
    p->yiaddr = w->srv.pool_ip;
    if (!w->srv.omit_mask) {
        p->has_mask = true;
        p->mask = mask;
    }
    p->has_router = w->srv.router != 0;
    p->router = w->srv.router;
    p->dns_count = w->srv.dns_count > DHCP_DNS_MAX ? DHCP_DNS_MAX : w->srv.dns_count;
    memcpy(p->dns, w->srv.dns, sizeof(p->dns));
    if (w->srv.domain != NULL) {
        p->has_domain = true;
        snprintf(p->domain, sizeof(p->domain), "%s", w->srv.domain);
    }
    p->has_lease = !w->srv.omit_lease;
    p->lease = w->srv.lease;
    p->has_t1 = w->srv.has_t1;
    p->t1 = w->srv.t1;
    p->has_t2 = w->srv.has_t2;
    p->t2 = w->srv.t2;
}

static inline void w_server_handle(world_t *w, const w_sent_t *s)
{
    const dhcp_packet_t *req = &s->p;
    if (req->msg_type <= DHCP_INFORM)
        w->srv.got[req->msg_type]++;
    if (!w->srv.on)
        return;
    if (w->srv.drop_next > 0) {
        w->srv.drop_next--;
        return;
    }
    if (w_chance(w, w->srv.loss_pct))
        return;
    if (w->srv.ignore_unicast && s->dst != DHCP_BROADCAST_ADDR)
        return;
    dhcp_packet_t p;
    if (req->msg_type == DHCP_DISCOVER) {
        w_reply_base(w, req, &p, DHCP_OFFER);
        w_reply_config(w, &p, w->srv.offer_mask);
        w_server_send(w, &p);
    } else if (req->msg_type == DHCP_REQUEST && !w->srv.ignore_requests) {
        uint32_t want = req->has_requested_ip ? req->requested_ip : req->ciaddr;
        bool nak = w->srv.nak_requests || want != w->srv.pool_ip;
        w_reply_base(w, req, &p, nak ? DHCP_NAK : DHCP_ACK);
        if (!nak)
            w_reply_config(w, &p, w->srv.ack_mask);
        w_server_send(w, &p);
    }
}

static inline void w_record_log(world_t *w, const char *line)
{
    /* DHCP-062: prefix and length of every line, checked as it happens */
    assert_int_equal(strncmp(line, "[DHCP] ", 7), 0);
    assert_true(strlen(line) < DHCP_LOG_MAX);
    assert_null(strchr(line, '\n'));
    assert_true(w->n_logs < W_LOGS_MAX);
    snprintf(w->logs[w->n_logs++], DHCP_LOG_MAX, "%s", line);
}

static inline void w_apply(world_t *w)
{
    for (size_t i = 0; i < w->acts.count; i++) {
        const dhcp_action_t *a = &w->acts.list[i];
        switch (a->kind) {
        case DHCP_ACT_SEND: {
            assert_true(w->n_sent < W_SENT_MAX);
            w_sent_t *s = &w->sent[w->n_sent++];
            s->at = w->now;
            s->dst = a->dst_ip;
            s->len = a->len;
            memcpy(s->raw, a->packet, a->len);
            dhcp_reason_t why;
            assert_int_equal(dhcp_packet_parse(a->packet, a->len, &s->p, &why), DHCP_PARSE_OK);
            w_server_handle(w, s);
            break;
        }
        case DHCP_ACT_CONFIGURE:
            assert_true(a->lease.ip != 0);
            w->configured = true;
            w->cfg = a->lease;
            w->n_configure++;
            break;
        case DHCP_ACT_UNCONFIGURE:
            w->configured = false;
            w->n_unconfigure++;
            break;
        case DHCP_ACT_WRITE_RESOLV:
            snprintf(w->resolv, sizeof(w->resolv), "%s", a->text);
            w->n_resolv++;
            break;
        case DHCP_ACT_LOG:
            w_record_log(w, a->text);
            break;
        case DHCP_ACT_EXIT:
            w->exited = true;
            w->status = a->status;
            w->exit_at = w->now;
            break;
        }
    }
    /* an invariant every test gets: no lease is used past its expiry */
    if (w->configured)
        assert_true(w->cfg.lease_s == DHCP_LEASE_INFINITE || w->now <= w->cfg.expiry_ms);
}

static inline void w_start(world_t *w)
{
    dhcp_client_start(&w->c, w->now, &w->acts);
    w_apply(w);
}

/* Deliver a packet to the client right now. */
static inline void w_deliver(world_t *w, const uint8_t *data, size_t len, uint32_t src, uint32_t dst)
{
    dhcp_client_on_packet(&w->c, w->now, data, len, src, dst, &w->acts);
    w_apply(w);
}

static inline void w_deliver_packet(world_t *w, const dhcp_packet_t *p, uint32_t src, uint32_t dst)
{
    uint8_t buf[DHCP_PACKET_MAX];
    int n = dhcp_packet_build(p, buf, sizeof(buf));
    assert_true(n > 0);
    w_deliver(w, buf, (size_t)n, src, dst);
}

/* Run events until virtual time `until` (or exit). */
static inline void w_run_until(world_t *w, uint64_t until)
{
    for (unsigned steps = 0; !w->exited; steps++) {
        assert_true(steps < W_STEPS_MAX);
        size_t qi = W_QUEUE_MAX;
        for (size_t i = 0; i < w->nq; i++)
            if (qi == W_QUEUE_MAX || w->q[i].at < w->q[qi].at)
                qi = i;
        bool have_q = qi != W_QUEUE_MAX;
        bool have_t = w->acts.timer_armed;
        uint64_t tq = have_q ? w->q[qi].at : UINT64_MAX;
        uint64_t tt = have_t ? w->acts.timer_at_ms : UINT64_MAX;
        if (!have_q && !have_t)
            break;
        uint64_t next = tq <= tt ? tq : tt;
        if (next > until)
            break;
        if (next > w->now)
            w->now = next;
        if (tq <= tt) {
            w_pending_t p = w->q[qi];
            w->q[qi] = w->q[--w->nq];
            w_deliver(w, p.data, p.len, p.src, p.dst);
        } else {
            dhcp_client_on_timer(&w->c, w->now, &w->acts);
            w_apply(w);
        }
    }
    if (!w->exited && w->now < until)
        w->now = until;
}

static inline size_t w_count_sent(const world_t *w, uint8_t type)
{
    size_t n = 0;
    for (size_t i = 0; i < w->n_sent; i++)
        n += w->sent[i].p.msg_type == type;
    return n;
}

static inline const w_sent_t *w_last_sent(const world_t *w, uint8_t type)
{
    for (size_t i = w->n_sent; i > 0; i--)
        if (w->sent[i - 1].p.msg_type == type)
            return &w->sent[i - 1];
    return NULL;
}

/* Index of the first log line starting with prefix, or -1. */
static inline int w_find_log(const world_t *w, const char *prefix)
{
    for (size_t i = 0; i < w->n_logs; i++)
        if (strncmp(w->logs[i], prefix, strlen(prefix)) == 0)
            return (int)i;
    return -1;
}

static inline void w_dump_logs(const world_t *w)
{
    for (size_t i = 0; i < w->n_logs; i++)
        print_message("#   %s\n", w->logs[i]);
}

/* Start and run, a millisecond at a time, until BOUND (two minutes at most). */
static inline void w_acquire(world_t *w)
{
    w_start(w);
    uint64_t limit = w->now + SEC(120);
    while (w->c.state != DHCP_STATE_BOUND && !w->exited && w->now < limit)
        w_run_until(w, w->now + 1);
    if (w->c.state != DHCP_STATE_BOUND)
        w_dump_logs(w);
    assert_int_equal(w->c.state, DHCP_STATE_BOUND);
}

static inline void w_print_seed(void)
{
    print_message("# AEGIS_TEST_SEED=%u\n", w_seed());
}

#endif
