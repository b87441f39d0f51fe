#!/usr/bin/python3
"""Seed inputs for fuzz/signal-frame: a 440-byte rt_sigframe image as signal_frame_build
lays it out (spec/signals.md SIG-060), followed by a 512-byte FXSAVE image; one good
frame and the hostile variants the tests name (SIG-073..075)."""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
USER_LIMIT = 0x0000800000000000
RSP = 0x7FFFFFFDE9A8
FX_ADDR = 0x7FFFFFFDE700


def frame(rip=0x4011AA, rsp=RSP, eflags=0x246, cs=0x33, ss=0x2B, fpstate=FX_ADDR, mask=1 << 13,
          stack=(0, 2, 0)):
    # r8..r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip
    regs = [8, 9, 10, 11, 12, 13, 14, 15, 0x1D1, 0x151, 0x7FFFFFFDEB00, 0xB0, 0xD0, 0, 0xC0, rsp, rip]
    sc = struct.pack("<17QQ4H4QQ8Q", *regs, eflags, cs, 0, 0, ss, 0, 0, mask, 0, fpstate, *([0] * 8))
    assert len(sc) == 256
    uc = struct.pack("<QQQiIQ", 6, 0, stack[0], stack[1], 0, stack[2]) + sc + struct.pack("<Q", mask)
    assert len(uc) == 304
    info = struct.pack("<iiiiiI", 10, 0, 0, 0, 42, 1000) + b"\0" * 104
    out = struct.pack("<Q", 0x401FF0) + uc + info
    assert len(out) == 440
    return out


def fxsave(mxcsr=0x1F80):
    img = bytearray(512)
    struct.pack_into("<H", img, 0, 0x37F)
    struct.pack_into("<I", img, 24, mxcsr)
    struct.pack_into("<I", img, 28, 0xFFFF)
    return bytes(img)


seeds = {
    "good": frame() + fxsave(),
    "no-fpstate": frame(fpstate=0),
    "iopl-nt-vm": frame(eflags=0x3246 | 0x4000 | 0x20000 | 0x10000) + fxsave(),
    "cs-kernel": frame(cs=0x08, ss=0x10) + fxsave(),
    "rip-noncanonical": frame(rip=USER_LIMIT) + fxsave(),
    "rip-kernel": frame(rip=0xFFFFFFFF80100000) + fxsave(),
    "rsp-kernel": frame(rsp=0xFFFF800000001000) + fxsave(),
    "mxcsr-reserved": frame() + fxsave(mxcsr=0xFFFFFFFF),
    "fpstate-misaligned": frame(fpstate=FX_ADDR + 8) + fxsave(),
    "mask-full": frame(mask=(1 << 64) - 1) + fxsave(),
    "low-stack": frame(rsp=0x200) + fxsave(),
    "truncated": frame()[:100],
    "altstack-autodisarm": frame(stack=(0x7F0000200000, -0x80000000, 0x8000)) + fxsave(),
    "altstack-kernel": frame(stack=(0xFFFF800000000000, 0, 0x8000)) + fxsave(),
}
os.makedirs(os.path.join(HERE, "corpus"), exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(HERE, "corpus", name), "wb") as f:
        f.write(data)
