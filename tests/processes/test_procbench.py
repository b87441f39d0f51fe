#!/usr/bin/python3
"""The process benchmark (spec/processes.md, "Figures"): procbench as PID 1 on both builds.

QEMU runs through tools/bench-proc (what `make bench-proc` runs), once, so the tool is judged
with the program; the sim runs procbench directly. Figures are checked for presence and form
only, never for size: TCG's speed depends on the host, and the sim's clock stands still.
"""
import os
import re
import subprocess
import sys

from aegis_qemu import kernel_path, qemu_available
from aegis_sim import BUILD, ROOTFS_IMAGE, run_sim
from tap import Tap

ROOT = os.environ.get("AEGIS_ROOT", os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
BENCH_PROC = os.path.join(ROOT, "tools", "bench-proc")
SIM_INITRD = os.path.join(BUILD, "initrd-sim.cpio")
QEMU_INITRD = os.path.join(BUILD, "initrd.cpio")
SIM_TIMEOUT = 120
TOOL_TIMEOUT = 120
STATUS_PASS = 33
OPERATIONS = ["getpid", "fork_exit_wait", "fork_execve_wait", "pipe_pingpong"]
FIGURE = re.compile(r"^bench: (\S+) (\d+) iterations, (\d+) ns/op$")
HEADER = re.compile(r"^procbench: build (qemu|sim), clock (\S+), exec (/\S+) exit$")
DONE = re.compile(r"^procbench: done in \d+ ms$")

t = Tap()


def figures(lines):
    """[(name, iterations, ns/op)] in the order printed."""
    return [(m.group(1), int(m.group(2)), int(m.group(3))) for m in map(FIGURE.match, lines) if m]


def check_run(build, lines, want_build, positive):
    """The header, the four figures in order and the closing line (PROC-120, PROC-121, PROC-122)."""
    text = "\n".join(lines[-30:])
    heads = [m for m in map(HEADER.match, lines) if m]
    t.ok(len(heads) == 1 and heads[0].group(1) == want_build,
         "PROC-121 %s: one header line naming the build (%s)" % (build, want_build), detail=text)
    figs = figures(lines)
    t.ok([f[0] for f in figs] == OPERATIONS, "PROC-120 %s: the four operations are measured, in order" % build,
         detail=text)
    t.ok(figs and all(n > 0 for _, n, _ in figs), "PROC-120 %s: every figure counts iterations" % build, detail=text)
    if positive:
        t.ok(figs and all(ns > 0 for _, _, ns in figs), "PROC-122 %s: every figure is positive" % build, detail=text)
    else:
        t.ok(figs and all(ns == 0 for _, _, ns in figs),
             "PROC-122 %s: virtual time stands still, so every figure reads 0" % build, detail=text)
    t.ok(not any(" FAILED: " in l for l in lines), "PROC-121 %s: no operation failed" % build, detail=text)
    t.ok(any(DONE.match(l) for l in lines), "PROC-121 %s: the closing line is printed" % build, detail=text)


def run_tool(*args):
    p = subprocess.run([sys.executable, BENCH_PROC, "--build", BUILD] + list(args), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=TOOL_TIMEOUT)
    return p.returncode, p.stdout.decode("utf-8", "replace").splitlines()


# ---- the sim ------------------------------------------------------------------------------
r = run_sim(cmdline="init=/bin/procbench test=init", seed=1,
            args=["--module", ROOTFS_IMAGE + ",rootfs", "--module", SIM_INITRD + ",initrd"], timeout=SIM_TIMEOUT)
check_run("sim", r.lines, "sim", positive=False)
t.ok(r.status == STATUS_PASS, "PROC-121 sim: procbench exits 0, so the test=init run passes",
     detail="status %r\n%s" % (r.status, r.stderr[-2000:]))

# ---- QEMU, through the tool behind `make bench-proc` ---------------------------------------
if not qemu_available():
    t.skip("PROC-123 qemu: bench-proc", "qemu-system-x86_64 is not installed")
elif not os.path.exists(kernel_path()) or not os.path.exists(QEMU_INITRD):
    t.ok(False, "PROC-123 qemu: the kernel and initrd are built", detail="%s %s" % (kernel_path(), QEMU_INITRD))
else:
    rc, lines = run_tool("--runs", "1")
    check_run("qemu", lines, "qemu", positive=True)
    t.ok(rc == 0, "PROC-123 qemu: bench-proc exits 0 after a run that passes", detail="\n".join(lines[-20:]))
    # An init that prints no figures (and still passes) must not look like a benchmark.
    rc, lines = run_tool("--runs", "1", "--init", "/test/hello-musl")
    t.ok(rc != 0 and not figures(lines) and any("no figure for getpid" in l for l in lines),
         "PROC-123 qemu: bench-proc fails a run without the four figures",
         detail="exit %d\n%s" % (rc, "\n".join(lines[-20:])))

t.done()
