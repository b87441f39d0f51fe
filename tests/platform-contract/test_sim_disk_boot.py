#!/usr/bin/python3
"""The simulator's --disk option seen from outside (spec/platform-contract.md PLAT-011..PLAT-014):
the boot marker per disk and its place in the boot, the file left as it was by a boot that
writes nothing, and bad option texts refused with status 2 before the kernel starts."""
import hashlib
import os
import tempfile

from aegis_sim import boot_modules, find_in_order, run_sim
from tap import Tap

MIB = 1 << 20
SECTOR = 512
TAIL = 100  # a partial sector after the last whole one: not part of the disk


def make_image(path, size):
    with open(path, "wb") as f:
        f.write(bytes((i * 7 + 1) & 0xFF for i in range(256)) * (size // 256) + b"\x5a" * (size % 256))


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


t = Tap()
with tempfile.TemporaryDirectory() as d:
    big = os.path.join(d, "big.img")
    small = os.path.join(d, "small,img")  # a comma in the name: the text after it holds no option
    make_image(big, 4 * MIB + TAIL)
    make_image(small, 64 * 1024)
    before = digest(big)

    r = run_sim("boot=text test=boot", seed=3, args=boot_modules(), disks=[big])
    order = ["[RNG] OK: ", "[DISK] OK: disk0, 4096 KiB", "[RAMDISK] OK: ", "[AEGIS] OK: early boot complete"]
    t.ok(r.status == 33 and find_in_order(r.lines, order) is None,
         "PLAT-011 PLAT-014 --disk FILE boots with [DISK] OK: disk0, 4096 KiB after RNG, before RAMDISK",
         detail="status %r %s\n%s%s" % (r.status, find_in_order(r.lines, order), r.stdout, r.stderr))
    t.ok(digest(big) == before, "PLAT-011 a boot that writes nothing leaves the disk file unchanged")

    r = run_sim("boot=text test=boot", seed=3, disks=[(big, 2), small + ",fail-after=0"])
    t.ok(r.status == 33 and find_in_order(r.lines, ["[DISK] OK: disk0, 4096 KiB", "[DISK] OK: disk1, 64 KiB"]) is None
         and sum(1 for l in r.lines if l.startswith("[DISK]")) == 2,
         "PLAT-011 PLAT-012 PLAT-014 two disks, one line each, in the order given", detail=r.stdout + r.stderr)

    r = run_sim("boot=text test=boot", seed=3)
    t.ok(r.status == 33 and "[DISK] SKIP: no disks" in r.lines, "PLAT-014 without --disk: [DISK] SKIP: no disks",
         detail=r.stdout)

    tiny = os.path.join(d, "tiny.img")
    make_image(tiny, SECTOR - 1)
    bad = [
        ([os.path.join(d, "missing.img")], "cannot open"),
        (["%s,fail-after=abc" % big], "fail-after wants a decimal number"),
        (["%s,fail-after=-1" % big], "fail-after wants a decimal number"),
        (["%s,colour=red" % big], "unknown option 'colour=red'"),
        ([",fail-after=1"], "--disk wants FILE"),
        ([d], "cannot open"),
        (["/dev/null"], "not a regular file"),
        ([tiny], "less than one 512-byte sector"),
        ([big] * 5, "at most 4 --disk options"),
    ]
    for disks, why in bad:
        r = run_sim("boot=text test=boot", seed=3, disks=disks)
        t.ok(r.status == 2 and ("aegis-sim: " in r.stderr and why in r.stderr) and not r.stdout,
             "PLAT-013 --disk %s: exit 2 with '%s', nothing booted" % (disks[0] if len(disks) == 1 else "x5", why),
             detail="status %r stdout %r stderr %r" % (r.status, r.stdout[:200], r.stderr))
    r = run_sim("boot=text test=boot", seed=3, args=["--disk"])
    t.ok(r.status == 2 and "usage: aegis-sim" in r.stderr, "PLAT-013 --disk without a value: usage and exit 2",
         detail="status %r stderr %r" % (r.status, r.stderr))
    r = run_sim(None, args=["--help"])
    t.ok(r.status == 0 and "--disk FILE[,fail-after=K]" in r.stdout, "PLAT-011 the usage text names --disk",
         detail=r.stdout)
    t.ok(digest(big) == before, "PLAT-013 refused runs leave the disk file unchanged")

t.done()
