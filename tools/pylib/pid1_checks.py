"""Shared driver of the check programs that run as PID 1 on both builds (ptycheck, cttycheck, capcheck).

Such a program prints one line per check ("ok - TTY-NNN text", "not ok - ..." or "skip - ...");
each becomes a TAP result here, prefixed with the build it ran on, and one more result per build
(named final_id) says every expected requirement reported and the run passed. A skip line becomes a
TAP skip. Imported by the test_*.py that use it (tools/pylib is on PYTHONPATH)."""
import os
import re

from aegis_qemu import boot, kernel_path
from aegis_sim import BUILD, ROOTFS_IMAGE, run_sim
from tap import Tap

SIM_INITRD = os.path.join(BUILD, "initrd-sim.cpio")
QEMU_INITRD = os.path.join(BUILD, "initrd.cpio")
CHECK_LINE = re.compile(r"^(ok|not ok|skip) - ([A-Z]+-\d{3}) (.*)$")
STATUS_PASS = 33
TIMEOUT = 180


def run_pid1_check(program, check_ids, final_id, seed, rootfs=ROOTFS_IMAGE, qemu_module=QEMU_INITRD):
    """Boot /bin/<program> as PID 1 in the sim (with the root image rootfs and the initrd) and in QEMU (with
    qemu_module, PVH's one module: the initrd, or a root image that holds /bin/<program>) and report its checks."""
    t = Tap()
    cmdline = "init=/bin/%s test=init" % program

    def report(build, run):
        found = [m.groups() for m in map(CHECK_LINE.match, run.lines) if m]
        for verdict, req, text in found:
            if verdict == "skip":
                t.skip("%s %s: %s" % (req, build, text), text.split(": ")[-1])
            else:
                t.ok(verdict == "ok", "%s %s: %s" % (req, build, text), detail=text)
        seen = {req for _, req, _ in found}
        t.ok(seen == check_ids and run.status == STATUS_PASS,
             "%s %s: %s reported every requirement and passed" % (final_id, build, program),
             detail="missing %s status %r\n%s" % (sorted(check_ids - seen), run.status, "\n".join(run.lines[-20:])))

    modules = ["--module", rootfs + ",rootfs", "--module", SIM_INITRD + ",initrd"]
    r = run_sim(cmdline=cmdline, seed=seed, args=modules, timeout=TIMEOUT)
    report("sim", r)
    t.ok("ERROR: AddressSanitizer" not in r.stderr and "runtime error" not in r.stderr + r.stdout,
         "%s sim: no sanitizer report from the kernel or %s" % (final_id, program), detail=r.stderr[-3000:])

    kernel = kernel_path()
    if not os.path.exists(kernel) or not os.path.exists(qemu_module):
        t.ok(False, "%s qemu: the kernel and its module are built" % final_id, detail="%s %s" % (kernel, qemu_module))
    else:
        report("qemu", boot(kernel=kernel, cmdline=cmdline, module=qemu_module, timeout=TIMEOUT))
    t.done()
