"""Userland purity checks: which libc functions userland objects may call (spec/glue.md).

Two levels, one module:

* Pure libraries (Vigil, the DHCP core, libauth) perform no I/O at all:
  `check_pure_library` compiles each source with `musl-gcc -static -c` under the project's
  warnings, and every symbol its object leaves undefined must be the library's own (one of its
  prefixes) or one of MEMORY_ONLY_LIBC; its headers must include no I/O header.

      check_pure_library(tap, "VIG-001", sources, own_prefixes=("vigil_",), headers=[...])

* Every userland object (src/user/lib, src/user/bin, both builds) makes system calls only
  through the glue: `libc_violations` names each symbol an object takes from libc that is not in
  PROGRAM_ALLOWED_LIBC (functions that make no system call themselves), and
  `syscall_instructions` lists any `syscall`/`sysenter`/`int $0x80` in its code. The glue's two
  transports (TRANSPORT_SOURCES) are exempt from the libc rule, and only the QEMU transport may
  contain `syscall`. tests/glue/test_userland_calls.py runs this over the whole tree.
"""
import os
import re
import shutil
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
USER_LIB = os.path.join(ROOT, "src/user/lib")
USER_BIN = os.path.join(ROOT, "src/user/bin")
WARN = ["-Wall", "-Wextra", "-Werror", "-Wshadow", "-Wstrict-prototypes", "-Wmissing-prototypes",
        "-Wno-unused-parameter"]
INCLUDES = ["-I" + os.path.join(ROOT, "include"), "-I" + USER_LIB]
MUSL_FLAGS = ["-static", "-std=c11", "-O2"] + WARN + INCLUDES
# The Makefile's USER_HOST_CFLAGS: the host (sim) build of userland, sanitizers and coverage on.
HOST_FLAGS = ["-std=c11", "-g", "-O1"] + WARN + [
    "-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer",
    "--coverage", "-D_GNU_SOURCE"] + INCLUDES

# libc functions that only read and write memory the caller passes.
MEMORY_ONLY_LIBC = {"memchr", "memcmp", "memcpy", "memmove", "memset", "strcmp", "strlen", "strnlen",
                    "snprintf", "vsnprintf"}
IO_HEADER = re.compile(r"#include <(stdio|unistd|fcntl|time|sys/[a-z]+)\.h>")

# libc functions any Aegis program may call: none of them makes a system call of its own, except
# the allocator, whose brk/mmap/munmap are memory calls with Linux semantics (the QEMU kernel
# implements them; in the sim the host process's memory is the process's memory) and never I/O.
# Left out on purpose: stdio streams, open/read/write/close and every other POSIX wrapper, time,
# sleep, getenv/setenv (fine in themselves, but environment handling belongs to the program),
# abort and assert (they raise signals or write to stderr through libc), exit (runs atexit and
# stdio flushing: use sys_exit_group), sprintf/vsprintf (unbounded).
PROGRAM_ALLOWED_LIBC = MEMORY_ONLY_LIBC | {
    # <string.h>
    "memrchr", "memmem", "strncmp", "strcasecmp", "strncasecmp", "strchr", "strrchr", "strchrnul",
    "strstr", "strspn", "strcspn", "strpbrk", "strcpy", "strncpy", "stpcpy", "stpncpy", "strcat",
    "strncat", "strtok_r", "strdup", "strndup", "explicit_bzero", "strerror_r",
    # formatting into and scanning from buffers
    "sscanf", "vsscanf",
    # <stdlib.h>: allocation, sorting, searching, number conversion
    "malloc", "calloc", "realloc", "free", "aligned_alloc", "posix_memalign",
    "qsort", "bsearch", "strtol", "strtoul", "strtoll", "strtoull", "strtoimax", "strtoumax",
    "atoi", "atol", "atoll", "abs", "labs", "llabs", "div", "ldiv", "lldiv",
    # <ctype.h> (glibc implements the classes through its locale tables)
    "isalnum", "isalpha", "isblank", "iscntrl", "isdigit", "isgraph", "islower", "isprint",
    "ispunct", "isspace", "isupper", "isxdigit", "tolower", "toupper",
    "__ctype_b_loc", "__ctype_tolower_loc", "__ctype_toupper_loc",
    # <regex.h>: POSIX regular expressions in memory (grep)
    "regcomp", "regexec", "regfree",
    # <setjmp.h> without a saved signal mask
    "setjmp", "_setjmp", "longjmp",
}
# Symbols the compiler and the host build's instrumentation reference by themselves.
TOOL_PREFIXES = ("__asan_", "__ubsan_", "__gcov_", "__sanitizer_", "__lsan_")
TOOL_SYMBOLS = {"_GLOBAL_OFFSET_TABLE_", "__stack_chk_fail", "__stack_chk_guard"}
# glibc spells some allowed functions differently: __isoc23_strtol, __isoc99_sscanf, and the
# _FORTIFY_SOURCE variants __memcpy_chk, __snprintf_chk, ...
GLIBC_ALIAS = re.compile(r"^(?:__isoc(?:99|23)_(\w+)|__(\w+)_chk)$")

# The glue transports: the only userland code that talks to the kernel (or to aegis-sim) itself.
TRANSPORT_SOURCES = ("glue/glue_call.sim.c", "glue/glue_call.x86_64.c")
SYSCALL_SOURCE = "glue/glue_call.x86_64.c"
SYSCALL_INSN = re.compile(r"\t(syscall|sysenter|int\s+\$0x80)\b")


def userland_sources(build):
    """Every userland C source of one build ("musl" or "host"), sorted, as absolute paths.

    src/user/lib/**.c and src/user/bin/**.c; *.sim.c belongs to the host build only and
    *.x86_64.c to the musl build only (the Makefile's USER_LIB_SRCS / USER_LIB_MUSL_SRCS)."""
    skip = ".x86_64.c" if build == "host" else ".sim.c"
    found = []
    for top in (USER_LIB, USER_BIN):
        for dirpath, _dirs, files in os.walk(top):
            found += [os.path.join(dirpath, f) for f in files if f.endswith(".c") and not f.endswith(skip)]
    return sorted(found)


def user_name(src):
    """A source's name relative to src/user/lib (libraries) or src/user (programs)."""
    if os.path.abspath(src).startswith(USER_LIB + os.sep):
        return os.path.relpath(src, USER_LIB)
    return os.path.relpath(src, os.path.join(ROOT, "src/user"))


def compile_object(build, src, obj):
    """Compile src for build ("musl" or "host") into obj; returns (ok, compiler output)."""
    argv = (["musl-gcc"] + MUSL_FLAGS) if build == "musl" else (["gcc"] + HOST_FLAGS)
    cc = subprocess.run(argv + ["-c", src, "-o", obj], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return cc.returncode == 0, cc.stdout.decode(errors="replace")


def _nm(obj, *opts):
    out = subprocess.run(["nm"] + list(opts) + [obj], stdout=subprocess.PIPE, check=True).stdout.decode()
    return {line.split()[-1] for line in out.splitlines() if line.strip() and not line.endswith(":")}


def undefined_symbols(obj):
    return _nm(obj, "-u")


def defined_symbols(obj):
    return _nm(obj, "--defined-only", "-g")


def libc_allowed(sym):
    """May a userland object take sym from outside userland?"""
    if sym in PROGRAM_ALLOWED_LIBC or sym in TOOL_SYMBOLS or sym.startswith(TOOL_PREFIXES):
        return True
    m = GLIBC_ALIAS.match(sym)
    return bool(m) and (m.group(1) or m.group(2)) in PROGRAM_ALLOWED_LIBC


def libc_violations(obj, userland_defined):
    """The symbols obj needs that neither userland defines nor the allow-list permits, sorted."""
    return sorted(s for s in undefined_symbols(obj) if s not in userland_defined and not libc_allowed(s))


def syscall_instructions(obj):
    """The disassembly lines of obj that enter the kernel directly."""
    out = subprocess.run(["objdump", "-d", "--no-show-raw-insn", obj], stdout=subprocess.PIPE,
                         check=True).stdout.decode(errors="replace")
    return [line.strip() for line in out.splitlines() if SYSCALL_INSN.search(line)]


def check_userland_objects(t, req_libc, req_insn, objects):
    """TAP on t: objects is [(name, obj)] of one build, name relative to src/user/lib or src/user.

    One result per object for the libc rule (req_libc) and one for the instruction rule
    (req_insn); a failure names the object and the offending symbols or instructions.
    Returns the list of (name, problem) found, for self-tests."""
    defined = set()
    for _name, obj in objects:
        defined |= defined_symbols(obj)
    problems = []
    for name, obj in objects:
        if name in TRANSPORT_SOURCES:
            t.ok(True, "%s %s is a glue transport: exempt from the libc rule" % (req_libc, name))
        else:
            bad = libc_violations(obj, defined)
            problems += [(name, s) for s in bad]
            t.ok(not bad, "%s %s calls no libc function that makes a system call" % (req_libc, name),
                 detail="%s needs symbols that no userland object defines and the allow-list does not"
                        " permit: %s" % (name, ", ".join(bad)))
        insns = syscall_instructions(obj)
        allowed_here = name == SYSCALL_SOURCE
        if allowed_here:
            t.ok(bool(insns), "%s %s contains the syscall instruction (the QEMU transport)" % (req_insn, name))
        else:
            problems += [(name, i) for i in insns]
            t.ok(not insns, "%s %s contains no system-call instruction" % (req_insn, name),
                 detail="%s: %s" % (name, "; ".join(insns)))
    return problems


def check_pure_library(t, req, sources, own_prefixes, headers=(), min_sources=1):
    """Report, as TAP on t, one compile and one purity result per source (requirement id req)."""
    t.ok(len(sources) >= min_sources, "%s the library's sources are found (%d)" % (req, len(sources)),
         detail=repr(sources))
    for header in headers:
        with open(header, encoding="utf-8") as f:
            bad = IO_HEADER.findall(f.read())
        t.ok(not bad, "%s %s includes no I/O header" % (req, os.path.relpath(header, ROOT)), detail=repr(bad))
    if shutil.which("musl-gcc") is None:
        t.skip("%s musl-gcc -static -c" % req, "musl-gcc is not installed (Debian package musl-tools)")
        return
    with tempfile.TemporaryDirectory(prefix="aegis-musl-") as tmp:
        for src in sources:
            name = os.path.relpath(src, USER_LIB)
            obj = os.path.join(tmp, name.replace("/", "_") + ".o")
            ok, output = compile_object("musl", src, obj)
            if not t.ok(ok, "%s %s compiles with musl-gcc -static -c" % (req, name), detail=output):
                continue
            needed = undefined_symbols(obj)
            libc = {s for s in needed if not s.startswith(tuple(own_prefixes))}
            t.ok(libc <= MEMORY_ONLY_LIBC, "%s %s needs only memory functions from libc" % (req, name),
                 detail="not allowed: " + ", ".join(sorted(libc - MEMORY_ONLY_LIBC)))
