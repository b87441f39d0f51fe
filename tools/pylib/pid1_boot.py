"""Boot one program as PID 1 ("init=/bin/NAME test=init") in the sim and in QEMU.

    for build, run in pid1_runs("dhcp", seed=3):
        run is a SimRun or QemuRun (status, lines), or None when QEMU's kernel or initrd is missing

Both builds get the build's own initrd (the sim's host programs or the musl ones) and the sim
also the root file system image, as GRUB would boot them. Used by the system tests of programs
that report through their output and exit status (tests/network-config, tests/dhcp-client).
"""
import os

from aegis_qemu import boot, kernel_path
from aegis_sim import BUILD, ROOTFS_IMAGE, run_sim

SIM_INITRD = os.path.join(BUILD, "initrd-sim.cpio")
QEMU_INITRD = os.path.join(BUILD, "initrd.cpio")
STATUS_PASS = 33
TIMEOUT = 180


def pid1_runs(program, seed, timeout=TIMEOUT):
    """[("sim", run), ("qemu", run or None)] for /bin/<program> as PID 1."""
    cmdline = "init=/bin/%s test=init" % program
    modules = ["--module", ROOTFS_IMAGE + ",rootfs", "--module", SIM_INITRD + ",initrd"]
    runs = [("sim", run_sim(cmdline=cmdline, seed=seed, args=modules, timeout=timeout))]
    kernel = kernel_path()
    if os.path.exists(kernel) and os.path.exists(QEMU_INITRD):
        runs.append(("qemu", boot(kernel=kernel, cmdline=cmdline, module=QEMU_INITRD, timeout=timeout)))
    else:
        runs.append(("qemu", None))
    return runs


def sanitizer_clean(run):
    """No ASan/UBSan report in a sim run's output."""
    text = getattr(run, "stderr", "") + getattr(run, "stdout", "")
    return "ERROR: AddressSanitizer" not in text and "runtime error" not in text
