#!/usr/bin/python3
"""Credentials and limits through the real system calls, on both builds (spec/credentials.md).

credcheck runs as PID 1 (uid 0, no SETUID) from an initrd to which this test adds set-ID copies of
it (cred_initrd.py): /test/cred/as-dev (1000:100, 06755) makes the developer, project-tool
(500:600, 04755) the change-management tool, sgid (0:600, 02755) and sgid-nox (0:600, 02745) the
set-group-ID cases.  credcheck prints "ok - CRED-NNN text" lines; each becomes a TAP result.
"""
import os
import re
import sys
import tempfile

from aegis_qemu import boot, kernel_path
from aegis_sim import BUILD, ROOTFS_IMAGE, run_sim
from tap import Tap

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cred_initrd import add_entries  # noqa: E402

TIMEOUT = 300
STATUS_PASS = 33
SEED = 5
CHECK_LINE = re.compile(r"^(ok|not ok|skip) - (CRED-\d{3}) (.*)$")
# Every requirement credcheck reports on, each build.
CREDCHECK_IDS = ["CRED-047", "CRED-080", "CRED-081", "CRED-082", "CRED-083", "CRED-084", "CRED-085",
                 "CRED-086", "CRED-087", "CRED-088", "CRED-089", "CRED-090"]
DEV_UID, DEV_GID, PROJECT_UID, PROJECT_GID = 1000, 100, 500, 600


def cred_files(program):
    return [("as-dev", program, DEV_UID, DEV_GID, 0o6755),
            ("project-tool", program, PROJECT_UID, PROJECT_GID, 0o4755),
            ("sgid", program, 0, PROJECT_GID, 0o2755),
            ("sgid-nox", program, 0, PROJECT_GID, 0o2745)]


def report(t, build, status, lines, stderr=""):
    seen = set()
    for line in lines:
        m = CHECK_LINE.match(line)
        if not m:
            continue
        verdict, req, text = m.groups()
        seen.add(req)
        name = "%s %s: %s" % (req, build, text)
        if verdict == "skip":
            t.skip(name, text.split(": ")[-1])
        else:
            t.ok(verdict == "ok", name, detail=line)
    missing = [i for i in CREDCHECK_IDS if i not in seen]
    t.ok(not missing, "CRED-080 %s: every requirement credcheck covers reported a result" % build,
         detail="missing: %s\n%s" % (" ".join(missing), "\n".join(lines[-30:])))
    t.ok(status == STATUS_PASS and any(l.startswith("credcheck: ") and " passed, " in l for l in lines),
         "CRED-080 %s: credcheck ran to its summary and passed" % build,
         detail="status %r\n%s\n%s" % (status, "\n".join(lines[-20:]), stderr[-2000:]))


t = Tap()
with tempfile.TemporaryDirectory(prefix="aegis-cred-") as tmp:
    sim_initrd = os.path.join(tmp, "initrd-sim.cpio")
    add_entries(os.path.join(BUILD, "initrd-sim.cpio"), sim_initrd, "test/cred",
                cred_files(os.path.join(BUILD, "user", "sim", "credcheck")))
    r = run_sim(cmdline="init=/bin/credcheck test=init", seed=SEED, timeout=TIMEOUT,
                args=["--module", ROOTFS_IMAGE + ",rootfs", "--module", sim_initrd + ",initrd"])
    report(t, "sim", r.status, r.lines, r.stderr)
    t.ok("ERROR: AddressSanitizer" not in r.stderr and "runtime error" not in r.stderr + r.stdout,
         "CRED-080 sim: no sanitizer report from the kernel or any program", detail=r.stderr[-3000:])

    kernel = kernel_path()
    qemu_initrd = os.path.join(tmp, "initrd.cpio")
    if not os.path.exists(kernel):
        t.ok(False, "CRED-080 qemu: the kernel is built", detail=kernel)
    else:
        add_entries(os.path.join(BUILD, "initrd.cpio"), qemu_initrd, "test/cred",
                    cred_files(os.path.join(BUILD, "user", "musl", "credcheck")))
        q = boot(kernel=kernel, cmdline="init=/bin/credcheck test=init", module=qemu_initrd, timeout=TIMEOUT)
        report(t, "qemu", q.status, q.lines)
t.done()
