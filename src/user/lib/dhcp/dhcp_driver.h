/*
 * What every DHCP adapter does the same way (DHCP-003): carry out one event's
 * actions through the adapter's own I/O functions, turn the core's deadline
 * into a wait, and draw random numbers from a seeded xorshift generator.
 * dhcp-host (Linux) and /bin/dhcp (Aegis) supply only the I/O.  No I/O here.
 */
#ifndef DHCP_DRIVER_H
#define DHCP_DRIVER_H

#include <stddef.h>
#include <stdint.h>

#include "dhcp/dhcp_client.h"

#define DHCP_DRIVER_GO_ON (-1)     /* no exit action yet: keep running */
#define DHCP_DRIVER_WAIT_FOREVER (-1)

/* One adapter's I/O; each call returns 0 or -errno, log and resolv nothing. */
typedef struct {
    int (*send)(void *ctx, uint32_t dst_ip, const uint8_t *buf, size_t len);
    int (*configure)(void *ctx, const dhcp_lease_t *lease);
    int (*unconfigure)(void *ctx);
    void (*write_resolv)(void *ctx, const char *text);   /* NULL: no resolver file */
    void (*log)(void *ctx, const char *line);             /* without a newline */
    /* An action failed: what ("send", "configure", "unconfigure") and -errno. */
    void (*failed)(void *ctx, const char *what, int err);
    void *ctx;
} dhcp_io_t;

/* Carry out acts in order; the exit status of an exit action, else DHCP_DRIVER_GO_ON. */
int dhcp_driver_run(const dhcp_io_t *io, const dhcp_actions_t *acts);

/* Milliseconds from now_ms to the core's deadline (0 when past, at most
 * INT32_MAX), or DHCP_DRIVER_WAIT_FOREVER when no timer is armed. */
int dhcp_driver_wait_ms(const dhcp_actions_t *acts, uint64_t now_ms);

/* A dhcp_random_fn: xorshift64 over the uint64_t that arg points to (seed it non-zero). */
uint32_t dhcp_driver_random(void *arg);

/* A seed for dhcp_driver_random: never 0. */
uint64_t dhcp_driver_seed(uint64_t entropy);

#endif
