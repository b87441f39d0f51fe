#!/usr/bin/python3
"""QEMU driver for Aegis system tests (PYTHONPATH includes qemu/), and `make run`.

    from aegis_qemu import boot, kernel_path, test_iso_path, decode_status
    r = boot(kernel=kernel_path(), cmdline="boot=text test=boot")   # PVH fast path
    r = boot(iso=test_iso_path())                                    # the real GRUB path
    r.status, r.outcome, r.lines, r.markers(), r.time_of("[AEGIS] OK")

Two ways in: `-kernel aegis.elf -append CMDLINE` uses the kernel's PVH note (no
firmware menu, no GRUB, ~0.2 s); `-cdrom aegis*.iso` boots through SeaBIOS and
GRUB exactly as a user would (the command line then comes from the ISO's grub.cfg).

Boot modules: the ISO's grub.cfg loads the root image and the initrd (named
"rootfs" and "initrd"). QEMU's PVH loader carries exactly one module, the file
given to `-initrd` (module= below), with an empty string; the kernel tells an
ext2 image from a cpio initrd by its first bytes (spec/initrd.md INITRD-030), so
a PVH boot has either the root image or the initrd, never both.

Exit statuses follow include/aegis/test_exit.h: 33 pass, 35 fail, 37 panic. Status
0 is never a pass: QEMU also exits 0 on a triple fault with -no-reboot. A run that
outlives its timeout is killed and reported with status None, so a hung kernel
fails its test instead of hanging the suite. debug_log=PATH adds `-d int,cpu_reset
-D PATH` to see which exception led to a triple fault.

disks=[PATH, ...] attaches each file as a raw IDE drive, in order (index 0 first); the kernel
has no disk driver yet, so it reports none (spec/platform-contract.md PLAT-010).
"""
import argparse
import os
import selectors
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools", "pylib"))
from boot_oracle import find_in_order, markers  # noqa: E402  (re-exported for tests)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.environ.get("AEGIS_BUILD", os.path.join(ROOT, "build"))
QEMU = "qemu-system-x86_64"

# include/aegis/test_exit.h: the status QEMU exits with is (code << 1) | 1.
STATUS_PASS = 33
STATUS_FAIL = 35
STATUS_PANIC = 37
OUTCOMES = {STATUS_PASS: "pass", STATUS_FAIL: "fail", STATUS_PANIC: "panic",
            0: "no test exit (triple fault, reset or power-off)", None: "timeout (killed)"}

DEFAULT_CPU = "max"          # TCG's max model has SMAP, SMEP and RDRAND
DEFAULT_MEMORY_MIB = 256
DEFAULT_TIMEOUT = 30.0
READ_CHUNK = 4096

# The VGA text screen as the kernel writes it: 80x25 cells of (character, attribute).
VGA_TEXT_PHYS = 0xB8000
VGA_COLS, VGA_ROWS = 80, 25
MONITOR_PROMPT = b"(qemu) "
MONITOR_TIMEOUT = 5.0
SCREEN_SETTLE = 0.3  # seconds between the serial line and reading the screen

# Machine presets. "pc" is the original's aegis_pc (i440FX, PIIX, ISA); "q35" is the
# ICH9 machine its later presets build on (NVMe, xHCI, virtio-net come with later
# issues). Both carry the isa-debug-exit device for test exits.
TEST_EXIT_DEVICE = ["-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
PRESETS = {
    "pc": ["-machine", "pc", "-nodefaults", "-vga", "std", "-no-reboot"] + TEST_EXIT_DEVICE,
    "q35": ["-machine", "q35", "-nodefaults", "-vga", "std", "-no-reboot"] + TEST_EXIT_DEVICE,
    # A plain machine: no test-exit device and resets reboot, for ACPI power-off and restart
    # (spec/vigil.md VIG-133, VIG-134).
    "pc-acpi": ["-machine", "pc", "-nodefaults", "-vga", "std"],
}
DEFAULT_PRESET = "pc"


def kernel_path(build=None):
    return os.path.join(build or BUILD, "kernel", "aegis.elf")


def iso_path(build=None):
    return os.path.join(build or BUILD, "aegis.iso")


def test_iso_path(build=None):
    return os.path.join(build or BUILD, "aegis-test.iso")


def qemu_available():
    return shutil.which(QEMU) is not None


def decode_status(status):
    """A short word for an exit status: pass, fail, panic, or why there was none."""
    return OUTCOMES.get(status, "unexpected exit status %r" % (status,))


def qemu_argv(kernel=None, iso=None, cmdline=None, cpu=DEFAULT_CPU, memory=DEFAULT_MEMORY_MIB,
              display="none", serial="stdio", debug_log=None, extra=(), preset=DEFAULT_PRESET, module=None,
              disks=()):
    """The full QEMU command line for one boot of a machine preset (module: PVH's one -initrd file;
    disks: files attached as raw IDE drives, in order)."""
    if (kernel is None) == (iso is None):
        raise ValueError("give exactly one of kernel= or iso=")
    if preset not in PRESETS:
        raise ValueError("unknown preset %r (have: %s)" % (preset, ", ".join(sorted(PRESETS))))
    argv = [QEMU] + PRESETS[preset] + ["-cpu", cpu, "-m", str(memory), "-display", display, "-serial", serial]
    if kernel is not None:
        argv += ["-kernel", kernel]
        if cmdline is not None:
            argv += ["-append", cmdline]
        if module is not None:
            argv += ["-initrd", module]
    else:
        if module is not None:
            raise ValueError("an ISO boot takes its modules from grub.cfg")
        if cmdline is not None:
            raise ValueError("an ISO boot takes its command line from grub.cfg")
        argv += ["-cdrom", iso, "-boot", "d"]
    for index, path in enumerate(disks):
        argv += ["-drive", "file=%s,format=raw,if=ide,index=%d" % (path, index)]
    if debug_log:
        argv += ["-d", "int,cpu_reset", "-D", debug_log]
    return argv + list(extra)


class QemuRun:
    """One finished boot: exit status, serial lines with arrival times, stderr."""

    def __init__(self, argv, status, lines, times, stderr, elapsed):
        self.argv = argv
        self.status = status
        self.lines = lines
        self.times = times          # seconds after QEMU started, one per line
        self.stderr = stderr
        self.elapsed = elapsed
        self.outcome = decode_status(status)
        self.stopped = False
        self.screen = None
        self.display_size = None
        self.stdout = "\n".join(lines)

    def markers(self):
        return markers(self.lines)

    def time_of(self, prefix):
        """Seconds from QEMU start until the first line starting with prefix, or None."""
        for line, t in zip(self.lines, self.times):
            if line.startswith(prefix):
                return t
        return None

    def describe(self):
        return "status %r (%s) after %.2f s\n%s\n%s" % (self.status, self.outcome, self.elapsed,
                                                       self.stdout, self.stderr.strip())


def _monitor_until_prompt(sock):
    """Read monitor output up to and including the next prompt."""
    out = b""
    while not out.endswith(MONITOR_PROMPT):
        data = sock.recv(READ_CHUNK)
        if not data:
            raise OSError("QEMU monitor closed the connection")
        out += data
    return out.decode("utf-8", "replace")


def _read_vga_text(monitor_path, workdir):
    """The 25 rows of the VGA text screen, read through the monitor (pmemsave).

    The kernel writes a line to serial before the screen, so the caller waits
    SCREEN_SETTLE seconds after the serial line it stopped at: reading at once
    can catch the screen in the middle of a scroll."""
    dump = os.path.join(workdir, "vga.bin")
    size = VGA_COLS * VGA_ROWS * 2
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(MONITOR_TIMEOUT)
        sock.connect(monitor_path)
        _monitor_until_prompt(sock)  # the greeting
        # Quoted: HMP would read an unquoted path as an expression with '/' in it.
        sock.sendall(b'pmemsave 0x%x %d "%s"\n' % (VGA_TEXT_PHYS, size, dump.encode()))
        _monitor_until_prompt(sock)
    with open(dump, "rb") as f:
        cells = f.read()
    if len(cells) != size:
        raise OSError("pmemsave wrote %d bytes, expected %d" % (len(cells), size))
    chars = bytes(cells[i] for i in range(0, size, 2)).decode("cp437")
    return [chars[r * VGA_COLS:(r + 1) * VGA_COLS].rstrip() for r in range(VGA_ROWS)]


def _display_size(monitor_path, workdir):
    """(width, height) of the display as QEMU shows it, from an HMP screendump (PPM)."""
    dump = os.path.join(workdir, "screen.ppm")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(MONITOR_TIMEOUT)
        sock.connect(monitor_path)
        _monitor_until_prompt(sock)
        sock.sendall(b'screendump "%s"\n' % dump.encode())
        _monitor_until_prompt(sock)
    with open(dump, "rb") as f:
        fields = f.read(64).split()
    if len(fields) < 3 or fields[0] != b"P6":
        raise OSError("screendump is not a PPM image")
    return int(fields[1]), int(fields[2])


def boot(kernel=None, iso=None, cmdline=None, timeout=DEFAULT_TIMEOUT, cpu=DEFAULT_CPU,
         memory=DEFAULT_MEMORY_MIB, debug_log=None, extra=(), stop_at=None, read_screen=False,
         preset=DEFAULT_PRESET, linger=0.0, module=None, disks=(), stop_count=1):
    """Boot once with serial on a pipe; always returns, killing QEMU at the timeout.

    module=PATH (PVH only) hands QEMU one boot module with -initrd; disks=[PATH, ...]
    attaches raw IDE drives (see qemu_argv).

    stop_at=PREFIX ends a boot that has no test exit (a normal boot idles forever):
    QEMU is killed as soon as the stop_count-th line starting with PREFIX arrives, and the run is
    reported with status None and stopped=True rather than as a timeout.
    linger=SECONDS keeps the machine running that long after the stop_at line, still
    collecting output; if QEMU exits meanwhile (a triple fault, a test exit), the run
    reports that exit instead of stopped=True.
    read_screen=True (with stop_at) reads the VGA text screen through the QEMU
    monitor at that moment into run.screen (25 strings, trailing blanks removed)
    and the display's size in pixels into run.display_size (720x400 in text mode)."""
    workdir = tempfile.mkdtemp(prefix="aegis-qemu-")
    monitor_path = os.path.join(workdir, "monitor.sock")
    if read_screen:
        extra = list(extra) + ["-monitor", "unix:%s,server=on,wait=off" % monitor_path]
    argv = qemu_argv(kernel=kernel, iso=iso, cmdline=cmdline, cpu=cpu, memory=memory,
                     debug_log=debug_log, extra=extra, preset=preset, module=module, disks=disks)
    screen = display_size = None
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines, times, partial, err = [], [], b"", b""
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ, "out")
    sel.register(proc.stderr, selectors.EVENT_READ, "err")
    open_streams = 2
    timed_out = stopped = False
    stop_deadline = None
    try:
        while open_streams and not stopped:
            now = time.monotonic()
            if stop_deadline is not None and now >= stop_deadline:
                stopped = True
                break
            left = start + timeout - now
            if left <= 0:
                timed_out = True
                break
            if stop_deadline is not None:
                left = min(left, stop_deadline - now)
            for key, _ in sel.select(left):
                data = os.read(key.fileobj.fileno(), READ_CHUNK)
                if not data:
                    sel.unregister(key.fileobj)
                    open_streams -= 1
                    continue
                if key.data == "err":
                    err += data
                    continue
                now = time.monotonic() - start
                partial += data
                while b"\n" in partial:
                    raw, partial = partial.split(b"\n", 1)
                    lines.append(raw.decode("utf-8", "replace").rstrip("\r"))
                    times.append(now)
                    if stop_at is not None and stop_deadline is None and lines[-1].startswith(stop_at):
                        stop_count -= 1
                    if stop_at is not None and stop_deadline is None and stop_count <= 0:
                        stop_deadline = time.monotonic() + linger
        if stopped and read_screen:
            time.sleep(SCREEN_SETTLE)
            try:
                screen = _read_vga_text(monitor_path, workdir)
                display_size = _display_size(monitor_path, workdir)
            except OSError as e:
                err += ("aegis_qemu: could not read the screen: %s\n" % e).encode()
    finally:
        if timed_out or stopped or proc.poll() is None:
            proc.kill()
        status = proc.wait()
        sel.close()
        proc.stdout.close()
        proc.stderr.close()
        shutil.rmtree(workdir, ignore_errors=True)
    if partial:
        lines.append(partial.decode("utf-8", "replace").rstrip("\r"))
        times.append(time.monotonic() - start)
    run = QemuRun(argv, None if timed_out or stopped else status, lines, times, err.decode("utf-8", "replace"),
                  time.monotonic() - start)
    if stopped:
        run.outcome = "stopped at %r" % stop_at
    run.stopped = stopped
    run.screen = screen
    run.display_size = display_size
    return run


def spawn(kernel=None, iso=None, cmdline=None, timeout=DEFAULT_TIMEOUT, cpu=DEFAULT_CPU,
          memory=DEFAULT_MEMORY_MIB, extra=(), preset=DEFAULT_PRESET, module=None, monitor=None):
    """Start QEMU under pexpect for interactive tests (serial console on the child's tty;
    module=PATH as for boot(); monitor=PATH opens the human monitor on that unix socket, for
    send_keys)."""
    if monitor is not None:
        extra = ["-monitor", "unix:%s,server,nowait" % monitor] + list(extra)
    import pexpect  # Debian's python3-pexpect; imported here so batch runs need no pexpect

    # The serial line on a stdio chardev with signal=off, so a typed Ctrl-C reaches the guest.
    argv = qemu_argv(kernel=kernel, iso=iso, cmdline=cmdline, cpu=cpu, memory=memory,
                     serial="chardev:console", extra=["-chardev", "stdio,id=console,signal=off"] + list(extra),
                     preset=preset, module=module)
    return pexpect.spawn(argv[0], argv[1:], encoding="utf-8", timeout=timeout)


# qcodes of the characters send_keys types (letters and digits are their own names).
_KEY_NAMES = {" ": "spc", "-": "minus", "=": "equal", ".": "dot", "/": "slash", "\n": "ret"}
_SHIFTED_KEYS = {"$": "4", "(": "9", ")": "0", "+": "equal", "_": "minus", "*": "8", "!": "1"}


def monitor_commands(monitor_path, commands, pause=0.0):
    """Run human-monitor commands in order ("sendkey a", "mouse_move 10 20", "mouse_button 1"),
    each after the previous one's prompt, with pause seconds between them. Without a USB
    keyboard or mouse, sendkey and the mouse commands reach the PS/2 devices on the i8042."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(10)
        sock.connect(monitor_path)
        _monitor_until_prompt(sock)
        for command in commands:
            sock.sendall((command + "\n").encode())
            _monitor_until_prompt(sock)
            if pause:
                time.sleep(pause)


def send_keys(monitor_path, text):
    """Type text on the PS/2 keyboard through the monitor's sendkey (see _KEY_NAMES)."""
    keys = []
    for ch in text:
        if ch in _SHIFTED_KEYS:
            keys.append("shift-" + _SHIFTED_KEYS[ch])
        elif ch.isupper():
            keys.append("shift-" + ch.lower())
        else:
            keys.append(_KEY_NAMES.get(ch, ch))
    monitor_commands(monitor_path, ["sendkey %s" % key for key in keys])


def main():
    ap = argparse.ArgumentParser(description="Boot Aegis in QEMU (pc preset).")
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--iso", help="boot this GRUB ISO")
    src.add_argument("--kernel", help="boot this kernel ELF through its PVH note")
    ap.add_argument("--cmdline", help="kernel command line (--kernel only)")
    ap.add_argument("--cpu", default=DEFAULT_CPU)
    ap.add_argument("--preset", default=DEFAULT_PRESET, choices=sorted(PRESETS))
    ap.add_argument("--memory", type=int, default=DEFAULT_MEMORY_MIB, help="MiB")
    ap.add_argument("--display", default="none", help="QEMU -display value (gtk, sdl, none, vnc=...)")
    ap.add_argument("--interactive", action="store_true",
                    help="hand the terminal to QEMU (serial on stdio) instead of collecting output")
    ap.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT)
    ap.add_argument("--debug-log", help="add -d int,cpu_reset -D FILE")
    a = ap.parse_args()
    if not qemu_available():
        sys.exit("%s is not installed (apt-get install qemu-system-x86)" % QEMU)
    if a.interactive:
        argv = qemu_argv(kernel=a.kernel, iso=a.iso, cmdline=a.cmdline, cpu=a.cpu, memory=a.memory,
                         display=a.display, serial="mon:stdio", debug_log=a.debug_log, preset=a.preset)
        print("running: " + " ".join(argv), file=sys.stderr)
        os.execvp(argv[0], argv)
    r = boot(kernel=a.kernel, iso=a.iso, cmdline=a.cmdline, timeout=a.timeout, cpu=a.cpu,
             memory=a.memory, debug_log=a.debug_log, preset=a.preset)
    for line in r.lines:
        print(line)
    print("# exit status %r: %s" % (r.status, r.outcome), file=sys.stderr)
    sys.exit(0 if r.status == STATUS_PASS else 1)


if __name__ == "__main__":
    main()
