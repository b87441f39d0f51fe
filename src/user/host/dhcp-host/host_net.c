/*
 * The Linux calls behind host_net.h (sockets and interface ioctls).
 */
#include "host_net.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <net/route.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static int net_ifreq(const char *ifname, struct ifreq *ifr)
{
    memset(ifr, 0, sizeof(*ifr));
    if (strlen(ifname) >= sizeof(ifr->ifr_name))
        return -ENAMETOOLONG;
    strcpy(ifr->ifr_name, ifname);
    return 0;
}

/* One ioctl on a throw-away datagram socket. */
static int net_ioctl(unsigned long req, void *arg)
{
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return -errno;
    int rc = ioctl(s, req, arg) < 0 ? -errno : 0;
    close(s);
    return rc;
}

static void net_sockaddr(struct sockaddr *sa, uint32_t ip)
{
    struct sockaddr_in *in = (struct sockaddr_in *)sa;
    memset(in, 0, sizeof(*in));
    in->sin_family = AF_INET;
    in->sin_addr.s_addr = htonl(ip);
}

int host_net_mac(const char *ifname, uint8_t mac[DHCP_MAC_LEN])
{
    struct ifreq ifr;
    int rc = net_ifreq(ifname, &ifr);
    if (rc == 0)
        rc = net_ioctl(SIOCGIFHWADDR, &ifr);
    if (rc == 0)
        memcpy(mac, ifr.ifr_hwaddr.sa_data, DHCP_MAC_LEN);
    return rc;
}

int host_net_open(const char *ifname)
{
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -errno;
    int one = 1;
    struct sockaddr_in me;
    net_sockaddr((struct sockaddr *)&me, 0);
    me.sin_port = htons(DHCP_CLIENT_PORT);
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one)) < 0 ||
        setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &one, sizeof(one)) < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname, (socklen_t)strlen(ifname)) < 0 ||
        bind(fd, (struct sockaddr *)&me, sizeof(me)) < 0) {
        int err = -errno;
        close(fd);
        return err;
    }
    return fd;
}

int host_net_send(int fd, uint32_t dst_ip, const uint8_t *buf, size_t len)
{
    struct sockaddr_in to;
    net_sockaddr((struct sockaddr *)&to, dst_ip);
    to.sin_port = htons(DHCP_SERVER_PORT);
    ssize_t n = sendto(fd, buf, len, 0, (struct sockaddr *)&to, sizeof(to));
    if (n < 0)
        return -errno;
    return (size_t)n == len ? 0 : -EMSGSIZE;
}

long host_net_recv(int fd, uint8_t *buf, size_t cap, uint32_t *src_ip, uint32_t *dst_ip)
{
    struct sockaddr_in from;
    char ctl[CMSG_SPACE(sizeof(struct in_pktinfo))];
    struct iovec iov = { buf, cap };
    struct msghdr msg = { .msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = &iov,
                          .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof(ctl) };
    ssize_t n = recvmsg(fd, &msg, MSG_DONTWAIT);
    if (n < 0)
        return -errno;
    if ((msg.msg_flags & MSG_TRUNC) != 0)
        return -EMSGSIZE;   /* longer than any DHCP message we accept: not silently cut */
    *src_ip = ntohl(from.sin_addr.s_addr);
    *dst_ip = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c != NULL; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
            struct in_pktinfo pi;
            memcpy(&pi, CMSG_DATA(c), sizeof(pi));
            *dst_ip = ntohl(pi.ipi_addr.s_addr);
        }
    }
    return (long)n;
}

static int net_set_addr(const char *ifname, unsigned long req, uint32_t ip)
{
    struct ifreq ifr;
    int rc = net_ifreq(ifname, &ifr);
    if (rc != 0)
        return rc;
    net_sockaddr(&ifr.ifr_addr, ip);
    return net_ioctl(req, &ifr);
}

int host_net_configure(const char *ifname, const dhcp_lease_t *lease)
{
    int rc = net_set_addr(ifname, SIOCSIFADDR, lease->ip);
    if (rc == 0)
        rc = net_set_addr(ifname, SIOCSIFNETMASK, lease->mask);
    if (rc != 0 || lease->router == 0)
        return rc;
    struct rtentry rt;
    memset(&rt, 0, sizeof(rt));
    net_sockaddr(&rt.rt_dst, 0);
    net_sockaddr(&rt.rt_genmask, 0);
    net_sockaddr(&rt.rt_gateway, lease->router);
    rt.rt_flags = RTF_UP | RTF_GATEWAY;
    rt.rt_dev = (char *)ifname;
    rc = net_ioctl(SIOCADDRT, &rt);
    return rc == -EEXIST ? 0 : rc;   /* a renewal re-applies the same route */
}

int host_net_unconfigure(const char *ifname)
{
    return net_set_addr(ifname, SIOCSIFADDR, 0);
}
