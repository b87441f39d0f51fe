/*
 * The network interface's configuration (spec/network-config.md): the MAC a
 * NIC driver registers, and the address, mask and gateway netcfg (500) sets.
 * One interface at most (the original's eth0).  Addresses are kept as the
 * system call passes them, in network byte order.
 */
#ifndef AEGIS_KERNEL_NET_NETCFG_H
#define AEGIS_KERNEL_NET_NETCFG_H

#include <stdint.h>

#include <aegis/private_abi.h>

/* A NIC driver's interface appears: 0, -EBUSY (one is registered), -EINVAL (zero or multicast MAC). */
int netcfg_register(const uint8_t mac[AEGIS_MAC_LEN]);

/* The driver's device is gone: 0, or -ENODEV when nothing is registered. */
int netcfg_unregister(void);

/* Fill *out with the MAC and the configuration (pad zero): 0, or -ENODEV. */
int netcfg_info(aegis_netcfg_info_t *out);

/*
 * Set address, mask and gateway (network byte order): 0, -ENODEV, or
 * -EINVAL for a mask that is not contiguous or an address of 0 with a
 * non-zero mask or gateway.  All three 0 removes the configuration.
 */
int netcfg_set(uint32_t ip, uint32_t mask, uint32_t gw);

#endif
