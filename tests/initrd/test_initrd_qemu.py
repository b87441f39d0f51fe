#!/usr/bin/python3
"""The initrd module in QEMU (spec/initrd.md INITRD-030, INITRD-031, INITRD-043): GRUB loads the
root image and the initrd by name; QEMU's PVH path carries one module, told apart by content."""
import os
import shutil

from aegis_qemu import STATUS_PASS, boot, kernel_path, test_iso_path
from initrd_image import registered_line
from tap import Tap

BUILD = os.environ.get("AEGIS_BUILD", "build")
INITRD = os.path.join(BUILD, "initrd.cpio")
ROOTFS = os.path.join(BUILD, "rootfs.img")
INITRD_OK = registered_line(INITRD) if os.path.exists(INITRD) else "[INITRD] OK: (initrd not built)"
EXT2_OK = "[EXT2] OK: mounted ramdisk0, "

t = Tap()
if not shutil.which("qemu-system-x86_64"):
    t.skip("INITRD-043 QEMU boots with the initrd module", "qemu-system-x86_64 not installed")
    t.done()
    raise SystemExit(0)

r = boot(iso=test_iso_path())
t.ok(r.status == STATUS_PASS and "[RAMDISK] OK: ramdisk0, 4096 KiB from boot module 0" in r.lines
     and any(l.startswith(EXT2_OK) for l in r.lines),
     "INITRD-030 INITRD-043 GRUB loads both modules; the one named rootfs is mounted", detail=r.describe())
t.ok(INITRD_OK in r.lines, "INITRD-031 INITRD-043 GRUB's initrd module is registered", detail=r.describe())

r = boot(kernel=kernel_path(), cmdline="test=boot", module=INITRD)
t.ok(r.status == STATUS_PASS
     and "[RAMDISK] WARN: no root file system module, running without a root file system" in r.lines
     and INITRD_OK in r.lines,
     "INITRD-030 PVH with the initrd as its one module: the cpio is not taken for the root image",
     detail=r.describe())
r = boot(kernel=kernel_path(), cmdline="test=boot", module=ROOTFS)
t.ok(r.status == STATUS_PASS and any(l.startswith(EXT2_OK) for l in r.lines)
     and "[INITRD] SKIP: no initrd module" in r.lines,
     "INITRD-030 PVH with the root image as its one module: mounted, no initrd", detail=r.describe())
t.done()
