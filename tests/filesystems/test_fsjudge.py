#!/usr/bin/python3
"""The outside judge of ext2 writes (spec/filesystems.md FS-120): fsjudge runs as PID 1 in the sim
with a fresh mke2fs image as disk0 on /mnt; afterwards Debian's e2fsck must find the image clean
and debugfs must read back exactly the tree the same steps make on the host."""
import os
import shutil
import subprocess
import tempfile

from aegis_sim import boot_modules, run_sim
from tap import Tap

STATUS_PASS = 33
IMAGE_MIB = 32
SMALL_FILES = 40
DEPTH = 10
BIG = 3 << 20
BIG_CUT = (1 << 20) + 123
SPARSE_AT = 80 << 20
SPARSE_LEN = 4096
LONG_TARGET = 100


def content(seed, length, at=0):
    return bytes(((i * 131 + seed * 7 + (i >> 12)) & 0xFF) for i in range(at, at + length))


def write(path, seed, at, length):
    with open(path, "r+b" if os.path.exists(path) else "wb") as f:
        f.seek(at)
        f.write(content(seed, length))


def host_workload(root):
    """The steps of src/user/bin/fsjudge/main.c, on a host directory."""
    w = os.path.join(root, "w")
    os.mkdir(w)
    p = w
    for d in range(DEPTH):
        p = os.path.join(p, "d%d" % d)
        os.mkdir(p)
    write(os.path.join(p, "deep-file"), 99, 0, 5000)
    for i in range(SMALL_FILES):
        write(os.path.join(w, "f%02d" % i), i, 0, 100 * i + 7)
    write(os.path.join(w, "big"), 1000, 0, BIG)
    # fsjudge writes the sparse file's bytes as written from offset 0 of its pattern, at SPARSE_AT
    with open(os.path.join(w, "sparse"), "wb") as f:
        f.seek(SPARSE_AT)
        f.write(content(2000, SPARSE_LEN))
    for i in range(10):
        os.rename(os.path.join(w, "f%02d" % i), os.path.join(w, "r%02d" % i))
    for i in range(10, 20):
        os.unlink(os.path.join(w, "f%02d" % i))
    os.rename(os.path.join(w, "d0/d1/d2/d3/d4/d5"), os.path.join(w, "moved"))
    os.symlink("f20", os.path.join(w, "l0"))
    os.symlink("x" * LONG_TARGET, os.path.join(w, "l1"))
    os.truncate(os.path.join(w, "f21"), 50)
    os.truncate(os.path.join(w, "big"), BIG_CUT)
    os.link(os.path.join(w, "f22"), os.path.join(w, "f22-link"))
    os.rmdir(os.path.join(w, "d0/d1/d2/d3/d4"))


def snapshot(root):
    """Every path under root: ('dir',), ('link', target) or ('file', bytes)."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        out[rel] = ("dir",)
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            full = os.path.join(dirpath, name)
            key = os.path.normpath(os.path.join(rel, name))
            if os.path.islink(full):
                out[key] = ("link", os.readlink(full))
            else:
                with open(full, "rb") as f:
                    out[key] = ("file", f.read())
    return out


t = Tap()
have = shutil.which("mke2fs") or os.path.exists("/sbin/mke2fs")
if not have:
    t.skip("FS-120 the e2fsck/debugfs judge", "e2fsprogs is not installed")
    t.done()
    raise SystemExit(0)
tmp = tempfile.mkdtemp(prefix="aegis-fsjudge-")
try:
    image = os.path.join(tmp, "disk.img")
    subprocess.run(["/sbin/mke2fs", "-q", "-F", "-t", "ext2", "-b", "1024", image, "%dM" % IMAGE_MIB], check=True,
                   capture_output=True)
    r = run_sim(cmdline="init=/bin/fsjudge test=init", seed=5, args=boot_modules(), disks=[image], timeout=300)
    t.ok(r.status == STATUS_PASS and "fsjudge: done" in r.stdout,
         "FS-120 fsjudge ran its workload on /mnt and exited 0", detail="status %r\n%s" % (r.status, r.stdout[-3000:]))
    fsck = subprocess.run(["/sbin/e2fsck", "-fn", image], capture_output=True, text=True)
    t.ok(fsck.returncode == 0, "FS-120 e2fsck -fn finds the image clean",
         detail="exit %d\n%s%s" % (fsck.returncode, fsck.stdout, fsck.stderr))
    dumped = os.path.join(tmp, "dumped")
    os.mkdir(dumped)
    subprocess.run(["/sbin/debugfs", "-R", "rdump /w %s" % dumped, image], capture_output=True, check=True)
    expected = os.path.join(tmp, "expected")
    os.mkdir(expected)
    host_workload(expected)
    got, want = snapshot(os.path.join(dumped, "w")), snapshot(os.path.join(expected, "w"))
    diff = sorted(k for k in set(got) | set(want) if got.get(k) != want.get(k))
    t.ok(not diff, "FS-120 debugfs reads back the tree the workload wrote, byte for byte",
         detail="differing: %s" % ", ".join(diff[:20]))
    links = subprocess.run(["/sbin/debugfs", "-R", "stat /w/f22", image], capture_output=True, text=True)
    t.ok("Links: 2" in links.stdout, "FS-120 a hard link counts two links on disk", detail=links.stdout[:400])
finally:
    shutil.rmtree(tmp, ignore_errors=True)
t.done()
