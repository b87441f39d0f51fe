#!/usr/bin/python3
"""Seed inputs for fuzz/sim-channel: requests as the glue sends them (include/aegis/sim_channel.h),
valid and one step broken. The first byte of an input also picks the kind the receiver expects,
valid seeds are FORK_CHANNEL requests, the kind the magic's first byte (0x53) selects."""
import os
import struct

MAGIC, VERSION, NARGS = 0x41454753, 1, 6
HERE = os.path.dirname(os.path.abspath(__file__))


def request(kind, nr=0, args=(0,) * NARGS, pid=1234, magic=MAGIC, version=VERSION):
    return struct.pack("<IHHq%dqq" % NARGS, magic, version, kind, nr, *args, pid)


seeds = {
    # magic's low byte 0x53 % 4 == 3: the receiver expects FORK_CHANNEL for these.
    "fork-channel": request(3),
    "syscall-as-fork": request(2, nr=39),
    "hello-as-fork": request(1),
    "bad-magic": request(3, magic=0x41454754),
    "bad-version": request(3, version=2),
    "truncated": request(3)[:40],
    "too-long": request(3) + b"\0" * 8,
    "write-call": request(3, nr=1, args=(1, 0x7ffd0000, 2, 0, 0, 0)),
}
os.makedirs(os.path.join(HERE, "corpus"), exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(HERE, "corpus", name), "wb") as f:
        f.write(data)
