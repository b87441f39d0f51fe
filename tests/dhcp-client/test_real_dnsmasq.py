#!/usr/bin/python3
"""The DHCP host adapter against Debian's dnsmasq (spec/dhcp-client.md DHCP-080).

dnsmasq serves 192.168.77.0/24 in one namespace, dhcp-host runs in the other
(tests/dhcp-client/dhcp_lab.py). dnsmasq runs with --no-ping and T1/T2 options
of 5 s and 8 s so a renewal happens within seconds (its shortest lease is two
minutes). To make it forget the lease it is restarted with an empty lease file,
another range and --dhcp-authoritative, so it NAKs the renewal. Without root or
CAP_NET_ADMIN, or without dnsmasq, every case is skipped with the reason.
"""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dhcp_lab import CLIENT, SERVER_IP, run_lab, skip_reason, stop_client  # noqa: E402
from tap import Tap  # noqa: E402

T1, T2 = 5, 8
CASES = ["DHCP-080 DHCP-003 acquisition from dnsmasq",
         "DHCP-080 DHCP-046 renewal at T1 re-applies the lease",
         "DHCP-080 DHCP-048 NAK after dnsmasq forgets the lease, then a new address",
         "DHCP-080 DHCP-052 release on stop, exit status 0"]


def dnsmasq_argv(lab, first, last, authoritative=False):
    argv = ["dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--port=0", "--interface=" + lab.if_srv,
            "--bind-interfaces", "--no-ping", "--log-dhcp", "--dhcp-range=%s,%s,255.255.255.0,120" % (first, last),
            "--dhcp-leasefile=" + os.path.join(lab.tmp, "leases"), "--pid-file=",
            "--dhcp-option=option:dns-server," + SERVER_IP, "--dhcp-option=option:domain-name,lab.test",
            "--dhcp-option=58,%d" % T1, "--dhcp-option=59,%d" % T2]
    return argv + (["--dhcp-authoritative"] if authoritative else [])


def start_dnsmasq(lab, first, last, authoritative=False):
    open(os.path.join(lab.tmp, "leases"), "w").close()   # an empty lease file: the server knows nothing
    lab.start_server(dnsmasq_argv(lab, first, last, authoritative), "dnsmasq.log")


def run_cases(t, lab):
    lab.up()
    start_dnsmasq(lab, "192.168.77.50", "192.168.77.60")
    client, lines = lab.start_client()
    i, line = lines.wait(r"^\[DHCP\] acquired ", 10)
    addrs = lab.client_addrs()
    m = re.match(r"\[DHCP\] acquired (192\.168\.77\.(\d+))/24 gw 192\.168\.77\.1 lease 120s dns 192\.168\.77\.1$",
                 line or "")
    first_ip = m.group(1) if m else None
    ok = (m is not None and 50 <= int(m.group(2)) <= 60 and (first_ip, "24") in addrs
          and lab.resolv() == "nameserver 192.168.77.1\nsearch lab.test\n"
          and all(l.startswith("[DHCP] ") for l in lines.lines))
    t.ok(ok, CASES[0], detail="addrs %r resolv %r\n%s" % (addrs, lab.resolv(), lines.text()))
    if not ok:
        return 1

    j, line = lines.wait(r"^\[DHCP\] renewed lease, next renewal in %ds$" % T1, T1 + 5, start=i + 1)
    t.ok(j is not None and (first_ip, "24") in lab.client_addrs(), CASES[1], detail=lines.text())

    lab.stop_server()
    start_dnsmasq(lab, "192.168.77.100", "192.168.77.110", authoritative=True)
    k, nak = lines.wait(r"^\[DHCP\] NAK from 192\.168\.77\.1 in (RENEWING|REBINDING), restarting$", T2 + 10,
                        start=(j or i) + 1)
    n, line = lines.wait(r"^\[DHCP\] acquired 192\.168\.77\.1(0\d|10)/24 ", 10, start=(k or 0) + 1)
    addrs = lab.client_addrs()
    new_ip = re.search(r"acquired (\S+)/", line).group(1) if line else None
    t.ok(k is not None and n is not None and addrs == [(new_ip, "24")], CASES[2],
         detail="addrs %r\n%s" % (addrs, lines.text()))

    status, line = stop_client(client, lines)
    time.sleep(0.3)   # dnsmasq rewrites its lease file after the RELEASE
    leases = open(os.path.join(lab.tmp, "leases")).read()
    t.ok(status == 0 and line == "[DHCP] released %s" % new_ip and lab.client_addrs() == []
         and (new_ip or "?") not in leases,
         CASES[3], detail="status %r leases %r addrs %r\n%s" % (status, leases, lab.client_addrs(), lines.text()))
    return len(CASES)


def main():
    t = Tap()
    exists = os.path.exists(CLIENT)
    p = subprocess.run([CLIENT, "aegis-no-such-if0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE) \
        if exists else None
    t.ok(p is not None and p.returncode == 2 and b"no interface aegis-no-such-if0" in p.stderr,
         "DHCP-061 DHCP-003 dhcp-host exits 2 when it cannot start",
         detail="missing %s" % CLIENT if p is None else "status %d: %r" % (p.returncode, p.stderr))
    p = subprocess.run([CLIENT], stdout=subprocess.PIPE, stderr=subprocess.PIPE) if exists else None
    t.ok(p is not None and p.returncode == 2 and b"usage:" in p.stderr, "DHCP-061 dhcp-host usage error exits 2")

    reason = skip_reason("dnsmasq")
    run_lab(t, CASES, run_cases, reason, before_cleanup=print_server_log_summary)


def print_server_log_summary(tmp):
    log_path = os.path.join(tmp, "dnsmasq.log")
    if os.path.exists(log_path):
        with open(log_path) as f:
            log = f.read()
        print("# dnsmasq: %d DHCPACK, %d DHCPNAK, %d DHCPRELEASE" %
              (log.count("DHCPACK("), log.count("DHCPNAK("), log.count("DHCPRELEASE(")))


if __name__ == "__main__":
    main()
