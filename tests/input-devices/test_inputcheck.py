#!/usr/bin/python3
"""/dev/kbd and /dev/mouse end to end (spec/input-devices.md): inputcheck as PID 1 on both builds.

On the sim (no PS/2 controller) inputcheck checks the nodes and ENODEV (INPUT-041). In QEMU it
prints a prompt before each step and this driver answers through the human monitor: mouse_move
and mouse_button for the PS/2 mouse, sendkey for the keyboard (INPUT-042). Each "ok - ID text"
line inputcheck prints becomes a TAP result."""
import io
import os
import re
import tempfile

import pexpect

from aegis_qemu import kernel_path, monitor_commands, spawn
from aegis_sim import BUILD, boot_modules, run_sim
from tap import Tap

QEMU_INITRD = os.path.join(BUILD, "initrd.cpio")
SANITIZER = re.compile(r"ERROR: (Address|Leak)Sanitizer|runtime error:")
CHECK_LINE = re.compile(r"^(ok|not ok|skip) - (INPUT-\d{3}) (.*)$")
CMDLINE = "init=/bin/inputcheck test=init"
SIM_IDS = {"INPUT-001", "INPUT-041"}
QEMU_IDS = {"INPUT-001", "INPUT-002", "INPUT-003", "INPUT-013", "INPUT-014", "INPUT-040", "INPUT-042"}
STATUS_PASS = 33
TIMEOUT = 120
STEP_TIMEOUT = 30
PAUSE = 0.2  # seconds between monitor commands: a key's press and release are 100 ms apart

# What the driver does after each prompt of inputcheck.
STEPS = [
    ("inputcheck: move the mouse", ["mouse_move 10 20", "mouse_button 1", "mouse_button 0"]),
    ("inputcheck: type a, B and Enter", ["sendkey a", "sendkey shift-b", "sendkey ret"]),
    ("inputcheck: type c and Enter under the grab", ["sendkey c", "sendkey ret"]),
]

t = Tap()


def report(build, lines, status, want):
    found = [m.groups() for m in map(CHECK_LINE.match, lines) if m]
    for verdict, req, text in found:
        t.ok(verdict == "ok", "%s %s: %s" % (req, build, text), detail=text)
    seen = {req for _, req, _ in found}
    t.ok(seen == want and status == STATUS_PASS, "INPUT-042 %s: inputcheck reported every check and passed" % build,
         detail="missing %s status %r\n%s" % (sorted(want - seen), status, "\n".join(lines[-20:])))


# ---- the sim: no PS/2 controller ------------------------------------------------------------
r = run_sim(cmdline=CMDLINE, seed=6, args=boot_modules(), timeout=TIMEOUT)
skips = [line for line in r.lines if line.startswith(("[KBD]", "[MOUSE]"))]
t.ok(skips == ["[KBD] SKIP: no PS/2 controller in the simulator", "[MOUSE] SKIP: no PS/2 controller in the simulator"],
     "INPUT-041 sim: the KBD and MOUSE steps report SKIP", detail="\n".join(skips))
report("sim", r.lines, r.status, SIM_IDS)
sanitizer_lines = [line for line in (r.stderr + r.stdout).splitlines() if SANITIZER.search(line)]
t.ok(not sanitizer_lines, "INPUT-041 sim: no sanitizer report from the kernel or inputcheck",
     detail="\n".join(sanitizer_lines[:20]))

# ---- QEMU: the PS/2 devices driven through the monitor --------------------------------------
kernel = kernel_path()
if not os.path.exists(kernel) or not os.path.exists(QEMU_INITRD):
    t.ok(False, "INPUT-042 qemu: the kernel and initrd are built", detail="%s %s" % (kernel, QEMU_INITRD))
else:
    with tempfile.TemporaryDirectory() as work:
        mon = os.path.join(work, "monitor.sock")
        child = spawn(kernel=kernel, cmdline=CMDLINE, module=QEMU_INITRD, timeout=STEP_TIMEOUT, monitor=mon)
        transcript = io.StringIO()
        child.logfile_read = transcript
        steps = []
        try:
            child.expect_exact("[KBD] OK: PS/2 keyboard ready")
            child.expect_exact("[MOUSE] OK: PS/2 mouse ready")
            steps.append("markers")
            for prompt, commands in STEPS:
                child.expect_exact(prompt)
                monitor_commands(mon, commands, pause=PAUSE)
                steps.append(prompt)
            child.expect(pexpect.EOF)
        except (pexpect.TIMEOUT, pexpect.EOF, OSError) as e:  # the checks printed so far still count
            steps.append("stopped: %s" % type(e).__name__)
        child.close(force=True)
        lines = [line.rstrip("\r") for line in transcript.getvalue().split("\n")]
        t.ok(steps[-1] == STEPS[-1][0], "INPUT-042 qemu: every prompt came and was answered",
             detail="; ".join(steps))
        report("qemu", lines, child.exitstatus, QEMU_IDS)
t.done()
