#!/usr/bin/python3
"""The console terminal (spec/tty.md TTY-100..TTY-105, spec/filesystems.md FS-060): ttycheck as
PID 1 with typed input on both builds (the sim reads tests/tty/data/ttycheck.input; QEMU gets the
same lines typed over the serial line), and busybox's shell driven over serial in QEMU."""
import os
import re
import tempfile
import time

from aegis_qemu import boot, kernel_path, send_keys, spawn
from aegis_sim import BUILD, ROOTFS_IMAGE, run_sim
from tap import Tap

HERE = os.path.dirname(os.path.abspath(__file__))
INPUT = os.path.join(HERE, "data", "ttycheck.input")
SIM_INITRD = os.path.join(BUILD, "initrd-sim.cpio")
QEMU_INITRD = os.path.join(BUILD, "initrd.cpio")
CHECK_LINE = re.compile(r"^(ok|not ok) - ((?:TTY|FS)-\d{3}) (.*)$")
CHECK_IDS = {"TTY-101", "TTY-102", "TTY-103", "TTY-104", "FS-060", "FS-061", "FS-062"}
STATUS_PASS = 33
TIMEOUT = 120

t = Tap()


def report(build, lines):
    found = [m.groups() for m in map(CHECK_LINE.match, lines) if m]
    for verdict, req, text in found:
        t.ok(verdict == "ok", "%s %s: %s" % (req, build, text))
    return {req for _, req, _ in found}


# ---- the sim: --input --------------------------------------------------------------------
modules = ["--module", ROOTFS_IMAGE + ",rootfs", "--module", SIM_INITRD + ",initrd"]
r = run_sim(cmdline="init=/bin/ttycheck test=init", seed=4, args=modules + ["--input", INPUT], timeout=TIMEOUT)
seen = report("sim", r.lines)
t.ok(seen == CHECK_IDS and r.status == STATUS_PASS, "TTY-100 sim: ttycheck read its typed input and passed",
     detail="status %r\n%s" % (r.status, "\n".join(r.lines[-15:])))
t.ok(any(l.startswith("[CONSOLE] OK: console input from --input") for l in r.lines)
     and any(l.startswith("[SCHED] OK: scheduler started, 3 tasks") for l in r.lines),
     "TTY-100 sim: console input starts with --input and its task is counted", detail="\n".join(r.lines[:40]))
again = run_sim(cmdline="init=/bin/ttycheck test=init", seed=4, args=modules + ["--input", INPUT], timeout=TIMEOUT)
t.ok(again.lines == r.lines, "TTY-100 sim: the same input and seed replay byte for byte")
none = run_sim(cmdline="boot=text test=init init=/bin/init", seed=4, args=modules, timeout=TIMEOUT)
t.ok(any(l.startswith("[CONSOLE] SKIP: no --input") for l in none.lines)
     and any(l.startswith("[SCHED] OK: scheduler started, 2 tasks") for l in none.lines),
     "TTY-100 sim: without --input the console has no input and no task", detail="\n".join(none.lines[-20:]))

# ---- QEMU: typing over the serial line ------------------------------------------------------
with open(INPUT, "rb") as f:
    typed = f.read().decode().splitlines(keepends=True)
child = spawn(kernel=kernel_path(), cmdline="init=/bin/ttycheck test=init", module=QEMU_INITRD, timeout=60)
lines = []
try:
    child.expect_exact("[CONSOLE] OK: COM1 receive interrupt on IRQ4, PS/2 keyboard on IRQ1")
    child.expect_exact("ttycheck: pid 1")
    # Each line once ttycheck waits for it: after the line that precedes its read.
    waits = ["ttycheck: pid 1", "TTY-102 TIOCSPGRP", "TTY-101 raw mode", "TTY-103 a typed"]
    for i, line in enumerate(typed):
        if i > 0:
            child.expect_exact(waits[i])
        time.sleep(0.3)
        child.send(line)
    child.expect(r"ttycheck: \d+ passed, 0 failed")
    child.expect_exact("[INIT] PID 1 exited with status 0x0")
    ok_run = True
except Exception as e:  # pexpect timeout or EOF: reported below with what arrived
    ok_run = False
    lines.append("stopped: %s" % type(e).__name__)
    lines += str(child.before or "").splitlines()[-20:]
child.terminate(force=True)
t.ok(ok_run, "TTY-100 qemu: ttycheck passed every check with its input typed over the serial line",
     detail="\n".join(lines))

shell = spawn(kernel=kernel_path(), cmdline="init=/bin/ash", module=QEMU_INITRD, timeout=60)
steps = []
try:
    shell.expect_exact("[SCHED] OK")
    shell.expect(r"[#$] ")
    shell.sendline("echo typed-$((1+2))")
    shell.expect_exact("typed-3")
    steps.append("typed command ran")
    shell.sendline("sleep 30; echo after-sleep")
    time.sleep(1.0)
    shell.send("\x03")
    idx = shell.expect([r"[#$] ", "after-sleep"], timeout=15)
    steps.append("ctrl-c: %s" % ("prompt" if idx == 0 else "sleep ran to its end"))
    shell.sendline("echo $((6*7))")
    shell.expect_exact("42")
    steps.append("shell goes on")
    shell_ok = idx == 0
except Exception as e:
    shell_ok = False
    steps.append("stopped: %s" % type(e).__name__)
shell.terminate(force=True)
t.ok(shell_ok, "TTY-105 qemu: busybox sh over serial runs typed commands and Ctrl-C ends a foreground sleep",
     detail="\n".join(steps))

# ---- QEMU: the PS/2 keyboard -------------------------------------------------------------
with tempfile.TemporaryDirectory() as work:
    mon = os.path.join(work, "monitor.sock")
    kbd = spawn(kernel=kernel_path(), cmdline="init=/bin/ash", module=QEMU_INITRD, timeout=60, monitor=mon)
    steps = []
    try:
        kbd.expect_exact("[CONSOLE] OK: COM1 receive interrupt on IRQ4, PS/2 keyboard on IRQ1")
        kbd.expect(r"[#$] ")
        send_keys(mon, "echo kbd-$((2+3))\n")
        kbd.expect_exact("kbd-5")
        steps.append("typed on the keyboard, seen on serial")
        kbd_ok = True
    except Exception as e:
        kbd_ok = False
        steps.append("stopped: %s" % type(e).__name__)
        steps += str(kbd.before or "").splitlines()[-10:]
    kbd.terminate(force=True)
t.ok(kbd_ok, "TTY-106 qemu: keys pressed on the PS/2 keyboard reach the shell", detail="\n".join(steps))
t.done()
