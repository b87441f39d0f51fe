/*
 * /bin/dhcp's system calls (see dhcpaegis.h): netcfg, the UDP socket and the
 * resolver file.  Addresses arrive here in host byte order (the core's) and
 * leave in network byte order (netcfg's and the socket API's).
 */
#include <string.h>

#include <aegis/errno.h>
#include <aegis/fcntl.h>
#include <aegis/private_abi.h>

#include "dhcpaegis/dhcpaegis.h"
#include "glue/glue.h"
#include "uio/uio.h"

/* Linux's socket ABI, which the kernel's sockets will follow. */
#define DA_AF_INET 2
#define DA_SOCK_DGRAM 2
#define DA_SOL_SOCKET 1
#define DA_SO_REUSEADDR 2
#define DA_SO_BROADCAST 6
#define DA_MSG_TRUNC 0x20
#define DA_MSG_DONTWAIT 0x40
#define DA_RESOLV_MODE 0644u
#define DA_ADDR_BYTES 4u
#define DA_PORT_BYTES 2u
#define DA_BITS_PER_BYTE 8u
#define DA_SOCKADDR_ZERO 8u

/* struct sockaddr_in: port and address in network byte order. */
typedef struct {
    uint16_t family;
    uint8_t port[DA_PORT_BYTES];
    uint8_t addr[DA_ADDR_BYTES];
    uint8_t zero[DA_SOCKADDR_ZERO];
} da_sockaddr_in_t;

_Static_assert(sizeof(da_sockaddr_in_t) == 16, "struct sockaddr_in is 16 bytes");

/* Big-endian bytes of an n-byte value, and back. */
static void da_put_be(uint8_t *out, uint32_t v, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        out[i] = (uint8_t)(v >> (DA_BITS_PER_BYTE * (n - 1u - i)));
}

static uint32_t da_get_be(const uint8_t *in, unsigned n)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v = (v << DA_BITS_PER_BYTE) | in[i];
    return v;
}

/* An address as netcfg takes it: its first byte in memory is A of A.B.C.D. */
static unsigned long da_net_order(uint32_t host)
{
    uint8_t b[DA_ADDR_BYTES];
    uint32_t v;
    da_put_be(b, host, DA_ADDR_BYTES);
    memcpy(&v, b, sizeof(v));
    return v;
}

static void da_sockaddr(da_sockaddr_in_t *sa, uint32_t ip, uint16_t port)
{
    memset(sa, 0, sizeof(*sa));
    sa->family = DA_AF_INET;
    da_put_be(sa->port, port, DA_PORT_BYTES);
    da_put_be(sa->addr, ip, DA_ADDR_BYTES);
}

int dhcpaegis_read_mac(uint8_t mac[DHCP_MAC_LEN])
{
    aegis_netcfg_info_t info;
    long r = sys_netcfg(AEGIS_NETCFG_INFO, (unsigned long)(uintptr_t)&info, 0, 0);
    if (r != 0)
        return (int)r;
    memcpy(mac, info.mac, DHCP_MAC_LEN);
    return 0;
}

int dhcpaegis_open_socket(void)
{
    long fd = sys_socket(DA_AF_INET, DA_SOCK_DGRAM, 0);
    if (fd < 0)
        return (int)fd;
    int one = 1;
    da_sockaddr_in_t me;
    da_sockaddr(&me, 0, DHCP_CLIENT_PORT);
    long r = sys_setsockopt((int)fd, DA_SOL_SOCKET, DA_SO_REUSEADDR, &one, sizeof(one));
    if (r == 0)
        r = sys_setsockopt((int)fd, DA_SOL_SOCKET, DA_SO_BROADCAST, &one, sizeof(one));
    if (r == 0)
        r = sys_bind((int)fd, &me, sizeof(me));
    if (r != 0) {
        (void)sys_close((int)fd);
        return (int)r;
    }
    return (int)fd;
}

int dhcpaegis_send(int fd, uint32_t dst_ip, const uint8_t *buf, size_t len)
{
    da_sockaddr_in_t to;
    da_sockaddr(&to, dst_ip, DHCP_SERVER_PORT);
    long n = sys_sendto(fd, buf, len, 0, &to, sizeof(to));
    if (n < 0)
        return (int)n;
    return (size_t)n == len ? 0 : -EMSGSIZE;
}

long dhcpaegis_recv(int fd, uint8_t *buf, size_t cap, uint32_t *src_ip)
{
    da_sockaddr_in_t from;
    aegis_socklen_t from_len = sizeof(from);
    memset(&from, 0, sizeof(from));
    /* MSG_TRUNC: the datagram's whole length, so a cut one is noticed, never parsed. */
    long n = sys_recvfrom(fd, buf, cap, DA_MSG_TRUNC | DA_MSG_DONTWAIT, &from, &from_len);
    if (n < 0)
        return n;
    if ((size_t)n > cap)
        return -EMSGSIZE;
    *src_ip = da_get_be(from.addr, DA_ADDR_BYTES);
    return n;
}

int dhcpaegis_configure(uint32_t ip, uint32_t mask, uint32_t gw)
{
    return (int)sys_netcfg(AEGIS_NETCFG_SET, da_net_order(ip), da_net_order(mask), da_net_order(gw));
}

int dhcpaegis_write_file(const char *path, const char *text)
{
    long fd = sys_open(path, AEGIS_O_WRONLY | AEGIS_O_CREAT | AEGIS_O_TRUNC | AEGIS_O_CLOEXEC, DA_RESOLV_MODE);
    if (fd < 0)
        return (int)fd;
    long w = uio_write_str((int)fd, text);
    long c = sys_close((int)fd);
    return (int)(w < 0 ? w : c);
}
