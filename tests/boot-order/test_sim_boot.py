#!/usr/bin/python3
"""Boot order on the simulator build (spec/boot-order.md)."""
import os
import struct
import tempfile

import pexpect

from aegis_sim import INITRD_IMAGE, boot_modules, find_in_order, markers, run_sim, spawn_sim
from initrd_image import registered_line
from tap import Tap

SIM_ORDER = [
    "[SERIAL] OK: host stdout console",
    "[VGA] SKIP: no text screen in the simulator",
    "[CMDLINE] OK: boot=text test=boot",
    "[PMM] OK: ",
    "[VMM] OK: kernel mapped to 0x",
    "[VMM] OK: direct map of ",
    "[KVA] OK: kernel virtual allocator active",
    "[CAP] OK: capability subsystem initialized",
    "[IDT] OK: CPU faults arrive as host signals",
    "[PIC] SKIP: ",
    "[PIT] OK: virtual timer at 100 Hz",
    "[KBD] SKIP: no PS/2 controller in the simulator",
    "[MOUSE] SKIP: no PS/2 controller in the simulator",
    "[GDT] SKIP: ",
    "[TSS] SKIP: ",
    "[SMAP] SKIP: ",
    "[SMEP] SKIP: ",
    "[RNG] OK: ChaCha20 CSPRNG seeded (sim seed 7)",
    "[RAMDISK] OK: ramdisk0, 4096 KiB from boot module 0",
    "[EXT2] OK: mounted ramdisk0, 4096 blocks, 1024 inodes",
    registered_line(INITRD_IMAGE) if os.path.exists(INITRD_IMAGE) else "[INITRD] OK: (initrd not built)",
    "[VFS] OK: root is the initrd over ext2, 5 file systems mounted",
    "[CAP_POLICY] OK: 15 policies loaded",
    "[POLL] OK: vfs poll pipe",
    "[IRQ] OK: interrupts enabled, 2 timer ticks in 20 ms",
    "[AEGIS] OK: early boot complete",
]

t = Tap()
ROOTFS = os.path.join(os.environ.get("AEGIS_BUILD", "build"), "rootfs.img")
WITH_ROOT = boot_modules()  # rootfs.img and initrd.cpio, named as GRUB names them

r = run_sim("boot=text test=boot", seed=7, args=WITH_ROOT)
m = markers(r.lines)
t.ok(find_in_order(m, SIM_ORDER) is None, "BOOT-003 BOOT-009 BOOT-010 BOOT-011 FS-064 FS-100 sim markers in order",
     detail=(find_in_order(m, SIM_ORDER) or "") + "\n" + r.stdout)
t.ok(all(l.split("]")[1].split(":")[0].strip() in ("OK", "WARN", "FAIL", "SKIP") for l in m if l.startswith("[") and "]" in l),
     "BOOT-001 every marker has a status word", detail=r.stdout)
t.ok(r.status == 33, "BOOT-017 test=boot exits PASS (33) in the sim", detail="status %r" % r.status)

r2 = run_sim("boot=text test=boot", seed=7, args=WITH_ROOT)
t.ok(r2.stdout == r.stdout and r2.status == r.status, "BOOT-020 same seed, byte-identical output")

r = run_sim("", seed=1)
t.ok("[CMDLINE] OK: (none)" in r.lines, "BOOT-005 empty command line shows (none)", detail=r.stdout)
t.ok(r.status == 0 and r.lines and r.lines[-1].startswith("[SIM] OK: nothing left to run at 20 ms virtual time"),
     "BOOT-018 idle sim ends with the SIM line and status 0", detail="status %r\n%s" % (r.status, r.stdout))

r = run_sim("boot=text bogus quietly test=boot", seed=1)
idx_warn = [i for i, l in enumerate(r.lines) if l.startswith("[CMDLINE] WARN: unknown option 'bogus' ignored")]
idx_ok = [i for i, l in enumerate(r.lines) if l.startswith("[CMDLINE] OK: boot=text bogus quietly test=boot")]
t.ok(idx_warn and idx_ok and idx_warn[0] < idx_ok[0] and "[CMDLINE] WARN: unknown option 'quietly' ignored" in r.lines
     and r.status == 33, "BOOT-005 BOOT-006 unknown words warn before the OK line and boot continues", detail=r.stdout)

long_line = "boot=text test=boot " + "x" * 600
r = run_sim(long_line, seed=1)
t.ok(any(l.startswith("[CMDLINE] WARN: command line of 620 bytes cut to 511") for l in r.lines),
     "BOOT-007 an over-long command line is cut with a warning", detail=r.stdout[:2000])

r = run_sim("boot=text test=panic", seed=3)
guard = None
for l in r.lines:
    if l.startswith("[PANIC] CPU exception 14 (page fault)"):
        guard = True
cr2 = [l for l in r.lines if l.startswith("[PANIC] RIP=0x")]
t.ok(guard is not None and cr2 and "CR2=0x" in cr2[0] and any(l.startswith("[PANIC] RAX=0x") for l in r.lines)
     and any(l.startswith("[PANIC] CS=0x") for l in r.lines)
     and r.lines[-1] == "[PANIC] system halted", "BOOT-015 BOOT-016 forced fault prints the panic report", detail=r.stdout)
t.ok(r.status == 37, "BOOT-016 BOOT-017 forced fault exits PANIC (37)", detail="status %r" % r.status)
t.ok(not any(l.startswith("[AEGIS] OK") for l in r.lines), "BOOT-016 boot does not complete after the fault")

r = run_sim(None, seed=1, args=["--no-mb2"])
t.ok(any(l.startswith("[BOOT] FAIL: not started by a Multiboot2 loader (magic 0x00000000)") for l in r.lines)
     and "[PANIC] no boot information: the memory map is unknown" in r.lines and r.status == 1,
     "BOOT-012 no Multiboot2 information: FAIL marker, panic, halt", detail="status %r\n%s" % (r.status, r.stdout))

with tempfile.TemporaryDirectory() as d:
    bad = os.path.join(d, "bad.mb2")
    with open(bad, "wb") as f:
        # total_size claims 4 bytes: smaller than the fixed 8-byte header.
        f.write(struct.pack("<II", 4, 0))
    r = run_sim(None, seed=1, args=["--mb2-file", bad])
    t.ok(any(l.startswith("[BOOT] FAIL: malformed Multiboot2 information: ") for l in r.lines)
         and "[PANIC] no usable boot information" in r.lines and r.status == 1
         and not any(l.startswith("[PMM]") for l in r.lines),
         "BOOT-013 malformed information: FAIL marker with reason, panic, nothing used",
         detail="status %r\n%s" % (r.status, r.stdout))

    nomem = os.path.join(d, "nomem.mb2")
    with open(nomem, "wb") as f:
        # A well-formed structure with only an end tag: no memory map.
        f.write(struct.pack("<IIII", 16, 0, 0, 8))
    r = run_sim(None, seed=1, args=["--mb2-file", nomem])
    t.ok("[PANIC] no usable physical memory" in r.lines and r.status == 1,
         "BOOT-014 no usable memory panics", detail="status %r\n%s" % (r.status, r.stdout))

r = run_sim(None, args=["--seed", "notanumber"])
t.ok(r.status == 2 and "--seed wants a number" in r.stderr, "BOOT-019 bad option value: message and status 2",
     detail="status %r stderr %r" % (r.status, r.stderr))
r = run_sim(None, args=["--frobnicate"])
t.ok(r.status == 2 and "usage: aegis-sim" in r.stderr, "BOOT-019 unknown option: usage and status 2")
r = run_sim("boot=text test=boot", seed=9, args=["--mem", "128"])
t.ok(r.status == 33 and any(l.startswith("[VMM] OK: direct map of 128MB") for l in r.lines),
     "BOOT-019 --mem sets the simulated memory size", detail=r.stdout)

r = run_sim("boot=text test=boot", seed=1)
t.ok("[RAMDISK] WARN: no boot module, running without a root file system" in r.lines
     and not any(l.startswith("[EXT2]") for l in r.lines) and r.status == 33,
     "BOOT-023 no boot module: a warning, no EXT2 line, the boot completes", detail=r.stdout)

with tempfile.TemporaryDirectory() as d:
    junk = os.path.join(d, "junk.img")
    with open(junk, "wb") as f:
        f.write(bytes(range(256)) * 4096)
    r = run_sim("boot=text test=boot", seed=1, args=["--module", junk])
    t.ok(any(l.startswith("[RAMDISK] OK: ramdisk0, 1024 KiB") for l in r.lines)
         and any(l.startswith("[EXT2] FAIL: ramdisk0: ") and len(l) > len("[EXT2] FAIL: ramdisk0: ") for l in r.lines)
         and r.status == 33, "BOOT-024 a module that is not ext2: FAIL with a reason, the boot completes",
         detail="status %r\n%s" % (r.status, r.stdout))

# The same order seen live, line by line, through the interactive driver.
child = spawn_sim("boot=text", seed=5, args=WITH_ROOT)
seen = []
live_order = [{"[CMDLINE] OK: boot=text test=boot": "[CMDLINE] OK: boot=text",
               "[RNG] OK: ChaCha20 CSPRNG seeded (sim seed 7)": "[RNG] OK: ChaCha20 CSPRNG seeded (sim seed 5)"}.get(m, m)
              for m in SIM_ORDER]
try:
    for want in live_order:
        child.expect_exact(want)
        seen.append(want)
    child.expect(pexpect.EOF)
    child.close()
    live_ok = child.exitstatus == 0
except pexpect.ExceptionPexpect as e:
    live_ok = False
    seen.append("stopped: %s" % type(e).__name__)
t.ok(live_ok and len(seen) == len(live_order), "BOOT-003 BOOT-018 markers arrive live in order, then the idle exit",
     detail="\n".join(seen))

t.done()
