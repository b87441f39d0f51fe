#!/usr/bin/python3
"""The file-system benchmark (spec/filesystems.md FS-150..FS-153): fsbench as PID 1 on both builds,
through tools/bench-fs (what `make bench-fs` runs). Figures are checked for presence and form
only, never for size: TCG's speed depends on the host, and the sim's clock stands still."""
import os
import re
import subprocess
import sys

from aegis_qemu import kernel_path, qemu_available
from aegis_sim import BUILD
from tap import Tap

ROOT = os.environ.get("AEGIS_ROOT", os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
BENCH_FS = os.path.join(ROOT, "tools", "bench-fs")
TOOL_TIMEOUT = 300
FILESYSTEMS = ["ext2", "ramfs"]
OPERATIONS = ["seq_write", "seq_read", "rand_write", "rand_read", "create", "unlink"]
FIGURE = re.compile(r"^  \| bench: (\S+) (\S+) (\d+) (bytes|files) in (\d+) ns, (-|\d+\.\d\d|\d+) (MB/s|ops/s)$")
TABLE = re.compile(r"^  (ext2|ramfs) +(\S+) +\d+ (bytes|files) in .*, (\d+\.\d\d MB/s|\d+ ops/s)$")
DONE = re.compile(r"^  \| fsbench: done in \d+ ms$")
START = re.compile(r"^  \| fsbench: start (\S+) (\S+)$")


def run_tool(only):
    p = subprocess.run([sys.executable, BENCH_FS, "--build", BUILD, "--only", only], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=TOOL_TIMEOUT)
    return p.returncode, p.stdout.decode("utf-8", "replace").splitlines()


def check(build, rc, lines, positive):
    text = "\n".join(lines[-40:])
    want = [(fs, op) for fs in FILESYSTEMS for op in OPERATIONS]
    figs = [m for m in map(FIGURE.match, lines) if m]
    t.ok([(m.group(1), m.group(2)) for m in figs] == want,
         "FS-150 %s: every figure of ext2 then ramfs is printed, in order" % build, detail=text)
    t.ok([(m.group(1), m.group(2)) for m in map(START.match, lines) if m] == want,
         "FS-151 %s: a start line precedes every timed part" % build, detail=text)
    t.ok(figs and all((m.group(4), m.group(7)) in (("bytes", "MB/s"), ("files", "ops/s")) and int(m.group(3)) > 0
                      for m in figs),
         "FS-151 %s: byte figures in MB/s, file figures in ops/s, every amount positive" % build, detail=text)
    if positive:
        t.ok(figs and all(int(m.group(5)) > 0 and m.group(6) != "-" for m in figs),
             "FS-152 %s: the guest clock moves, every figure is positive" % build, detail=text)
    else:
        t.ok(figs and all(int(m.group(5)) == 0 and m.group(6) == "-" for m in figs),
             "FS-152 %s: virtual time stands still, so fsbench's own figures read 0 ns" % build, detail=text)
    table = [(m.group(1), m.group(2)) for m in map(TABLE.match, lines) if m]
    t.ok(table == want, "FS-153 %s: bench-fs prints a table of the twelve figures" % build, detail=text)
    t.ok(rc == 0 and any(DONE.match(l) for l in lines),
         "FS-153 %s: the run passes and bench-fs exits 0" % build, detail=text)


t = Tap()
if not os.path.exists("/sbin/mke2fs"):
    t.skip("FS-153 bench-fs", "e2fsprogs is not installed")
    t.done()
    raise SystemExit(0)
rc, lines = run_tool("sim")
check("sim", rc, lines, positive=False)
if not qemu_available():
    t.skip("FS-153 qemu: bench-fs", "qemu-system-x86_64 is not installed")
elif not os.path.exists(kernel_path()):
    t.ok(False, "FS-153 qemu: the kernel is built", detail=kernel_path())
else:
    rc, lines = run_tool("qemu")
    check("qemu", rc, lines, positive=True)
t.done()
