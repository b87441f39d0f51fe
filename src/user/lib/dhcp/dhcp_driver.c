/*
 * The adapters' shared part (see dhcp_driver.h): action dispatch, the wait
 * until the core's deadline, the random source.
 */
#include "dhcp/dhcp_driver.h"

#define DHCP_DRIVER_WAIT_MAX 0x7fffffffu   /* INT32_MAX: poll's timeout is an int */
#define DHCP_XORSHIFT_A 13u
#define DHCP_XORSHIFT_B 7u
#define DHCP_XORSHIFT_C 17u
#define DHCP_XORSHIFT_OUT 16u              /* the middle bits are the best mixed */
#define DHCP_SEED_NONZERO 1u

int dhcp_driver_run(const dhcp_io_t *io, const dhcp_actions_t *acts)
{
    for (size_t i = 0; i < acts->count; i++) {
        const dhcp_action_t *a = &acts->list[i];
        int rc = 0;
        switch (a->kind) {
        case DHCP_ACT_SEND:
            rc = io->send(io->ctx, a->dst_ip, a->packet, a->len);
            if (rc != 0)
                io->failed(io->ctx, "send", rc);
            break;
        case DHCP_ACT_CONFIGURE:
            rc = io->configure(io->ctx, &a->lease);
            if (rc != 0)
                io->failed(io->ctx, "configure", rc);
            break;
        case DHCP_ACT_UNCONFIGURE:
            rc = io->unconfigure(io->ctx);
            if (rc != 0)
                io->failed(io->ctx, "unconfigure", rc);
            break;
        case DHCP_ACT_WRITE_RESOLV:
            if (io->write_resolv != NULL)
                io->write_resolv(io->ctx, a->text);
            break;
        case DHCP_ACT_LOG:
            io->log(io->ctx, a->text);
            break;
        case DHCP_ACT_EXIT:
            return a->status;
        }
    }
    return DHCP_DRIVER_GO_ON;
}

int dhcp_driver_wait_ms(const dhcp_actions_t *acts, uint64_t now_ms)
{
    if (!acts->timer_armed)
        return DHCP_DRIVER_WAIT_FOREVER;
    uint64_t wait = acts->timer_at_ms > now_ms ? acts->timer_at_ms - now_ms : 0;
    return wait > DHCP_DRIVER_WAIT_MAX ? (int)DHCP_DRIVER_WAIT_MAX : (int)wait;
}

uint32_t dhcp_driver_random(void *arg)
{
    uint64_t *state = arg;
    uint64_t x = *state;
    x ^= x << DHCP_XORSHIFT_A;
    x ^= x >> DHCP_XORSHIFT_B;
    x ^= x << DHCP_XORSHIFT_C;
    *state = x;
    return (uint32_t)(x >> DHCP_XORSHIFT_OUT);
}

uint64_t dhcp_driver_seed(uint64_t entropy)
{
    return entropy != 0 ? entropy : DHCP_SEED_NONZERO;
}
