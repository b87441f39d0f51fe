/*
 * /bin/dhcp's adapter (spec/dhcp-client.md DHCP-070): the DHCP core run on
 * Aegis through the system-call glue.  It lives in a library rather than in
 * src/user/bin/dhcp/ so host tests can run it against the kernel with a fake
 * transport (tests/dhcp-client/test_aegis_adapter.c).
 *
 * netcfg op 1 gives the MAC (-ENODEV or a zero MAC: the core's "no network
 * interface" and status 0); a UDP socket bound to 0.0.0.0:68 carries the
 * messages; leases go to the kernel with netcfg op 0 and name servers to
 * /etc/resolv.conf.  Log lines go to standard error.  SIGTERM stops the
 * client (RELEASE, status 0).  Exit statuses follow DHCP-061.
 */
#ifndef DHCPAEGIS_H
#define DHCPAEGIS_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp/dhcp_client.h"

#define DHCPAEGIS_EXIT_CANNOT_START 2
#define DHCPAEGIS_RESOLV_PATH "/etc/resolv.conf"

/* Run the client until it exits; returns its exit status. */
int dhcpaegis_main(void);

/* The kernel side (da_net.c); each returns 0 (or a descriptor) or -errno. */
int dhcpaegis_read_mac(uint8_t mac[DHCP_MAC_LEN]);   /* -ENODEV: no interface */
int dhcpaegis_open_socket(void);
int dhcpaegis_send(int fd, uint32_t dst_ip, const uint8_t *buf, size_t len);
/* One datagram, without waiting: its length, or -errno (-EMSGSIZE: longer than cap). */
long dhcpaegis_recv(int fd, uint8_t *buf, size_t cap, uint32_t *src_ip);
int dhcpaegis_configure(uint32_t ip, uint32_t mask, uint32_t gw);   /* host byte order */
int dhcpaegis_write_file(const char *path, const char *text);

#endif
