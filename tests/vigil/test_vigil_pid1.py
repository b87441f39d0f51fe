#!/usr/bin/python3
"""Vigil as PID 1 on both builds (spec/vigil.md VIG-100..107).

Each boot uses a root image made by vigil_image.py: the shipped policies, /bin/vigil and the
vigiltest services.  The sim runs until nothing is left to run (Vigil sleeps without a timeout
once every service has finished or given up; virtual time makes the back-off fast); QEMU runs
until a given line and a moment more.
"""
import os
import re
import sys
import tempfile

from aegis_qemu import boot, kernel_path
from aegis_sim import BUILD, run_sim
from tap import Tap

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vigil_image import build_image, service  # noqa: E402

SIM_TIMEOUT = 240
QEMU_TIMEOUT = 120
LINGER = 2.0
CRASH_RESTARTS = 2
BACKOFF_MS = [1000, 2000]
GETTY_RESTARTS = 5
SERVICES_MAX = 64
PASSWD = "root:x:0:0:root:/root:/bin/sh\nsvc:x:1234:1234:service:/:/bin/sh\n"
GROUP = "root:x:0:\nsvc:x:1234:\nextra:x:4321:svc\nother:x:77:root\n"
HUGE = b"/bin/vigiltest once" + b" " * 100000 + b"x\n"
JUNK = bytes(range(256)) * 4

MAIN = {
    "crashy": service(run="/bin/vigiltest crash", policy="respawn max_restarts=%d\n" % CRASH_RESTARTS),
    "once": service(run="/bin/vigiltest once\n", policy="oneshot"),
    "textonly": service(run="/bin/vigiltest mark text-service", mode="text\n", policy="oneshot"),
    "graphonly": service(run="/bin/vigiltest mark graphical-service", mode="graphical", policy="oneshot"),
    "a-second": service(run="/bin/vigiltest mark a-second", after="z-first\n", policy="oneshot"),
    "z-first": service(run="/bin/vigiltest mark z-first", policy="oneshot"),
    "asuser": service(run="/bin/vigiltest ids", user="svc\n", policy="oneshot"),
    "args": service(run="/bin/vigiltest echo one \"two words\" 'single $HOME' a\\ b ;|>", policy="oneshot"),
    "orphan": service(run="/bin/vigiltest orphan", policy="oneshot"),
    "badexec": service(run="/bin/no-such-program", policy="oneshot"),
    "norun": service(policy="oneshot"),
    "badnum": service(run="/bin/vigiltest once", policy="max_restarts=abc"),
    "ghost": service(run="/bin/vigiltest once", user="ghost"),
    "huge": service(run=HUGE),
    "junk": service(run=JUNK),
    "Bad Name": service(run="/bin/vigiltest once"),
}
MAIN_EXTRA = {"etc/passwd": PASSWD, "etc/group": GROUP}
QUIET = {
    "plain": service(run="/bin/vigiltest quiet plain", policy="oneshot", mode="graphical"),
    "con": service(run="/bin/vigiltest quiet with-console", policy="oneshot console"),
    "tonly": service(run="/bin/vigiltest mark text-only", policy="oneshot", mode="text"),
}
REJECTS = [
    ("norun", "VIG-103", "vigil: service 'norun': run: missing run file; skipped"),
    ("badnum", "VIG-103", "vigil: service 'badnum': policy: "),
    ("ghost", "VIG-104", "vigil: service 'ghost': user: unknown user 'ghost'; skipped"),
    ("huge", "VIG-103", "vigil: service 'huge': run: file is larger than 4096 bytes"),
    ("junk", "VIG-103", "vigil: service 'junk': run: "),
    ("Bad Name", "VIG-101", "vigil: 'Bad?Name' in /etc/vigil/services is not a valid service name; skipped"),
]


def has(lines, prefix):
    return any(l.startswith(prefix) for l in lines)


def first(lines, prefix):
    for i, l in enumerate(lines):
        if l.startswith(prefix):
            return i
    return None


def count(lines, prefix):
    return sum(1 for l in lines if l.startswith(prefix))


def crash_times(lines):
    return [int(m.group(1)) for m in (re.match(r"vigiltest: crash pid \d+ at (\d+) ms", l) for l in lines) if m]


def check_main(t, build, lines, detail):
    def ok(cond, text):
        t.ok(cond, "%s %s" % (text.split(" ", 1)[0], build) + ": " + text.split(" ", 1)[1], detail=detail)

    ok(has(lines, "vigil: starting (pid 1)"), "VIG-100 Vigil runs as PID 1 of a normal boot")
    ok(has(lines, "vigil: boot mode: text"), "VIG-102 the boot mode comes from /proc/cmdline")
    vigil_lines = [l for l in lines if "vigil:" in l and not l.startswith("vigiltest")]
    ok(all(l.startswith("vigil: ") for l in vigil_lines), "VIG-101 every Vigil line starts with 'vigil: '")
    for name, req, prefix in REJECTS:
        hit = [l for l in lines if l.startswith(prefix)]
        ok(len(hit) == 1 and hit[0].endswith("; skipped"), "%s a rejected service (%s) is one clear line" % (req, name))
    ok(not any("'%s'" % n in l for l in lines for n in ("norun", "badnum", "ghost", "huge", "junk")
               if l.startswith("vigil: started")), "VIG-103 rejected services are never started")
    ok(has(lines, "vigiltest: mark text-service") and has(lines, "vigil: started 'textonly'"),
       "VIG-102 a text service runs in a text boot")
    ok(has(lines, "vigil: service 'graphonly' not started: it runs in graphical mode only")
       and not has(lines, "vigiltest: mark graphical-service"), "VIG-102 a graphical service never runs in a text boot")
    z, a = first(lines, "vigil: started 'z-first'"), first(lines, "vigil: started 'a-second'")
    ok(z is not None and a is not None and z < a, "VIG-105 a service starts after the one its 'after' names")
    names = [m.group(1) for m in (re.match(r"vigil: started '([^']+)'", l) for l in lines) if m]
    ok(names[:4] == ["args", "asuser", "badexec", "crashy"], "VIG-105 services start in the library's order")
    ok(has(lines, "vigiltest: echo 5 [one][two words][single $HOME][a b][;|>]"),
       "VIG-105 run's words are the arguments, without a shell")
    ok(has(lines, "vigil: service 'badexec': cannot run /bin/no-such-program (error -2)")
       and has(lines, "vigil: service 'badexec' (pid"), "VIG-105 a program that cannot run is reported")
    ok(count(lines, "vigiltest: once pid") == 1 and count(lines, "vigil: service 'once' finished (oneshot)") == 1,
       "VIG-105 a oneshot service runs once")
    ok(has(lines, "vigiltest: ids uid=1234 euid=1234 gid=1234 egid=1234 groups=1234,4321"),
       "VIG-104 a service runs as its user: groups, gid and uid")
    times = crash_times(lines)
    gaps = [b - a for a, b in zip(times, times[1:])]
    ok(len(times) == CRASH_RESTARTS + 1 and all(g >= want for g, want in zip(gaps, BACKOFF_MS)),
       "VIG-105 a crashing service restarts with a doubling back-off (gaps %s ms)" % gaps)
    killed = [l for l in lines if re.match(r"vigil: service 'crashy' \(pid \d+\) was killed by signal 9$", l)]
    ok(len(killed) == CRASH_RESTARTS + 1
       and has(lines, "vigil: service 'crashy' gave up after %d restarts" % CRASH_RESTARTS),
       "VIG-105 it gives up at max_restarts")
    m = [re.match(r"vigiltest: orphan parent exits, leaving pid (\d+)", l) for l in lines]
    pids = [x.group(1) for x in m if x]
    ok(len(pids) == 1 and has(lines, "vigil: reaped orphan pid %s " % pids[0]),
       "VIG-106 an orphan handed to PID 1 is reaped")
    ok(not any("[INIT] PID 1 exited" in l for l in lines), "VIG-106 Vigil survives its children's crashes")


def check_quiet(t, build, lines, detail):
    t.ok(has(lines, "vigil: boot mode: graphical (quiet)"), "VIG-102 %s: boot=graphical quiet is read" % build,
         detail=detail)
    t.ok(has(lines, "vigiltest: stderr plain") and not has(lines, "vigiltest: stdout plain"),
         "VIG-102 %s: quiet: a service without console loses standard output only" % build, detail=detail)
    t.ok(has(lines, "vigiltest: stdout with-console"), "VIG-102 %s: quiet: a console service keeps it" % build,
         detail=detail)
    t.ok(has(lines, "vigil: service 'tonly' not started: it runs in text mode only")
         and not has(lines, "vigiltest: mark text-only"), "VIG-102 %s: a text service never runs in a graphical boot"
         % build, detail=detail)


def sim_boot(image, cmdline="boot=text"):
    r = run_sim(cmdline=cmdline, seed=8, args=["--module", image + ",rootfs"], timeout=SIM_TIMEOUT)
    detail = "status %r\n%s\n%s" % (r.status, "\n".join(r.lines[-40:]), r.stderr[-3000:])
    return r, detail


def no_sanitizer(t, r, what):
    t.ok("ERROR: AddressSanitizer" not in r.stderr and "runtime error" not in r.stderr + r.stdout,
         "VIG-106 sim: no sanitizer report (%s)" % what, detail=r.stderr[-3000:])


t = Tap()
with tempfile.TemporaryDirectory(prefix="aegis-vigil-") as tmp:
    # ---- sim ----
    image = build_image(tmp, BUILD, "sim", MAIN, MAIN_EXTRA, name="sim-main.img")
    r, detail = sim_boot(image)
    check_main(t, "sim", r.lines, detail)
    t.ok(r.status == 0 and has(r.lines, "[SIM] OK: nothing left to run"),
         "VIG-106 sim: with every service finished or given up Vigil sleeps without polling", detail=detail)
    no_sanitizer(t, r, "main")

    image = build_image(tmp, BUILD, "sim", QUIET, name="sim-quiet.img")
    r, detail = sim_boot(image, "boot=graphical quiet")
    check_quiet(t, "sim", r.lines, detail)
    no_sanitizer(t, r, "quiet")

    image = build_image(tmp, BUILD, "sim", None, {"bin/login": ("copy", os.path.join(BUILD, "user", "sim", "vigiltest"))},
                        name="sim-getty.img")
    r, detail = sim_boot(image)
    t.ok(has(r.lines, "vigil: no services, starting the built-in getty (/bin/login)")
         and count(r.lines, "vigiltest: login stand-in") == GETTY_RESTARTS + 1
         and has(r.lines, "vigil: service 'getty' gave up after %d restarts" % GETTY_RESTARTS),
         "VIG-107 sim: no services: the built-in getty runs /bin/login, respawn, max_restarts=5", detail=detail)

    image = build_image(tmp, BUILD, "sim", {}, name="sim-empty.img")
    r, detail = sim_boot(image)
    t.ok(has(r.lines, "vigil: no services and no /bin/login: nothing to run") and r.status == 0,
         "VIG-107 sim: no services and no /bin/login: nothing to run, Vigil waits", detail=detail)

    many = {"s%02d" % i: service(run="/bin/vigiltest once", mode="graphical") for i in range(SERVICES_MAX + 1)}
    image = build_image(tmp, BUILD, "sim", many, name="sim-many.img")
    r, detail = sim_boot(image)
    t.ok(count(r.lines, "vigil: service 's64': more than 64 services; skipped") == 1
         and count(r.lines, "vigil: service 's") == SERVICES_MAX + 1,
         "VIG-100 sim: at most 64 services are loaded, the rest reported", detail=detail)

    # ---- QEMU ----
    kernel = kernel_path()
    if not os.path.exists(kernel):
        t.ok(False, "VIG-100 qemu: the kernel is built", detail=kernel)
    else:
        image = build_image(tmp, BUILD, "musl", MAIN, MAIN_EXTRA, name="qemu-main.img")
        q = boot(kernel=kernel, cmdline="boot=text", module=image, timeout=QEMU_TIMEOUT,
                 stop_at="vigil: service 'crashy' gave up", linger=LINGER)
        check_main(t, "qemu", q.lines, q.describe())
        image = build_image(tmp, BUILD, "musl", QUIET, name="qemu-quiet.img")
        q = boot(kernel=kernel, cmdline="boot=graphical quiet", module=image, timeout=QEMU_TIMEOUT,
                 stop_at="vigil: service 'con' finished", linger=LINGER)
        check_quiet(t, "qemu", q.lines, q.describe())
        image = build_image(tmp, BUILD, "musl", None,
                            {"bin/login": ("copy", os.path.join(BUILD, "user", "musl", "vigiltest"))}, name="qemu-getty.img")
        q = boot(kernel=kernel, cmdline="boot=text", module=image, timeout=QEMU_TIMEOUT,
                 stop_at="vigil: service 'getty' restarts in 2000 ms", linger=LINGER)
        t.ok(has(q.lines, "vigil: no services, starting the built-in getty (/bin/login)")
             and count(q.lines, "vigiltest: login stand-in") >= 2,
             "VIG-107 qemu: no services: the built-in getty runs /bin/login and respawns", detail=q.describe())
t.done()
