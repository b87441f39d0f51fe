/*
 * Linux side of the DHCP host adapter: one interface, one UDP socket.
 *
 * The socket is bound to 0.0.0.0:68 and to the interface (SO_BINDTODEVICE),
 * may broadcast, and reports each datagram's destination (IP_PKTINFO).
 * Configuration goes straight to the interface with ioctls: address and
 * mask (SIOCSIFADDR, SIOCSIFNETMASK), default route (SIOCADDRT); removing
 * it sets the address to 0.0.0.0, which also drops its routes.
 * Functions return 0 or -errno and print nothing; the caller reports.
 */
#ifndef DHCP_HOST_NET_H
#define DHCP_HOST_NET_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp/dhcp_client.h"

int host_net_mac(const char *ifname, uint8_t mac[DHCP_MAC_LEN]);
int host_net_open(const char *ifname);
int host_net_send(int fd, uint32_t dst_ip, const uint8_t *buf, size_t len);
/* Receive one datagram; returns its length or -errno. */
long host_net_recv(int fd, uint8_t *buf, size_t cap, uint32_t *src_ip, uint32_t *dst_ip);
int host_net_configure(const char *ifname, const dhcp_lease_t *lease);
int host_net_unconfigure(const char *ifname);

#endif
