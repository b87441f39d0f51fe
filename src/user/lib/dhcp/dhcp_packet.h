/*
 * DHCP messages: the decoded form, the one parser and the one builder.
 *
 * A message on the wire is the 236-byte BOOTP header, the magic cookie and
 * a tag-length-value options area (RFC 2131 §2, RFC 2132).  dhcp_packet_t
 * holds the header fields and, for every option the client or its test
 * server uses, a presence flag and the decoded value.  Addresses are kept in
 * host byte order (A.B.C.D is 0xAABBCCDD).
 *
 * dhcp_packet_parse() is bounds-checked against the given length only and
 * rejects malformed input with a reason (spec/dhcp-client.md DHCP-010..015);
 * dhcp_packet_build() writes exactly what parse reads back (DHCP-016).
 * Neither allocates nor does I/O.
 */
#ifndef DHCP_PACKET_H
#define DHCP_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DHCP_SERVER_PORT 67u
#define DHCP_CLIENT_PORT 68u

#define DHCP_BOOTREQUEST 1u
#define DHCP_BOOTREPLY 2u
#define DHCP_HTYPE_ETHERNET 1u
#define DHCP_MAC_LEN 6u
#define DHCP_FLAG_BROADCAST 0x8000u
#define DHCP_MAGIC_COOKIE 0x63825363u

/* Field sizes and offsets of the fixed header. */
#define DHCP_CHADDR_LEN 16u
#define DHCP_SNAME_LEN 64u
#define DHCP_FILE_LEN 128u
#define DHCP_OFF_OP 0u
#define DHCP_OFF_HTYPE 1u
#define DHCP_OFF_HLEN 2u
#define DHCP_OFF_HOPS 3u
#define DHCP_OFF_XID 4u
#define DHCP_OFF_SECS 8u
#define DHCP_OFF_FLAGS 10u
#define DHCP_OFF_CIADDR 12u
#define DHCP_OFF_YIADDR 16u
#define DHCP_OFF_SIADDR 20u
#define DHCP_OFF_GIADDR 24u
#define DHCP_OFF_CHADDR 28u
#define DHCP_OFF_SNAME 44u
#define DHCP_OFF_FILE 108u
#define DHCP_HEADER_LEN 236u
#define DHCP_OPTIONS_OFFSET 240u       /* header + cookie */
#define DHCP_MIN_BUILD_LEN 300u        /* BOOTP minimum message size */
#define DHCP_PACKET_MAX 1472u          /* UDP payload in a 1500-byte frame */

/* Message types (option 53). */
#define DHCP_DISCOVER 1u
#define DHCP_OFFER 2u
#define DHCP_REQUEST 3u
#define DHCP_DECLINE 4u
#define DHCP_ACK 5u
#define DHCP_NAK 6u
#define DHCP_RELEASE 7u
#define DHCP_INFORM 8u

/* Option tags. */
#define DHCP_OPT_PAD 0u
#define DHCP_OPT_SUBNET_MASK 1u
#define DHCP_OPT_ROUTER 3u
#define DHCP_OPT_DNS 6u
#define DHCP_OPT_DOMAIN 15u
#define DHCP_OPT_REQUESTED_IP 50u
#define DHCP_OPT_LEASE_TIME 51u
#define DHCP_OPT_OVERLOAD 52u
#define DHCP_OPT_MSG_TYPE 53u
#define DHCP_OPT_SERVER_ID 54u
#define DHCP_OPT_PARAM_LIST 55u
#define DHCP_OPT_T1 58u
#define DHCP_OPT_T2 59u
#define DHCP_OPT_CLIENT_ID 61u
#define DHCP_OPT_END 255u

/* Option 52 values. */
#define DHCP_OVERLOAD_FILE 1u
#define DHCP_OVERLOAD_SNAME 2u
#define DHCP_OVERLOAD_BOTH 3u

#define DHCP_DNS_MAX 3u            /* name servers kept (resolver limit) */
#define DHCP_DOMAIN_MAX 255u       /* one option's worth of text */
#define DHCP_PARAM_LIST_MAX 32u
#define DHCP_CLIENT_ID_MAX 32u

#define DHCP_LEASE_INFINITE 0xffffffffu

typedef struct {
    uint8_t op, htype, hlen, hops;
    uint32_t xid;
    uint16_t secs, flags;
    uint32_t ciaddr, yiaddr, siaddr, giaddr;
    uint8_t chaddr[DHCP_CHADDR_LEN];

    uint8_t msg_type;              /* 0: option 53 absent */
    bool has_mask, has_router, has_lease, has_server_id;
    bool has_t1, has_t2, has_requested_ip, has_domain;
    uint32_t mask, router, lease, server_id, t1, t2, requested_ip;
    uint32_t dns[DHCP_DNS_MAX];
    uint8_t dns_count;             /* kept, at most DHCP_DNS_MAX */
    uint8_t dns_extra;             /* given by the server beyond DHCP_DNS_MAX */
    char domain[DHCP_DOMAIN_MAX + 1];
    uint8_t overload;              /* 0 when absent; parse only */
    uint8_t param_list[DHCP_PARAM_LIST_MAX];
    uint8_t param_list_len;
    uint8_t client_id[DHCP_CLIENT_ID_MAX];
    uint8_t client_id_len;
} dhcp_packet_t;

/* Parse errors, as negative return values of dhcp_packet_parse(). */
typedef enum {
    DHCP_PARSE_OK = 0,
    DHCP_PARSE_SHORT = -1,
    DHCP_PARSE_COOKIE = -2,
    DHCP_PARSE_TRUNCATED = -3,
    DHCP_PARSE_NO_END = -4,
    DHCP_PARSE_BAD_SIZE = -5,
    DHCP_PARSE_BAD_OVERLOAD = -6,
    DHCP_PARSE_BAD_TEXT = -7,
    DHCP_PARSE_TOO_LONG = -8,
} dhcp_parse_err_t;

/* A parse failure's reason, for the log: "option 51 truncated". */
typedef struct {
    char text[64];
} dhcp_reason_t;

/* Decode len bytes into *out.  Returns DHCP_PARSE_OK or a negative
 * dhcp_parse_err_t; on failure *why (if not NULL) says what was wrong. */
int dhcp_packet_parse(const uint8_t *buf, size_t len, dhcp_packet_t *out, dhcp_reason_t *why);

/* Encode *p into buf.  Returns the length written (at least
 * DHCP_MIN_BUILD_LEN) or -1 when cap is too small. */
int dhcp_packet_build(const dhcp_packet_t *p, uint8_t *buf, size_t cap);

/* Zero *p and set op, htype, hlen, xid, chaddr from mac. */
void dhcp_packet_init(dhcp_packet_t *p, uint8_t op, uint32_t xid, const uint8_t mac[DHCP_MAC_LEN]);

#endif
