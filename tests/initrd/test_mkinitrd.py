#!/usr/bin/python3
"""tools/mkinitrd and the initrd build (spec/initrd.md INITRD-040..INITRD-043).

The archives the tool writes are read back by the kernel's own parser through
tests/initrd/test_initrd_dump (built from tests/initrd/test_initrd_dump.c).
"""
import os
import subprocess
import tempfile

from tap import Tap

ROOT = os.environ.get("AEGIS_ROOT", os.getcwd())
BUILD = os.environ.get("AEGIS_BUILD", os.path.join(ROOT, "build"))
MKINITRD = os.path.join(ROOT, "tools", "mkinitrd")
DUMP = os.path.join(BUILD, "tests", "initrd", "test_initrd_dump")

t = Tap()


def mkinitrd(out, *args):
    p = subprocess.run(["/usr/bin/python3", MKINITRD, out] + list(args), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    return p.returncode, p.stderr.decode("utf-8", "replace")


def dump(path):
    p = subprocess.run([DUMP, "--dump", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def write(path, data, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, mode)


with tempfile.TemporaryDirectory() as d:
    src = os.path.join(d, "src")
    write(os.path.join(src, "hello"), b"hello\n")
    write(os.path.join(src, "tool"), b"#!/bin/sh\n", 0o750)
    write(os.path.join(src, "tree", "b"), b"b")
    write(os.path.join(src, "tree", "sub", "c"), b"cc")
    os.symlink("../b", os.path.join(src, "tree", "sub", "up"))
    os.symlink("/bin/tool", os.path.join(d, "link"))
    pairs = ["/etc/motd=" + os.path.join(src, "hello"), "/bin/tool=" + os.path.join(src, "tool"),
             "/srv/t=" + os.path.join(src, "tree"), "/init=" + os.path.join(d, "link"), "/bin/sh->tool"]
    a = os.path.join(d, "a.cpio")
    rc, err = mkinitrd(a, *pairs)
    t.ok(rc == 0, "INITRD-040 mkinitrd writes an archive from DEST=SOURCE and DEST->TARGET pairs", detail=err)
    rc, listing = dump(a)
    want = "\n".join([
        "d 040755 0 0 0 bin",
        "l 120777 0 0 4 bin/sh -> tool",
        "f 100755 0 0 10 bin/tool",
        "d 040755 0 0 0 etc",
        "f 100644 0 0 6 etc/motd",
        "l 120777 0 0 9 init -> /bin/tool",
        "d 040755 0 0 0 srv",
        "d 040755 0 0 0 srv/t",
        "f 100644 0 0 1 srv/t/b",
        "d 040755 0 0 0 srv/t/sub",
        "f 100644 0 0 2 srv/t/sub/c",
        "l 120777 0 0 4 srv/t/sub/up -> ../b",
        "count 12", ""])
    t.ok(rc == 0 and listing == want,
         "INITRD-040 INITRD-041 the kernel parser reads it: sorted, owner 0:0, fixed modes, parents added, trees copied",
         detail="rc %d\n%s\nwant:\n%s" % (rc, listing, want))
    with open(a, "rb") as f:
        data = f.read()
    t.ok(data.startswith(b"070701") and data[110:112] == b".\0" and data[6:14] == b"00000001",
         "INITRD-040 the root entry '.' comes first, inode numbers start at 1")
    # mtime field (6th) of every header is 0: look at the first one and the trailer.
    t.ok(data[6 + 5 * 8:6 + 6 * 8] == b"00000000" and data.rstrip(b"\0").endswith(b"TRAILER!!!")
         and len(data) % 4 == 0, "INITRD-040 mtime 0, trailer last, 4-byte aligned")

    # Deterministic: other mtimes, other argument order, same bytes.
    os.utime(os.path.join(src, "hello"), (1, 1))
    os.utime(os.path.join(src, "tree", "b"), (123456789, 123456789))
    b = os.path.join(d, "b.cpio")
    rc, err = mkinitrd(b, *reversed(pairs))
    with open(b, "rb") as f:
        t.ok(rc == 0 and f.read() == data, "INITRD-040 output is deterministic (mtimes, argument order)", detail=err)

    # --dir: a staging tree as it is.
    c = os.path.join(d, "c.cpio")
    rc, err = mkinitrd(c, "--dir", os.path.join(src, "tree"))
    rc2, listing = dump(c)
    t.ok(rc == 0 and rc2 == 0 and "f 100644 0 0 2 sub/c\n" in listing and "count 4\n" in listing,
         "INITRD-040 --dir packs a staging directory", detail=err + listing)

    # INITRD-042: refusals leave OUT untouched.
    fifo = os.path.join(d, "fifo")
    os.mkfifo(fifo)
    big = os.path.join(d, "big")
    with open(big, "wb") as f:
        f.truncate(4 << 30)
    many = os.path.join(d, "many")
    os.makedirs(many)
    for i in range(4096):
        open(os.path.join(many, "f%04d" % i), "wb").close()
    hello = os.path.join(src, "hello")
    refusals = [
        ("a '..' component", ["/a/../b=" + hello], "component"),
        ("an empty component", ["/a//b=" + hello], "component"),
        ("a trailing slash", ["/a/=" + hello], "component"),
        ("a '.' component", ["/./a=" + hello], "component"),
        ("the root as DEST", ["/=" + hello], "root"),
        ("a component over 255 bytes", ["/" + "x" * 256 + "=" + hello], "longer than 255"),
        ("the same DEST twice", ["/a=" + hello, "a=" + hello], "duplicate"),
        ("a file where a directory is needed", ["/a=" + hello, "/a/b=" + hello], "both a directory and a file"),
        ("a FIFO", ["/p=" + fifo], "not a regular file"),
        ("a missing source", ["/m=" + os.path.join(d, "missing")], "No such file"),
        ("a file of 4 GiB", ["/big=" + big], "4 GiB"),
        ("more than 4096 entries", ["/many=" + many], "more than 4096"),
        ("an argument without '='", [hello], "neither DEST=SOURCE nor DEST->TARGET"),
    ]
    out = os.path.join(d, "out.cpio")
    for what, args, needle in refusals:
        with open(out, "wb") as f:
            f.write(b"old")
        rc, err = mkinitrd(out, *args)
        with open(out, "rb") as f:
            kept = f.read() == b"old"
        t.ok(rc == 1 and needle in err and kept, "INITRD-042 mkinitrd refuses %s and writes nothing" % what,
             detail="rc %d: %s" % (rc, err))
    os.remove(os.path.join(many, "f4095"))
    rc, err = mkinitrd(out, "/many=" + many)
    rc2, listing = dump(out)
    t.ok(rc == 0 and rc2 == 0 and listing.endswith("count 4096\n"),
         "INITRD-042 exactly 4096 entries (4095 files and their directory) are accepted", detail=err + listing[-200:])

    # INITRD-043: a pair appended by an mk file read after mk/initrd.mk is in the archive.
    extra = os.path.join(d, "zz-extra.mk")
    with open(extra, "w") as f:
        f.write("INITRD_FILES += /late/file=%s\n" % hello)
    late_build = os.path.join(d, "build")
    p = subprocess.run(["make", "-C", ROOT, "-f", "Makefile", "-f", extra, "BUILD=" + late_build,
                        os.path.join(late_build, "initrd.cpio")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    rc, listing = dump(os.path.join(late_build, "initrd.cpio"))
    t.ok(p.returncode == 0 and rc == 0 and "f 100644 0 0 6 late/file\n" in listing
         and "etc/initrd-release\n" in listing,
         "INITRD-043 INITRD_FILES appended after mk/initrd.mk reaches the archive",
         detail=p.stdout.decode(errors="replace") + listing)
    # ...and is a prerequisite: touching the late source rebuilds the archive.
    p = subprocess.run(["make", "-C", ROOT, "-f", "Makefile", "-f", extra, "BUILD=" + late_build, "-q",
                        os.path.join(late_build, "initrd.cpio")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    up_to_date = p.returncode == 0
    st = os.stat(os.path.join(late_build, "initrd.cpio"))
    os.utime(hello, (st.st_mtime + 10, st.st_mtime + 10))
    p = subprocess.run(["make", "-C", ROOT, "-f", "Makefile", "-f", extra, "BUILD=" + late_build, "-q",
                        os.path.join(late_build, "initrd.cpio")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    t.ok(up_to_date and p.returncode == 1, "INITRD-043 a late INITRD_FILES source is a prerequisite of the archive")

# INITRD-043: the build's archive and the GRUB configurations.
rc, listing = dump(os.path.join(BUILD, "initrd.cpio"))
t.ok(rc == 0 and "f 100644 0 0 " in listing and " etc/initrd-release\n" in listing,
     "INITRD-043 $(BUILD)/initrd.cpio holds /etc/initrd-release", detail=listing)
for cfg in ("grub.cfg", "grub-test.cfg"):
    with open(os.path.join(ROOT, "qemu", cfg)) as f:
        text = f.read()
    entries = text.count("\n\tmultiboot2 ")
    t.ok(entries > 0 and text.count("module2 /boot/rootfs.img rootfs\n\tmodule2 /boot/initrd.cpio initrd\n") == entries,
         "INITRD-043 every entry of qemu/%s loads the root image, then the initrd" % cfg)
t.done()
