/*
 * /bin/dhcp's event loop (see dhcpaegis.h), dhcp-host's with the glue in
 * place of Linux: ppoll on the socket until the core's deadline, with
 * SIGTERM blocked except inside ppoll so a stop request is never lost
 * between the check and the wait.  The shared parts (action dispatch, the
 * wait, the random source) are dhcp/dhcp_driver.c.
 */
#include <stdbool.h>
#include <string.h>

#include <aegis/errno.h>
#include <aegis/signal.h>

#include "dhcp/dhcp_driver.h"
#include "dhcpaegis/dhcpaegis.h"
#include "glue/glue.h"
#include "glue/glue_call.h"
#include "uio/uio.h"

#define DA_CLOCK_MONOTONIC 1
#define DA_POLLIN 0x001
#define DA_STDERR 2
#define DA_MS_PER_S 1000u
#define DA_NS_PER_MS 1000000u
#define DA_SIGBIT(sig) (1ull << ((sig) - 1))

static volatile int da_stop_requested;
static uint64_t da_rng_state;

static void da_on_term(int sig)
{
    (void)sig;
    da_stop_requested = 1;
}

static uint64_t da_now_ms(void)
{
    aegis_timespec_t ts = { 0, 0 };
    (void)sys_clock_gettime(DA_CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * DA_MS_PER_S + (uint64_t)ts.tv_nsec / DA_NS_PER_MS;
}

static void da_log(void *ctx, const char *line)
{
    (void)ctx;
    (void)uio_printf(DA_STDERR, "%s\n", line);
}

static int da_send(void *ctx, uint32_t dst_ip, const uint8_t *buf, size_t len)
{
    return dhcpaegis_send(*(const int *)ctx, dst_ip, buf, len);
}

static int da_configure(void *ctx, const dhcp_lease_t *lease)
{
    (void)ctx;
    return dhcpaegis_configure(lease->ip, lease->mask, lease->router);
}

static int da_unconfigure(void *ctx)
{
    (void)ctx;
    return dhcpaegis_configure(0, 0, 0);
}

static void da_failed(void *ctx, const char *what, int err)
{
    (void)ctx;
    (void)uio_printf(DA_STDERR, "[DHCP] %s failed: errno %d\n", what, -err);
}

static void da_write_resolv(void *ctx, const char *text)
{
    int r = dhcpaegis_write_file(DHCPAEGIS_RESOLV_PATH, text);
    if (r < 0)
        da_failed(ctx, "writing " DHCPAEGIS_RESOLV_PATH, r);
}

/* Why no socket could be had, in words for the causes we expect. */
static const char *da_socket_reason(int err)
{
    if (err == -ENOSYS)
        return "the kernel has no sockets";
    if (err == -EAFNOSUPPORT)
        return "the kernel has no UDP/IPv4 sockets yet";
    if (err == -ENOCAP)
        return "no NET_SOCKET capability";
    return "error";
}

/* SIGTERM stops the client; it is let through only while waiting. */
static void da_catch_term(aegis_sigset_t *wait_mask)
{
    aegis_sigaction_t act = { (uint64_t)(uintptr_t)da_on_term, SA_RESTORER,
                              (uint64_t)(uintptr_t)glue_signal_restorer, 0 };
    aegis_sigset_t term = DA_SIGBIT(SIGTERM);
    aegis_sigset_t old = 0;
    (void)sys_rt_sigaction(SIGTERM, &act, NULL, AEGIS_SIGSET_SIZE);
    (void)sys_rt_sigprocmask(SIG_BLOCK, &term, &old, AEGIS_SIGSET_SIZE);
    *wait_mask = old & ~term;
}

static int da_loop(int fd, dhcp_client_t *c, dhcp_actions_t *acts)
{
    static uint8_t buf[DHCP_PACKET_MAX];
    int sock = fd;
    dhcp_io_t io = { da_send, da_configure, da_unconfigure, da_write_resolv, da_log, da_failed, &sock };
    aegis_sigset_t wait_mask;
    da_catch_term(&wait_mask);
    int status = dhcp_driver_run(&io, acts);
    while (status == DHCP_DRIVER_GO_ON) {
        if (da_stop_requested) {
            dhcp_client_stop(c, da_now_ms(), acts);
            status = dhcp_driver_run(&io, acts);
            continue;
        }
        int wait = dhcp_driver_wait_ms(acts, da_now_ms());
        aegis_timespec_t ts = { wait / (int)DA_MS_PER_S, (long)(wait % (int)DA_MS_PER_S) * (long)DA_NS_PER_MS };
        aegis_pollfd_t p = { fd, DA_POLLIN, 0 };
        long n = sys_ppoll(&p, 1, wait == DHCP_DRIVER_WAIT_FOREVER ? NULL : &ts, &wait_mask, AEGIS_SIGSET_SIZE);
        if (n < 0 && n != -EINTR) {
            (void)uio_printf(DA_STDERR, "[DHCP] poll failed: errno %ld, exiting\n", -n);
            return DHCPAEGIS_EXIT_CANNOT_START;
        }
        if (n > 0) {
            uint32_t src = 0;
            long len = dhcpaegis_recv(fd, buf, sizeof(buf), &src);
            if (len >= 0) {
                dhcp_client_on_packet(c, da_now_ms(), buf, (size_t)len, src, 0, acts);
                status = dhcp_driver_run(&io, acts);
            } else if (len == -EMSGSIZE) {
                (void)uio_printf(DA_STDERR, "[DHCP] dropped a datagram longer than %u bytes\n", DHCP_PACKET_MAX);
            }
        } else if (n == 0) {
            dhcp_client_on_timer(c, da_now_ms(), acts);
            status = dhcp_driver_run(&io, acts);
        }
    }
    return status;
}

int dhcpaegis_main(void)
{
    static dhcp_client_t client;
    static dhcp_actions_t acts;
    dhcp_config_t cfg;
    memset(&cfg, 0, sizeof(cfg));
    int r = dhcpaegis_read_mac(cfg.mac);
    if (r != 0 && r != -ENODEV) {
        (void)uio_printf(DA_STDERR, "[DHCP] cannot read the interface (netcfg: errno %d), exiting\n", -r);
        return DHCPAEGIS_EXIT_CANNOT_START;
    }
    uint64_t entropy = 0;
    if (sys_getrandom(&entropy, sizeof(entropy), 0) != (long)sizeof(entropy))
        entropy = da_now_ms();
    da_rng_state = dhcp_driver_seed(entropy);
    cfg.random = dhcp_driver_random;
    cfg.random_arg = &da_rng_state;
    dhcp_client_init(&client, &cfg);
    /* -ENODEV leaves the MAC zero: the core logs "no network interface" and exits 0 (DHCP-020). */
    int fd = -1;
    if (r == 0) {
        fd = dhcpaegis_open_socket();
        if (fd < 0) {
            (void)uio_printf(DA_STDERR, "[DHCP] cannot open a UDP socket (%s, errno %d), exiting\n",
                             da_socket_reason(fd), -fd);
            return DHCPAEGIS_EXIT_CANNOT_START;
        }
    }
    dhcp_client_start(&client, da_now_ms(), &acts);
    int status = da_loop(fd, &client, &acts);
    if (fd >= 0)
        (void)sys_close(fd);
    return status;
}
