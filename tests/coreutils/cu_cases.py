"""The case files of the command-line tool tests and how they run (spec/coreutils.md CU-020..024).

tests/coreutils/cases/<tool>.txt hold the cases, organised by tool.  A case is a block:

    == CU-nnn ls lists one name per line when its output is not a terminal
    @ /test/cu/fix          working directory (default /tmp/cu, made by cucheck; shared by cases)
    $ ls -a dir             the command line, split like a shell would (shlex), no shell features
    < text                  a line of standard input (repeatable)
    > text                  an expected line of standard output (exact; repeatable, in order)
    ~ regex                 an expected standard output line matching regex (fullmatch)
    >*                      any standard output
    ! text / !~ regex / !*  the same for standard error
    ? 1                     the expected exit status (default 0)
    = gnu                   also run the command line on this host with its GNU tools in a copy of
                            the fixture and expect the same output, errors and status

Without any '>' or '~' line the expected output is empty; the same for errors.  Blank lines and
lines starting with '#' outside a case's lines are ignored.  Cases run in file order (files by
name), one after another in one boot, so a case may rely on the files earlier ones made.

The fixture (tests/coreutils/fixture/) is copied to /test/cu/fix in the root image with every
file's time set to FIXTURE_TIME and root as owner.
"""
import os
import re
import shlex
import shutil
import subprocess

ROOT = os.environ.get("AEGIS_ROOT", os.getcwd())
HERE = os.path.dirname(os.path.abspath(__file__))
CASES_DIR = os.path.join(HERE, "cases")
FIXTURE_DIR = os.path.join(HERE, "fixture")
FIXTURE_IN_IMAGE = "/test/cu/fix"
DEFAULT_DIR = "/tmp/cu"
FIXTURE_TIME = 1767322800  # 2026-01-02 03:00:00 UTC
POLICY_DIR = os.path.join(HERE, "policy")  # test policies: policy/<prog> becomes /etc/aegis/caps.d/<prog>
UNPRIVILEGED_COPIES = ("chown",)  # copied to /test/cu/bin/<prog>: no policy matches them (POL-020)
RESULT = re.compile(r"^@@ (\d+) status=(\S*) out=([0-9a-f]*) err=([0-9a-f]*)\s*$")


class Case:
    def __init__(self, name, origin):
        self.name = name
        self.origin = origin
        self.cwd = DEFAULT_DIR
        self.argv = None
        self.stdin = ""
        self.out = []   # (kind, text): kind "=" exact, "~" regex
        self.err = []
        self.any_out = False
        self.any_err = False
        self.status = "0"
        self.judge = None

    def problems(self):
        if self.argv is None or not self.argv:
            return "%s: case '%s' has no command line" % (self.origin, self.name)
        return None


def parse_file(path):
    """The cases of one file; raises ValueError naming the line of a malformed item."""
    cases, case = [], None
    with open(path, encoding="utf-8") as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            where = "%s:%d" % (os.path.basename(path), number)
            if line.startswith("== "):
                case = Case(line[3:].strip(), where)
                cases.append(case)
                continue
            if not line.strip() or line.startswith("#"):
                continue
            if case is None:
                raise ValueError("%s: item outside a case: %r" % (where, line))
            tag, _, value = line.partition(" ")
            if tag == "@":
                case.cwd = value
            elif tag == "$":
                case.argv = shlex.split(value)
            elif tag == "<":
                case.stdin += value + "\n"
            elif tag == ">":
                case.out.append(("=", value))
            elif tag == "~":
                case.out.append(("~", value))
            elif tag == ">*":
                case.any_out = True
            elif tag == "!":
                case.err.append(("=", value))
            elif tag == "!~":
                case.err.append(("~", value))
            elif tag == "!*":
                case.any_err = True
            elif tag == "?":
                case.status = value.strip()
            elif tag == "=":
                case.judge = value.strip()
            else:
                raise ValueError("%s: unknown item %r" % (where, tag))
    for c in cases:
        bad = c.problems()
        if bad:
            raise ValueError(bad)
    return cases


def load_cases():
    cases = []
    for name in sorted(os.listdir(CASES_DIR)):
        if name.endswith(".txt"):
            cases += parse_file(os.path.join(CASES_DIR, name))
    return cases


def encode(cases):
    """The /test/cu/cases file cucheck reads (see src/user/bin/cucheck/main.c)."""
    lines = []
    for c in cases:
        lines.append("C " + c.name.split()[0])
        lines.append("D " + c.cwd)
        lines += ["A " + a.encode().hex() for a in c.argv]
        data = c.stdin.encode()
        for i in range(0, len(data), 1024):
            lines.append("I " + data[i:i + 1024].hex())
        lines.append("E")
    return "\n".join(lines) + "\n"


def stage_fixture(stage):
    """Copy the fixture into stage/test/cu/fix with fixed times; returns its path."""
    dest = os.path.join(stage, FIXTURE_IN_IMAGE.lstrip("/"))
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    shutil.copytree(FIXTURE_DIR, dest, symlinks=True)
    for top, dirs, files in os.walk(dest, topdown=False):
        for n in dirs + files:
            os.utime(os.path.join(top, n), (FIXTURE_TIME, FIXTURE_TIME), follow_symlinks=False)
    os.utime(dest, (FIXTURE_TIME, FIXTURE_TIME))
    for d in (os.path.dirname(dest), os.path.dirname(os.path.dirname(dest))):
        os.chmod(d, 0o755)
    return dest


def make_image(tmp, cases, flavour, build, with_bin):
    """A root image: src/rootfs, the fixture, the case file, and (with_bin) the programs in /bin."""
    stage = os.path.join(tmp, "stage-" + flavour)
    shutil.copytree(os.path.join(ROOT, "src", "rootfs"), stage, symlinks=True)
    fix = stage_fixture(stage)
    with open(os.path.join(stage, "test", "cu", "cases"), "w") as f:
        f.write(encode(cases))
    if with_bin:
        progs = os.path.join(build, "user", flavour)
        os.makedirs(os.path.join(stage, "bin"), mode=0o755, exist_ok=True)
        for prog in os.listdir(progs):
            src = os.path.join(progs, prog)
            if os.path.isfile(src) and os.access(src, os.X_OK):
                shutil.copy(src, os.path.join(stage, "bin", prog))
        os.symlink("test", os.path.join(stage, "bin", "["))  # `[` is test (CU-414), as in mk/userbin.mk
    add_policies(stage, build, flavour)
    image = os.path.join(tmp, "root-%s.img" % flavour)
    subprocess.run([os.path.join(ROOT, "tools", "mkrootfs"), stage, image], check=True)
    return image, fix


def add_policies(stage, build, flavour):
    """The test policies (policy/<prog>) and plain copies of those programs under /test/cu/bin."""
    caps = os.path.join(stage, "etc", "aegis", "caps.d")
    os.makedirs(caps, exist_ok=True)
    if os.path.isdir(POLICY_DIR):
        for name in sorted(os.listdir(POLICY_DIR)):
            shutil.copy(os.path.join(POLICY_DIR, name), os.path.join(caps, name))
    copies = os.path.join(stage, "test", "cu", "bin")
    os.makedirs(copies, mode=0o755, exist_ok=True)
    for prog in UNPRIVILEGED_COPIES:
        src = os.path.join(build, "user", flavour, prog)
        if os.path.exists(src):
            shutil.copy(src, os.path.join(copies, prog))


def results(lines):
    """{case index: (status, stdout bytes, stderr bytes)} from cucheck's lines."""
    found = {}
    for line in lines:
        m = RESULT.match(line.strip("\r"))
        if m:
            found[int(m.group(1))] = (m.group(2), bytes.fromhex(m.group(3)), bytes.fromhex(m.group(4)))
    return found


def gnu_run(case, host_fix):
    """(status, stdout, stderr) of the case's command line run with this host's tools."""
    rel = os.path.relpath(case.cwd, FIXTURE_IN_IMAGE)
    if rel.startswith(".."):
        return None
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C", "HOME": "/root", "TERM": "dumb", "TZ": "UTC"}
    p = subprocess.run(case.argv, cwd=os.path.join(host_fix, rel), input=case.stdin.encode(),
                       capture_output=True, env=env)
    return str(p.returncode), p.stdout, p.stderr


def _lines_match(expect, text):
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != len(expect):
        return False
    for (kind, want), got in zip(expect, lines):
        if kind == "=" and want != got:
            return False
        if kind == "~" and not re.fullmatch(want, got):
            return False
    return True


def verdict(case, got, gnu=None):
    """None when got (status, out, err) is what the case expects, else a description."""
    status, out, err = got
    otext, etext = out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    problems = []
    if status != case.status:
        problems.append("status %s, expected %s" % (status, case.status))
    if not case.any_out and not _lines_match(case.out, otext) and not (case.judge and not case.out):
        problems.append("stdout %r, expected %r" % (otext, [t for _, t in case.out]))
    if not case.any_err and not _lines_match(case.err, etext) and not (case.judge and not case.err):
        problems.append("stderr %r, expected %r" % (etext, [t for _, t in case.err]))
    if gnu is not None and (gnu[0], gnu[1], gnu[2]) != (status, out, err):
        problems.append("GNU gives status %s stdout %r stderr %r" % (gnu[0], gnu[1].decode("utf-8", "replace"),
                                                                      gnu[2].decode("utf-8", "replace")))
    return "; ".join(problems) or None
