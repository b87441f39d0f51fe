#!/usr/bin/python3
"""AF_UNIX stream sockets through the real system calls on both builds (spec/unix-sockets.md
UNIX-060): unixcheck runs as PID 1 and prints "ok - UNIX-NNN text" lines; pid1_checks turns each
into a TAP result and adds one per build saying it reported every requirement below and passed.

Both builds boot a root image of src/rootfs plus a test policy /etc/aegis/caps.d/unixcheck
granting SETUID, so unixcheck's client can change its uid before and after connect (UNIX-050,
UNIX-051). The sim adds its initrd (the host build of unixcheck); QEMU's PVH boot carries one
module, so its image also holds the musl unixcheck in /bin."""
import os
import shutil
import subprocess
import tempfile

from aegis_sim import BUILD
from pid1_checks import run_pid1_check

ROOT = os.environ.get("AEGIS_ROOT", os.getcwd())
SEED = 13
PROGRAM = "unixcheck"
POLICY = "service SETUID\n"
PROGRAM_MODE = 0o755
IDS = {"UNIX-002", "UNIX-003", "UNIX-004", "UNIX-010", "UNIX-011", "UNIX-012", "UNIX-013", "UNIX-021",
       "UNIX-022", "UNIX-023", "UNIX-030", "UNIX-031", "UNIX-032", "UNIX-033", "UNIX-034", "UNIX-035",
       "UNIX-036", "UNIX-040", "UNIX-050", "UNIX-051", "UNIX-052"}


def make_root(tmp, flavour, with_bin):
    """A root image of src/rootfs and the test policy (and /bin/unixcheck of flavour when with_bin)."""
    stage = os.path.join(tmp, "stage-" + flavour)
    shutil.copytree(os.path.join(ROOT, "src", "rootfs"), stage, symlinks=True)
    with open(os.path.join(stage, "etc", "aegis", "caps.d", PROGRAM), "w") as f:
        f.write(POLICY)
    if with_bin:
        os.makedirs(os.path.join(stage, "bin"), mode=PROGRAM_MODE, exist_ok=True)
        dst = os.path.join(stage, "bin", PROGRAM)
        shutil.copy(os.path.join(BUILD, "user", flavour, PROGRAM), dst)
        os.chmod(dst, PROGRAM_MODE)
    image = os.path.join(tmp, "root-%s.img" % flavour)
    subprocess.run([os.path.join(ROOT, "tools", "mkrootfs"), stage, image], check=True, stdout=subprocess.DEVNULL)
    return image


with tempfile.TemporaryDirectory(prefix="aegis-unix-") as tmp:
    run_pid1_check(PROGRAM, IDS, "UNIX-060", SEED, rootfs=make_root(tmp, "sim", False),
                   qemu_module=make_root(tmp, "musl", True))
