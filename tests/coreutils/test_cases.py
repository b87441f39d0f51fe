#!/usr/bin/python3
"""The command-line tools, case by case, on both builds (spec/coreutils.md CU-020..024).

tests/coreutils/cases/<tool>.txt hold the cases (format in cu_cases.py).  Each build boots
/bin/cucheck as PID 1 with a root image holding the fixture and the encoded cases (QEMU's
image also holds the musl programs in /bin: its PVH boot carries one module); every case
becomes one TAP result per build.  Cases marked "= gnu" are also run on this host with its
GNU tools in a copy of the fixture, an outside judge of the same command line.
"""
import os
import tempfile

from aegis_qemu import boot, kernel_path
from aegis_sim import BUILD, run_sim
from cu_cases import load_cases, make_image, results, verdict, gnu_run
from tap import Tap

SIM_INITRD = os.path.join(BUILD, "initrd-sim.cpio")
TIMEOUT = 600
SEED = 9
STATUS_PASS = 33
CMDLINE = "init=/bin/cucheck test=init"

t = Tap()


def report(build, run, cases, host_fix):
    got = results(run.lines)
    t.ok(run.status == STATUS_PASS and len(got) == len(cases),
         "CU-020 %s: cucheck ran all %d cases and passed" % (build, len(cases)),
         detail="status %r, %d results\n%s" % (run.status, len(got), "\n".join(run.lines[-20:])))
    for i, case in enumerate(cases):
        name = "%s (%s)" % (case.name, build)
        if i not in got:
            t.ok(False, name, detail="no result")
            continue
        gnu = gnu_run(case, host_fix) if case.judge == "gnu" else None
        problem = verdict(case, got[i], gnu)
        t.ok(problem is None, name, detail=problem)


def main():
    cases = load_cases()
    with tempfile.TemporaryDirectory() as tmp:
        image, fix = make_image(tmp, cases, "sim", BUILD, with_bin=False)
        modules = ["--module", image + ",rootfs", "--module", SIM_INITRD + ",initrd"]
        report("sim", run_sim(cmdline=CMDLINE, seed=SEED, args=modules, timeout=TIMEOUT), cases, fix)
        kernel = kernel_path()
        if os.path.exists(kernel):
            qimage, qfix = make_image(tmp, cases, "musl", BUILD, with_bin=True)
            report("qemu", boot(kernel=kernel, cmdline=CMDLINE, module=qimage, timeout=TIMEOUT), cases, qfix)
        else:
            t.skip("CU-020 qemu: the cases in QEMU", "no freestanding kernel built")
    t.done()


main()
