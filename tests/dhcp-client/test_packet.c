/*
 * The DHCP parser and builder (spec/dhcp-client.md DHCP-010..016).
 *
 * Messages are crafted byte by byte: a zero BOOTP header, the cookie, then
 * the options under test.  Every parse runs on a heap copy of exactly the
 * message's length, so AddressSanitizer catches a read one byte too far.
 */
#include "dhcp_world.h"

#define RAW_MAX 600

typedef struct {
    uint8_t b[RAW_MAX];
    size_t len;
} raw_t;

/* Header + cookie + the given option bytes. */
static void raw_make(raw_t *r, const uint8_t *opts, size_t n)
{
    memset(r, 0, sizeof(*r));
    r->b[0] = DHCP_BOOTREPLY;
    r->b[1] = 1;
    r->b[2] = 6;
    r->b[236] = 99;
    r->b[237] = 130;
    r->b[238] = 83;
    r->b[239] = 99;
    if (n > 0)
        memcpy(r->b + 240, opts, n);
    r->len = 240 + n;
}

static int raw_parse(const uint8_t *data, size_t len, dhcp_packet_t *p, dhcp_reason_t *why)
{
    uint8_t *copy = malloc(len ? len : 1);
    assert_non_null(copy);
    memcpy(copy, data, len);
    int rc = dhcp_packet_parse(copy, len, p, why);
    free(copy);
    return rc;
}

static int opts_parse(const uint8_t *opts, size_t n, dhcp_packet_t *p, dhcp_reason_t *why)
{
    raw_t r;
    raw_make(&r, opts, n);
    return raw_parse(r.b, r.len, p, why);
}

#define OPTS_PARSE(p, why, ...) \
    ({ static const uint8_t o_[] = { __VA_ARGS__ }; opts_parse(o_, sizeof(o_), (p), (why)); })

/* DHCP-010: shorter than header + cookie, and a wrong cookie */
static void test_dhcp010_short_and_cookie(void **state)
{
    (void)state;
    raw_t r;
    dhcp_packet_t p;
    dhcp_reason_t why;
    static const uint8_t end[] = { DHCP_OPT_END };
    raw_make(&r, end, 1);
    for (size_t len = 0; len < 240; len += 7) {
        assert_int_equal(raw_parse(r.b, len, &p, &why), DHCP_PARSE_SHORT);
        assert_string_equal(why.text, "too short");
    }
    assert_int_equal(raw_parse(r.b, 239, &p, &why), DHCP_PARSE_SHORT);
    assert_int_equal(dhcp_packet_parse(NULL, 300, &p, &why), DHCP_PARSE_SHORT);
    r.b[239] = 98;
    assert_int_equal(raw_parse(r.b, r.len, &p, &why), DHCP_PARSE_COOKIE);
    assert_string_equal(why.text, "bad magic cookie");
}

/* DHCP-011: pad, end, truncated options, missing end */
static void test_dhcp011_walk(void **state)
{
    (void)state;
    dhcp_packet_t p;
    dhcp_reason_t why;
    assert_int_equal(OPTS_PARSE(&p, &why, 0, 0, 53, 1, 2, 0, 255), DHCP_PARSE_OK);
    assert_int_equal(p.msg_type, DHCP_OFFER);
    /* after end, garbage is not read */
    assert_int_equal(OPTS_PARSE(&p, &why, 53, 1, 5, 255, 51, 9), DHCP_PARSE_OK);
    assert_int_equal(OPTS_PARSE(&p, &why, 53, 1, 2), DHCP_PARSE_NO_END);
    assert_string_equal(why.text, "no end option");
    raw_t r;
    raw_make(&r, NULL, 0);
    assert_int_equal(raw_parse(r.b, r.len, &p, &why), DHCP_PARSE_NO_END);
    assert_int_equal(OPTS_PARSE(&p, &why, 53), DHCP_PARSE_TRUNCATED);
    assert_string_equal(why.text, "option 53 truncated");
    assert_int_equal(OPTS_PARSE(&p, &why, 51, 4, 0, 0, 1), DHCP_PARSE_TRUNCATED);
    assert_string_equal(why.text, "option 51 truncated");
    assert_int_equal(OPTS_PARSE(&p, &why, 200, 255, 1, 2, 3), DHCP_PARSE_TRUNCATED);
    assert_string_equal(why.text, "option 200 truncated");
}

/* DHCP-012: fixed sizes and the domain's characters */
static void test_dhcp012_sizes(void **state)
{
    (void)state;
    dhcp_packet_t p;
    dhcp_reason_t why;
    static const uint8_t four_byte[] = { 1, 50, 51, 54, 58, 59 };
    for (size_t i = 0; i < sizeof(four_byte); i++) {
        for (uint8_t len = 0; len <= 8; len++) {
            uint8_t o[16] = { four_byte[i], len };
            o[2 + len] = DHCP_OPT_END;
            int rc = opts_parse(o, 3u + len, &p, &why);
            if (len == 4) {
                assert_int_equal(rc, DHCP_PARSE_OK);
            } else {
                assert_int_equal(rc, DHCP_PARSE_BAD_SIZE);
                char want[64];
                snprintf(want, sizeof(want), "option %u has the wrong size", four_byte[i]);
                assert_string_equal(why.text, want);
            }
        }
    }
    assert_int_equal(OPTS_PARSE(&p, &why, 53, 2, 1, 1, 255), DHCP_PARSE_BAD_SIZE);
    assert_int_equal(OPTS_PARSE(&p, &why, 53, 0, 255), DHCP_PARSE_BAD_SIZE);
    assert_int_equal(OPTS_PARSE(&p, &why, 52, 2, 1, 0, 255), DHCP_PARSE_BAD_SIZE);
    assert_int_equal(OPTS_PARSE(&p, &why, 3, 0, 255), DHCP_PARSE_BAD_SIZE);
    assert_int_equal(OPTS_PARSE(&p, &why, 3, 5, 1, 2, 3, 4, 5, 255), DHCP_PARSE_BAD_SIZE);
    assert_int_equal(OPTS_PARSE(&p, &why, 6, 6, 1, 2, 3, 4, 5, 6, 255), DHCP_PARSE_BAD_SIZE);
    assert_int_equal(OPTS_PARSE(&p, &why, 6, 8, 1, 2, 3, 4, 5, 6, 7, 8, 255), DHCP_PARSE_OK);
    assert_int_equal(p.dns_count, 2);
    assert_int_equal(p.dns[1], IP(5, 6, 7, 8));
    /* domain: host-name characters only, trailing NULs dropped */
    assert_int_equal(OPTS_PARSE(&p, &why, 15, 6, 'a', '.', 'b', '_', 0, 0, 255), DHCP_PARSE_OK);
    assert_string_equal(p.domain, "a.b_");
    assert_int_equal(OPTS_PARSE(&p, &why, 15, 4, 'a', '\n', 'b', 'c', 255), DHCP_PARSE_BAD_TEXT);
    assert_string_equal(why.text, "option 15 holds a character outside a host name");
    assert_int_equal(OPTS_PARSE(&p, &why, 15, 3, 'a', 0, 'b', 255), DHCP_PARSE_BAD_TEXT);
    assert_int_equal(OPTS_PARSE(&p, &why, 15, 3, ' ', 'x', 'y', 255), DHCP_PARSE_BAD_TEXT);
    assert_int_equal(OPTS_PARSE(&p, &why, 15, 2, 0, 0, 255), DHCP_PARSE_BAD_SIZE);
    assert_int_equal(OPTS_PARSE(&p, &why, 15, 0, 255), DHCP_PARSE_BAD_SIZE);
}

/* DHCP-013: split options are concatenated in order, then size-checked */
static void test_dhcp013_concatenation(void **state)
{
    (void)state;
    dhcp_packet_t p;
    dhcp_reason_t why;
    assert_int_equal(OPTS_PARSE(&p, &why, 6, 4, 1, 1, 1, 1, 53, 1, 5, 6, 4, 2, 2, 2, 2, 255), DHCP_PARSE_OK);
    assert_int_equal(p.dns_count, 2);
    assert_int_equal(p.dns[0], IP(1, 1, 1, 1));
    assert_int_equal(p.dns[1], IP(2, 2, 2, 2));
    assert_int_equal(OPTS_PARSE(&p, &why, 51, 2, 0, 0, 51, 2, 0x0e, 0x10, 255), DHCP_PARSE_OK);
    assert_true(p.has_lease);
    assert_int_equal(p.lease, 3600);
    /* two whole copies of a 4-byte option make 8 bytes: rejected */
    assert_int_equal(OPTS_PARSE(&p, &why, 54, 4, 1, 2, 3, 4, 54, 4, 1, 2, 3, 4, 255), DHCP_PARSE_BAD_SIZE);
    /* a domain split across instances and longer than 255 in total */
    uint8_t o[2 * 257 + 1];
    size_t n = 0;
    for (int k = 0; k < 2; k++) {
        o[n++] = 15;
        o[n++] = 128;
        memset(o + n, 'x', 128);
        n += 128;
    }
    o[n++] = 255;
    assert_int_equal(opts_parse(o, n, &p, &why), DHCP_PARSE_TOO_LONG);
    assert_string_equal(why.text, "option 15 longer than 255 bytes");
}

/* DHCP-014: option overload into file and sname */
static void test_dhcp014_overload(void **state)
{
    (void)state;
    dhcp_packet_t p;
    dhcp_reason_t why;
    raw_t r;
    static const uint8_t main_file[] = { 53, 1, 5, 52, 1, 1, 255 };
    raw_make(&r, main_file, sizeof(main_file));
    uint8_t *file = r.b + 108, *sname = r.b + 44;
    static const uint8_t in_file[] = { 54, 4, 10, 0, 0, 1, 255 };
    memcpy(file, in_file, sizeof(in_file));
    assert_int_equal(raw_parse(r.b, r.len, &p, &why), DHCP_PARSE_OK);
    assert_true(p.has_server_id);
    assert_int_equal(p.server_id, IP(10, 0, 0, 1));
    assert_int_equal(p.overload, 1);
    /* the same bytes in sname are not read when 52 says file only */
    memset(file, 0, 128);
    memcpy(sname, in_file, sizeof(in_file));
    file[0] = 255;
    assert_int_equal(raw_parse(r.b, r.len, &p, &why), DHCP_PARSE_OK);
    assert_false(p.has_server_id);
    /* both: file first then sname, concatenated */
    r.b[245] = 3;
    static const uint8_t dns_a[] = { 6, 4, 1, 1, 1, 1, 255 };
    static const uint8_t dns_b[] = { 6, 4, 2, 2, 2, 2, 255 };
    memcpy(file, dns_a, sizeof(dns_a));
    memcpy(sname, dns_b, sizeof(dns_b));
    assert_int_equal(raw_parse(r.b, r.len, &p, &why), DHCP_PARSE_OK);
    assert_int_equal(p.dns_count, 2);
    assert_int_equal(p.dns[0], IP(1, 1, 1, 1));
    assert_int_equal(p.dns[1], IP(2, 2, 2, 2));
    /* an overloaded field without an end option */
    memset(sname, 'A', 64);
    assert_int_equal(raw_parse(r.b, r.len, &p, &why), DHCP_PARSE_TRUNCATED);
    memset(sname, 0, 64);
    assert_int_equal(raw_parse(r.b, r.len, &p, &why), DHCP_PARSE_NO_END);
    assert_string_equal(why.text, "no end option in an overloaded field");
    /* 52 inside file, and bad values */
    sname[0] = 255;
    static const uint8_t nested[] = { 52, 1, 2, 255 };
    memcpy(file, nested, sizeof(nested));
    assert_int_equal(raw_parse(r.b, r.len, &p, &why), DHCP_PARSE_BAD_OVERLOAD);
    assert_string_equal(why.text, "option 52 inside an overloaded field");
    for (uint8_t v = 0; v < 8; v += (v == 0 ? 4 : 1)) {
        uint8_t o[] = { 52, 1, v, 255 };
        assert_int_equal(opts_parse(o, sizeof(o), &p, &why), DHCP_PARSE_BAD_OVERLOAD);
    }
}

/* DHCP-015: unknown options skipped, router first, three name servers kept */
static void test_dhcp015_unknown_and_lists(void **state)
{
    (void)state;
    dhcp_packet_t p;
    dhcp_reason_t why;
    assert_int_equal(OPTS_PARSE(&p, &why, 250, 3, 9, 9, 9, 3, 8, 10, 0, 0, 1, 10, 0, 0, 2, 43, 0, 6, 20,
                                1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 255),
                     DHCP_PARSE_OK);
    assert_true(p.has_router);
    assert_int_equal(p.router, IP(10, 0, 0, 1));
    assert_int_equal(p.dns_count, 3);
    assert_int_equal(p.dns_extra, 2);
    assert_int_equal(p.dns[2], IP(3, 3, 3, 3));
}

/* DHCP-016: builder output parses back to the same message; padding; small buffers */
static void test_dhcp016_round_trip(void **state)
{
    (void)state;
    dhcp_packet_t p, q;
    dhcp_packet_init(&p, DHCP_BOOTREPLY, 0xdeadbeef, w_mac);
    p.secs = 7;
    p.flags = DHCP_FLAG_BROADCAST;
    p.ciaddr = IP(1, 2, 3, 4);
    p.yiaddr = IP(10, 0, 0, 50);
    p.siaddr = IP(10, 0, 0, 2);
    p.giaddr = IP(10, 0, 0, 3);
    p.msg_type = DHCP_ACK;
    p.has_mask = p.has_router = p.has_lease = p.has_server_id = true;
    p.has_t1 = p.has_t2 = p.has_requested_ip = p.has_domain = true;
    p.mask = IP(255, 255, 0, 0);
    p.router = IP(10, 0, 0, 1);
    p.lease = 1234;
    p.server_id = IP(10, 0, 0, 1);
    p.t1 = 600;
    p.t2 = 1000;
    p.requested_ip = IP(10, 0, 0, 50);
    p.dns_count = 3;
    p.dns[0] = 1;
    p.dns[1] = 2;
    p.dns[2] = 3;
    snprintf(p.domain, sizeof(p.domain), "lab.example");
    p.param_list_len = 3;
    p.param_list[0] = 1;
    p.param_list[1] = 3;
    p.param_list[2] = 6;
    p.client_id_len = 7;
    p.client_id[0] = 1;
    memcpy(p.client_id + 1, w_mac, 6);
    uint8_t buf[DHCP_PACKET_MAX];
    int n = dhcp_packet_build(&p, buf, sizeof(buf));
    assert_true(n >= (int)DHCP_MIN_BUILD_LEN);
    dhcp_reason_t why;
    assert_int_equal(raw_parse(buf, (size_t)n, &q, &why), DHCP_PARSE_OK);
    assert_memory_equal(&p, &q, sizeof(p));
    /* an almost empty message is padded to the BOOTP minimum */
    dhcp_packet_init(&p, DHCP_BOOTREQUEST, 1, w_mac);
    n = dhcp_packet_build(&p, buf, sizeof(buf));
    assert_int_equal(n, (int)DHCP_MIN_BUILD_LEN);
    assert_int_equal(buf[240], DHCP_OPT_END);
    assert_int_equal(dhcp_packet_build(&p, buf, DHCP_MIN_BUILD_LEN - 1), -1);
    assert_int_equal(dhcp_packet_build(&p, NULL, sizeof(buf)), -1);
    p.dns_count = DHCP_DNS_MAX + 1;
    assert_int_equal(dhcp_packet_build(&p, buf, sizeof(buf)), -1);
}

/* DHCP-010 DHCP-011: every prefix and random corruption of a real reply is
 * either parsed or rejected with a reason, never read out of bounds */
static void test_dhcp011_prefixes_and_mutations(void **state)
{
    (void)state;
    world_t *w = w_new(99);
    dhcp_packet_t p;
    dhcp_reason_t why;
    w_reply_base(w, &(dhcp_packet_t){ .xid = 5 }, &p, DHCP_ACK);
    w_reply_config(w, &p, IP(255, 255, 255, 0));
    uint8_t buf[DHCP_PACKET_MAX];
    int n = dhcp_packet_build(&p, buf, sizeof(buf));
    assert_true(n > 0);
    size_t ok = 0;
    for (size_t len = 0; len <= (size_t)n; len++) {
        dhcp_packet_t q;
        why.text[0] = 0;
        int rc = raw_parse(buf, len, &q, &why);
        if (rc == DHCP_PARSE_OK)
            ok++;
        else
            assert_true(why.text[0] != 0);
    }
    assert_true(ok > 0);
    uint32_t seed = w_seed();
    srand(seed);
    w_print_seed();
    for (int i = 0; i < 20000; i++) {
        uint8_t m[DHCP_PACKET_MAX];
        memcpy(m, buf, (size_t)n);
        int flips = 1 + rand() % 8;
        for (int k = 0; k < flips; k++)
            m[240 + rand() % (n - 240)] = (uint8_t)rand();
        size_t len = 240 + (size_t)(rand() % (n - 239));
        dhcp_packet_t q;
        int rc = raw_parse(m, len, &q, &why);
        assert_true(rc <= 0 && rc >= DHCP_PARSE_TOO_LONG);
    }
    free(w);
}

int main(void)
{
    w_print_seed();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dhcp010_short_and_cookie),
        cmocka_unit_test(test_dhcp011_walk),
        cmocka_unit_test(test_dhcp012_sizes),
        cmocka_unit_test(test_dhcp013_concatenation),
        cmocka_unit_test(test_dhcp014_overload),
        cmocka_unit_test(test_dhcp015_unknown_and_lists),
        cmocka_unit_test(test_dhcp016_round_trip),
        cmocka_unit_test(test_dhcp011_prefixes_and_mutations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
