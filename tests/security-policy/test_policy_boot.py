#!/usr/bin/python3
"""Loading /etc/aegis/caps.d at boot, in the simulator (spec/security-policy.md POL-040..042)."""
import os
import subprocess
import tempfile

from aegis_sim import find_in_order, run_sim
from tap import Tap

ROOT = os.environ.get("AEGIS_ROOT", os.getcwd())
BUILD = os.environ.get("AEGIS_BUILD", os.path.join(ROOT, "build"))
MKROOTFS = os.path.join(ROOT, "tools/mkrootfs")
WARN = "[CAP_POLICY] WARN: /etc/aegis/caps.d:"

t = Tap()


def image_of(tree, files):
    """Write files {path: bytes or None for a directory} under tree and build an image."""
    for path, data in files.items():
        full = os.path.join(tree, path)
        if data is None:
            os.makedirs(full, exist_ok=True)
            continue
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(data)
    out = tree + ".img"
    subprocess.run([MKROOTFS, tree, out], check=True, stdout=subprocess.DEVNULL)
    return out


def boot_with(image):
    return run_sim("boot=text test=boot", seed=1, args=["--module", image] if image else [])


r = boot_with(os.path.join(BUILD, "rootfs.img"))
t.ok(find_in_order(r.lines, ["[EXT2] OK: mounted ramdisk0", "[CAP_POLICY] OK: 15 policies loaded",
                              "[AEGIS] OK: early boot complete"]) is None and r.status == 33,
     "POL-040 the shipped root file system loads its 15 policies after the mount", detail=r.stdout)
t.ok(not any(l.startswith("[CAP_POLICY] WARN") for l in r.lines), "POL-040 the shipped policies load without warnings",
     detail=r.stdout)

with tempfile.TemporaryDirectory() as d:
    img = image_of(os.path.join(d, "empty"), {"etc/hostname": b"aegis\n"})
    r = boot_with(img)
    t.ok("[CAP_POLICY] OK: no /etc/aegis/caps.d, 0 policies loaded" in r.lines and r.status == 33,
         "POL-041 no caps.d directory: 0 policies, the boot goes on", detail=r.stdout)

    r = boot_with(None)
    t.ok("[CAP_POLICY] WARN: no root file system, 0 policies loaded" in r.lines and r.status == 33,
         "POL-041 no root file system: a warning, the boot goes on", detail=r.stdout)

    img = image_of(os.path.join(d, "mixed"), {
        "etc/aegis/caps.d/zeta": b"service NET_SOCKET\n",
        "etc/aegis/caps.d/alpha": b"service POWER\nbogus LINE\n",
        "etc/aegis/caps.d/middir": None,
        "etc/aegis/caps.d/huge": b"# " + b"x" * 5000 + b"\nservice POWER\n",
        "etc/aegis/caps.d/bad name": b"service POWER\n",
    })
    r = boot_with(img)
    warns = [l for l in r.lines if l.startswith(WARN) or l.startswith("[CAP_POLICY] WARN: /etc/aegis/caps.d/")]
    t.ok(any("'middir' is not a regular file, skipped" in l for l in warns),
         "POL-042 a directory in caps.d is skipped with a warning", detail="\n".join(warns))
    t.ok("[CAP_POLICY] OK: 2 policies loaded" in r.lines and r.status == 33,
         "POL-040 POL-042 good files load, refused ones do not count", detail=r.stdout)
    order = [l for l in warns if "alpha" in l or "huge" in l or "middir" in l or "bad?name" in l]
    names = ["alpha", "bad?name", "huge", "middir"]
    firsts = [min([i for i, l in enumerate(order) if n in l] or [99]) for n in names]
    t.ok(firsts == sorted(firsts) and 99 not in firsts, "POL-040 files are read in byte order of their names",
         detail="\n".join(order))

t.done()
