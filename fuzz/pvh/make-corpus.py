#!/usr/bin/python3
"""Write the seed corpus of the pvh harness into fuzz/pvh/corpus/.

    /usr/bin/python3 fuzz/pvh/make-corpus.py

Each seed is a window of physical memory that starts at 0x1000 (the harness's
HARNESS_PHYS_BASE) with a struct hvm_start_info (Xen public ABI: magic
0x336ec578, version, flags, nr_modules, modlist_paddr, cmdline_paddr,
rsdp_paddr, then in version 1 memmap_paddr and memmap_entries) followed by
the data its pointers name. The first seed mirrors what QEMU 7.2's PVH option
ROM hands over for `-m 256 -append "boot=text test=boot"`. The files are
checked in; rerun this after changing it.
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus")
BASE = 0x1000
MAGIC = 0x336ec578
START_INFO_V1 = 56
RAM, RESERVED, ACPI = 1, 2, 3


def window(version=1, cmdline=b"boot=text test=boot", regions=(), modules=(), magic=MAGIC, cmd_addr=None):
    """Start info at BASE, then the command line, the memory map and the module list."""
    body = b""
    off = START_INFO_V1

    def place(blob):
        nonlocal body, off
        addr = BASE + off
        body += blob
        off += len(blob)
        return addr

    c = place(cmdline + b"\0") if cmdline is not None else 0
    if cmd_addr is not None:
        c = cmd_addr
    mm = place(b"".join(struct.pack("<QQII", b, l, t, 0) for b, l, t in regions)) if regions else 0
    mods = []
    for start, size, name in modules:
        mods.append((start, size, place(name + b"\0")))
    ml = place(b"".join(struct.pack("<QQQQ", s, z, n, 0) for s, z, n in mods)) if mods else 0
    head = struct.pack("<IIIIQQQ", magic, version, 0, len(mods), ml, c, 0)
    if version >= 1:
        head += struct.pack("<QII", mm, len(regions), 0)
    else:
        head += b"\0" * 16
    return head + body


QEMU_256M = ((0, 0x9fc00, RAM), (0x9fc00, 0x400, RESERVED), (0xf0000, 0x10000, RESERVED),
             (0x100000, 0xfee0000, RAM), (0xffe0000, 0x20000, RESERVED), (0xfffc0000, 0x40000, RESERVED))

SEEDS = {
    "qemu-256m.pvh": window(regions=QEMU_256M),
    "qemu-initrd.pvh": window(cmdline=b"boot=graphical quiet", regions=QEMU_256M,
                              modules=((0x800000, 0x20000, b"rootfs.img"),)),
    "version0.pvh": window(version=0, regions=QEMU_256M),
    "no-cmdline.pvh": window(cmdline=None, regions=QEMU_256M),
    "long-cmdline.pvh": window(cmdline=b"boot=text " + b"x" * 600, regions=QEMU_256M),
    "bad-magic.pvh": window(magic=0x12345678, regions=QEMU_256M),
    "cmdline-out-of-window.pvh": window(regions=QEMU_256M, cmd_addr=0x7fff0000),
    "wrapping-region.pvh": window(regions=((0, 0x9fc00, RAM), (0xfffffffffffff000, 0x2000, RAM))),
    "empty-module.pvh": window(regions=QEMU_256M, modules=((0x800000, 0, b"empty"),)),
    "short.pvh": struct.pack("<II", MAGIC, 1),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in sorted(SEEDS.items()):
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    print("wrote %d seeds to %s" % (len(SEEDS), OUT))


if __name__ == "__main__":
    main()
