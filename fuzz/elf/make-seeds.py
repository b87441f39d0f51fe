#!/usr/bin/python3
"""Writes the small synthetic seeds of the ELF fuzz corpus (fuzz/elf/corpus/syn-*).

Each seed is a valid image (spec/elf-loader.md) of a few hundred bytes, so
AFL++ mutates headers rather than padding: segment file offsets sit inside a
small file and stay page-congruent with their addresses.  The real program
seed (real-mini-musl) comes from tests/elf-loader/make-corpus.sh.
"""
import os
import struct

PT_LOAD, PT_PHDR, PT_TLS, PT_GNU_STACK = 1, 6, 7, 0x6474E551
PF_X, PF_W, PF_R = 1, 2, 4
ET_EXEC, ET_DYN = 2, 3
EHDR, PHDR = 64, 56


def image(etype, entry, phdrs, size, osabi=0):
    buf = bytearray(size)
    ident = b"\x7fELF" + bytes([2, 1, 1, osabi]) + bytes(8)
    buf[0:64] = ident + struct.pack("<HHIQQQIHHHHHH", etype, 62, 1, entry, EHDR, 0, 0,
                                    EHDR, PHDR, len(phdrs), 64, 0, 0)
    for i, (ptype, flags, off, vaddr, filesz, memsz, align) in enumerate(phdrs):
        at = EHDR + i * PHDR
        buf[at:at + PHDR] = struct.pack("<IIQQQQQQ", ptype, flags, off, vaddr, vaddr,
                                        filesz, memsz, align)
    return bytes(buf)


def seeds():
    base = 0x400000
    # Three LOADs like musl's (R headers, R+X text, R+W data with bss) and a stack header.
    yield "syn-exec-3load", image(ET_EXEC, base + 0x1200, [
        (PT_LOAD, PF_R, 0, base, 0x120, 0x120, 0x1000),
        (PT_LOAD, PF_R | PF_X, 0x200, base + 0x1200, 0x40, 0x40, 0x1000),
        (PT_LOAD, PF_R | PF_W, 0x240, base + 0x2240, 0x10, 0x100, 0x1000),
        (PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 16),
    ], 0x250)
    # A static PIE linked at 0 with PT_PHDR and PT_TLS, GNU OS ABI.
    n = 5
    yield "syn-pie-tls", image(ET_DYN, 0x200, [
        (PT_PHDR, PF_R, EHDR, EHDR, n * PHDR, n * PHDR, 8),
        (PT_LOAD, PF_R | PF_X, 0, 0, 0x240, 0x240, 0x1000),
        (PT_LOAD, PF_R | PF_W, 0x240, 0x1240, 0x20, 0x80, 0x1000),
        (PT_TLS, PF_R, 0x240, 0x1240, 0x8, 0x18, 8),
        (PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 16),
    ], 0x260, osabi=3)
    # One R+X LOAD holding everything, as with -z noseparate-code.
    yield "syn-single-load", image(ET_EXEC, base + 0xb0, [
        (PT_LOAD, PF_R | PF_X, 0, base, 0xc0, 0xc0, 0x1000),
    ], 0xc0)


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")
    os.makedirs(out, exist_ok=True)
    for name, data in seeds():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
