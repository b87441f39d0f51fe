#!/usr/bin/python3
"""Boot order on the freestanding build in QEMU (spec/boot-order.md, QEMU half).

Most boots use the kernel's PVH note (`-kernel aegis.elf -append ...`, no GRUB, a
fraction of a second each); one boots the real GRUB test ISO. Every boot has a
timeout, and only exit status 33 counts as a pass (0 is what a triple fault gives).
"""
import os
import re

from aegis_qemu import (STATUS_PANIC, STATUS_PASS, boot, find_in_order, kernel_path, markers,
                        qemu_available, test_iso_path)
from tap import Tap

QEMU_ORDER = [
    "[SERIAL] OK: COM1 initialized at 115200 baud",
    "[VGA] OK: text mode 80x25",
    "[CMDLINE] OK: boot=text test=boot",
    "[PMM] OK: ",
    "[VMM] OK: kernel mapped to 0xFFFFFFFF80000000",
    "[VMM] OK: direct map of ",
    "[KVA] OK: kernel virtual allocator active",
    "[CAP] OK: capability subsystem initialized",
    "[IDT] OK: 256 vectors installed",
    "[PIC] OK: IRQ0-15 remapped to vectors 0x20-0x2F",
    "[PIT] OK: timer at 100 Hz",
    "[KBD] OK: PS/2 keyboard ready",
    "[MOUSE] OK: PS/2 mouse ready",
    "[GDT] OK: ring 3 descriptors installed",
    "[TSS] OK: RSP0 initialized",
    "[SMAP] OK: supervisor access prevention active",
    "[SMEP] OK: supervisor mode execution prevention active",
    "[RNG] OK: ChaCha20 CSPRNG seeded (",
    "[IRQ] OK: interrupts enabled, 2 timer ticks in ",
    "[AEGIS] OK: early boot complete",
]
STATUS_WORDS = ("OK", "WARN", "FAIL", "SKIP")
MARKER = re.compile(r"^\[([A-Z0-9_]+)\] ([A-Z]+): ")
KVA_BASE = 0xFFFFC00000000000   # src/arch/x86_64/arch.h: the KVA window starts here
PAGE_SIZE = 4096
GPRS = ("RAX", "RBX", "RCX", "RDX", "RSI", "RDI", "RBP", "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15")
BIG_MEMORY_MIB = 8192
BIG_MEMORY_HOLE_MIB = 1024     # below 4 GiB, QEMU leaves at most this much for PCI and firmware
TICK_WAIT_MAX_MS = 100         # two 10 ms periods, plus late delivery on a loaded host
HALT_LINGER = 1.0              # seconds a halted machine must stay up (a triple fault exits)
TEXT_MODE_PIXELS = (720, 400)  # QEMU's rendering of the 80x25 VGA text mode
BOOT_TIMEOUT = float(os.environ.get("AEGIS_BOOT_TIMEOUT", "30"))

t = Tap()
KERNEL = kernel_path()
ISO = test_iso_path()


def skip_all(reason):
    for name in ("BOOT-002 BOOT-009 BOOT-010 BOOT-011 QEMU markers in order (PVH boot)",
                 "BOOT-001 every QEMU marker has a status word",
                 "BOOT-017 test=boot exits PASS (33) in QEMU",
                 "BOOT-010 the two-tick wait takes 1-%d ms of PIT time in QEMU" % TICK_WAIT_MAX_MS,
                 "BOOT-002 BOOT-017 GRUB test ISO boots to the end and exits 33",
                 "BOOT-015 BOOT-016 test=panic prints the page-fault report in QEMU",
                 "BOOT-016 BOOT-017 test=panic exits PANIC (37) in QEMU",
                 "BOOT-004 a CPU without SMAP/SMEP warns and boots on",
                 "BOOT-005 an empty command line shows (none) in QEMU",
                 "BOOT-007 an over-long command line is cut with a warning in QEMU",
                 "BOOT-002 BOOT-017 the q35 machine boots to the end and exits 33",
                 "BOOT-009 an 8 GiB machine: the PMM counts the RAM above 4 GiB too",
                 "BOOT-008 quiet: nothing after the CMDLINE marker reaches the QEMU screen",
                 "BOOT-002 BOOT-008 without quiet the QEMU screen shows the log, wrapped at 80 columns and scrolled",
                 "BOOT-002 GRUB's graphical entry boots with boot=graphical quiet on a framebuffer, VGA text skipped",
                 "BOOT-021 x86_64 boot stub: a CPU without long mode gets a FAIL line and stays halted (no triple fault)",
                 "BOOT-021 x86_64 boot stub: a CPU without NX gets a FAIL line and stays halted (no fault on the first page-table switch)"):
        t.skip(name, reason)
    t.done()


if not qemu_available():
    skip_all("qemu-system-x86_64 is not installed")
if not os.path.isfile(KERNEL):
    skip_all("no kernel at %s (make kernel)" % KERNEL)

# --- the normal boot, PVH fast path ---------------------------------------------
r = boot(kernel=KERNEL, cmdline="boot=text test=boot", timeout=BOOT_TIMEOUT)
m = r.markers()
missing = find_in_order(m, QEMU_ORDER)
t.ok(missing is None, "BOOT-002 BOOT-009 BOOT-010 BOOT-011 QEMU markers in order (PVH boot)",
     detail=(missing or "") + "\n" + r.describe())
bad = [l for l in m if not MARKER.match(l) or MARKER.match(l).group(2) not in STATUS_WORDS]
t.ok(m and not bad, "BOOT-001 every QEMU marker has a status word", detail="\n".join(bad) or r.describe())
t.ok(r.status == STATUS_PASS, "BOOT-017 test=boot exits PASS (33) in QEMU", detail=r.describe())
# Two ticks of a 100 Hz PIT, timed by the PIT-based clock: about two periods (the first
# tick may already be pending; a busy host delivers late), never zero (the clock must
# move between ticks), and nowhere near a clock off by a factor of ten or more.
irq = [re.match(r"\[IRQ\] OK: interrupts enabled, 2 timer ticks in (\d+) ms$", l) for l in r.lines]
irq_ms = [int(x.group(1)) for x in irq if x]
t.ok(len(irq_ms) == 1 and 1 <= irq_ms[0] <= TICK_WAIT_MAX_MS,
     "BOOT-010 the two-tick wait takes 1-%d ms of PIT time in QEMU" % TICK_WAIT_MAX_MS, detail=r.describe())

# --- the real path: SeaBIOS, GRUB, Multiboot2 ------------------------------------
if os.path.isfile(ISO):
    r = boot(iso=ISO, timeout=BOOT_TIMEOUT)
    missing = find_in_order(r.markers(), QEMU_ORDER)
    t.ok(missing is None and r.status == STATUS_PASS,
         "BOOT-002 BOOT-017 GRUB test ISO boots to the end and exits 33", detail=(missing or "") + "\n" + r.describe())
else:
    t.skip("BOOT-002 BOOT-017 GRUB test ISO boots to the end and exits 33", "no test ISO at %s (make iso-test)" % ISO)

# --- a forced page fault ------------------------------------------------------------
r = boot(kernel=KERNEL, cmdline="boot=text test=panic", timeout=BOOT_TIMEOUT)
head = [l for l in r.lines if l.startswith("[PANIC] CPU exception 14 (page fault)")]
regs = [l for l in r.lines if l.startswith("[PANIC] RIP=0x")]
cr2 = re.search(r"CR2=0x([0-9a-fA-F]+)", regs[0]) if regs else None
cr2_ok = cr2 is not None and KVA_BASE <= int(cr2.group(1), 16) < KVA_BASE + PAGE_SIZE
panic_text = "\n".join(l for l in r.lines if l.startswith("[PANIC] "))
gprs = [g for g in GPRS if re.search(r"\b%s=0x[0-9a-fA-F]{16}\b" % g, panic_text)]
t.ok(head and regs and all(k in regs[0] for k in ("RSP=", "RFLAGS=", "CR2=")) and cr2_ok
     and any(l.startswith("[PANIC] CS=0x") and "SS=0x" in l for l in r.lines) and len(gprs) == len(GPRS)
     and r.lines and r.lines[-1] == "[PANIC] system halted"
     and not any(l.startswith("[AEGIS] OK") for l in r.lines),
     "BOOT-015 BOOT-016 test=panic prints the page-fault report in QEMU", detail=r.describe())
t.ok(r.status == STATUS_PANIC, "BOOT-016 BOOT-017 test=panic exits PANIC (37) in QEMU", detail=r.describe())

# --- a CPU without SMAP and SMEP (and without RDRAND) --------------------------------
r = boot(kernel=KERNEL, cmdline="boot=text test=boot", cpu="qemu64", timeout=BOOT_TIMEOUT)
old_cpu_order = [w for w in QEMU_ORDER if not w.startswith(("[SMAP]", "[SMEP]", "[RNG]"))]
old_cpu_order.insert(old_cpu_order.index("[IRQ] OK: interrupts enabled, 2 timer ticks in "),
                     "[SMAP] WARN: CPU lacks SMAP")
old_cpu_order.insert(old_cpu_order.index("[IRQ] OK: interrupts enabled, 2 timer ticks in "),
                     "[SMEP] WARN: CPU lacks SMEP")
missing = find_in_order(r.markers(), old_cpu_order)
t.ok(missing is None and r.status == STATUS_PASS, "BOOT-004 a CPU without SMAP/SMEP warns and boots on",
     detail=(missing or "") + "\n" + r.describe())

# --- command lines through -append ---------------------------------------------------
r = boot(kernel=KERNEL, cmdline="", timeout=BOOT_TIMEOUT, stop_at="[CMDLINE] OK")
t.ok("[CMDLINE] OK: (none)" in r.lines, "BOOT-005 an empty command line shows (none) in QEMU", detail=r.describe())

long_line = "boot=text test=boot " + "x" * 600
r = boot(kernel=KERNEL, cmdline=long_line, timeout=BOOT_TIMEOUT)
t.ok(any(l.startswith("[CMDLINE] WARN: command line of 620 bytes cut to 511") for l in r.lines)
     and r.status == STATUS_PASS, "BOOT-007 an over-long command line is cut with a warning in QEMU",
     detail=r.describe())

# --- other machines: q35 (ICH9), and 8 GiB with RAM above 4 GiB ---------------------
r = boot(kernel=KERNEL, cmdline="boot=text test=boot", timeout=BOOT_TIMEOUT, preset="q35")
missing = find_in_order(r.markers(), QEMU_ORDER)
t.ok(missing is None and r.status == STATUS_PASS, "BOOT-002 BOOT-017 the q35 machine boots to the end and exits 33",
     detail=(missing or "") + "\n" + r.describe())

r = boot(kernel=KERNEL, cmdline="boot=text test=boot", timeout=BOOT_TIMEOUT, memory=BIG_MEMORY_MIB)
pmm = [re.match(r"\[PMM\] OK: (\d+)MB usable", l) for l in r.lines]
pmm_mb = [int(x.group(1)) for x in pmm if x]
t.ok(pmm_mb and pmm_mb[0] > BIG_MEMORY_MIB - BIG_MEMORY_HOLE_MIB and r.status == STATUS_PASS,
     "BOOT-009 an 8 GiB machine: the PMM counts the RAM above 4 GiB too",
     detail=r.describe())

# --- the VGA text screen, read through the QEMU monitor ------------------------------
def wrap_rows(lines, width=80):
    rows = []
    for line in lines:
        rows += [line[i:i + width] for i in range(0, max(len(line), 1), width)]
    return rows


r = boot(kernel=KERNEL, cmdline="boot=text quiet", timeout=BOOT_TIMEOUT, stop_at="[AEGIS] OK", read_screen=True)
shown = [row for row in (r.screen or []) if row]
t.ok(r.screen is not None and shown == ["[VGA] OK: text mode 80x25", "[CMDLINE] OK: boot=text quiet"]
     and r.display_size == TEXT_MODE_PIXELS,
     "BOOT-008 quiet: nothing after the CMDLINE marker reaches the QEMU screen",
     detail="screen:\n%s\n%s" % ("\n".join(r.screen or ["(not read)"]), r.describe()))

# 31 unknown words: more lines than the screen has rows, and a CMDLINE line of exactly
# two rows (160 characters), which must not leave an empty row behind it.
noisy = "boot=text " + " ".join("w%d" % i for i in range(30))
noisy += " " + "p" * (160 - len("[CMDLINE] OK: ") - len(noisy) - 1)
# The last line a boot without an init program prints: the screen is still when it is read.
r = boot(kernel=KERNEL, cmdline=noisy, timeout=BOOT_TIMEOUT, stop_at="[SCHED] OK", read_screen=True)
vga_from = next((i for i, l in enumerate(r.lines) if l.startswith("[VGA] OK")), None)
expected = wrap_rows(r.lines[vga_from:])[-24:] + [""] if vga_from is not None else None
t.ok(r.screen is not None and r.screen == expected,
     "BOOT-002 BOOT-008 without quiet the QEMU screen shows the log, wrapped at 80 columns and scrolled",
     detail="screen:\n%s\nexpected:\n%s" % ("\n".join(r.screen or ["(not read)"]), "\n".join(expected or [])))

# --- the user's ISO: default entry "Aegis (graphical)" after GRUB's 3 s ------------------
FULL_ISO = os.path.join(os.path.dirname(ISO), "aegis.iso")
if os.path.isfile(FULL_ISO):
    r = boot(iso=FULL_ISO, timeout=BOOT_TIMEOUT, stop_at="[AEGIS] OK", read_screen=True)
    t.ok("[CMDLINE] OK: boot=graphical quiet" in r.lines and r.stopped and r.display_size not in (None, TEXT_MODE_PIXELS)
         and "[VGA] SKIP: display is in graphics mode, no text screen" in r.lines,
         "BOOT-002 GRUB's graphical entry boots with boot=graphical quiet on a framebuffer, VGA text skipped",
         detail="display %r\n%s" % (r.display_size, r.describe()))
else:
    t.skip("BOOT-002 GRUB's graphical entry boots with boot=graphical quiet on a framebuffer, VGA text skipped",
           "no ISO at %s (make iso)" % FULL_ISO)

# --- BOOT-021: the boot stub's own check (the kernel never runs) ---------------
NO_LONG_MODE = "[BOOT] FAIL: this CPU lacks long mode (x86_64); Aegis cannot run here. System halted."
r = boot(kernel=KERNEL, cmdline="test=boot", cpu="qemu64,lm=off", timeout=BOOT_TIMEOUT, stop_at="[BOOT] FAIL",
         linger=HALT_LINGER)
t.ok(r.stopped and r.lines == [NO_LONG_MODE],
     "BOOT-021 x86_64 boot stub: a CPU without long mode gets a FAIL line and stays halted (no triple fault)",
     detail=r.describe())

NO_NX = "[BOOT] FAIL: this CPU lacks the NX bit; Aegis needs it for W^X. System halted."
r = boot(kernel=KERNEL, cmdline="test=boot", cpu="qemu64,-nx", timeout=BOOT_TIMEOUT, stop_at="[BOOT] FAIL",
         linger=HALT_LINGER)
t.ok(r.stopped and r.lines == [NO_NX],
     "BOOT-021 x86_64 boot stub: a CPU without NX gets a FAIL line and stays halted (no fault on the first page-table switch)",
     detail=r.describe())

t.done()
