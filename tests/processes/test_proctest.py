#!/usr/bin/python3
"""Processes on both builds (spec/processes.md): proctest as PID 1, boot markers, init selection.

proctest prints one line per check ("ok - PROC-NNN text", "not ok - ...", "skip - ...: why");
each becomes a TAP result here, prefixed with the build it ran on.
"""
import os
import re

from aegis_qemu import boot, kernel_path
from aegis_sim import BUILD, ROOTFS_IMAGE, find_in_order, run_sim
from tap import Tap

SIM_INITRD = os.path.join(BUILD, "initrd-sim.cpio")
QEMU_INITRD = os.path.join(BUILD, "initrd.cpio")
SIM_TIMEOUT = 240
QEMU_TIMEOUT = 240
STATUS_PASS = 33
STATUS_FAIL = 35
EARLY_INIT_LINE = "init: Aegis early init running as pid 1"
CHECK_LINE = re.compile(r"^(ok|not ok|skip) - ((?:PROC|FS)-\d{3}) (.*)$")
# Every requirement proctest checks: each must report at least one line (ok, not ok or skip) on
# each build, so a check that silently stops running is a failure here.
PROCTEST_IDS = ["PROC-012", "PROC-050", "PROC-051", "PROC-052", "PROC-053", "PROC-054", "PROC-055",
                "PROC-056", "PROC-057", "PROC-058", "PROC-059", "PROC-060", "PROC-061", "PROC-070",
                "PROC-071", "PROC-072", "PROC-073", "PROC-080", "PROC-081", "PROC-082", "PROC-083",
                "PROC-084", "PROC-085", "PROC-086", "PROC-087", "PROC-088", "PROC-089", "PROC-090", "PROC-091", "PROC-093", "PROC-094",
                "PROC-092", "PROC-100", "PROC-101", "PROC-102", "PROC-103",
                # spec/filesystems.md: the namespace slice the process model needs
                "FS-001", "FS-002", "FS-003", "FS-004", "FS-005", "FS-006", "FS-007", "FS-008", "FS-009",
                "FS-010", "FS-011", "FS-012", "FS-013", "FS-014", "FS-015", "FS-016", "FS-017", "FS-018", "FS-019", "FS-020", "FS-021", "FS-022", "FS-023", "FS-024",
                "FS-025", "FS-027", "FS-028", "FS-029", "FS-100", "FS-110", "FS-063", "FS-088", "FS-111", "FS-130", "FS-030", "FS-040", "FS-041", "FS-050"]
# futex and sysinfo (spec/processes.md, "Futexes and system information")
PROCTEST_IDS += ["PROC-110", "PROC-111", "PROC-112", "PROC-113", "PROC-114", "PROC-116", "PROC-117"]
PROCESS_MARKERS = [
    "[SYSCALL] OK: ",
    "[EXT2] OK: ",
    "[INITRD] OK: ",
    "[AEGIS] OK: early boot complete",
    "[CAP] OK: 7 baseline capabilities granted to init",
    "[VMM] OK: identity map removed",
    "[SCHED] OK: scheduler started, ",
]

t = Tap()


def report_checks(build, lines):
    """One TAP result per proctest line; returns (how many checks, whether the summary came)."""
    count = 0
    for line in lines:
        m = CHECK_LINE.match(line)
        if not m:
            continue
        count += 1
        verdict, req, text = m.groups()
        name = "%s %s: %s" % (req, build, text)
        if verdict == "skip":
            t.skip(name, text.split(": ")[-1])
        else:
            t.ok(verdict == "ok", name, detail=line)
    summary = any(l.startswith("proctest: ") and " passed, " in l for l in lines)
    reported = {m.group(2) for m in map(CHECK_LINE.match, lines) if m}
    missing = [i for i in PROCTEST_IDS if i not in reported]
    t.ok(not missing, "PROC-050 %s: every requirement proctest covers reported a result" % build,
         detail="missing: " + " ".join(missing))
    return count, summary


def sim_modules(initrd=SIM_INITRD):
    return ["--module", ROOTFS_IMAGE + ",rootfs", "--module", initrd + ",initrd"]


# ---- the sim ----------------------------------------------------------------------------
r = run_sim(cmdline="init=/bin/proctest test=init", seed=3, args=sim_modules(), timeout=SIM_TIMEOUT)
count, summary = report_checks("sim", r.lines)
t.ok(count > 50 and summary, "PROC-050 sim: proctest ran to its summary line",
     detail="%d checks\n%s%s" % (count, "\n".join(r.lines[-20:]), r.stderr[-2000:]))
t.ok(r.status == STATUS_PASS, "PROC-003 sim: test=init ends with PASS when PID 1 exits 0",
     detail="status %r\n%s" % (r.status, r.stderr[-2000:]))
t.ok(find_in_order(r.lines, PROCESS_MARKERS) is None, "PROC-001 sim: process markers in order",
     detail="\n".join(l for l in r.lines if l.startswith("[")))
t.ok("ERROR: AddressSanitizer" not in r.stderr and "runtime error" not in r.stderr + r.stdout,
     "PROC-060 sim: no sanitizer report from the kernel or any program", detail=r.stderr[-3000:])
again = run_sim(cmdline="init=/bin/proctest test=init", seed=3, args=sim_modules(), timeout=SIM_TIMEOUT)
t.ok(again.lines == r.lines, "PROC-010 sim: the same seed gives the same run, byte for byte",
     detail="\n".join(a + " | " + b for a, b in zip(r.lines, again.lines) if a != b)[:3000])

early = run_sim(cmdline="boot=text init=/bin/init", seed=2, args=sim_modules(), timeout=SIM_TIMEOUT)
t.ok(any(l.startswith(EARLY_INIT_LINE) for l in early.lines) and early.status == 0
     and any(l.startswith("[SIM] OK: nothing left to run") for l in early.lines),
     "PROC-005 sim: init=/bin/init runs the early init as PID 1, which waits without exiting",
     detail="status %r\n%s" % (early.status, "\n".join(early.lines[-8:])))

none = run_sim(cmdline="boot=text", args=["--module", ROOTFS_IMAGE + ",rootfs"], timeout=SIM_TIMEOUT)
t.ok(any(l.startswith("[INIT] FAIL: no init program") for l in none.lines) and none.status == 0,
     "PROC-002 sim: no init program: a FAIL line and the machine idles to its end",
     detail="status %r\n%s" % (none.status, "\n".join(none.lines[-8:])))
bad = run_sim(cmdline="init=/test/enoexec/text test=init", args=sim_modules(), timeout=SIM_TIMEOUT)
t.ok(bad.status == STATUS_FAIL and any(l.startswith("[INIT] FAIL: cannot run /test/enoexec/text") for l in bad.lines)
     and any("exited with status 0x7e00" in l for l in bad.lines),
     "PROC-003 sim: an init that cannot start ends a test=init run with FAIL and status 126",
     detail="status %r\n%s" % (bad.status, "\n".join(bad.lines[-8:])))

# ---- QEMU ---------------------------------------------------------------------------------
kernel = kernel_path()
if not os.path.exists(kernel) or not os.path.exists(QEMU_INITRD):
    t.ok(False, "PROC-050 qemu: the kernel and initrd are built", detail="%s %s" % (kernel, QEMU_INITRD))
else:
    q = boot(kernel=kernel, cmdline="init=/bin/proctest test=init", module=QEMU_INITRD, timeout=QEMU_TIMEOUT)
    count, summary = report_checks("qemu", q.lines)
    t.ok(count > 50 and summary, "PROC-050 qemu: proctest ran to its summary line",
         detail="%d checks\n%s" % (count, "\n".join(q.lines[-30:])))
    t.ok(q.status == STATUS_PASS, "PROC-003 qemu: test=init ends with PASS when PID 1 exits 0",
         detail="status %r\n%s" % (q.status, "\n".join(q.lines[-10:])))
    t.ok(find_in_order(q.lines, [m for m in PROCESS_MARKERS if not m.startswith("[EXT2]")]) is None,
         "PROC-001 qemu: process markers in order", detail="\n".join(l for l in q.lines if l.startswith("[")))
    e = boot(kernel=kernel, cmdline="boot=text init=/bin/init", module=QEMU_INITRD, timeout=QEMU_TIMEOUT, stop_at=EARLY_INIT_LINE,
             linger=1.0)
    t.ok(any(l.startswith(EARLY_INIT_LINE) for l in e.lines) and not any("[INIT] PID 1 exited" in l for l in e.lines),
         "PROC-005 qemu: init=/bin/init runs the early init as PID 1, which keeps running",
         detail="status %r\n%s" % (e.status, "\n".join(e.lines[-8:])))
    t.ok(not any(l.startswith("PANIC") or "KERNEL PANIC" in l for l in q.lines),
         "PROC-073 qemu: no kernel panic while programs misbehave", detail="\n".join(q.lines[-10:]))

t.done()
