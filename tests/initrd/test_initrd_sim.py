#!/usr/bin/python3
"""The initrd and the root image as boot modules of the simulator (spec/initrd.md INITRD-030,
INITRD-031, INITRD-043): aegis-sim --module FILE[,NAME], and how the kernel picks its modules."""
import os

from aegis_sim import INITRD_IMAGE, ROOTFS_IMAGE, boot_modules, run_sim
from initrd_image import registered_line
from tap import Tap

t = Tap()
RAMDISK0 = "[RAMDISK] OK: ramdisk0, 4096 KiB from boot module 0"
RAMDISK1 = "[RAMDISK] OK: ramdisk0, 4096 KiB from boot module 1"
EXT2_OK = "[EXT2] OK: mounted ramdisk0, "
INITRD_OK = registered_line(INITRD_IMAGE) if os.path.exists(INITRD_IMAGE) else "[INITRD] OK: (initrd not built)"


def has(r, prefix):
    return any(l.startswith(prefix) for l in r.lines)


r = run_sim("boot=text test=boot", seed=1, args=boot_modules())
t.ok(r.status == 33 and RAMDISK0 in r.lines and has(r, EXT2_OK),
     "INITRD-043 INITRD-030 both modules as GRUB loads them: the named root image is mounted", detail=r.stdout)
t.ok(INITRD_OK in r.lines, "INITRD-031 the named initrd is registered", detail=r.stdout)

r = run_sim("boot=text test=boot", seed=1, args=["--module", INITRD_IMAGE, "--module", ROOTFS_IMAGE])
t.ok(r.status == 33 and RAMDISK1 in r.lines and has(r, EXT2_OK),
     "INITRD-030 unnamed modules are told apart by content (the ext2 image is module 1)", detail=r.stdout)
t.ok(INITRD_OK in r.lines, "INITRD-030 the unnamed cpio module is the initrd", detail=r.stdout)

r = run_sim("boot=text test=boot", seed=1, args=["--module", INITRD_IMAGE + ",rootfs"])
t.ok(r.status == 33 and any(l.startswith("[RAMDISK] OK: ramdisk0, ") and l.endswith("from boot module 0") for l in r.lines)
     and has(r, "[EXT2] FAIL: ramdisk0: "),
     "INITRD-030 a name beats content: a cpio named rootfs is mounted (and fails as ext2)", detail=r.stdout)
t.ok("[INITRD] SKIP: no initrd module" in r.lines, "INITRD-031 no initrd module: SKIP", detail=r.stdout)

r = run_sim("boot=text test=boot", seed=1, args=["--module", INITRD_IMAGE])
t.ok(r.status == 33 and "[RAMDISK] WARN: no root file system module, running without a root file system" in r.lines
     and not has(r, "[EXT2]"), "INITRD-030 an initrd alone: no root image, the boot completes", detail=r.stdout)

r = run_sim("boot=text test=boot", seed=1, args=["--module", ROOTFS_IMAGE + ",initrd", "--module", ROOTFS_IMAGE])
t.ok(r.status == 33 and RAMDISK1 in r.lines, "INITRD-030 a module named initrd is never the root image",
     detail=r.stdout)
t.ok(any(l.startswith("[INITRD] FAIL: entry 0 at offset 0x0: bad magic") for l in r.lines),
     "INITRD-031 a named initrd that is not cpio: FAIL with the reason", detail=r.stdout)

r = run_sim("boot=text test=boot", seed=1, args=["--module", ROOTFS_IMAGE] * 9)
t.ok(r.status == 2 and "at most 8 --module" in r.stderr, "INITRD-043 aegis-sim takes at most 8 modules",
     detail="status %r %s" % (r.status, r.stderr))
r = run_sim("boot=text test=boot", seed=1, args=["--module", ROOTFS_IMAGE + "," + "n" * 64])
t.ok(r.status == 2 and "longer than 63 bytes" in r.stderr, "INITRD-043 aegis-sim refuses an over-long module name",
     detail="status %r %s" % (r.status, r.stderr))
t.done()
