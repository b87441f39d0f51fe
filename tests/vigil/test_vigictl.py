#!/usr/bin/python3
"""vigictl, shutdown and reboot over Vigil's control socket on both builds (spec/vigil.md
VIG-110..122, VIG-150..153), and FIFOs as a service sees them (spec/filesystems.md FS-200..204).

A `control` service runs /bin/vtadmin (a copy of vigiltest the image gives AUTH): first outside
an authenticated session, where vigictl holds only the baseline and Vigil answers status and
refuses the rest, then raw clients of the socket (idle, malformed, overlong, one too many), then
auth_session and a fixed series of vigictl commands against a `sleeper` service (vigictl's
admin tier now applies), then /bin/shutdown or /bin/reboot; a `stubborn` service ignores
SIGTERM, so shutdown has to wait its bound and SIGKILL it.  The sim with root=disk0 keeps the
ext2 image, which must be e2fsck-clean after the power-off.
"""
import re
import os
import subprocess
import sys
import tempfile

from aegis_qemu import boot, kernel_path
from aegis_sim import BUILD, run_sim
from tap import Tap

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vigil_image import build_image, service  # noqa: E402

SIM_TIMEOUT = 240
QEMU_TIMEOUT = 120
# Outside a test run reboot(2) powers off for real (VIG-133: QEMU and the sim exit 0) or
# restarts (VIG-134: the sim exits 41, SIM_EXIT_RESTART; QEMU boots again).
STATUS_POWER_OFF = 0
STATUS_RESTART = 41
BOOT_BANNER = "[CMDLINE] OK"
STATUS_PASS = 33
SIM_INITRD = os.path.join(BUILD, "initrd-sim.cpio")


def services(then):
    return {
        "sleeper": service(run="/bin/vigiltest sleep"),
        "stubborn": service(run="/bin/vigiltest stubborn"),
        "fifo": service(run="/bin/vigiltest fifo", policy="oneshot"),
        "control": service(run="/bin/vtadmin control " + then, policy="oneshot", after="sleeper stubborn fifo"),
    }


def admin(flavour, extra=None):
    """/bin/vtadmin, a vigiltest copy holding AUTH so that it can call auth_session."""
    files = {"bin/vtadmin": ("copy", os.path.join(BUILD, "user", flavour, "vigiltest")),
             "etc/aegis/caps.d/vtadmin": "service AUTH\n"}
    files.update(extra or {})
    return files


def has(lines, prefix):
    return any(l.startswith(prefix) for l in lines)


def index(lines, prefix):
    for i, l in enumerate(lines):
        if l.startswith(prefix):
            return i
    return -1


def before(lines, a, b):
    i, j = index(lines, a), index(lines, b)
    return 0 <= i < j


def check_control(t, build, lines, detail):
    def ok(cond, text):
        t.ok(cond, "%s %s" % (text.split(" ", 1)[0], build + ": " + text.split(" ", 1)[1]), detail=detail)

    session = "vigiltest: control auth_session 0"
    ok(has(lines, "vigiltest: control nosession status - exit 0") and has(lines, "vigictl: sleeper running pid=")
       and has(lines, "vigiltest: control nosession stop sleeper exit 1")
       and has(lines, "vigictl: vigil refused: permission denied: stop needs PROC_READ(W)")
       and has(lines, "vigiltest: control nosession restart sleeper exit 1")
       and has(lines, "vigil: control: refused 'stop sleeper' from pid ")
       and any(l.startswith("vigil: control: refused 'stop sleeper' from pid ") and " uid 0: stop needs" in l
               for l in lines)
       and has(lines, "vigiltest: control nosession status sleeper exit 0")
       and before(lines, "vigiltest: control nosession status sleeper exit 0", session)
       and not before(lines, "vigil: service 'sleeper' stopped", session),
       "VIG-119 VIG-153 outside a session (even as root) vigictl gets status; stop and restart are refused "
       "with the needed capability (exit 1) and the service keeps running")
    ok(has(lines, "vigiltest: control nosession shutdown exit 1")
       and has(lines, "shutdown: vigil refused: permission denied: shutdown needs POWER(R)")
       and has(lines, "vigil: control: refused 'shutdown' from pid "),
       "VIG-119 VIG-117 outside a session /bin/shutdown is refused: shutdown needs POWER(R)")
    ok(has(lines, session) and any(l.startswith("vigil: control: stop sleeper from pid ")
                                   and l.endswith("(authenticated session)") for l in lines)
       and any(l.startswith("vigil: control: status from pid ") and l.endswith("(no authenticated session)")
               for l in lines),
       "VIG-119 VIG-153 in an authenticated session vigictl's admin tier applies; Vigil logs pid, uid and session")
    ok(has(lines, "vigiltest: raw idle connect 0") and has(lines, "vigiltest: raw vigictl status while idle exit 0")
       and before(lines, "vigiltest: raw vigictl status while idle exit 0", "vigil: control: pid ")
       and any(l.startswith("vigil: control: pid ") and l.endswith("sent no request within 5000 ms; closed")
               for l in lines),
       "VIG-151 a client that sends nothing is closed after 5000 ms while vigictl is still served")
    m = [re.match(r"vigiltest: raw idle closed after (\d+) ms answer ''$", l) for l in lines]
    m = [x for x in m if x]
    ok(bool(m) and 4900 <= int(m[0].group(1)) < 15000,
       "VIG-151 the idle connection ends (end of file) about 5000 ms after it was made")
    ok(has(lines, "vigiltest: raw malformed sent 16 answer 'error malformed request'")
       and has(lines, "vigiltest: raw long sent 300 answer 'error malformed request'")
       and has(lines, "vigil: control: malformed request from pid "),
       "VIG-111 a malformed line and one longer than 256 bytes are answered 'error malformed request' and logged")
    ok(has(lines, "vigiltest: raw busy connect 0 answer 'error busy'")
       and has(lines, "vigil: control: 8 connections open; pid "),
       "VIG-150 a connection beyond the 8 open ones is answered 'error busy' and closed")
    if build == "sim":  # the sim runs the client to its close before Vigil answers
        ok(has(lines, "vigiltest: raw gone sent 7 and closed")
           and any(l.startswith("vigil: control: the answer to pid ") and "was lost (error -32)" in l for l in lines),
           "VIG-152 an answer to a client that has gone is lost without harm to Vigil, and logged")
    ok(has(lines, "vigictl: sleeper running pid=") and has(lines, "vigictl: stubborn running pid=")
       and has(lines, "vigiltest: control status - exit 0"),
       "VIG-112 vigictl status lists every service with state, pid, restarts and last exit, printed by vigictl")
    ok(has(lines, "vigiltest: control stop sleeper exit 0") and has(lines, "vigil: service 'sleeper' stopped")
       and has(lines, "vigictl: sleeper stopped pid=0 restarts=0 last=signal:15"),
       "VIG-113 vigictl stop: SIGTERM, the service stays stopped and status shows its last exit")
    i = index(lines, "vigiltest: control start sleeper exit 0")
    ok(i >= 0 and has(lines, "vigictl: ok sleeper started") and has(lines, "vigictl: ok sleeper already running"),
       "VIG-113 vigictl start starts a stopped service; a running one is left alone")
    ok(has(lines, "vigictl: ok sleeper restarting") and has(lines, "vigiltest: control restart sleeper exit 0")
       and sum(1 for l in lines if l.startswith("vigiltest: sleep pid")) >= 3,
       "VIG-113 vigictl restart stops and starts the service again")
    ok(has(lines, "vigictl: vigil refused: unknown service 'nosuch'")
       and has(lines, "vigiltest: control status nosuch exit 1"),
       "VIG-114 an unknown service is refused with a clear error (exit 1)")
    ok(has(lines, "vigiltest: control bogus - exit 2") and has(lines, "vigiltest: control stop - exit 2"),
       "VIG-112 bad usage prints the usage and exits 2")
    ok(has(lines, "vigiltest: control reboot(2) without POWER -130"),
       "VIG-122 reboot(2) from a process without POWER is refused with -ENOCAP")
    ok(has(lines, "vigiltest: fifo done, 0 failures"),
       "FS-200 FS-201 FS-202 FS-203 FS-204 FIFOs: mknod, shared pipe, blocking and non-blocking opens")


def check_shutdown(t, build, lines, status, detail, restart=False, want=None):
    marker = "[AEGIS] Rebooting..." if restart else "[AEGIS] System halted."
    if want is None:
        want = STATUS_RESTART if restart else STATUS_POWER_OFF
    name = "reboot" if restart else "shutdown"
    t.ok(has(lines, "vigil: shutting down") and has(lines, "vigil: stopping 'control'")
         and index(lines, "vigil: stopping 'control'") < index(lines, "vigil: stopping 'sleeper'"),
         "VIG-116 %s: %s sends SIGTERM in the stop order" % (build, name), detail=detail)
    t.ok(has(lines, "vigil: service 'stubborn' (pid") and
         any("did not stop within 5000 ms; killing it" in l for l in lines)
         and has(lines, "vigil: service 'stubborn' (pid") and
         any(l.startswith("vigil: service 'stubborn'") and "killed by signal 9" in l for l in lines),
         "VIG-116 %s: a service ignoring SIGTERM is killed after the bound" % build, detail=detail)
    t.ok(has(lines, marker) and status == want,
         "VIG-120 VIG-121 VIG-117 %s: /bin/%s ends with '%s' and exit status %r" % (build, name, marker, want),
         detail=detail)
    if not restart:
        t.ok(has(lines, "[ACPI] initiating S5 power off") and not any(l.startswith("[ACPI] FAIL") for l in lines),
             "VIG-133 %s: outside a test run the power-off goes through ACPI S5" % build, detail=detail)


def sim_boot(image, cmdline="boot=text", disks=(), args=None):
    r = run_sim(cmdline=cmdline, seed=9, args=args if args is not None else ["--module", image + ",rootfs"],
                timeout=SIM_TIMEOUT, disks=disks)
    detail = "status %r\n%s\n%s" % (r.status, "\n".join(r.lines[-60:]), r.stderr[-3000:])
    return r, detail


def no_sanitizer(t, r, what):
    t.ok("ERROR: AddressSanitizer" not in r.stderr and "runtime error" not in r.stderr + r.stdout,
         "VIG-110 sim: no sanitizer report (%s)" % what, detail=r.stderr[-3000:])


t = Tap()
with tempfile.TemporaryDirectory(prefix="aegis-vigictl-") as tmp:
    # ---- sim: the control series, then shutdown; root on disk0 so the image is kept ----
    image = build_image(tmp, BUILD, "sim", services("shutdown"), admin("sim"), name="sim-ctl.img")
    r, detail = sim_boot(image, "boot=text root=disk0", disks=[image], args=["--module", SIM_INITRD + ",initrd"])
    check_control(t, "sim", r.lines, detail)
    check_shutdown(t, "sim", r.lines, r.status, detail)
    fsck = subprocess.run(["/sbin/e2fsck", "-fn", image], capture_output=True, text=True)
    t.ok(fsck.returncode == 0, "VIG-116 sim: the root ext2 image is e2fsck-clean after shutdown",
         detail=fsck.stdout[-2000:] + fsck.stderr[-1000:])
    no_sanitizer(t, r, "shutdown")

    image = build_image(tmp, BUILD, "sim", services("reboot"), admin("sim"), name="sim-reboot.img")
    r, detail = sim_boot(image)
    check_shutdown(t, "sim", r.lines, r.status, detail, restart=True)

    # ---- sim: SIGTERM to Vigil from a program holding POWER starts the shutdown ----
    term = {"sleeper": service(run="/bin/vigiltest sleep"),
            "term": service(run="/bin/termer", policy="oneshot", after="sleeper")}
    extra = {"bin/termer": ("copy", os.path.join(BUILD, "user", "sim", "vigiltest")),
             "etc/aegis/caps.d/termer": "service POWER\n"}
    image = build_image(tmp, BUILD, "sim", term, extra, name="sim-term.img")
    r, detail = sim_boot(image)
    t.ok(has(r.lines, "vigiltest: termer kill(1, SIGTERM) 0") and has(r.lines, "vigil: signal 15 received")
         and index(r.lines, "vigil: signal 15 received") < index(r.lines, "vigil: shutting down")
         and has(r.lines, "vigil: stopping 'sleeper'") and has(r.lines, "vigil: powering off")
         and has(r.lines, "[AEGIS] System halted.") and r.status == STATUS_POWER_OFF,
         "VIG-118 sim: SIGTERM to Vigil shuts the services down and powers off", detail=detail)
    no_sanitizer(t, r, "SIGTERM")

    # ---- sim: control rights: no uid is special, only the capabilities at connect (VIG-119) ----
    rights = {"sleeper": service(run="/bin/vigiltest sleep"),
              "asguest": service(run="/bin/vtadmin ctlrights", policy="oneshot", user="guest", after="sleeper"),
              "asadmin": service(run="/bin/vtadmin ctlrights session", policy="oneshot", user="admin",
                                 after="asguest")}
    root_etc = os.path.join(os.environ.get("AEGIS_ROOT", "."), "src", "rootfs", "etc")
    with open(os.path.join(root_etc, "passwd")) as f:
        passwd = f.read() + "admin:x:1000:1000:an administrator:/:/bin/sh\nguest:x:1001:1001:a user:/:/bin/sh\n"
    image = build_image(tmp, BUILD, "sim", rights, admin("sim", {"etc/passwd": passwd}), name="sim-rights.img")
    r, detail = sim_boot(image)
    t.ok(has(r.lines, "vigiltest: ctlrights uid 1001 status exit 0")
         and has(r.lines, "vigiltest: ctlrights uid 1001 restart exit 1")
         and any(l.startswith("vigil: control: refused 'shutdown' from pid ")
                 and "uid 1001: shutdown needs POWER(R)" in l for l in r.lines)
         and any(l.startswith("vigil: control: refused 'restart sleeper' from pid ")
                 and "uid 1001: restart needs PROC_READ(W)" in l for l in r.lines),
         "VIG-119 sim: a user outside a session gets the status and is refused the rest", detail=detail)
    t.ok(has(r.lines, "vigiltest: ctlrights uid 1000 auth_session 0")
         and has(r.lines, "vigiltest: ctlrights uid 1000 restart exit 0")
         and any(l.startswith("vigil: control: shutdown from pid ") and "uid 1000 (authenticated session)" in l
                 for l in r.lines)
         and has(r.lines, "[AEGIS] System halted.") and r.status == STATUS_POWER_OFF,
         "VIG-119 sim: a user (uid 1000, no special group) in an authenticated session restarts a service and "
         "shuts the machine down", detail=detail)
    no_sanitizer(t, r, "control rights")

    nov = {"bin/novigil": ("copy", os.path.join(BUILD, "user", "sim", "vigiltest")),
           "bin/vigictl": ("copy", os.path.join(BUILD, "user", "sim", "vigictl"))}
    image = build_image(tmp, BUILD, "sim", {}, nov, name="sim-novigil.img")
    r, detail = sim_boot(image, "boot=text test=init init=/bin/novigil")
    t.ok(r.status == STATUS_PASS and has(r.lines, "vigictl: vigil is not running (no /run/vigil/control)")
         and has(r.lines, "vigiltest: novigil vigictl exit 3"),
         "VIG-115 sim: without Vigil, vigictl says that Vigil is not running and exits 3", detail=detail)
    t.ok(has(r.lines, "vigiltest: novigil stale socket 0 vigictl exit 3")
         and has(r.lines, "vigictl: vigil is not running (nobody listens on /run/vigil/control)"),
         "VIG-115 sim: a socket node nobody listens on (ECONNREFUSED) is 'not running' too", detail=detail)
    t.ok(has(r.lines, "vigiltest: novigil reboot bad magic -22 bad command -22"),
         "VIG-122 sim: reboot(2) with POWER but wrong magic numbers or an unknown command is -EINVAL", detail=detail)

    # ---- QEMU ----
    kernel = kernel_path()
    if not os.path.exists(kernel):
        t.ok(False, "VIG-112 qemu: the kernel is built", detail=kernel)
    else:
        image = build_image(tmp, BUILD, "musl", services("shutdown"), admin("musl"), name="qemu-ctl.img")
        q = boot(kernel=kernel, cmdline="boot=text", module=image, timeout=QEMU_TIMEOUT, preset="pc-acpi")
        check_control(t, "qemu", q.lines, q.describe())
        check_shutdown(t, "qemu", q.lines, q.status, q.describe())
        image = build_image(tmp, BUILD, "musl", services("reboot"), admin("musl"), name="qemu-reboot.img")
        q = boot(kernel=kernel, cmdline="boot=text", module=image, timeout=QEMU_TIMEOUT, preset="pc-acpi",
                 stop_at=BOOT_BANNER, stop_count=2)
        # Stopped at the second boot's banner: the machine really restarted (no test-exit device).
        check_shutdown(t, "qemu", q.lines, q.stopped, q.describe(), restart=True, want=True)
        t.ok(q.stopped and sum(1 for l in q.lines if l.startswith(BOOT_BANNER)) == 2,
             "VIG-134 qemu: reboot resets the machine, which boots again", detail=q.describe())
        image = build_image(tmp, BUILD, "musl", {}, {"bin/novigil": ("copy", os.path.join(BUILD, "user", "musl", "vigiltest"))},
                            name="qemu-novigil.img")
        q = boot(kernel=kernel, cmdline="boot=text test=init init=/bin/novigil", module=image, timeout=QEMU_TIMEOUT)
        t.ok(q.status == STATUS_PASS and has(q.lines, "vigictl: vigil is not running"),
             "VIG-115 qemu: without Vigil, vigictl says that Vigil is not running", detail=q.describe())
t.done()
