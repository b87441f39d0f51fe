#!/usr/bin/python3
"""The root file system image and its mount in QEMU (spec/boot-order.md BOOT-022, BOOT-025)."""
import os
import shutil
import subprocess
import tempfile

from aegis_qemu import STATUS_PASS, boot, kernel_path, test_iso_path
from tap import Tap

ROOT = os.environ.get("AEGIS_ROOT", os.getcwd())
BUILD = os.environ.get("AEGIS_BUILD", os.path.join(ROOT, "build"))
IMAGE = os.path.join(BUILD, "rootfs.img")
RAMDISK_OK = "[RAMDISK] OK: ramdisk0, "
EXT2_OK = "[EXT2] OK: mounted ramdisk0, "

t = Tap()


def debugfs(image, request):
    p = subprocess.run(["debugfs", "-R", request, image], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return p.stdout.decode("utf-8", "replace")


# BOOT-025: the image as mkrootfs builds it.
fsck = subprocess.run(["e2fsck", "-fn", IMAGE], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
t.ok(fsck.returncode == 0, "BOOT-025 rootfs.img passes e2fsck -fn", detail=fsck.stdout.decode(errors="replace"))
t.ok(debugfs(IMAGE, "cat /etc/hostname") == "aegis\n", "BOOT-025 /etc/hostname is in the image")
stat = debugfs(IMAGE, "stat /etc/hostname")
t.ok("User:     0" in stat and "Group:     0" in stat, "BOOT-025 files are owned by root", detail=stat)
t.ok("File not found" in debugfs(IMAGE, "stat /README.md") or debugfs(IMAGE, "stat /README.md").strip() == "",
     "BOOT-025 the folder's README is not copied")
size_kib = os.path.getsize(IMAGE) // 1024
t.ok(size_kib >= 4096, "BOOT-025 the image is at least 4 MiB (%d KiB)" % size_kib)

# BOOT-025: a bigger tree gets a bigger image, and mkrootfs refuses a missing tree.
with tempfile.TemporaryDirectory() as d:
    src = os.path.join(d, "tree")
    os.makedirs(os.path.join(src, "etc"))
    with open(os.path.join(src, "etc", "big"), "wb") as f:
        f.write(os.urandom(3 * 1024 * 1024))
    out = os.path.join(d, "big.img")
    p = subprocess.run([os.path.join(ROOT, "tools/mkrootfs"), src, out], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    t.ok(p.returncode == 0 and os.path.getsize(out) >= 6 * 1024 * 1024,
         "BOOT-025 the image is sized from the tree (twice its size)", detail=p.stdout.decode(errors="replace"))
    p = subprocess.run([os.path.join(ROOT, "tools/mkrootfs"), os.path.join(d, "missing"), out],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    t.ok(p.returncode != 0, "BOOT-025 mkrootfs fails on a missing source tree")

# BOOT-022: QEMU mounts it, from GRUB's module2 and from PVH -initrd.
if not shutil.which("qemu-system-x86_64"):
    t.skip("BOOT-022 QEMU mounts the root file system", "qemu-system-x86_64 not installed")
else:
    r = boot(iso=test_iso_path())
    t.ok(r.status == STATUS_PASS and any(l.startswith(RAMDISK_OK) for l in r.lines)
         and any(l.startswith(EXT2_OK) for l in r.lines),
         "BOOT-022 the test ISO's module2 image is mounted as ramdisk0", detail=r.describe())
    t.ok("[CAP_POLICY] OK: 15 policies loaded" in r.lines,
         "POL-040 QEMU loads the shipped policies from the mounted root", detail=r.describe())
    r = boot(kernel=kernel_path(), cmdline="test=boot", extra=["-initrd", IMAGE])
    t.ok(r.status == STATUS_PASS and any(l.startswith(EXT2_OK) for l in r.lines),
         "BOOT-022 the PVH path mounts the -initrd image", detail=r.describe())
    r = boot(kernel=kernel_path(), cmdline="test=boot")
    t.ok(r.status == STATUS_PASS and "[RAMDISK] WARN: no boot module, running without a root file system" in r.lines,
         "BOOT-023 QEMU without a module warns and completes the boot", detail=r.describe())
t.done()
