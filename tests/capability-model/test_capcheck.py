#!/usr/bin/python3
"""The capability system calls and gates through the real calls (spec/capability-model.md CAP-119):
capcheck as PID 1 on both builds, each check line a TAP result (tools/pylib/pid1_checks.py). The sim
boots with the shipped root tree plus an empty /bin directory and copies of login's and stsh's
policies named cklogin and ckstsh (the initrd's own /bin/login and /bin/stsh hide those names), so
its policies load and capcheck can install its /bin/cklogin and /bin/ckstsh copies in the
writable layer.  QEMU's PVH boot carries one module, so there the same tree also holds the musl
capcheck in /bin and is the root, and the policy path runs on that ext2 root."""
import os
import shutil
import subprocess
import tempfile

from aegis_sim import BUILD
from pid1_checks import run_pid1_check

ROOT = os.environ.get("AEGIS_ROOT", os.getcwd())
MKROOTFS = os.path.join(ROOT, "tools/mkrootfs")

with tempfile.TemporaryDirectory(prefix="aegis-caps-") as tmp:
    tree = os.path.join(tmp, "root")
    shutil.copytree(os.path.join(ROOT, "src/rootfs"), tree)
    os.makedirs(os.path.join(tree, "bin"), exist_ok=True)
    shutil.copy(os.path.join(tree, "etc/aegis/caps.d/login"), os.path.join(tree, "etc/aegis/caps.d/cklogin"))
    shutil.copy(os.path.join(tree, "etc/aegis/caps.d/stsh"), os.path.join(tree, "etc/aegis/caps.d/ckstsh"))
    image = os.path.join(tmp, "rootfs.img")
    subprocess.run([MKROOTFS, tree, image], check=True, stdout=subprocess.DEVNULL)
    shutil.copy(os.path.join(BUILD, "user", "musl", "capcheck"), os.path.join(tree, "bin", "capcheck"))
    qemu_image = os.path.join(tmp, "rootfs-musl.img")
    subprocess.run([MKROOTFS, tree, qemu_image], check=True, stdout=subprocess.DEVNULL)
    run_pid1_check("capcheck", {"CAP-062", "CAP-063", "CAP-100", "CAP-101", "CAP-102", "CAP-103", "CAP-104",
                                "CAP-110", "CAP-112", "CAP-119"}, "CAP-119", seed=7, rootfs=image,
                   qemu_module=qemu_image)
