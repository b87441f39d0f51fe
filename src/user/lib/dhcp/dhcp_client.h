/*
 * The DHCP client protocol core: events in, actions out (spec/dhcp-client.md).
 *
 * The core owns the RFC 2131 state machine and nothing else: no sockets, no
 * clock, no files, no random source.  An adapter (dhcp-host on Linux,
 * /bin/dhcp on Aegis) calls one dhcp_client_on_*() function per event with
 * the current monotonic time in milliseconds and then carries out the
 * returned actions in order: send bytes to an address (UDP, port 67, from
 * port 68), configure or unconfigure the interface, write the resolver
 * file, print a log line, exit.  After every event `acts->timer_at_ms`
 * holds the only deadline the core wants (or `timer_armed` is false); the
 * adapter calls dhcp_client_on_timer() once that time has come.
 */
#ifndef DHCP_CLIENT_H
#define DHCP_CLIENT_H

#include "dhcp/dhcp_packet.h"

#define DHCP_ACTIONS_MAX 8u
#define DHCP_LOG_MAX 128u          /* a log line, terminator included (DHCP-062) */
#define DHCP_RESOLV_MAX 384u       /* three nameserver lines and a search line */
#define DHCP_ATTEMPTS_MAX 5u
#define DHCP_SENDS_PER_PHASE 3u
#define DHCP_PHASE_WAIT_MS 500u
#define DHCP_BROADCAST_ADDR 0xffffffffu
#define DHCP_IP_TEXT_MAX 16u       /* "255.255.255.255" and its terminator */

typedef enum {
    DHCP_STATE_INIT,          /* waiting out a back-off before an attempt */
    DHCP_STATE_SELECTING,
    DHCP_STATE_REQUESTING,
    DHCP_STATE_BOUND,
    DHCP_STATE_RENEWING,
    DHCP_STATE_REBINDING,
    DHCP_STATE_INIT_REBOOT,
    DHCP_STATE_LINK_DOWN,
    DHCP_STATE_DONE,          /* an exit action has been issued */
} dhcp_state_t;

typedef enum {
    DHCP_ACT_SEND,
    DHCP_ACT_CONFIGURE,
    DHCP_ACT_UNCONFIGURE,
    DHCP_ACT_WRITE_RESOLV,
    DHCP_ACT_LOG,
    DHCP_ACT_EXIT,
} dhcp_action_kind_t;

/* What an ACK gave us. */
typedef struct {
    uint32_t ip, mask, router, server_id;
    uint32_t dns[DHCP_DNS_MAX];
    uint8_t dns_count;
    bool has_domain;
    char domain[DHCP_DOMAIN_MAX + 1];
    uint32_t lease_s;                 /* DHCP_LEASE_INFINITE: never expires */
    uint64_t t1_ms, t2_ms, expiry_ms; /* absolute times; unused when infinite */
} dhcp_lease_t;

typedef struct {
    dhcp_action_kind_t kind;
    uint32_t dst_ip;                  /* SEND: 0xffffffff for broadcast */
    size_t len;                       /* SEND: bytes in packet */
    uint8_t packet[DHCP_PACKET_MAX];
    dhcp_lease_t lease;               /* CONFIGURE */
    char text[DHCP_RESOLV_MAX];       /* LOG line (no newline) or resolver file */
    int status;                       /* EXIT */
} dhcp_action_t;

typedef struct {
    size_t count;
    dhcp_action_t list[DHCP_ACTIONS_MAX];
    bool timer_armed;
    uint64_t timer_at_ms;
} dhcp_actions_t;

typedef uint32_t (*dhcp_random_fn)(void *arg);

typedef struct {
    uint8_t mac[DHCP_MAC_LEN];
    dhcp_random_fn random;            /* required */
    void *random_arg;
    bool has_remembered_ip;           /* start in INIT-REBOOT (DHCP-050) */
    uint32_t remembered_ip;
} dhcp_config_t;

typedef struct {
    dhcp_config_t cfg;
    dhcp_state_t state;
    uint32_t xid;
    unsigned attempt;                 /* 1..DHCP_ATTEMPTS_MAX */
    unsigned sends;                   /* sends in the current phase */
    uint64_t exchange_start_ms;       /* for the secs field */
    bool timer_armed;
    uint64_t timer_at_ms;
    uint32_t offered_ip, server_id;   /* from the chosen OFFER */
    bool bound;                       /* a lease is configured */
    dhcp_lease_t lease;
    bool link_up;
} dhcp_client_t;

void dhcp_client_init(dhcp_client_t *c, const dhcp_config_t *cfg);
void dhcp_client_start(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts);
void dhcp_client_on_packet(dhcp_client_t *c, uint64_t now_ms, const uint8_t *data, size_t len,
                           uint32_t src_ip, uint32_t dst_ip, dhcp_actions_t *acts);
void dhcp_client_on_timer(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts);
void dhcp_client_on_link(dhcp_client_t *c, uint64_t now_ms, bool up, dhcp_actions_t *acts);
void dhcp_client_on_conflict(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts);
void dhcp_client_stop(dhcp_client_t *c, uint64_t now_ms, dhcp_actions_t *acts);

const char *dhcp_state_name(dhcp_state_t s);

/* Helpers shared by the core and its adapters. */
void dhcp_format_ip(uint32_t ip, char out[DHCP_IP_TEXT_MAX]);
int dhcp_mask_prefix(uint32_t mask);   /* -1 when not contiguous */
/* The resolver file for a lease (DHCP-060), cut to cap-1 bytes and
 * terminated; returns the length of the whole file (>= cap: it was cut). */
size_t dhcp_format_resolv(const dhcp_lease_t *l, char *out, size_t cap);

#endif
