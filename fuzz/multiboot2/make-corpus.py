#!/usr/bin/python3
"""Write the seed corpus of the multiboot2 harness into fuzz/multiboot2/corpus/.

    /usr/bin/python3 fuzz/multiboot2/make-corpus.py

An encoder of its own (struct), independent of sim/mb2_build.c, so the seeds
also cross-check that builder's layout: 8-byte header (total_size, reserved),
tags (type, size, payload) each starting on an 8-byte boundary, end tag last.
Seeds are mostly well-formed structures of the kinds real loaders produce
(GRUB with modules and a framebuffer, the simulator's own, an EGA text
console, a future memory-map entry layout) plus a few broken ones, so the
fuzzer starts both deep inside and right at the edge of each check. The
files are checked in; rerun this after changing it.

One seed is not made here: corpus/grub-2.06-qemu.mb2 is the structure GRUB 2.06
(Debian 12) really handed the kernel, captured once from QEMU 7.2 memory: an ISO
with `multiboot2 /boot/aegis.elf boot=text quiet`, two `module2` lines (files of
300000 and 70000 bytes named rootfs and esp) and `gfxpayload=keep`, booted with
-m 256; after the boot, `pmemsave 0 0x10000000 "mem.bin"` in the QEMU monitor,
then the 8-aligned offset before the command-line string from which a tag walk
reaches a proper end tag (0x1653a0). Its values are checked by
tests/multiboot2/test_mb2_wellformed.c.
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus")

END, CMDLINE, LOADER, MODULE, MEMINFO, BOOTDEV, MMAP, FRAMEBUFFER, ACPI_OLD, LOAD_BASE = 0, 1, 2, 3, 4, 5, 6, 8, 14, 21
USABLE, RESERVED, ACPI_RECLAIM, ACPI_NVS, BAD = 1, 2, 3, 4, 5


def pad8(b):
    return b + b"\0" * (-len(b) % 8)


def tag(kind, payload=b""):
    return struct.pack("<II", kind, 8 + len(payload)) + payload


def string_tag(kind, text):
    return tag(kind, text.encode() + b"\0")


def module(start, end, name):
    return tag(MODULE, struct.pack("<II", start, end) + name.encode() + b"\0")


def mmap(regions, entry_size=24, version=0):
    body = struct.pack("<II", entry_size, version)
    for base, length, kind in regions:
        entry = struct.pack("<QQII", base, length, kind, 0)
        body += entry + b"\xee" * (entry_size - len(entry))
    return tag(MMAP, body)


def framebuffer(addr, pitch, width, height, bpp, kind, color=b""):
    return tag(FRAMEBUFFER, struct.pack("<QIIIBBH", addr, pitch, width, height, bpp, kind, 0) + color)


def info(*tags, total=None):
    body = b"".join(pad8(t) for t in tags) + tag(END)
    size = 8 + len(body)
    return struct.pack("<II", size if total is None else total, 0) + body


def grub_like():
    return info(
        tag(LOAD_BASE, struct.pack("<I", 0x100000)),
        string_tag(CMDLINE, "boot=text quiet"),
        string_tag(LOADER, "GRUB 2.06-13+deb12u1"),
        module(0x1C4000, 0x3BC4000, "/boot/rootfs.img"),
        module(0x3BC4000, 0x5BC4000, "/boot/esp.img"),
        tag(MEMINFO, struct.pack("<II", 639, 130944)),
        tag(BOOTDEV, struct.pack("<III", 0xE0, 0xFFFFFFFF, 0xFFFFFFFF)),
        mmap([(0x0, 0x9FC00, USABLE), (0x9FC00, 0x400, RESERVED), (0xF0000, 0x10000, RESERVED),
              (0x100000, 0x7EE0000, USABLE), (0x7FE0000, 0x20000, RESERVED), (0xFFFC0000, 0x40000, RESERVED)]),
        framebuffer(0xFD000000, 5120, 1280, 800, 32, 1, bytes([16, 8, 8, 8, 0, 8])),
        tag(ACPI_OLD, b"RSD PTR \x4aBOCHS \0\x40\x5d\xfe\x07"),
    )


def seeds():
    mem = 64 << 20
    yield "grub-like", grub_like()
    yield "sim-default", info(string_tag(CMDLINE, "boot=text"), string_tag(LOADER, "aegis-sim"),
                              mmap([(0, 0x9F000, USABLE), (0x9F000, 0x61000, RESERVED),
                                    (0x100000, mem - 0x100000, USABLE)]))
    yield "minimal", info()
    yield "ega-text", info(string_tag(CMDLINE, ""), framebuffer(0xB8000, 160, 80, 25, 16, 2),
                           mmap([(0, 0xA0000, USABLE), (0x100000, 0x3F00000, USABLE)]))
    yield "mmap-entry32-v1", info(mmap([(0, 0x1000, USABLE), (0x1000, 0, BAD), (0xFEE00000, 0x1000, ACPI_NVS),
                                        (0xFFFFFFFFFFFFE000, 0x1000, 0x77)], entry_size=32, version=1))
    yield "modules-16", info(*[module(0x200000 + i * 0x10000, 0x200000 + i * 0x10000 + 0x800, "m%d" % i)
                               for i in range(16)])
    yield "indexed-fb", info(framebuffer(0xA0000, 320, 320, 200, 8, 0,
                                         struct.pack("<I", 2) + bytes([0, 0, 0, 255, 255, 255])))
    # Broken on purpose: each is one step from a valid structure.
    whole = grub_like()
    yield "bad-truncated", whole[:96]
    no_end = info(string_tag(CMDLINE, "x"))[:-8]
    yield "bad-no-end-tag", struct.pack("<I", len(no_end)) + no_end[4:]
    yield "bad-dup-cmdline", info(string_tag(CMDLINE, "a"), string_tag(CMDLINE, "b"))
    yield "bad-entry-size", info(mmap([(0, 0x1000, USABLE)], entry_size=24)).replace(
        struct.pack("<II", 24, 0), struct.pack("<II", 20, 0), 1)
    yield "bad-module-empty", info(module(0x300000, 0x300000, "empty"))


def main():
    os.makedirs(OUT, exist_ok=True)
    total = 0
    for name, data in seeds():
        with open(os.path.join(OUT, name + ".mb2"), "wb") as f:
            f.write(data)
        total += len(data)
    print("wrote %d bytes of seeds to %s" % (total, os.path.relpath(OUT)))


if __name__ == "__main__":
    main()
