#!/usr/bin/python3
"""The memory layers under real paging in QEMU (spec/memory.md, QEMU half).

The sim checks the page tables as data; here the same code builds the tables the
CPU really walks. A machine boots to the end only if the kernel root is right:
after vmm_init switches CR3 there is no identity map and no boot-time mapping
left, so every later access (stack, serial, VGA through the direct map, KVA)
goes through what the VMM built. Boots several RAM sizes on both machine types
and reads the PMM and VMM markers; test=panic proves the KVA guard is unmapped.
"""
import os
import re

from aegis_qemu import STATUS_PANIC, STATUS_PASS, boot, kernel_path, qemu_available
from tap import Tap

MACHINES = [(256, "pc"), (256, "q35"), (3584, "pc"), (3584, "q35"), (8192, "pc"), (8192, "q35")]
LOW_HOLE_MIB = 2             # below 1 MiB only 639 KiB are usable, so N is RAM - 1 (MiB, rounded down)
BOOT_DIRECT_MAP_MIB = 4096   # the BIOS ROM region just below 4 GiB is in every map
PMM_LIMIT_MIB = 64 * 1024    # nothing at or above 64 GiB is mapped
KVA_BASE = 0xFFFFC00000000000
PAGE_SIZE = 4096
TIMEOUT = float(os.environ.get("AEGIS_BOOT_TIMEOUT", "40"))
PMM_RE = re.compile(r"^\[PMM\] OK: (\d+)MB usable across (\d+) regions$")
DIRECT_RE = re.compile(r"^\[VMM\] OK: direct map of (\d+)MB at 0xFFFF800000000000$")

t = Tap()
KERNEL = kernel_path()


def names():
    out = []
    for mib, preset in MACHINES:
        out.append("MEM-004 MEM-017 MEM-018 MEM-019 %d MiB %s machine boots on the VMM's tables" % (mib, preset))
    out.append("MEM-020 the KVA guard page faults in QEMU")
    return out


if not qemu_available() or not os.path.isfile(KERNEL):
    why = "qemu-system-x86_64 is not installed" if not qemu_available() else "no kernel at %s (make kernel)" % KERNEL
    for name in names():
        t.skip(name, why)
    t.done()

for (mib, preset), name in zip(MACHINES, names()):
    r = boot(kernel=KERNEL, cmdline="boot=text test=boot", memory=mib, preset=preset, timeout=TIMEOUT)
    pmm = [m for m in (PMM_RE.match(l) for l in r.lines) if m]
    direct = [m for m in (DIRECT_RE.match(l) for l in r.lines) if m]
    usable = int(pmm[0].group(1)) if pmm else -1
    mapped = int(direct[0].group(1)) if direct else -1
    t.ok(r.status == STATUS_PASS
         and mib - LOW_HOLE_MIB <= usable < mib
         and "[VMM] OK: kernel mapped to 0xFFFFFFFF80000000" in r.lines
         and max(BOOT_DIRECT_MAP_MIB, mib) <= mapped < PMM_LIMIT_MIB
         and "[KVA] OK: kernel virtual allocator active" in r.lines,
         name, detail="usable %d MiB, direct map %d MiB\n%s" % (usable, mapped, r.describe()))

r = boot(kernel=KERNEL, cmdline="boot=text test=panic", timeout=TIMEOUT)
cr2 = [re.search(r"CR2=0x([0-9a-fA-F]+)", l) for l in r.lines if l.startswith("[PANIC] RIP=")]
cr2 = int(cr2[0].group(1), 16) if cr2 and cr2[0] else None
t.ok(r.status == STATUS_PANIC and cr2 is not None and KVA_BASE <= cr2 < KVA_BASE + PAGE_SIZE,
     "MEM-020 the KVA guard page faults in QEMU", detail=r.describe())
t.done()
