"""Driver for aegis-sim, for system tests (PYTHONPATH includes sim/).

    from aegis_sim import run_sim, markers, find_in_order
    r = run_sim(cmdline="boot=text test=boot", seed=7)
    r.status, r.lines, r.stderr

    p = spawn_sim(cmdline="boot=text")     # interactive: a pexpect child
    p.expect_exact("[AEGIS] OK: early boot complete")

    r = run_sim(cmdline="boot=text test=boot", args=boot_modules())   # as GRUB boots it:
                                           # the root image and the initrd

run_sim passes no boot module unless asked (args); boot_modules() gives the
`--module FILE,NAME` options for the build's rootfs.img and initrd.cpio, the
two modules every GRUB entry loads (spec/initrd.md INITRD-030, INITRD-043).

    r = run_sim(cmdline="boot=text test=boot", disks=["/tmp/a.img", ("/tmp/b.img", 3)])

disks= gives the sim disks backed by host files, disk0 first (spec/platform-contract.md
PLAT-011): each a path, or (path, K) to make writes after the K-th fail (PLAT-012);
disk_args() turns the same list into `--disk` options.

run_sim always returns: a run that outlives its timeout is killed and reported with
status None, so a hung kernel fails its test instead of hanging the suite.
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools", "pylib"))
from boot_oracle import find_in_order, markers  # noqa: E402  (re-exported for tests)

BUILD = os.environ.get("AEGIS_BUILD", os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "build"))
SIM = os.path.join(BUILD, "aegis-sim")
ROOTFS_IMAGE = os.path.join(BUILD, "rootfs.img")
# The sim boots its own initrd: the host (sanitized) builds of the programs (mk/userbin.mk).
INITRD_IMAGE = os.path.join(BUILD, "initrd-sim.cpio")


def boot_modules(rootfs=True, initrd=True):
    """aegis-sim options for the boot modules GRUB loads: the root image, then the initrd."""
    args = []
    if rootfs:
        args += ["--module", ROOTFS_IMAGE + ",rootfs"]
    if initrd:
        args += ["--module", INITRD_IMAGE + ",initrd"]
    return args


def disk_args(disks):
    """aegis-sim options for disks: each item a path or (path, fail_after)."""
    args = []
    for disk in disks:
        if isinstance(disk, (tuple, list)):
            path, fail_after = disk
            args += ["--disk", "%s,fail-after=%d" % (path, fail_after)]
        else:
            args += ["--disk", disk]
    return args


class SimRun:
    def __init__(self, status, stdout, stderr):
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.lines = stdout.splitlines()

    def markers(self):
        return markers(self.lines)


def sim_options(cmdline=None, seed=None, args=(), disks=()):
    """aegis-sim's options (without the program) for run_sim and spawn_sim."""
    argv = []
    if cmdline is not None:
        argv += ["--cmdline", cmdline]
    if seed is not None:
        argv += ["--seed", str(seed)]
    return argv + list(args) + disk_args(disks)


def run_sim(cmdline=None, seed=None, args=(), timeout=60, disks=()):
    argv = [SIM] + sim_options(cmdline, seed, args, disks)
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        return SimRun(p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"))
    except subprocess.TimeoutExpired as e:
        return SimRun(None, (e.stdout or b"").decode("utf-8", "replace"), (e.stderr or b"").decode("utf-8", "replace"))


def spawn_sim(cmdline=None, seed=None, args=(), timeout=30, disks=()):
    """Start aegis-sim under pexpect for interactive tests (typing, waiting for lines)."""
    import pexpect  # Debian's python3-pexpect; imported here so batch runs need no pexpect

    return pexpect.spawn(SIM, sim_options(cmdline, seed, args, disks), encoding="utf-8", timeout=timeout)
