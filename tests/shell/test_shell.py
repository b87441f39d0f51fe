#!/usr/bin/python3
"""/bin/stsh and /bin/sh end to end (spec/shell.md): stsh as PID 1 reads tests/shell/data/session.input
typed on the console in the sim (a line whenever the machine waits for input); QEMU gets lines typed over
the serial line. /bin/shpause is the helper: `shpause N` exits N, `shpause` waits for a signal, `shpause signals`
prints its job-control signal dispositions, `shpause parent` sends them to its parent (a nested interactive stsh)."""
import os
import re
import time

from aegis_qemu import kernel_path, spawn
from aegis_sim import BUILD, ROOTFS_IMAGE, run_sim
from tap import Tap

HERE = os.path.dirname(os.path.abspath(__file__))
INPUT = os.path.join(HERE, "data", "session.input")
SIM_INITRD = os.path.join(BUILD, "initrd-sim.cpio")
QEMU_INITRD = os.path.join(BUILD, "initrd.cpio")
STATUS_PASS = 33
TIMEOUT = 180

t = Tap()
modules = ["--module", ROOTFS_IMAGE + ",rootfs", "--module", SIM_INITRD + ",initrd"]
r = run_sim(cmdline="init=/bin/stsh test=init", seed=5, args=modules + ["--input", INPUT], timeout=TIMEOUT)
out = r.stdout
detail = "status %r\n%s\n%s" % (r.status, "\n".join(r.lines[-40:]), r.stderr[-1500:])

checks = [
    ("SH-085", "the prompt is user@host:cwd$ outside an admin session", "root@aegis:/$ echo hello"),
    ("SH-002", "quotes and backslashes", "a  b c $HOME $x /x\n"),
    ("SH-035", "a pipeline's status is its last command's", "status 5\n"),
    ("SH-012", "> and >> wrote the script sh runs", "sh: one: command not found\nsh: two: command not found\n"
     "sh: three: command not found\n"),
    ("SH-033", "&& and || follow statuses", "or-ran\nand-ran\nst=1\n"),
    ("SH-031", "command not found is 127", "stsh: nosuch: command not found\n127\n"),
    ("SH-032", "a file without x is 126", "stsh: /tmp/f1: Permission denied\nnoexec=126\n"),
    ("SH-005", "an unterminated quote is a syntax error", "stsh: syntax error: unterminated single quote\n"),
    ("SH-013", "a syntax error sets $? to 2", "$?\n2\n"),
    ("SH-011", "| at the start is a syntax error", "stsh: syntax error: unexpected '|'\n"),
    ("SH-012", "a missing file name is a syntax error", "stsh: syntax error: missing file name after '>'\n"),
    ("SH-023", "${} is a bad substitution", "stsh: bad substitution: ${}\n"),
    ("SH-040", "export reaches a child; -c takes $0 $1", "got hi there zero one\n"),
    ("SH-062", "cd, pwd, cd - and a missing directory", "/tmp\n/tmp\nstsh: cd: /nonexistent: No such file or "
     "directory\ncd=1\nroot@aegis:/tmp$ "),
    ("SH-060", "caps lists the kinds held with rwx", "VFS_OPEN r--\nVFS_WRITE -w-\nVFS_READ r--\n"),
    ("SH-061", "caps of another pid without CAP_QUERY", "caps: reading the capabilities of pid 99999 needs CAP_QUERY"),
    ("SH-050", "& prints [N] pid", "[1] "),
    ("SH-051", "wait reaps and reports the job", "[1] Exit 4 /bin/shpause 4"),
    ("SH-053", "Ctrl-C ends the foreground child, the shell survives with 130", "shpause: waiting\n^C\n"),
    ("SH-073", "after Ctrl-C the shell goes on", "after ctrl-c 130\n"),
    ("SH-071", "arrows, backspace, ^A and ^E edit the line", "stsh: Xecho: command not found\n"),
    ("SH-075", "Up twice recalls the line before the last", "after ctrl-c 127\n"),
    ("SH-100", "Tab completes a builtin's name with a space", "/tmp$ echo tab-ok\ntab-ok\n"),
    ("SH-100", "Tab completes a path in /bin, which then runs", "/tmp$ /bin/whoami \nroot\n"),
    ("SH-077", "^W erases the word before the cursor", "\none three\n"),
    ("SH-071", "Delete (ESC [ 3 ~) erases at the cursor", "\ndel-abc\n"),
    ("SH-078", "^L clears the screen and writes the prompt and the line again",
     "echo cle\x1b[H\x1b[2Jroot@aegis:/tmp$ echo cleared\ncleared\n"),
    ("SH-101", "a second Tab lists the matches sorted in columns, then the prompt and the line",
     "/tmp$ /bin/sh\nsh          shellprobe  shpause     shutdown\nroot@aegis:/tmp$ /bin/sh"),
    ("SH-086", "/bin/sh has no caps builtin", "sh: caps: command not found\n"),
    ("SH-080", "stsh -c in a pipeline", "sh-ok\n"),
    ("SH-081", "sh runs a script file line by line", "sh: three: command not found\n"),
    ("SH-063", "pwd prints the working directory, echo its arguments", "\n/tmp\n/tmp\n"),
    ("SH-066", "cd alone runs in the shell: the next prompt shows the new directory", "root@aegis:/tmp$ caps"),
    ("SH-070", "on a terminal the shell prompts and echoes the edited line", "root@aegis:/$ nosuch; echo $?\n"),
    ("SH-082", "the shell reads its terminal line by line until exit", "root@aegis:/tmp$ exit 0"),
]
for req, what, needle in checks:
    t.ok(needle in out, "%s sim: %s" % (req, what), detail=detail)


def answer(command):
    """What the shell printed for a typed command line: after its echo, up to the next prompt."""
    start = out.find("$ " + command + "\n")
    if start < 0:
        return ""
    start += len(command) + 3
    end = out.find("@aegis:", start)
    return out[start:end if end >= 0 else len(out)]


def typed_line(ending):
    """The line of the input file that ends so (for long lines)."""
    with open(INPUT) as f:
        return next(line for line in f.read().split("\n") if line.endswith(ending))


exported = answer("export")
environ = answer("SHELLONLY=1; env")
stsh_help, sh_help = answer("help"), answer("/bin/sh -c help")
jobs = answer(typed_line("; /bin/sh /tmp/jobs"))
sections = [
    ("SH-034", "a failed redirection: message, status 1, command skipped, stdout restored",
     "stsh: /tmp/missing: No such file or directory\nredir=1\nstsh: /tmp/missing: No such file or directory\n"
     "forked=1\n" in out and "lost" not in answer(typed_line("; echo forked=$?"))),
    ("SH-041", "export of a bad name fails, export NAME exports a shell variable",
     "stsh: export: '1x': not a valid name\nexport=1\nchild1 []\nchild2 [lv] []\n" in out),
    ("SH-041", "export alone lists the exported variables", "\nLOCALV=lv\nEMPTYV=\n" in exported),
    ("SH-042", "unset removes, a bad name is status 1",
     "u1=[] u2=[b]\nunset=0\nstsh: unset: '2bad': not a valid name\nunset=1\n" in out),
    ("SH-042", "env prints the exported variables only, one a line",
     "\nLOCALV=lv\nEMPTYV=\nU2=b\n" in environ and "U1=" not in environ and "SHELLONLY" not in environ),
    ("SH-065", "stsh's help lists the builtins with caps and the syntax",
     stsh_help.startswith("stsh builtins:\n") and "  caps [pid]" in stsh_help and "  export [NAME" in stsh_help
     and "\nSyntax: " in stsh_help),
    ("SH-065", "sh's help has no caps", sh_help.startswith("sh builtins:\n") and "  unset NAME" in sh_help
     and "caps" not in sh_help),
    ("SH-052", "16 background jobs are tracked, the 17th runs untracked with a message",
     re.search(r"\n\[16\] [0-9]+\n", jobs) is not None
     and "sh: too many background jobs (at most 16); this one is not tracked\n" in jobs
     and "[16] Done /bin/shpause 0\n" in jobs and "[1] Done /bin/shpause 0\n" in jobs and "[17]" not in jobs),
    ("SH-054", "the commands of an interactive shell get the default actions back",
     "INT=default QUIT=default TSTP=default TTIN=default TTOU=default\n" in out),
    ("SH-054", "an interactive shell ignores INT, QUIT, TSTP, TTIN and TTOU sent to it",
     "\nshpause: signalled " in out and "\nnested-alive\n" in out and "nested=7\n" in out),
]
for req, what, good in sections:
    t.ok(good, "%s sim: %s" % (req, what), detail=detail)
t.ok(r.status == STATUS_PASS, "SH-064 sim: `exit 0` ends PID 1 with status 0", detail=detail)
t.ok("ERROR: AddressSanitizer" not in r.stderr and "runtime error" not in r.stderr + out,
     "SH-005 sim: no sanitizer report", detail=r.stderr[-2000:])

# ---- QEMU: typed over the serial line ----
child = spawn(kernel=kernel_path(), cmdline="init=/bin/stsh test=init", module=QEMU_INITRD, timeout=60)
steps = []
try:
    child.expect(r"@aegis:/\$ ")
    child.send("/bin/shpause 3 | /bin/shpause 5; echo status $?\r")
    child.expect_exact("status 5")
    steps.append("pipeline")
    child.send("echo 'open\r")
    child.expect_exact("stsh: syntax error: unterminated single quote")
    steps.append("syntax error")
    child.send("/bin/shpause\r")
    child.expect_exact("shpause: waiting")
    time.sleep(0.5)
    child.send("\x03")
    child.expect(r"@aegis:/\$ ")
    child.send("echo after $?\r")
    child.expect_exact("after 130")
    steps.append("ctrl-c")
    child.send("echo hx\x1b[D\x7fi\x1b[C!\r")
    child.expect_exact("\nix!")
    steps.append("editing")
    child.send("ech\tqemu-tab\r")
    child.expect_exact("\nqemu-tab")
    child.send("echo gone kept\x17word\r")
    child.expect_exact("\ngone word")
    steps.append("tab and ^W")
    child.send("caps\r")
    child.expect_exact("VFS_READ r--")
    child.send("exit 0\r")
    child.expect_exact("[INIT] PID 1 exited with status 0x0")
    qemu_ok = True
except Exception as e:  # pexpect timeout or EOF: reported with what arrived
    qemu_ok = False
    steps += ["stopped: %s" % type(e).__name__, repr(str(child.before or "")[-600:])]
child.terminate(force=True)
t.ok(qemu_ok, "SH-053 qemu: pipelines, a syntax error, Ctrl-C on a foreground child, editing, Tab (SH-100), ^W "
     "(SH-077), caps and exit over serial", detail="\n".join(steps))
t.done()
