#!/usr/bin/python3
"""The link-time check of spec/glue.md: userland makes system calls only through the glue.

Every userland source (src/user/lib and src/user/bin) is compiled for the musl build with
musl-gcc; the host build's objects are taken from $AEGIS_BUILD/sim (compiled with the same
flags when missing or stale). Each object may take from libc only functions that make no system
call (tools/pylib/userland_purity.py), and only the QEMU transport may contain `syscall`
(GLUE-020..023, GLUE-025). The glue defines a function for every system-call number in both
builds (GLUE-001). A self-test shows the checker catching a bad object (GLUE-024)."""
import concurrent.futures
import os
import re
import shutil
import tempfile

from tap import Tap
import userland_purity as up

ROOT = up.ROOT
BUILD = os.environ.get("AEGIS_BUILD", os.path.join(ROOT, "build"))
# System calls the glue leaves out on purpose (spec/glue.md, GLUE-001).
NO_GLUE = {"vfork"}
t = Tap()


def compile_all(build, sources, tmp):
    """[(name, obj, ok, output)] for sources, compiled in parallel into tmp."""
    def one(src):
        name = up.user_name(src)
        obj = os.path.join(tmp, build + "_" + name.replace("/", "_") + ".o")
        if build == "host":
            built = os.path.join(BUILD, "sim", os.path.relpath(src, ROOT))[:-2] + ".o"
            if os.path.exists(built) and os.path.getmtime(built) >= os.path.getmtime(src):
                return name, built, True, "(from the build)"
        ok, out = up.compile_object(build, src, obj)
        return name, obj, ok, out
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(one, sources))


def check_build(build, tmp):
    sources = up.userland_sources(build)
    t.ok(len(sources) > 0, "GLUE-020 userland sources of the %s build are found (%d)" % (build, len(sources)))
    results = compile_all(build, sources, tmp)
    for name, _obj, ok, out in results:
        t.ok(ok, "GLUE-025 %s compiles for the %s build under the project's warnings" % (name, build), detail=out)
    objects = [(name, obj) for name, obj, ok, _out in results if ok]
    up.check_userland_objects(t, "GLUE-020", "GLUE-023", objects)
    return objects


def check_glue_uses_transport(glue, build):
    """GLUE-004: every glue file but the transports reaches the kernel only through glue_syscall6."""
    for name, obj in glue:
        if name in up.TRANSPORT_SOURCES:
            continue
        needs = {s for s in up.undefined_symbols(obj) if not up.libc_allowed(s) or s in up.PROGRAM_ALLOWED_LIBC}
        t.ok(needs <= {"glue_syscall6"}, "GLUE-004 %s (%s build) needs nothing but glue_syscall6" % (name, build),
             detail="also needs: " + ", ".join(sorted(needs - {"glue_syscall6"})))


def syscall_names():
    with open(os.path.join(ROOT, "include/aegis/syscall_nr.h"), encoding="utf-8") as f:
        return sorted(set(re.findall(r"^#define SYS_(\w+) \d+", f.read(), re.M)))


def check_every_call(glue_defined, build):
    missing = [n for n in syscall_names() if n not in NO_GLUE and "sys_" + n not in glue_defined]
    t.ok(not missing, "GLUE-001 the %s build's glue defines sys_<name> for every number in syscall_nr.h" % build,
         detail="missing: " + ", ".join(missing))


def check_header():
    with open(os.path.join(ROOT, "src/user/lib/glue/glue.h"), encoding="utf-8") as f:
        text = f.read()
    declared = set(re.findall(r"\bsys_(\w+)\(", text))
    missing = [n for n in syscall_names() if n not in NO_GLUE and n not in declared]
    t.ok(not missing, "GLUE-001 glue.h declares every sys_<name>", detail="missing: " + ", ".join(missing))
    t.ok(not (NO_GLUE & declared), "GLUE-001 glue.h declares no function for %s" % ", ".join(sorted(NO_GLUE)))
    bad = up.IO_HEADER.findall(text)
    t.ok(not bad, "GLUE-005 glue.h includes no I/O header", detail=repr(bad))
    noreturn = re.findall(r"__attribute__\(\(noreturn\)\) void sys_(\w+)\(", text)
    t.ok(sorted(noreturn) == ["exit", "exit_group"], "GLUE-003 only sys_exit and sys_exit_group are noreturn",
         detail=repr(noreturn))
    longs = re.findall(r"^(\w[\w ]*?) sys_\w+\(", text, re.M)
    t.ok(all(r == "long" for r in longs), "GLUE-002 every other sys_ function returns long",
         detail=repr(sorted(set(longs))))


BAD_CALL = '#include <fcntl.h>\nint bad_open(const char *p);\nint bad_open(const char *p) { return open(p, O_RDONLY); }\n'
BAD_INSN = ('long bad_raw(long nr);\nlong bad_raw(long nr)\n{\n\tlong r;\n'
            '\t__asm__ volatile("syscall" : "=a"(r) : "a"(nr) : "rcx", "r11", "memory");\n\treturn r;\n}\n')
GOOD = ('#include <string.h>\n#include "glue/glue.h"\nlong good_say(const char *s);\n'
        'long good_say(const char *s) { return sys_write(1, s, strlen(s)); }\n')


# GLUE-005: glue.h's types carry their own names, so it builds next to the libc headers it mirrors.
BESIDE_LIBC = "".join("#include <%s>\n" % h for h in (
    "fcntl.h", "signal.h", "sys/stat.h", "sys/socket.h", "poll.h", "time.h", "sys/time.h", "sys/uio.h",
    "sys/utsname.h", "sys/resource.h", "dirent.h", "sys/epoll.h", "errno.h")) + (
    '#include <aegis/errno.h>\n#include "glue/glue.h"\n#include "uio/uio.h"\n'
    'long beside(void);\nlong beside(void) { return sys_openat(GLUE_AT_FDCWD, "x", O_RDONLY, 0); }\n')


def check_beside_libc(build, tmp):
    src = os.path.join(tmp, "%s_beside.c" % build)
    with open(src, "w", encoding="utf-8") as f:
        f.write(BESIDE_LIBC)
    ok, out = up.compile_object(build, src, src[:-2] + ".o")
    t.ok(ok, "GLUE-005 glue.h and uio.h compile next to the libc headers they mirror (%s build)" % build, detail=out)


class Quiet:
    """A Tap stand-in that only counts, for running the checker on the self-test objects."""
    def __init__(self):
        self.failed = 0

    def ok(self, cond, name, detail=None):
        self.failed += 0 if cond else 1
        return cond


def self_test(build, tmp, real_glue):
    """GLUE-024: the checker names a bad object and its symbol; a good one passes."""
    objects = []
    for stem, text in (("bad_call", BAD_CALL), ("bad_insn", BAD_INSN), ("good", GOOD)):
        src = os.path.join(tmp, "%s_%s.c" % (build, stem))
        with open(src, "w", encoding="utf-8") as f:
            f.write(text)
        obj = src[:-2] + ".o"
        ok, out = up.compile_object(build, src, obj)
        if not t.ok(ok, "GLUE-024 self-test source %s compiles for the %s build" % (stem, build), detail=out):
            return
        objects.append(("bin/selftest/%s.c" % stem, obj))
    problems = up.check_userland_objects(Quiet(), "GLUE-020", "GLUE-023", objects + real_glue)
    t.ok(("bin/selftest/bad_call.c", "open") in problems,
         "GLUE-024 %s: the checker names bad_call.c and open" % build, detail=repr(problems))
    t.ok(any(name == "bin/selftest/bad_insn.c" and "syscall" in what for name, what in problems),
         "GLUE-024 %s: the checker names bad_insn.c and its syscall instruction" % build, detail=repr(problems))
    t.ok(not any(name == "bin/selftest/good.c" for name, _ in problems),
         "GLUE-024 %s: a program using only sys_write and strlen passes" % build, detail=repr(problems))


def main():
    check_header()
    with tempfile.TemporaryDirectory(prefix="aegis-glue-") as tmp:
        for build in ("musl", "host"):
            if build == "musl" and shutil.which("musl-gcc") is None:
                t.skip("GLUE-020 musl build", "musl-gcc is not installed (Debian package musl-tools)")
                continue
            objects = check_build(build, tmp)
            glue = [(name, obj) for name, obj in objects if name.startswith("glue/")]
            defined = set()
            for _name, obj in glue:
                defined |= up.defined_symbols(obj)
            check_every_call(defined, build)
            check_glue_uses_transport(glue, build)
            check_beside_libc(build, tmp)
            self_test(build, tmp, glue)
    t.done()


main()
