#!/usr/bin/python3
"""root=disk0 (spec/filesystems.md FS-102): in the sim the root's ext2 can be an image file; proctest
runs its ext2 checks on it, the image keeps the changes and e2fsck finds it clean."""
import os
import shutil
import subprocess
import tempfile

from aegis_sim import BUILD, ROOTFS_IMAGE, run_sim
from tap import Tap

STATUS_PASS = 33
SIM_INITRD = os.path.join(BUILD, "initrd-sim.cpio")

t = Tap()
tmp = tempfile.mkdtemp(prefix="aegis-rootdisk-")
try:
    image = os.path.join(tmp, "root.img")
    shutil.copyfile(ROOTFS_IMAGE, image)
    with open(image, "rb") as f:
        before = f.read()
    r = run_sim(cmdline="root=disk0 test=init init=/bin/proctest", seed=3,
                args=["--module", SIM_INITRD + ",initrd"], disks=[image], timeout=240)
    t.ok(r.status == STATUS_PASS, "FS-102 proctest passes with root=disk0",
         detail="status %r\n%s" % (r.status, "\n".join(l for l in r.lines if l.startswith("not ok"))[:3000]))
    t.ok(any(l.startswith("[EXT2] OK: mounted disk0") for l in r.lines) and
         not any(l.startswith("[RAMDISK]") and "OK" in l for l in r.lines),
         "FS-102 the root's ext2 is disk0, not a boot module", detail="\n".join(l for l in r.lines if l.startswith("[")))
    ran = [l for l in r.lines if "FS-020" in l and l.startswith("ok") and "SKIP" not in l]
    t.ok(len(ran) >= 2, "FS-102 proctest's ext2 checks ran on the disk (and on /tmp)",
         detail="\n".join(l for l in r.lines if "FS-020" in l))
    with open(image, "rb") as f:
        after = f.read()
    t.ok(after != before, "FS-102 the changes reached the image file")
    fsck = subprocess.run(["/sbin/e2fsck", "-fn", image], capture_output=True, text=True)
    t.ok(fsck.returncode == 0, "FS-102 FS-103 e2fsck -fn finds the image clean afterwards (synced at power-off)",
         detail="exit %d\n%s%s" % (fsck.returncode, fsck.stdout, fsck.stderr))
    none = run_sim(cmdline="root=disk0 test=boot", seed=3, args=["--module", SIM_INITRD + ",initrd"])
    t.ok(any(l.startswith("[EXT2] FAIL: root=disk0 but there is no disk") for l in none.lines),
         "FS-102 root=disk0 without a disk says so", detail=none.stdout[-2000:])
finally:
    shutil.rmtree(tmp, ignore_errors=True)
t.done()
