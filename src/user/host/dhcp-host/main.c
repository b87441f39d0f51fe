/*
 * dhcp-host: the DHCP protocol core run on Linux against real servers
 * (spec/dhcp-client.md DHCP-003, DHCP-080).
 *
 *   dhcp-host [--resolv FILE] [--seed N] [--capture DIR] [--remember A.B.C.D] IFNAME
 *
 * One ppoll loop feeds the core its events: datagrams from the UDP socket,
 * the core's own deadline, and SIGTERM/SIGINT (stop: release and exit 0),
 * which are blocked except inside ppoll so none is lost between checks.
 * Time is CLOCK_MONOTONIC in milliseconds; random numbers come from a
 * xorshift generator seeded by --seed or getrandom().  Actions are carried
 * out as the core lists them; log lines go to stderr unchanged.  --capture
 * saves every received datagram as DIR/rx-NNN.bin (fuzz corpus material).
 * Exit status follows DHCP-061: 0 stop, 1 failed, 2 cannot start.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "dhcp/dhcp_client.h"
#include "dhcp/dhcp_driver.h"
#include "host_net.h"

#define EXIT_CANNOT_START 2
#define PATH_MAX_LEN 4096
#define MS_PER_S 1000u
#define NS_PER_MS 1000000u

typedef struct {
    const char *ifname;
    const char *resolv;
    const char *capture;
    bool has_seed;
    uint64_t seed;
    bool has_remember;
    uint32_t remember;
} options_t;

static volatile sig_atomic_t stop_requested;
static uint64_t rng_state;   /* dhcp_driver_random's */
static unsigned capture_count;
static sigset_t run_mask;   /* the signal mask while waiting: SIGTERM, SIGINT let through */

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * MS_PER_S + (uint64_t)ts.tv_nsec / NS_PER_MS;
}

static int usage(void)
{
    fprintf(stderr, "usage: dhcp-host [--resolv FILE] [--seed N] [--capture DIR] [--remember A.B.C.D] IFNAME\n");
    return EXIT_CANNOT_START;
}

static int parse_args(int argc, char **argv, options_t *o)
{
    memset(o, 0, sizeof(*o));
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (strcmp(a, "--resolv") == 0 && has_value) {
            o->resolv = argv[++i];
        } else if (strcmp(a, "--capture") == 0 && has_value) {
            o->capture = argv[++i];
        } else if (strcmp(a, "--seed") == 0 && has_value) {
            char *end;
            o->seed = strtoull(argv[++i], &end, 0);
            if (*end != '\0')
                return -1;
            o->has_seed = true;
        } else if (strcmp(a, "--remember") == 0 && has_value) {
            struct in_addr in;
            if (inet_pton(AF_INET, argv[++i], &in) != 1)
                return -1;
            o->has_remember = true;
            o->remember = ntohl(in.s_addr);
        } else if (a[0] == '-' || o->ifname != NULL) {
            return -1;
        } else {
            o->ifname = a;
        }
    }
    return o->ifname != NULL ? 0 : -1;
}

static void capture_packet(const options_t *o, const uint8_t *buf, size_t len)
{
    if (o->capture == NULL)
        return;
    char path[PATH_MAX_LEN];
    snprintf(path, sizeof(path), "%s/rx-%03u.bin", o->capture, capture_count++);
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        return;
    fwrite(buf, 1, len, f);
    fclose(f);
}

/* Write the resolver file whole or not at all (temporary file + rename). */
static void write_resolv(const char *path, const char *text)
{
    char tmp[PATH_MAX_LEN];
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0 || rename(tmp, path) != 0)
        fprintf(stderr, "dhcp-host: cannot write %s: %s\n", path, strerror(errno));
}

/* What the I/O functions below need: the options and the socket. */
typedef struct {
    const options_t *o;
    int fd;
} host_ctx_t;

static int host_send(void *ctx, uint32_t dst_ip, const uint8_t *buf, size_t len)
{
    return host_net_send(((const host_ctx_t *)ctx)->fd, dst_ip, buf, len);
}

static int host_configure(void *ctx, const dhcp_lease_t *lease)
{
    return host_net_configure(((const host_ctx_t *)ctx)->o->ifname, lease);
}

static int host_unconfigure(void *ctx)
{
    return host_net_unconfigure(((const host_ctx_t *)ctx)->o->ifname);
}

static void host_write_resolv(void *ctx, const char *text)
{
    const options_t *o = ((const host_ctx_t *)ctx)->o;
    if (o->resolv != NULL)
        write_resolv(o->resolv, text);
}

static void host_log(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "%s\n", line);
}

static void host_failed(void *ctx, const char *what, int err)
{
    fprintf(stderr, "dhcp-host: %s on %s failed: %s\n", what, ((const host_ctx_t *)ctx)->o->ifname, strerror(-err));
}

/* Carry out one event's actions; returns an exit status or DHCP_DRIVER_GO_ON. */
static int run_actions(const options_t *o, int fd, const dhcp_actions_t *acts)
{
    host_ctx_t ctx = { o, fd };
    dhcp_io_t io = { host_send, host_configure, host_unconfigure, host_write_resolv, host_log, host_failed, &ctx };
    return dhcp_driver_run(&io, acts);
}

static int event_loop(const options_t *o, int fd, dhcp_client_t *c, dhcp_actions_t *acts)
{
    static uint8_t buf[DHCP_PACKET_MAX];
    int status = run_actions(o, fd, acts);
    while (status == DHCP_DRIVER_GO_ON) {
        if (stop_requested) {
            dhcp_client_stop(c, now_ms(), acts);
            status = run_actions(o, fd, acts);
            continue;
        }
        int timeout = dhcp_driver_wait_ms(acts, now_ms());
        struct pollfd p = { .fd = fd, .events = POLLIN };
        struct timespec ts = { timeout / (int)MS_PER_S, (long)(timeout % (int)MS_PER_S) * (long)NS_PER_MS };
        int n = ppoll(&p, 1, timeout < 0 ? NULL : &ts, &run_mask);   /* signals only land here */
        if (n < 0 && errno != EINTR) {
            fprintf(stderr, "dhcp-host: poll: %s\n", strerror(errno));
            return EXIT_CANNOT_START;
        }
        if (n > 0) {
            uint32_t src, dst;
            long len = host_net_recv(fd, buf, sizeof(buf), &src, &dst);
            if (len >= 0) {
                capture_packet(o, buf, (size_t)len);
                dhcp_client_on_packet(c, now_ms(), buf, (size_t)len, src, dst, acts);
                status = run_actions(o, fd, acts);
            } else if (len == -EMSGSIZE) {
                fprintf(stderr, "dhcp-host: dropped a datagram longer than %u bytes\n", DHCP_PACKET_MAX);
            }
            continue;
        }
        if (n == 0) {
            dhcp_client_on_timer(c, now_ms(), acts);
            status = run_actions(o, fd, acts);
        }
    }
    return status;
}

int main(int argc, char **argv)
{
    options_t o;
    if (parse_args(argc, argv, &o) != 0)
        return usage();
    setvbuf(stderr, NULL, _IOLBF, 0);
    dhcp_config_t cfg;
    memset(&cfg, 0, sizeof(cfg));
    int rc = host_net_mac(o.ifname, cfg.mac);
    if (rc != 0) {
        fprintf(stderr, "dhcp-host: no interface %s: %s\n", o.ifname, strerror(-rc));
        return EXIT_CANNOT_START;
    }
    if (!o.has_seed && getrandom(&o.seed, sizeof(o.seed), 0) != (ssize_t)sizeof(o.seed))
        o.seed = (uint64_t)now_ms();
    rng_state = dhcp_driver_seed(o.seed);
    cfg.random = dhcp_driver_random;
    cfg.random_arg = &rng_state;
    cfg.has_remembered_ip = o.has_remember;
    cfg.remembered_ip = o.remember;
    int fd = host_net_open(o.ifname);
    if (fd < 0) {
        fprintf(stderr, "dhcp-host: socket on %s: %s\n", o.ifname, strerror(-fd));
        return EXIT_CANNOT_START;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    sigprocmask(SIG_BLOCK, &block, &run_mask);

    static dhcp_client_t client;
    static dhcp_actions_t acts;
    dhcp_client_init(&client, &cfg);
    dhcp_client_start(&client, now_ms(), &acts);
    int status = event_loop(&o, fd, &client, &acts);
    close(fd);
    return status;
}
