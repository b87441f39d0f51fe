#!/usr/bin/python3
"""The DHCP host adapter against ISC dhcpd (isc-dhcp-server; spec/dhcp-client.md DHCP-080).

A strict, authoritative server: the client starts in INIT-REBOOT with a remembered
address from another network, which ISC NAKs ("wrong network"), so the client falls
back to DISCOVER (DHCP-050, DHCP-048); it renews at T1 of a 10-second lease. Restarted
with an empty lease file and its subnet narrowed to 192.168.77.0/25, dhcpd answers the
renewal and the rebinding of the client's .20x address with silence ("unknown lease",
not a NAK: ISC NAKs only requests that name an address, as in INIT-REBOOT), so the
client lets the lease expire and acquires an address on the new /25 subnet, mask taken
from the new ACK (DHCP-047, DHCP-026); on stop the RELEASE reaches the server, which
knows the lease (its log says "DHCPRELEASE of A from ... (found)").
"""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dhcp_lab import SERVER_IP, run_lab, skip_reason, stop_client  # noqa: E402
from tap import Tap  # noqa: E402

LEASE = 10
CASES = ["DHCP-080 DHCP-050 INIT-REBOOT with a wrong-network address: NAK, then DISCOVER and a lease",
         "DHCP-080 DHCP-046 renewal at T1 of a 10 s lease",
         "DHCP-080 DHCP-047 DHCP-026 dhcpd forgets the lease: silence, expiry, a new /25 address",
         "DHCP-080 DHCP-052 the RELEASE reaches dhcpd, exit status 0"]


def start_dhcpd(lab, first, last, netmask="255.255.255.0"):
    leases = os.path.join(lab.tmp, "dhcpd.leases")
    open(leases, "w").close()
    conf = os.path.join(lab.tmp, "dhcpd.conf")
    with open(conf, "w") as f:
        f.write("authoritative;\nping-check false;\n"
                "default-lease-time %d;\nmax-lease-time %d;\nmin-lease-time %d;\n"
                "subnet 192.168.77.0 netmask %s {\n  range %s %s;\n  option routers %s;\n"
                "  option domain-name-servers %s;\n  option domain-name \"lab.test\";\n}\n"
                % (LEASE, LEASE, LEASE, netmask, first, last, SERVER_IP, SERVER_IP))
    lab.start_server(["dhcpd", "-4", "-f", "-d", "-cf", conf, "-lf", leases, "-pf", os.path.join(lab.tmp, "pid"),
                      lab.if_srv], "dhcpd.log")


def run_cases(t, lab):
    lab.up()
    start_dhcpd(lab, "192.168.77.200", "192.168.77.210")
    client, lines = lab.start_client("--remember", "10.9.9.9")
    k, _ = lines.wait(r"^\[DHCP\] NAK from 192\.168\.77\.1 in INIT-REBOOT, restarting$", 5)
    i, line = lines.wait(r"^\[DHCP\] acquired ", 10)
    m = re.match(r"\[DHCP\] acquired (192\.168\.77\.(\d+))/24 gw 192\.168\.77\.1 lease %ds dns 192\.168\.77\.1$"
                 % LEASE, line or "")
    first_ip = m.group(1) if m else None
    addrs = lab.client_addrs()
    ok = k is not None and m is not None and k < i and 200 <= int(m.group(2)) <= 210 and (first_ip, "24") in addrs \
        and lab.resolv() == "nameserver 192.168.77.1\nsearch lab.test\n"
    t.ok(ok, CASES[0], detail="addrs %r resolv %r\n%s" % (addrs, lab.resolv(), lines.text()))
    if not ok:
        return 1

    j, _ = lines.wait(r"^\[DHCP\] renewed lease, next renewal in 5s$", LEASE, start=i + 1)
    t.ok(j is not None and (first_ip, "24") in lab.client_addrs(), CASES[1], detail=lines.text())

    lab.stop_server()
    start_dhcpd(lab, "192.168.77.100", "192.168.77.110", netmask="255.255.255.128")
    base = (j or i) + 1
    k, _ = lines.wait(r"^\[DHCP\] lease expired, restarting$", LEASE + 2, start=base)
    n, line = lines.wait(r"^\[DHCP\] acquired 192\.168\.77\.1(0\d|10)/25 ", 10, start=(k or base) + 1)
    addrs = lab.client_addrs()
    new_ip = re.search(r"acquired (\S+)/", line).group(1) if line else None
    t.ok(k is not None and n is not None and addrs == [(new_ip, "25")], CASES[2],
         detail="addrs %r\n%s" % (addrs, lines.text()))

    status, line = stop_client(client, lines)
    time.sleep(0.3)
    log = open(os.path.join(lab.tmp, "dhcpd.log")).read()
    released = re.search(r"DHCPRELEASE of %s from [0-9a-f:]+ via \S+ \(found\)$" % re.escape(new_ip or "?"), log, re.M)
    t.ok(status == 0 and line == "[DHCP] released %s" % new_ip and released is not None and lab.client_addrs() == [],
         CASES[3], detail="status %r\n%s\n--- dhcpd ---\n%s" % (status, lines.text(), log[-3000:]))
    return len(CASES)


def main():
    t = Tap()
    reason = skip_reason("dhcpd")
    if reason and "installed" in reason:
        reason += " (package isc-dhcp-server)"
    run_lab(t, CASES, run_cases, reason, tag="i%d" % (os.getpid() % 10000))


if __name__ == "__main__":
    main()
