/*
 * The DHCP message builder (spec/dhcp-client.md DHCP-016).
 *
 * The length is computed first and checked against the caller's buffer, so
 * the writer below never needs a bounds check of its own.  Options are
 * written in a fixed order, only when their presence flag (or length) says
 * so; the message ends with an end option and is zero-padded to the BOOTP
 * minimum of 300 bytes.  Option 52 is never written (the client has no
 * use for it), so builder output never overloads `file` or `sname`.
 */
#include "dhcp/dhcp_packet.h"

#include <string.h>

#define OPT_HEAD 2u      /* tag and length bytes */
#define ADDR_LEN 4u

typedef struct {
    uint8_t *buf;
    size_t pos;
} writer_t;

static void build_be32(writer_t *w, uint32_t v)
{
    w->buf[w->pos++] = (uint8_t)(v >> 24);
    w->buf[w->pos++] = (uint8_t)(v >> 16);
    w->buf[w->pos++] = (uint8_t)(v >> 8);
    w->buf[w->pos++] = (uint8_t)v;
}

static void build_opt_bytes(writer_t *w, uint8_t tag, const uint8_t *val, size_t len)
{
    w->buf[w->pos++] = tag;
    w->buf[w->pos++] = (uint8_t)len;
    memcpy(w->buf + w->pos, val, len);
    w->pos += len;
}

static void build_opt_addr(writer_t *w, uint8_t tag, uint32_t v)
{
    w->buf[w->pos++] = tag;
    w->buf[w->pos++] = ADDR_LEN;
    build_be32(w, v);
}

static size_t build_domain_len(const dhcp_packet_t *p)
{
    if (!p->has_domain)
        return 0;
    const char *nul = memchr(p->domain, '\0', sizeof(p->domain));
    return nul != NULL ? (size_t)(nul - p->domain) : sizeof(p->domain);
}

/* Bytes the options need, end option included; 0 if something cannot be encoded. */
static size_t build_options_len(const dhcp_packet_t *p)
{
    size_t n = 1;   /* end */
    size_t dlen = build_domain_len(p);
    if (dlen > DHCP_DOMAIN_MAX || p->dns_count > DHCP_DNS_MAX ||
        p->client_id_len > DHCP_CLIENT_ID_MAX || p->param_list_len > DHCP_PARAM_LIST_MAX)
        return 0;
    n += p->msg_type != 0 ? OPT_HEAD + 1 : 0;
    n += p->client_id_len != 0 ? OPT_HEAD + p->client_id_len : 0;
    n += p->has_requested_ip ? OPT_HEAD + ADDR_LEN : 0;
    n += p->has_server_id ? OPT_HEAD + ADDR_LEN : 0;
    n += p->has_lease ? OPT_HEAD + ADDR_LEN : 0;
    n += p->has_t1 ? OPT_HEAD + ADDR_LEN : 0;
    n += p->has_t2 ? OPT_HEAD + ADDR_LEN : 0;
    n += p->has_mask ? OPT_HEAD + ADDR_LEN : 0;
    n += p->has_router ? OPT_HEAD + ADDR_LEN : 0;
    n += p->dns_count != 0 ? OPT_HEAD + ADDR_LEN * p->dns_count : 0;
    n += dlen != 0 ? OPT_HEAD + dlen : 0;
    n += p->param_list_len != 0 ? OPT_HEAD + p->param_list_len : 0;
    return n;
}

static void build_header(writer_t *w, const dhcp_packet_t *p)
{
    w->buf[w->pos++] = p->op;
    w->buf[w->pos++] = p->htype;
    w->buf[w->pos++] = p->hlen;
    w->buf[w->pos++] = p->hops;
    build_be32(w, p->xid);
    w->buf[w->pos++] = (uint8_t)(p->secs >> 8);
    w->buf[w->pos++] = (uint8_t)p->secs;
    w->buf[w->pos++] = (uint8_t)(p->flags >> 8);
    w->buf[w->pos++] = (uint8_t)p->flags;
    build_be32(w, p->ciaddr);
    build_be32(w, p->yiaddr);
    build_be32(w, p->siaddr);
    build_be32(w, p->giaddr);
    memcpy(w->buf + w->pos, p->chaddr, DHCP_CHADDR_LEN);
    w->pos += DHCP_CHADDR_LEN + DHCP_SNAME_LEN + DHCP_FILE_LEN;   /* sname, file: zero */
    build_be32(w, DHCP_MAGIC_COOKIE);
}

static void build_options(writer_t *w, const dhcp_packet_t *p)
{
    if (p->msg_type != 0)
        build_opt_bytes(w, DHCP_OPT_MSG_TYPE, &p->msg_type, 1);
    if (p->client_id_len != 0)
        build_opt_bytes(w, DHCP_OPT_CLIENT_ID, p->client_id, p->client_id_len);
    if (p->has_requested_ip)
        build_opt_addr(w, DHCP_OPT_REQUESTED_IP, p->requested_ip);
    if (p->has_server_id)
        build_opt_addr(w, DHCP_OPT_SERVER_ID, p->server_id);
    if (p->has_lease)
        build_opt_addr(w, DHCP_OPT_LEASE_TIME, p->lease);
    if (p->has_t1)
        build_opt_addr(w, DHCP_OPT_T1, p->t1);
    if (p->has_t2)
        build_opt_addr(w, DHCP_OPT_T2, p->t2);
    if (p->has_mask)
        build_opt_addr(w, DHCP_OPT_SUBNET_MASK, p->mask);
    if (p->has_router)
        build_opt_addr(w, DHCP_OPT_ROUTER, p->router);
    if (p->dns_count != 0) {
        w->buf[w->pos++] = DHCP_OPT_DNS;
        w->buf[w->pos++] = (uint8_t)(ADDR_LEN * p->dns_count);
        for (size_t i = 0; i < p->dns_count; i++)
            build_be32(w, p->dns[i]);
    }
    size_t dlen = build_domain_len(p);
    if (dlen != 0)
        build_opt_bytes(w, DHCP_OPT_DOMAIN, (const uint8_t *)p->domain, dlen);
    if (p->param_list_len != 0)
        build_opt_bytes(w, DHCP_OPT_PARAM_LIST, p->param_list, p->param_list_len);
    w->buf[w->pos++] = DHCP_OPT_END;
}

int dhcp_packet_build(const dhcp_packet_t *p, uint8_t *buf, size_t cap)
{
    size_t opts = build_options_len(p);
    if (opts == 0 || buf == NULL)
        return -1;
    size_t total = DHCP_OPTIONS_OFFSET + opts;
    if (total < DHCP_MIN_BUILD_LEN)
        total = DHCP_MIN_BUILD_LEN;
    if (total > cap)
        return -1;
    memset(buf, 0, total);
    writer_t w = { buf, 0 };
    build_header(&w, p);
    build_options(&w, p);
    return (int)total;
}

void dhcp_packet_init(dhcp_packet_t *p, uint8_t op, uint32_t xid, const uint8_t mac[DHCP_MAC_LEN])
{
    memset(p, 0, sizeof(*p));
    p->op = op;
    p->htype = DHCP_HTYPE_ETHERNET;
    p->hlen = DHCP_MAC_LEN;
    p->xid = xid;
    memcpy(p->chaddr, mac, DHCP_MAC_LEN);
}
