/*
 * Text the DHCP core and its adapters share: dotted addresses, prefix
 * lengths, state names and the resolver file (DHCP-040, DHCP-060).
 * snprintf into caller buffers only; like snprintf, dhcp_format_resolv
 * returns the length the whole file needs, so a short buffer shows.
 */
#include "dhcp/dhcp_client.h"

#include <stdio.h>

#define IPV4_BITS 32
#define RESOLV_WHOLE 512u   /* 3 x "nameserver 255.255.255.255\n" + "search " + 255 + "\n" = 344 */

void dhcp_format_ip(uint32_t ip, char out[DHCP_IP_TEXT_MAX])
{
    snprintf(out, DHCP_IP_TEXT_MAX, "%u.%u.%u.%u", (unsigned)(ip >> 24), (unsigned)(ip >> 16) & 0xffu,
             (unsigned)(ip >> 8) & 0xffu, (unsigned)ip & 0xffu);
}

int dhcp_mask_prefix(uint32_t mask)
{
    int n = 0;
    while (n < IPV4_BITS && (mask & (0x80000000u >> n)) != 0)
        n++;
    uint32_t rebuilt = n == 0 ? 0 : 0xffffffffu << (IPV4_BITS - n);
    return rebuilt == mask ? n : -1;
}

size_t dhcp_format_resolv(const dhcp_lease_t *l, char *out, size_t cap)
{
    char text[RESOLV_WHOLE];   /* always large enough: three addresses and a 255-byte domain */
    char ip[DHCP_IP_TEXT_MAX];
    size_t pos = 0;
    text[0] = '\0';
    for (size_t i = 0; i < l->dns_count && i < DHCP_DNS_MAX; i++) {
        dhcp_format_ip(l->dns[i], ip);
        pos += (size_t)snprintf(text + pos, sizeof(text) - pos, "nameserver %s\n", ip);
    }
    if (l->has_domain)
        pos += (size_t)snprintf(text + pos, sizeof(text) - pos, "search %.*s\n", (int)DHCP_DOMAIN_MAX, l->domain);
    if (cap > 0)
        snprintf(out, cap, "%s", text);
    return pos;
}

const char *dhcp_state_name(dhcp_state_t s)
{
    switch (s) {
    case DHCP_STATE_INIT: return "INIT";
    case DHCP_STATE_SELECTING: return "SELECTING";
    case DHCP_STATE_REQUESTING: return "REQUESTING";
    case DHCP_STATE_BOUND: return "BOUND";
    case DHCP_STATE_RENEWING: return "RENEWING";
    case DHCP_STATE_REBINDING: return "REBINDING";
    case DHCP_STATE_INIT_REBOOT: return "INIT-REBOOT";
    case DHCP_STATE_LINK_DOWN: return "LINK-DOWN";
    case DHCP_STATE_DONE: return "DONE";
    }
    return "?";
}
