/*
 * The DHCP message parser (spec/dhcp-client.md DHCP-010..015).
 *
 * Two passes.  The walk visits the options area, then `file` and `sname`
 * when option 52 says they hold options, and appends each wanted option's
 * value to a per-tag accumulator (RFC 3396 concatenation).  Every read is
 * checked against the end of the area it belongs to, and the areas are
 * checked against the message length first.  The decode pass then checks
 * each accumulated option's size and content and fills dhcp_packet_t.
 * Any violation returns a negative code and a one-line reason.
 */
#include "dhcp/dhcp_packet.h"

#include <stdio.h>
#include <string.h>

#define ACC_CAP 256u        /* > one option's 255 bytes: longer means "too long" */
#define ADDR_LEN 4u
#define BYTE_LEN 1u
#define DOMAIN_TAIL_NUL '\0'

/* The options the parser decodes, in accumulator order. */
static const uint8_t wanted_tags[] = {
    DHCP_OPT_SUBNET_MASK, DHCP_OPT_ROUTER, DHCP_OPT_DNS, DHCP_OPT_DOMAIN,
    DHCP_OPT_REQUESTED_IP, DHCP_OPT_LEASE_TIME, DHCP_OPT_OVERLOAD, DHCP_OPT_MSG_TYPE,
    DHCP_OPT_SERVER_ID, DHCP_OPT_PARAM_LIST, DHCP_OPT_T1, DHCP_OPT_T2, DHCP_OPT_CLIENT_ID,
};
#define WANTED_COUNT (sizeof(wanted_tags) / sizeof(wanted_tags[0]))

typedef struct {
    bool seen;
    size_t total;            /* bytes given by the sender, may exceed ACC_CAP */
    uint8_t data[ACC_CAP];   /* the first ACC_CAP of them */
} accum_t;

typedef struct {
    accum_t acc[WANTED_COUNT];
    dhcp_reason_t *why;
} parse_state_t;

static int parse_fail(parse_state_t *st, int err, const char *fmt, unsigned tag)
{
    if (st->why != NULL)
        snprintf(st->why->text, sizeof(st->why->text), fmt, tag);
    return err;
}

static int parse_fail_text(parse_state_t *st, int err, const char *text)
{
    if (st->why != NULL)
        snprintf(st->why->text, sizeof(st->why->text), "%s", text);
    return err;
}

static accum_t *parse_find_accum(parse_state_t *st, uint8_t tag)
{
    for (size_t i = 0; i < WANTED_COUNT; i++)
        if (wanted_tags[i] == tag)
            return &st->acc[i];
    return NULL;
}

static void parse_append(accum_t *a, const uint8_t *val, size_t len)
{
    a->seen = true;
    for (size_t i = 0; i < len; i++, a->total++)
        if (a->total < ACC_CAP)
            a->data[a->total] = val[i];
}

/* Walk one options area [p, p+n).  is_main: option 52 allowed here. */
static int parse_walk_area(parse_state_t *st, const uint8_t *p, size_t n, bool is_main)
{
    size_t i = 0;
    while (i < n) {
        uint8_t tag = p[i];
        if (tag == DHCP_OPT_PAD) {
            i++;
            continue;
        }
        if (tag == DHCP_OPT_END)
            return DHCP_PARSE_OK;
        if (n - i < 2)
            return parse_fail(st, DHCP_PARSE_TRUNCATED, "option %u truncated", tag);
        size_t len = p[i + 1];
        if (n - i - 2 < len)
            return parse_fail(st, DHCP_PARSE_TRUNCATED, "option %u truncated", tag);
        if (tag == DHCP_OPT_OVERLOAD && !is_main)
            return parse_fail(st, DHCP_PARSE_BAD_OVERLOAD, "option %u inside an overloaded field", tag);
        accum_t *a = parse_find_accum(st, tag);
        if (a != NULL)
            parse_append(a, p + i + 2, len);
        i += 2 + len;
    }
    if (is_main)
        return parse_fail_text(st, DHCP_PARSE_NO_END, "no end option");
    return parse_fail_text(st, DHCP_PARSE_NO_END, "no end option in an overloaded field");
}

static uint32_t parse_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];   /* big-endian */
}

static uint16_t parse_be16(const uint8_t *p)
{
    return (uint16_t)((p[0] << 8) | p[1]);
}

/* A fixed 4-byte option: absent leaves *has false. */
static int parse_addr_opt(parse_state_t *st, uint8_t tag, bool *has, uint32_t *val)
{
    accum_t *a = parse_find_accum(st, tag);
    if (!a->seen)
        return DHCP_PARSE_OK;
    if (a->total != ADDR_LEN)
        return parse_fail(st, DHCP_PARSE_BAD_SIZE, "option %u has the wrong size", tag);
    *has = true;
    *val = parse_be32(a->data);
    return DHCP_PARSE_OK;
}

/* A list of addresses (3, 6): non-empty multiple of 4; keep up to max. */
static int parse_addr_list(parse_state_t *st, uint8_t tag, uint32_t *out, size_t max, size_t *kept, size_t *given)
{
    accum_t *a = parse_find_accum(st, tag);
    *kept = *given = 0;
    if (!a->seen)
        return DHCP_PARSE_OK;
    if (a->total == 0 || a->total % ADDR_LEN != 0)
        return parse_fail(st, DHCP_PARSE_BAD_SIZE, "option %u has the wrong size", tag);
    *given = a->total / ADDR_LEN;
    *kept = *given < max ? *given : max;
    for (size_t i = 0; i < *kept; i++)
        out[i] = parse_be32(a->data + i * ADDR_LEN);
    return DHCP_PARSE_OK;
}

static bool parse_is_name_char(uint8_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_';
}

static int parse_domain(parse_state_t *st, dhcp_packet_t *out)
{
    accum_t *a = parse_find_accum(st, DHCP_OPT_DOMAIN);
    if (!a->seen)
        return DHCP_PARSE_OK;
    if (a->total > DHCP_DOMAIN_MAX)
        return parse_fail(st, DHCP_PARSE_TOO_LONG, "option %u longer than 255 bytes", DHCP_OPT_DOMAIN);
    size_t len = a->total;
    while (len > 0 && a->data[len - 1] == (uint8_t)DOMAIN_TAIL_NUL)
        len--;
    if (len == 0)
        return parse_fail(st, DHCP_PARSE_BAD_SIZE, "option %u is empty", DHCP_OPT_DOMAIN);
    for (size_t i = 0; i < len; i++)
        if (!parse_is_name_char(a->data[i]))
            return parse_fail(st, DHCP_PARSE_BAD_TEXT, "option %u holds a character outside a host name",
                              DHCP_OPT_DOMAIN);
    memcpy(out->domain, a->data, len);
    out->domain[len] = '\0';
    out->has_domain = true;
    return DHCP_PARSE_OK;
}

/* A byte string (55, 61) of at most max bytes. */
static int parse_bytes(parse_state_t *st, uint8_t tag, uint8_t *out, size_t max, uint8_t *len)
{
    accum_t *a = parse_find_accum(st, tag);
    if (!a->seen)
        return DHCP_PARSE_OK;
    if (a->total > max)
        return parse_fail(st, DHCP_PARSE_TOO_LONG, "option %u too long", tag);
    memcpy(out, a->data, a->total);
    *len = (uint8_t)a->total;
    return DHCP_PARSE_OK;
}

static int parse_byte_opt(parse_state_t *st, uint8_t tag, uint8_t *val)
{
    accum_t *a = parse_find_accum(st, tag);
    if (!a->seen)
        return DHCP_PARSE_OK;
    if (a->total != BYTE_LEN)
        return parse_fail(st, DHCP_PARSE_BAD_SIZE, "option %u has the wrong size", tag);
    *val = a->data[0];
    return DHCP_PARSE_OK;
}

static int parse_decode(parse_state_t *st, dhcp_packet_t *out)
{
    int err;
    size_t kept, given;
    if ((err = parse_byte_opt(st, DHCP_OPT_MSG_TYPE, &out->msg_type)) != 0 ||
        (err = parse_addr_opt(st, DHCP_OPT_SUBNET_MASK, &out->has_mask, &out->mask)) != 0 ||
        (err = parse_addr_opt(st, DHCP_OPT_REQUESTED_IP, &out->has_requested_ip, &out->requested_ip)) != 0 ||
        (err = parse_addr_opt(st, DHCP_OPT_LEASE_TIME, &out->has_lease, &out->lease)) != 0 ||
        (err = parse_addr_opt(st, DHCP_OPT_SERVER_ID, &out->has_server_id, &out->server_id)) != 0 ||
        (err = parse_addr_opt(st, DHCP_OPT_T1, &out->has_t1, &out->t1)) != 0 ||
        (err = parse_addr_opt(st, DHCP_OPT_T2, &out->has_t2, &out->t2)) != 0 ||
        (err = parse_domain(st, out)) != 0 ||
        (err = parse_bytes(st, DHCP_OPT_PARAM_LIST, out->param_list, DHCP_PARAM_LIST_MAX, &out->param_list_len)) != 0 ||
        (err = parse_bytes(st, DHCP_OPT_CLIENT_ID, out->client_id, DHCP_CLIENT_ID_MAX, &out->client_id_len)) != 0)
        return err;
    uint32_t router[1];
    if ((err = parse_addr_list(st, DHCP_OPT_ROUTER, router, 1, &kept, &given)) != 0)
        return err;
    if (kept > 0) {
        out->has_router = true;
        out->router = router[0];
    }
    if ((err = parse_addr_list(st, DHCP_OPT_DNS, out->dns, DHCP_DNS_MAX, &kept, &given)) != 0)
        return err;
    out->dns_count = (uint8_t)kept;
    out->dns_extra = (uint8_t)(given - kept);
    return DHCP_PARSE_OK;
}

static void parse_header(const uint8_t *buf, dhcp_packet_t *out)
{
    out->op = buf[DHCP_OFF_OP];
    out->htype = buf[DHCP_OFF_HTYPE];
    out->hlen = buf[DHCP_OFF_HLEN];
    out->hops = buf[DHCP_OFF_HOPS];
    out->xid = parse_be32(buf + DHCP_OFF_XID);
    out->secs = parse_be16(buf + DHCP_OFF_SECS);
    out->flags = parse_be16(buf + DHCP_OFF_FLAGS);
    out->ciaddr = parse_be32(buf + DHCP_OFF_CIADDR);
    out->yiaddr = parse_be32(buf + DHCP_OFF_YIADDR);
    out->siaddr = parse_be32(buf + DHCP_OFF_SIADDR);
    out->giaddr = parse_be32(buf + DHCP_OFF_GIADDR);
    memcpy(out->chaddr, buf + DHCP_OFF_CHADDR, DHCP_CHADDR_LEN);
}

static int parse_message(parse_state_t *st, const uint8_t *buf, size_t len, dhcp_packet_t *out)
{
    if (buf == NULL || len < DHCP_OPTIONS_OFFSET)
        return parse_fail_text(st, DHCP_PARSE_SHORT, "too short");
    if (parse_be32(buf + DHCP_HEADER_LEN) != DHCP_MAGIC_COOKIE)
        return parse_fail_text(st, DHCP_PARSE_COOKIE, "bad magic cookie");
    int err = parse_walk_area(st, buf + DHCP_OPTIONS_OFFSET, len - DHCP_OPTIONS_OFFSET, true);
    if (err != 0)
        return err;
    uint8_t overload = 0;
    if ((err = parse_byte_opt(st, DHCP_OPT_OVERLOAD, &overload)) != 0)
        return err;
    if (parse_find_accum(st, DHCP_OPT_OVERLOAD)->seen &&
        (overload < DHCP_OVERLOAD_FILE || overload > DHCP_OVERLOAD_BOTH))
        return parse_fail(st, DHCP_PARSE_BAD_OVERLOAD, "option 52 has the bad value %u", overload);
    if ((overload & DHCP_OVERLOAD_FILE) != 0 &&
        (err = parse_walk_area(st, buf + DHCP_OFF_FILE, DHCP_FILE_LEN, false)) != 0)
        return err;
    if ((overload & DHCP_OVERLOAD_SNAME) != 0 &&
        (err = parse_walk_area(st, buf + DHCP_OFF_SNAME, DHCP_SNAME_LEN, false)) != 0)
        return err;
    if ((err = parse_decode(st, out)) != 0)
        return err;
    out->overload = overload;
    parse_header(buf, out);
    return DHCP_PARSE_OK;
}

int dhcp_packet_parse(const uint8_t *buf, size_t len, dhcp_packet_t *out, dhcp_reason_t *why)
{
    parse_state_t st;
    memset(&st, 0, sizeof(st));
    memset(out, 0, sizeof(*out));
    st.why = why;
    int err = parse_message(&st, buf, len, out);
    if (err != 0)
        memset(out, 0, sizeof(*out));
    return err;
}
