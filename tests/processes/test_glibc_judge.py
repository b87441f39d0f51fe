#!/usr/bin/python3
"""A static glibc program, unmodified, as PID 1 in QEMU (spec/processes.md PROC-137): each of its
"glibc-judge: ok|FAIL NAME" lines becomes a TAP result, and the run must end with PASS."""
import os
import re

from aegis_qemu import boot, kernel_path
from aegis_sim import BUILD
from tap import Tap

QEMU_INITRD = os.path.join(BUILD, "initrd.cpio")
JUDGE_LINE = re.compile(r"^glibc-judge: (ok|FAIL) (.*)$")
EXPECTED_CHECKS = 10
STATUS_PASS = 33

t = Tap()
q = boot(kernel=kernel_path(), cmdline="init=/test/glibc-judge test=init", module=QEMU_INITRD, timeout=120)
checks = [m.groups() for m in map(JUDGE_LINE.match, q.lines) if m]
for verdict, name in checks:
    t.ok(verdict == "ok", "PROC-137 qemu: glibc %s" % name, detail="\n".join(q.lines[-15:]))
t.ok(len(checks) == EXPECTED_CHECKS and q.status == STATUS_PASS,
     "PROC-137 qemu: the static glibc program ran all its checks and exited 0",
     detail="%d checks, status %r\n%s" % (len(checks), q.status, "\n".join(q.lines[-15:])))
t.done()
