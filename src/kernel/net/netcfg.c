/*
 * The one network interface and its configuration (see netcfg.h).  A refused
 * call changes nothing: every check runs before the state is touched.
 */
#include "net/netcfg.h"

#include <stdbool.h>

#include <aegis/errno.h>

#include "core/kstring.h"

#define NETCFG_MULTICAST_BIT 0x01u /* the I/G bit of a MAC's first byte */
#define NETCFG_BITS_PER_BYTE 8u
#define NETCFG_ADDR_BYTES 4u

static struct {
	bool present;
	aegis_netcfg_info_t info;
} netcfg_iface;

/* A value in network byte order read as a number (its first byte the most significant). */
static uint32_t netcfg_host_order(uint32_t net)
{
	uint8_t b[NETCFG_ADDR_BYTES];
	kmemcpy(b, &net, sizeof(b));
	uint32_t v = 0;
	for (unsigned i = 0; i < NETCFG_ADDR_BYTES; i++)
		v = (v << NETCFG_BITS_PER_BYTE) | b[i];
	return v;
}

/* Ones, then zeros (0 and all ones included). */
static bool netcfg_mask_ok(uint32_t net_mask)
{
	uint32_t zeros = ~netcfg_host_order(net_mask);
	return (zeros & (zeros + 1u)) == 0;
}

int netcfg_register(const uint8_t mac[AEGIS_MAC_LEN])
{
	bool zero = true;
	for (unsigned i = 0; i < AEGIS_MAC_LEN; i++)
		zero = zero && mac[i] == 0;
	if (zero || (mac[0] & NETCFG_MULTICAST_BIT) != 0)
		return -EINVAL;
	if (netcfg_iface.present)
		return -EBUSY;
	kmemset(&netcfg_iface.info, 0, sizeof(netcfg_iface.info));
	kmemcpy(netcfg_iface.info.mac, mac, AEGIS_MAC_LEN);
	netcfg_iface.present = true;
	return 0;
}

int netcfg_unregister(void)
{
	if (!netcfg_iface.present)
		return -ENODEV;
	kmemset(&netcfg_iface, 0, sizeof(netcfg_iface));
	return 0;
}

int netcfg_info(aegis_netcfg_info_t *out)
{
	if (!netcfg_iface.present)
		return -ENODEV;
	*out = netcfg_iface.info;
	return 0;
}

int netcfg_set(uint32_t ip, uint32_t mask, uint32_t gw)
{
	if (!netcfg_iface.present)
		return -ENODEV;
	if (!netcfg_mask_ok(mask) || (ip == 0 && (mask != 0 || gw != 0)))
		return -EINVAL;
	netcfg_iface.info.ip = ip;
	netcfg_iface.info.mask = mask;
	netcfg_iface.info.gw = gw;
	return 0;
}
