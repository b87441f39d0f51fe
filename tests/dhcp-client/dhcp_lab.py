"""A two-namespace network for running dhcp-host against real DHCP servers (DHCP-080).

    lab = Lab(tmpdir)          # names carry this process's id, so runs never collide
    lab.up()                   # server namespace + client namespace, joined by a veth pair
    lab.start_server([...])    # argv run inside the server namespace, output to a log file
    client, lines = lab.start_client()
    lines.wait(r"^\\[DHCP\\] acquired ", 10)
    lab.down()                 # kills every process started here, deletes both namespaces

Only addresses inside the namespaces are used (192.168.77.0/24 on the veth pair).
"""
import os
import re
import shutil
import subprocess
import threading
import time

BUILD = os.environ.get("AEGIS_BUILD", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "build"))
CLIENT = os.path.join(BUILD, "host", "dhcp-host")
SERVER_IP = "192.168.77.1"


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
        """(index, line) of the first line from `start` matching pattern, or (None, None)."""
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
    def __init__(self, tmp, tag=None):
        tag = tag or "%d" % (os.getpid() % 100000)
        self.ns_srv, self.ns_cli = "aegis-dhs-" + tag, "aegis-dhc-" + tag
        self.if_srv, self.if_cli = "adhs" + tag, "adhc" + tag
        self.tmp, self.procs, self.server = tmp, [], None

    def up(self):
        sh("ip", "netns", "add", self.ns_srv)
        sh("ip", "netns", "add", self.ns_cli)
        sh("ip", "link", "add", self.if_srv, "netns", self.ns_srv, "type", "veth", "peer", "name", self.if_cli,
           "netns", self.ns_cli)
        sh("ip", "-n", self.ns_srv, "addr", "add", SERVER_IP + "/24", "dev", self.if_srv)
        for ns, ifname in ((self.ns_srv, self.if_srv), (self.ns_cli, self.if_cli)):
            sh("ip", "-n", ns, "link", "set", "lo", "up")
            sh("ip", "-n", ns, "link", "set", ifname, "up")

    def start_server(self, argv, logname):
        log_path = os.path.join(self.tmp, logname)
        log = open(log_path, "ab")
        self.server = subprocess.Popen(["ip", "netns", "exec", self.ns_srv] + argv, stdout=log,
                                       stderr=subprocess.STDOUT, cwd=self.tmp)
        self.procs.append(self.server)
        time.sleep(0.3)
        if self.server.poll() is not None:
            raise RuntimeError("%s exited at once:\n%s" % (argv[0], open(log_path).read()))

    def stop_server(self):
        self.server.terminate()
        self.server.wait(timeout=5)

    def start_client(self, *extra):
        argv = ["ip", "netns", "exec", self.ns_cli, CLIENT, "--seed", "7", "--resolv",
                os.path.join(self.tmp, "resolv"), *extra, self.if_cli]
        p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.procs.append(p)
        return p, Lines(p.stderr)

    def resolv(self):
        path = os.path.join(self.tmp, "resolv")
        return open(path).read() if os.path.exists(path) else ""

    def client_addrs(self):
        out = sh("ip", "-n", self.ns_cli, "-4", "-o", "addr", "show", "dev", self.if_cli)
        return re.findall(r"inet (\d+\.\d+\.\d+\.\d+)/(\d+)", out)

    def down(self):
        for p in self.procs:
            if p.poll() is None:
                p.kill()
                p.wait(timeout=5)
        for ns in (self.ns_cli, self.ns_srv):
            sh("ip", "netns", "del", ns, check=False)

    def namespaces_gone(self):
        listing = sh("ip", "netns", "list", check=False)
        return self.ns_srv not in listing and self.ns_cli not in listing


def skip_reason(server_argv0):
    """Why real-server cases cannot run here, or None. A missing dhcp-host is not a skip."""
    if shutil.which(server_argv0) is None and not os.path.exists("/usr/sbin/" + server_argv0):
        return "%s is not installed" % server_argv0
    if shutil.which("ip") is None and not os.path.exists("/usr/sbin/ip"):
        return "iproute2 (ip) is not installed"
    probe = "aegis-dhprobe-%d" % os.getpid()
    p = subprocess.run(["ip", "netns", "add", probe], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if p.returncode != 0:
        return "cannot create a network namespace (needs root or CAP_NET_ADMIN): " + \
            p.stdout.decode(errors="replace").strip()
    subprocess.run(["ip", "netns", "del", probe])
    return None


def stop_client(client, lines, timeout=5):
    """SIGTERM the client; returns (exit status or None, the released line or None)."""
    client.terminate()
    try:
        status = client.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        status = None
    _, line = lines.wait(r"^\[DHCP\] (released|stopped)", 1)
    return status, line


def run_lab(t, cases, run_cases, reason, tag=None, before_cleanup=None):
    """The real-server driver shared by the test_real_*.py files.

    Reports every case as skipped when reason says the server cannot run, or as failed when
    dhcp-host was not built. Otherwise runs run_cases(t, lab) (which returns how many cases it
    reported) in a fresh Lab, always tears the lab down (before_cleanup(tmpdir) may read logs
    first), skips the cases an early failure left unreached, and checks no namespace is left.
    Ends the TAP stream.
    """
    import tempfile  # only the driver needs it

    if reason or not os.path.exists(CLIENT):
        for name in cases:
            if reason:
                t.skip(name, reason)
            else:
                t.ok(False, name, detail="missing " + CLIENT)
        t.done()
    start = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="aegis-dhcp-")
    lab = Lab(tmp, tag=tag) if tag else Lab(tmp)
    try:
        reported = run_cases(t, lab)
    except Exception as e:   # report, never leave the namespaces behind
        t.ok(False, "DHCP-080 real-server run", detail=repr(e))
        reported = len(cases)
    finally:
        lab.down()
        if before_cleanup:
            before_cleanup(tmp)
        shutil.rmtree(tmp, ignore_errors=True)
    for name in cases[reported:]:
        t.skip(name, "acquisition failed, nothing to renew or release")
    print("# real-server cases took %.1f s" % (time.monotonic() - start))
    t.ok(lab.namespaces_gone(), "DHCP-080 namespaces removed afterwards")
    t.done()
