/*
 * /bin/dhcp: the DHCP client of Aegis (spec/dhcp-client.md DHCP-070), a
 * oneshot Vigil service with NET_SOCKET and NET_ADMIN.  Everything is in
 * src/user/lib/dhcpaegis/ so host tests can run it; this is the entry.
 */
#include "dhcpaegis/dhcpaegis.h"

int main(void)
{
    return dhcpaegis_main();
}
