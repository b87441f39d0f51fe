#!/usr/bin/python3
"""/bin/login on the console, started by Vigil's getty, on both builds (spec/auth-flow.md
AUTH-062, AUTH-063, AUTH-070..077).

The sim types its --input lines one at a time whenever the machine waits for input, so a whole
session is a file; its virtual time makes the 3 s failure delay exact and free.  A normal boot
(the shipped root image and the sim initrd) shows the prompt, the failures, Vigil's restart,
then the real stsh: `caps` shows the admin tier and `cat /var/log/auth.log` the logged reasons.
Images with an account whose shell does not exist show the fallback to /bin/sh.  Root images made by tests/vigil/vigil_image.py
with /bin/shellprobe as /bin/stsh show what the shell receives; the delay is measured as the
difference of the shell's start time between a session with a failure first and one without.
QEMU types the same over the serial line and measures the delay in wall time; `make run`'s ISO
is logged into and `caps` typed into its stsh.
"""
import os
import re
import subprocess
import sys
import tempfile
import time

from aegis_qemu import iso_path, kernel_path, spawn
from aegis_sim import BUILD, ROOTFS_IMAGE, run_sim
from tap import Tap

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "vigil"))
from vigil_image import build_image  # noqa: E402

SIM_INITRD = os.path.join(BUILD, "initrd-sim.cpio")
SIM_TIMEOUT = 180
QEMU_TIMEOUT = 60
ISO_TIMEOUT = 120
PASSWORD = "forevervigilant"
DELAY_MS = 3000
TICK_MS = 10  # the sim's timer tick: a sleep ends at the first tick boundary after it
CLEAR = "\x1b[2J\x1b[H"
ROOT_HASH = "$6$5a3b9c1d2e4f6789$fvwyIjdmyvB59hifGMRFrcwhBb4cH0.3nRy2j2LpCk.aNIFNyvYQJ36Bsl94miFbD/JHICz8O1dXoegZ0OmOg."
# A second account whose shadow entry is locked: its hash is root's, with '!' in front.
LOCKED_PASSWD = "locked:x:1000:1000:locked:/:/bin/stsh\n"
LOCKED_SHADOW = "locked:!%s:19000:0:99999:7:::\n" % ROOT_HASH
ADMIN_KINDS = {5, 11, 13, 14, 16}  # stsh's admin tier: CAP_GRANT DISK_ADMIN CAP_DELEGATE CAP_QUERY POWER
AUTH_KIND, SETUID_KIND = 4, 6
BACKSPACE = "\x7f"
# An account whose shell does not exist: login falls back to /bin/sh (AUTH-076).
FALLBACK_PASSWD = "fallback:x:0:0:fallback:/root:/bin/nosuch\n"
FALLBACK_SHADOW = "fallback:%s:19000:0:99999:7:::\n" % ROOT_HASH
ADMIN_NAMES = ("CAP_GRANT", "DISK_ADMIN", "CAP_DELEGATE", "CAP_QUERY", "POWER")
STSH_PROMPT = "root@aegis:~# "
LOG_STAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ login\[\d+\]: "

t = Tap()


def shipped(path):
    with open(os.path.join(os.environ.get("AEGIS_ROOT", "."), "src", "rootfs", path)) as f:
        return f.read()


def inode_mode(image, path):
    """The permission bits debugfs reports for path in an ext2 image ("0600"), or None."""
    out = subprocess.run(["debugfs", "-R", "stat " + path, image], capture_output=True, text=True).stdout
    m = re.search(r"Mode:\s+(\d+)", out)
    return m.group(1) if m else None


def sim(tmp, lines, modules, name):
    path = os.path.join(tmp, name + ".input")
    with open(path, "w") as f:
        f.write("".join(l + "\n" for l in lines))
    r = run_sim(cmdline="boot=text", seed=3, args=modules + ["--input", path], timeout=SIM_TIMEOUT)
    r.text = r.stdout
    r.detail = "status %r\n%s\n%s" % (r.status, "\n".join(r.lines[-30:]), r.stderr[-2000:])
    return r


def probe(lines):
    """The shell stand-in's report: argv0, start time, ids, cwd, env, caps."""
    out = {"env": {}}
    for l in lines:
        m = re.search(r"shellprobe: argv0 (\S+) at (\d+) ms", l)
        if m:
            out["argv0"], out["at"] = m.group(1), int(m.group(2))
        m = re.search(r"shellprobe: ids (.*)", l)
        if m:
            out["ids"] = m.group(1)
        m = re.search(r"shellprobe: cwd (.*)", l)
        if m:
            out["cwd"] = m.group(1)
        m = re.search(r"shellprobe: env ([A-Z]+)=(.*)", l)
        if m:
            out["env"][m.group(1)] = m.group(2)
        m = re.search(r"shellprobe: log (.*)", l)
        if m:
            out.setdefault("log", []).append(m.group(1))
        m = re.search(r"shellprobe: caps (.*)", l)
        if m:
            out["caps"] = {int(x) for x in m.group(1).split(",") if x.isdigit()}
    return out


def check_session(build, p, detail):
    t.ok(p.get("argv0") == "-stsh", "AUTH-075 %s: the shell runs as a login shell (argv0 %r)" % (build, p.get("argv0")),
         detail=detail)
    t.ok(p.get("ids") == "uid=0 euid=0 gid=0 egid=0 groups=0,999",
         "AUTH-075 %s: groups, gid and uid are root's (%s)" % (build, p.get("ids")), detail=detail)
    t.ok(p.get("cwd") == "/root", "AUTH-075 %s: the shell starts in the home directory" % build, detail=detail)
    want = {"HOME": "/root", "USER": "root", "LOGNAME": "root", "SHELL": "/bin/stsh", "PATH": "/bin"}
    t.ok(p["env"] == want, "AUTH-075 %s: HOME, USER, LOGNAME, SHELL and PATH are set (%s)" % (build, p["env"]),
         detail=detail)
    caps = p.get("caps", set())
    t.ok(ADMIN_KINDS <= caps, "AUTH-062 %s: the session is authenticated: the shell holds stsh's admin tier (%s)"
         % (build, sorted(caps)), detail=detail)
    t.ok(AUTH_KIND not in caps and SETUID_KIND not in caps,
         "AUTH-063 %s: login's AUTH and SETUID do not reach the shell" % build, detail=detail)


modes = (inode_mode(ROOTFS_IMAGE, "/etc/shadow"), inode_mode(ROOTFS_IMAGE, "/root"))
t.ok(modes == ("0600", "0700") and ROOT_HASH in shipped("etc/shadow") and os.path.exists(
     os.path.join(os.environ.get("AEGIS_ROOT", "."), "src", "rootfs", "etc", "banner")),
     "AUTH-070 the root image ships /etc/shadow (0600) with root's hash, /etc/banner and /root (0700)",
     detail="modes %s" % (modes,))

with tempfile.TemporaryDirectory(prefix="aegis-login-") as tmp:
    # ---- sim, a normal boot: the shipped root image and the sim initrd, then the real stsh ----
    normal = ["--module", ROOTFS_IMAGE + ",rootfs", "--module", SIM_INITRD + ",initrd"]
    r = sim(tmp, ["root", "wrong", "", "nobody", PASSWORD, "root", "x" * 200, "root", PASSWORD,
                  "caps", "echo $0 $HOME $USER", "cat /var/log/auth.log", "vigictl status getty",
                  "vigictl restart dhcp", "touch /tmp/owned", "chown dhcp:dhcp /tmp/owned",
                  "stat -c %U:%G /tmp/owned", "hostname lab1", "uname -n", "exit"], normal, "normal")
    out = r.text
    t.ok("vigil: started 'getty'" in out and "This system is restricted to authorized users" in out
         and "\nlogin: " in out, "AUTH-070 sim: a normal boot reaches Vigil's getty, the banner and the prompt",
         detail=r.detail)
    t.ok(out.count("Login incorrect") == 3 and "Maximum login attempts exceeded." in out,
         "AUTH-074 sim: three failures (wrong password, unknown user, long password) end login",
         detail=r.detail)
    first = out.split("Maximum login attempts exceeded.")[0]
    t.ok(first.count("login: ") == 4 + first.count("login: cannot"),
         "AUTH-071 sim: an empty name asks again without counting an attempt", detail=r.detail)
    t.ok("password: " + "*" * len(PASSWORD) + "\n" in out and "password: " + "*" * 127 + "\n" in out
         and PASSWORD not in out and "x" * 20 not in out,
         "AUTH-072 sim: the password echoes one '*' per character, at most 127, never the characters",
         detail=r.detail)
    t.ok(re.search(r"vigil: service 'getty' \(pid \d+\) exited with status 1\nvigil: service 'getty' restarts in "
                   r"\d+ ms \(restart 1 of 5\)\nvigil: started 'getty'", out) is not None,
         "AUTH-074 sim: login exits 1 and Vigil starts a new one", detail=r.detail)
    session = out.split("Maximum login attempts exceeded.")[-1]
    t.ok((CLEAR + STSH_PROMPT) in session,
         "AUTH-075 sim: the correct password clears the screen and reaches stsh's admin prompt %r" % STSH_PROMPT,
         detail=r.detail)
    held = dict(re.findall(r"^([A-Z_]+) ([r-][w-][x-])$", session, re.M))
    t.ok(all(held.get(k) == "rwx" for k in ADMIN_NAMES) and "AUTH" not in held and "SETUID" not in held,
         "AUTH-062 sim: `caps` typed into stsh shows the admin tier and neither AUTH nor SETUID (%s)"
         % sorted(held.items()), detail=r.detail)
    t.ok("\n-stsh /root root\n" in session, "AUTH-075 sim: stsh runs as -stsh with HOME and USER of root",
         detail=r.detail)
    logged = re.findall(LOG_STAMP + r"(.*)$", session, re.M)
    want_log = ["FAILED LOGIN 1 on /dev/console for 'root': password does not match",
                "FAILED LOGIN 2 on /dev/console for UNKNOWN: unknown user",
                "FAILED LOGIN 3 on /dev/console for 'root': password does not match",
                "LOGIN on /dev/console by 'root' (uid 0)"]
    t.ok(logged == want_log, "AUTH-077 sim: `cat /var/log/auth.log` in the session shows every failure's reason and "
         "the login (%r)" % logged, detail=r.detail)
    t.ok(re.search(r"^vigictl: getty running pid=\d+ restarts=1 ", session, re.M) is not None
         and re.search(r"^vigictl: ok dhcp (started|restarting)$", session, re.M) is not None
         and re.search(r"vigil: control: restart dhcp from pid \d+ uid 0 \(authenticated session\)", session) is not None,
         "VIG-119 sim: in the authenticated session typed vigictl reads the status and restarts a service",
         detail=r.detail)
    t.ok("\ndhcp:dhcp\n" in session, "FS-022 sim: the administrator's chown gives a file away in the session "
         "(shipped policy admin SETUID)", detail=r.detail)
    t.ok("\nlab1\nroot@lab1:~# " in session, "NETCFG-020 sim: `hostname lab1` in the session renames the machine: "
         "uname -n and the prompt show it (shipped policy admin NET_ADMIN)", detail=r.detail)
    t.ok("unknown user" not in first and "does not match" not in first,
         "AUTH-073 sim: libauth's reasons never reach the terminal during login", detail=r.detail)
    t.ok("ERROR: AddressSanitizer" not in r.stderr and "runtime error" not in r.stderr + out,
         "AUTH-070 sim: no sanitizer report", detail=r.stderr[-2000:])

    # ---- sim, AUTH-076: a missing shell falls back to /bin/sh; without /bin/sh login gives up ----
    for with_sh in (True, False):
        fextra = {"bin/login": ("copy", os.path.join(BUILD, "user", "sim", "login")),
                  "etc/passwd": shipped("etc/passwd") + FALLBACK_PASSWD,
                  "etc/shadow": shipped("etc/shadow") + FALLBACK_SHADOW}
        if with_sh:
            fextra["bin/sh"] = ("copy", os.path.join(BUILD, "user", "sim", "sh"))
        fimage = build_image(tmp, BUILD, "sim", None, fextra, name="sim-fallback-%d.img" % with_sh)
        fr = sim(tmp, ["fallback", PASSWORD, "echo $0 $HOME", "exit"], ["--module", fimage + ",rootfs"],
                 "fallback-%d" % with_sh)
        tried = "login: cannot run /bin/nosuch (error -2)\nlogin: falling back to /bin/sh\n"
        if with_sh:
            t.ok(tried in fr.text and "\n-sh /root\n" in fr.text,
                 "AUTH-076 sim: a missing shell is reported and login falls back to /bin/sh as -sh", detail=fr.detail)
        else:
            t.ok(tried + "login: cannot run /bin/sh (error -2)\nvigil: service 'getty'" in fr.text,
                 "AUTH-076 sim: without /bin/sh either, login reports both, exits and Vigil starts a new one",
                 detail=fr.detail)

    # ---- sim, images with the shell stand-in ----
    extra = {"bin/login": ("copy", os.path.join(BUILD, "user", "sim", "login")),
             "bin/stsh": ("copy", os.path.join(BUILD, "user", "sim", "shellprobe")),
             "etc/passwd": shipped("etc/passwd") + LOCKED_PASSWD,
             "etc/shadow": shipped("etc/shadow") + LOCKED_SHADOW}
    image = build_image(tmp, BUILD, "sim", None, extra, name="sim-login.img")
    mods = ["--module", image + ",rootfs"]
    # The password typed with a mistake and a backspace.
    ok_run = sim(tmp, ["root", PASSWORD[:-1] + "X" + BACKSPACE + PASSWORD[-1]], mods, "ok")
    p0 = probe(ok_run.lines)
    t.ok("password: " + "*" * len(PASSWORD) + "\b \b*" in ok_run.text and "at" in p0,
         "AUTH-072 sim: DEL erases a character with \\b \\b and the corrected password logs in",
         detail=ok_run.detail)
    t.ok(CLEAR + "shellprobe: argv0" in ok_run.text, "AUTH-075 sim: the screen is cleared before the shell starts",
         detail=ok_run.detail)
    check_session("sim", p0, ok_run.detail)
    stamp = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ login\[\d+\]: "
    success = stamp + re.escape("LOGIN on /dev/console by 'root' (uid 0)")
    t.ok([re.fullmatch(success, l) is not None for l in p0.get("log", [])] == [True],
         "AUTH-077 sim: a successful login is logged in /var/log/auth.log (%r)" % p0.get("log"), detail=ok_run.detail)
    for what, req, attempt, logged in (
            ("a wrong password", "AUTH-073", ["root", "wrong"], "for 'root': password does not match"),
            ("an unknown user", "AUTH-073", ["nobody", PASSWORD], "for UNKNOWN: unknown user"),
            ("a locked account", "AUTH-073", ["locked", PASSWORD], "for 'locked': ")):
        rr = sim(tmp, attempt + ["root", PASSWORD], mods, what.replace(" ", "-"))
        p1 = probe(rr.lines)
        log = p1.get("log", [])
        t.ok(len(log) == 2 and re.fullmatch(stamp + re.escape("FAILED LOGIN 1 on /dev/console " + logged) + ".*",
                                            log[0]) and re.fullmatch(success, log[1])
             and "nobody" not in "".join(log),
             "AUTH-077 sim: %s is logged with its reason, then the login (%r)" % (what, log), detail=rr.detail)
        gap = p1.get("at", 0) - p0.get("at", 0)
        t.ok(rr.text.count("Login incorrect") == 1 and DELAY_MS <= gap <= DELAY_MS + TICK_MS,
             "%s sim: %s waits 3 s and prints 'Login incorrect' (%d ms virtual time later)" % (req, what, gap),
             detail=rr.detail)

    # ---- QEMU: typed over the serial line ----
    kernel = kernel_path()
    extra["bin/login"] = ("copy", os.path.join(BUILD, "user", "musl", "login"))
    extra["bin/stsh"] = ("copy", os.path.join(BUILD, "user", "musl", "shellprobe"))
    image = build_image(tmp, BUILD, "musl", None, extra, name="qemu-login.img")
    child = spawn(kernel=kernel, cmdline="boot=text", module=image, timeout=QEMU_TIMEOUT)
    steps, waits = [], []
    try:
        child.expect_exact("restricted to authorized users")
        steps.append("banner")
        for user, pw in (("root", "wrong"), ("nobody", PASSWORD), ("locked", PASSWORD)):
            child.expect_exact("login: ")
            child.send(user + "\r")
            child.expect_exact("password: ")
            child.send(pw + "\r")
            child.expect_exact("*" * len(pw))
            sent = time.monotonic()
            child.expect_exact("Login incorrect")
            waits.append(time.monotonic() - sent)
        steps.append("three failures, waits %s" % ["%.2f" % w for w in waits])
        child.expect_exact("Maximum login attempts exceeded.")
        child.expect_exact("vigil: service 'getty' restarts in")
        child.expect_exact("restricted to authorized users")
        child.expect_exact("login: ")
        steps.append("Vigil started a new login")
        child.send("root\r")
        child.expect_exact("password: ")
        child.send(PASSWORD + "\r")
        child.expect(r"shellprobe: caps [0-9,]+\r*\n")
        session = child.before + child.after
        qemu_ok = True
    except Exception as e:  # pexpect timeout or EOF: reported with what arrived
        qemu_ok = False
        session = ""
        steps.append("stopped: %s" % type(e).__name__)
        steps += [repr(str(child.before or "")[-600:])]
    child.terminate(force=True)
    detail = "\n".join(steps)
    t.ok(qemu_ok, "AUTH-070 qemu: the login prompt, three failures, Vigil's new login and a session over serial",
         detail=detail)
    t.ok(len(waits) == 3 and all(2.9 <= w <= 6.0 for w in waits),
         "AUTH-073 qemu: a wrong password, an unknown user and a locked account each wait 3 s", detail=detail)
    qlines = (session or "").replace("\r", "").splitlines()
    check_session("qemu", probe(qlines), detail + "\n" + (session or ""))

# ---- QEMU, `make run`: the ISO's default entry, typed over serial into the real stsh ----
child = spawn(iso=iso_path(), timeout=ISO_TIMEOUT)
steps, typed = [], ""
try:
    child.expect_exact("login: ")
    steps.append("prompt")
    child.send("root\r")
    child.expect_exact("password: ")
    child.send(PASSWORD + "\r")
    child.expect_exact(STSH_PROMPT)
    steps.append("stsh")
    child.send("caps\r")
    child.expect_exact(STSH_PROMPT)
    typed = str(child.before)
    child.send("id; echo $0 $HOME\r")
    child.expect(r"uid=0\(root\) gid=0\(root\) groups=0\(root\),999\(wheel\)\r*\n-stsh /root")
    iso_ok = True
except Exception as e:  # pexpect timeout or EOF: reported with what arrived
    iso_ok = False
    steps += ["stopped: %s" % type(e).__name__, repr(str(child.before or "")[-600:])]
child.terminate(force=True)
t.ok("prompt" in steps, "AUTH-070 qemu: `make run`'s ISO boots to Vigil's getty and the login prompt",
     detail="\n".join(steps))
t.ok(iso_ok, "AUTH-075 qemu: the ISO's login reaches stsh's admin prompt as -stsh in root's session",
     detail="\n".join(steps))
qheld = dict(re.findall(r"^([A-Z_]+) ([r-][w-][x-])\r?$", typed.replace("\r\n", "\n"), re.M))
t.ok(all(qheld.get(k) == "rwx" for k in ADMIN_NAMES) and "AUTH" not in qheld and "SETUID" not in qheld,
     "AUTH-062 qemu: `caps` typed into stsh over serial shows the admin tier (%s)" % sorted(qheld.items()),
     detail="\n".join(steps) + "\n" + typed)
t.done()
