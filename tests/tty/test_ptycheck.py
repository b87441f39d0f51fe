#!/usr/bin/python3
"""Pseudo-terminals end to end (spec/tty.md TTY-110..TTY-117): ptycheck as PID 1 on both builds.

ptycheck prints one line per check ("ok - TTY-NNN text" or "not ok - ..."); each becomes a TAP
result here, prefixed with the build it ran on, and every requirement it covers must report."""
import os
import re

from aegis_qemu import boot, kernel_path
from aegis_sim import BUILD, ROOTFS_IMAGE, run_sim
from tap import Tap

SIM_INITRD = os.path.join(BUILD, "initrd-sim.cpio")
QEMU_INITRD = os.path.join(BUILD, "initrd.cpio")
CHECK_LINE = re.compile(r"^(ok|not ok|skip) - (TTY-\d{3}) (.*)$")
CHECK_IDS = {"TTY-110", "TTY-111", "TTY-112", "TTY-113", "TTY-114", "TTY-115", "TTY-116", "TTY-117"}
CMDLINE = "init=/bin/ptycheck test=init"
STATUS_PASS = 33
TIMEOUT = 180

t = Tap()


def report(build, run):
    found = [m.groups() for m in map(CHECK_LINE.match, run.lines) if m]
    for verdict, req, text in found:
        t.ok(verdict == "ok", "%s %s: %s" % (req, build, text), detail=text)
    seen = {req for _, req, _ in found}
    t.ok(seen == CHECK_IDS and run.status == STATUS_PASS,
         "TTY-117 %s: ptycheck reported every requirement and passed" % build,
         detail="missing %s status %r\n%s" % (sorted(CHECK_IDS - seen), run.status, "\n".join(run.lines[-20:])))


modules = ["--module", ROOTFS_IMAGE + ",rootfs", "--module", SIM_INITRD + ",initrd"]
r = run_sim(cmdline=CMDLINE, seed=5, args=modules, timeout=TIMEOUT)
report("sim", r)
t.ok("ERROR: AddressSanitizer" not in r.stderr and "runtime error" not in r.stderr + r.stdout,
     "TTY-117 sim: no sanitizer report from the kernel or ptycheck", detail=r.stderr[-3000:])

kernel = kernel_path()
if not os.path.exists(kernel) or not os.path.exists(QEMU_INITRD):
    t.ok(False, "TTY-117 qemu: the kernel and initrd are built", detail="%s %s" % (kernel, QEMU_INITRD))
else:
    report("qemu", boot(kernel=kernel, cmdline=CMDLINE, module=QEMU_INITRD, timeout=TIMEOUT))
t.done()
