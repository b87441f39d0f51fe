#!/usr/bin/python3
"""The DHCP host adapter against busybox udhcpd (spec/dhcp-client.md DHCP-080).

A second, differently built server (busybox-static's udhcpd): it probes an
address with ARP before offering it, so its OFFER arrives after the client's
first DISCOVER phase (DHCP-033), it sends no T1/T2 options (the defaults of
DHCP-041 apply), and it is not authoritative: restarted with an empty lease
file and another range, it ignores the renewal instead of NAKing it, so the
client goes through RENEWING and REBINDING to expiry and starts again
(DHCP-044, 045, 047). Lease 10 s: T1 5 s, T2 8.75 s.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dhcp_lab import SERVER_IP, run_lab, skip_reason, stop_client  # noqa: E402
from tap import Tap  # noqa: E402

LEASE = 10
CASES = ["DHCP-080 DHCP-033 acquisition from udhcpd (late OFFER after its ARP probe)",
         "DHCP-080 DHCP-041 renewal at the default T1 (no options 58/59)",
         "DHCP-080 DHCP-045 DHCP-047 silent server: REBINDING, expiry, a new address",
         "DHCP-080 DHCP-052 release on stop, exit status 0"]


def write_conf(lab, first, last):
    leases = os.path.join(lab.tmp, "udhcpd.leases")
    open(leases, "w").close()
    conf = os.path.join(lab.tmp, "udhcpd.conf")
    with open(conf, "w") as f:
        f.write("start %s\nend %s\ninterface %s\nlease_file %s\nmin_lease 5\n"
                "option subnet 255.255.255.0\noption router %s\noption dns %s\noption lease %d\n"
                % (first, last, lab.if_srv, leases, SERVER_IP, SERVER_IP, LEASE))
    return conf


def start_udhcpd(lab, first, last):
    lab.start_server(["busybox", "udhcpd", "-f", write_conf(lab, first, last)], "udhcpd.log")


def run_cases(t, lab):
    lab.up()
    start_udhcpd(lab, "192.168.77.50", "192.168.77.60")
    client, lines = lab.start_client()
    i, line = lines.wait(r"^\[DHCP\] acquired ", 15)
    m = re.match(r"\[DHCP\] acquired (192\.168\.77\.(\d+))/24 gw 192\.168\.77\.1 lease %ds dns 192\.168\.77\.1$"
                 % LEASE, line or "")
    first_ip = m.group(1) if m else None
    addrs = lab.client_addrs()
    ok = m is not None and 50 <= int(m.group(2)) <= 60 and (first_ip, "24") in addrs and \
        lab.resolv() == "nameserver 192.168.77.1\n"
    t.ok(ok, CASES[0], detail="addrs %r resolv %r\n%s" % (addrs, lab.resolv(), lines.text()))
    if not ok:
        return 1

    j, _ = lines.wait(r"^\[DHCP\] renewed lease, next renewal in 5s$", LEASE, start=i + 1)
    t.ok(j is not None and (first_ip, "24") in lab.client_addrs(), CASES[1], detail=lines.text())

    lab.stop_server()
    start_udhcpd(lab, "192.168.77.100", "192.168.77.110")
    base = (j or i) + 1
    r, _ = lines.wait(r"^\[DHCP\] rebinding: no answer from 192\.168\.77\.1$", LEASE + 2, start=base)
    e, _ = lines.wait(r"^\[DHCP\] lease expired, restarting$", LEASE + 2, start=base)
    n, line = lines.wait(r"^\[DHCP\] acquired 192\.168\.77\.1(0\d|10)/24 ", 15, start=(e or base) + 1)
    addrs = lab.client_addrs()
    new_ip = re.search(r"acquired (\S+)/", line).group(1) if line else None
    t.ok(r is not None and e is not None and n is not None and r < e < n and addrs == [(new_ip, "24")], CASES[2],
         detail="addrs %r\n%s" % (addrs, lines.text()))

    status, line = stop_client(client, lines)
    t.ok(status == 0 and line == "[DHCP] released %s" % new_ip and lab.client_addrs() == [], CASES[3],
         detail="status %r addrs %r\n%s" % (status, lab.client_addrs(), lines.text()))
    return len(CASES)


def main():
    t = Tap()
    reason = skip_reason("busybox")
    if reason is None and b"udhcpd" not in subprocess.run(["busybox", "--list"], stdout=subprocess.PIPE).stdout:
        reason = "this busybox has no udhcpd applet"
    run_lab(t, CASES, run_cases, reason, tag="u%d" % (os.getpid() % 10000))


if __name__ == "__main__":
    main()
