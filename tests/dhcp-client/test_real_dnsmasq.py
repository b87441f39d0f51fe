#!/usr/bin/python3
"""The DHCP host adapter against Debian's dnsmasq (spec/dhcp-client.md DHCP-080).

Two network namespaces joined by a veth pair: dnsmasq serves 192.168.77.0/24 in
one, dhcp-host runs in the other. Everything lives inside the namespaces, which
are removed (with every process this test started) whatever happens. dnsmasq
runs with --no-ping and T1/T2 options of 5 s and 8 s so a renewal happens
within seconds (its shortest lease is two minutes). Without root or
CAP_NET_ADMIN, or without dnsmasq, every case is reported as skipped with the
reason.
"""
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time

from tap import Tap

BUILD = os.environ.get("AEGIS_BUILD", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "build"))
CLIENT = os.path.join(BUILD, "host", "dhcp-host")
TAG = "%d" % (os.getpid() % 100000)
NS_SRV, NS_CLI = "aegis-dhs-" + TAG, "aegis-dhc-" + TAG
IF_SRV, IF_CLI = "adhs" + TAG, "adhc" + TAG
SERVER_IP = "192.168.77.1"
T1, T2 = 5, 8
CASES = ["DHCP-080 DHCP-003 acquisition from dnsmasq",
         "DHCP-080 DHCP-046 renewal at T1 re-applies the lease",
         "DHCP-080 DHCP-048 NAK after dnsmasq forgets the lease, then a new address",
         "DHCP-080 DHCP-052 release on stop, exit status 0"]


def sh(*argv, check=True):
    p = subprocess.run(list(argv), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=20)
    if check and p.returncode != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(argv), p.stdout.decode(errors="replace")))
    return p.stdout.decode(errors="replace")


class Lines:
    """Collects a process's stderr lines in a thread; wait() finds one by regex."""

    def __init__(self, stream):
        self.lines, self.cond = [], threading.Condition()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for raw in stream:
            with self.cond:
                self.lines.append(raw.decode(errors="replace").rstrip("\n"))
                self.cond.notify_all()

    def wait(self, pattern, timeout, start=0):
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for i in range(start, len(self.lines)):
                    if rx.search(self.lines[i]):
                        return i, self.lines[i]
                left = deadline - time.monotonic()
                if left <= 0:
                    return None, None
                self.cond.wait(left)

    def text(self):
        with self.cond:
            return "\n".join(self.lines)


class Lab:
    def __init__(self, tmp):
        self.tmp, self.procs, self.dnsmasq = tmp, [], None
        self.leases = os.path.join(tmp, "leases")

    def up(self):
        sh("ip", "netns", "add", NS_SRV)
        sh("ip", "netns", "add", NS_CLI)
        sh("ip", "link", "add", IF_SRV, "netns", NS_SRV, "type", "veth", "peer", "name", IF_CLI, "netns", NS_CLI)
        sh("ip", "-n", NS_SRV, "addr", "add", SERVER_IP + "/24", "dev", IF_SRV)
        for ns, ifname in ((NS_SRV, IF_SRV), (NS_CLI, IF_CLI)):
            sh("ip", "-n", ns, "link", "set", "lo", "up")
            sh("ip", "-n", ns, "link", "set", ifname, "up")

    def start_dnsmasq(self, first, last, authoritative=False):
        open(self.leases, "w").close()   # an empty lease file: the server knows nothing
        argv = ["ip", "netns", "exec", NS_SRV, "dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--port=0",
                "--interface=" + IF_SRV, "--bind-interfaces", "--no-ping", "--log-dhcp",
                "--dhcp-range=%s,%s,255.255.255.0,120" % (first, last),
                "--dhcp-leasefile=" + self.leases, "--pid-file=",
                "--dhcp-option=option:dns-server," + SERVER_IP, "--dhcp-option=option:domain-name,lab.test",
                "--dhcp-option=58,%d" % T1, "--dhcp-option=59,%d" % T2]
        if authoritative:
            argv.append("--dhcp-authoritative")
        log = open(os.path.join(self.tmp, "dnsmasq.log"), "ab")
        self.dnsmasq = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)
        self.procs.append(self.dnsmasq)
        time.sleep(0.3)
        if self.dnsmasq.poll() is not None:
            raise RuntimeError("dnsmasq exited at once:\n" + open(os.path.join(self.tmp, "dnsmasq.log")).read())

    def stop_dnsmasq(self):
        self.dnsmasq.terminate()
        self.dnsmasq.wait(timeout=5)

    def start_client(self, *extra):
        argv = ["ip", "netns", "exec", NS_CLI, CLIENT, "--seed", "7", "--resolv", os.path.join(self.tmp, "resolv"),
                *extra, IF_CLI]
        p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.procs.append(p)
        return p, Lines(p.stderr)

    def client_addrs(self):
        out = sh("ip", "-n", NS_CLI, "-4", "-o", "addr", "show", "dev", IF_CLI)
        return re.findall(r"inet (\d+\.\d+\.\d+\.\d+)/(\d+)", out)

    def down(self):
        for p in self.procs:
            if p.poll() is None:
                p.kill()
                p.wait(timeout=5)
        for ns in (NS_CLI, NS_SRV):
            sh("ip", "netns", "del", ns, check=False)


def skip_reason():
    if not os.path.exists(CLIENT):
        return None   # a missing build is a failure, reported below
    if shutil.which("dnsmasq") is None and not os.path.exists("/usr/sbin/dnsmasq"):
        return "dnsmasq is not installed"
    if shutil.which("ip") is None and not os.path.exists("/usr/sbin/ip"):
        return "iproute2 (ip) is not installed"
    probe = "aegis-dhprobe-" + TAG
    p = subprocess.run(["ip", "netns", "add", probe], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if p.returncode != 0:
        return "cannot create a network namespace (needs root or CAP_NET_ADMIN): " + \
            p.stdout.decode(errors="replace").strip()
    subprocess.run(["ip", "netns", "del", probe])
    return None


def run_cases(t, lab):
    lab.up()
    lab.start_dnsmasq("192.168.77.50", "192.168.77.60")
    client, lines = lab.start_client()
    i, line = lines.wait(r"^\[DHCP\] acquired ", 10)
    addrs = lab.client_addrs()
    m = re.match(r"\[DHCP\] acquired (192\.168\.77\.(\d+))/24 gw 192\.168\.77\.1 lease 120s dns 192\.168\.77\.1$",
                 line or "")
    resolv = open(os.path.join(lab.tmp, "resolv")).read() if os.path.exists(os.path.join(lab.tmp, "resolv")) else ""
    first_ip = m.group(1) if m else None
    ok = (m is not None and 50 <= int(m.group(2)) <= 60 and (first_ip, "24") in addrs
          and resolv == "nameserver 192.168.77.1\nsearch lab.test\n"
          and all(l.startswith("[DHCP] ") for l in lines.lines))
    t.ok(ok, CASES[0], detail="addrs %r resolv %r\n%s" % (addrs, resolv, lines.text()))
    if not ok:
        return 1

    j, line = lines.wait(r"^\[DHCP\] renewed lease, next renewal in %ds$" % T1, T1 + 5, start=i + 1)
    t.ok(j is not None and (first_ip, "24") in lab.client_addrs(), CASES[1], detail=lines.text())

    lab.stop_dnsmasq()
    lab.start_dnsmasq("192.168.77.100", "192.168.77.110", authoritative=True)
    k, nak = lines.wait(r"^\[DHCP\] NAK from 192\.168\.77\.1 in (RENEWING|REBINDING), restarting$", T2 + 10,
                        start=(j or i) + 1)
    n, line = lines.wait(r"^\[DHCP\] acquired 192\.168\.77\.1(0\d|10)/24 ", 10, start=(k or 0) + 1)
    addrs = lab.client_addrs()
    new_ip = re.search(r"acquired (\S+)/", line).group(1) if line else None
    t.ok(k is not None and n is not None and addrs == [(new_ip, "24")], CASES[2],
         detail="addrs %r\n%s" % (addrs, lines.text()))

    client.send_signal(signal.SIGTERM)
    try:
        status = client.wait(timeout=5)
    except subprocess.TimeoutExpired:
        status = None
    r, line = lines.wait(r"^\[DHCP\] released ", 1)
    time.sleep(0.3)   # dnsmasq rewrites its lease file after the RELEASE
    leases = open(lab.leases).read()
    t.ok(status == 0 and line == "[DHCP] released %s" % new_ip and lab.client_addrs() == []
         and (new_ip or "?") not in leases,
         CASES[3], detail="status %r leases %r addrs %r\n%s" % (status, leases, lab.client_addrs(), lines.text()))
    return len(CASES)


def main():
    t = Tap()
    p = subprocess.run([CLIENT, "aegis-no-such-if0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE) \
        if os.path.exists(CLIENT) else None
    t.ok(p is not None and p.returncode == 2 and b"no interface aegis-no-such-if0" in p.stderr,
         "DHCP-061 DHCP-003 dhcp-host exits 2 when it cannot start",
         detail="missing %s" % CLIENT if p is None else "status %d: %r" % (p.returncode, p.stderr))
    p = subprocess.run([CLIENT], stdout=subprocess.PIPE, stderr=subprocess.PIPE) if os.path.exists(CLIENT) else None
    t.ok(p is not None and p.returncode == 2 and b"usage:" in p.stderr, "DHCP-061 dhcp-host usage error exits 2")

    reason = skip_reason()
    if reason or not os.path.exists(CLIENT):
        for name in CASES:
            if reason:
                t.skip(name, reason)
            else:
                t.ok(False, name, detail="missing " + CLIENT)
        t.done()
    start = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="aegis-dhcp-")
    lab = Lab(tmp)
    try:
        reported = run_cases(t, lab)
    except Exception as e:   # report, never leave the namespaces behind
        t.ok(False, "DHCP-080 real-server run", detail=repr(e))
        reported = len(CASES)
    finally:
        lab.down()
        dl = os.path.join(tmp, "dnsmasq.log")
        if os.path.exists(dl):
            with open(dl) as f:
                log = f.read()
            print("# dnsmasq: %d DHCPACK, %d DHCPNAK, %d DHCPRELEASE" %
                  (log.count("DHCPACK("), log.count("DHCPNAK("), log.count("DHCPRELEASE(")))
        shutil.rmtree(tmp, ignore_errors=True)
    for name in CASES[reported:]:
        t.skip(name, "acquisition failed, nothing to renew or release")
    print("# real-server cases took %.1f s" % (time.monotonic() - start))
    leftover = subprocess.run(["ip", "netns", "list"], stdout=subprocess.PIPE).stdout.decode()
    t.ok(NS_SRV not in leftover and NS_CLI not in leftover, "DHCP-080 namespaces removed afterwards",
         detail=leftover)
    t.done()


if __name__ == "__main__":
    main()
