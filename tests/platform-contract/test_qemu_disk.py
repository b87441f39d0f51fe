#!/usr/bin/python3
"""Disks on the freestanding build (spec/platform-contract.md PLAT-010, PLAT-014): x86_64 has no
disk driver yet, so even with a raw IDE drive attached the kernel reports none and boots on."""
import os
import tempfile

from aegis_qemu import boot, find_in_order, kernel_path, qemu_available
from tap import Tap

DISK_BYTES = 1 << 20

t = Tap()
NAME = "PLAT-010 PLAT-014 x86_64 with an IDE drive attached: [DISK] SKIP: no disks, the boot completes"
if not qemu_available():
    t.skip(NAME, "qemu-system-x86_64 not installed")
elif not os.path.exists(kernel_path()):
    t.ok(False, NAME, detail="%s not built" % kernel_path())
else:
    with tempfile.TemporaryDirectory() as d:
        img = os.path.join(d, "disk.img")
        with open(img, "wb") as f:
            f.truncate(DISK_BYTES)
        r = boot(kernel=kernel_path(), cmdline="boot=text test=boot", disks=[img])
        order = ["[RNG] OK: ", "[DISK] SKIP: no disks", "[AEGIS] OK: early boot complete"]
        t.ok(r.status == 33 and find_in_order(r.lines, order) is None, NAME,
             detail="%s\n%s" % (find_in_order(r.lines, order), r.describe()))
t.done()
