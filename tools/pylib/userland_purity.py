"""The userland purity check shared by the areas whose libraries must be pure (no I/O).

Each given source is compiled with `musl-gcc -static -c` under the project's warnings, and every
symbol its object leaves undefined must be defined by the library itself (names starting with
one of its prefixes) or be a libc function that only touches memory or formats into a buffer.
A call to anything else (read, open, time, malloc, printf to a stream, crypt...) fails and names
the symbol. Headers of the library must not include an I/O header.

    check_pure_library(tap, "VIG-001", sources, own_prefixes=("vigil_",), headers=[...])
"""
import os
import re
import shutil
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MUSL_FLAGS = ["-static", "-std=c11", "-O2", "-Wall", "-Wextra", "-Werror", "-Wshadow", "-Wstrict-prototypes",
              "-Wmissing-prototypes", "-Wno-unused-parameter",
              "-I" + os.path.join(ROOT, "include"), "-I" + os.path.join(ROOT, "src/user/lib")]
# libc functions that only read and write memory the caller passes.
MEMORY_ONLY_LIBC = {"memchr", "memcmp", "memcpy", "memmove", "memset", "strcmp", "strlen", "strnlen",
                    "snprintf", "vsnprintf"}
IO_HEADER = re.compile(r"#include <(stdio|unistd|fcntl|time|sys/[a-z]+)\.h>")


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
            name = os.path.relpath(src, os.path.join(ROOT, "src/user/lib"))
            obj = os.path.join(tmp, name.replace("/", "_") + ".o")
            cc = subprocess.run(["musl-gcc"] + MUSL_FLAGS + ["-c", src, "-o", obj],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            if not t.ok(cc.returncode == 0, "%s %s compiles with musl-gcc -static -c" % (req, name),
                        detail=cc.stdout.decode(errors="replace")):
                continue
            nm = subprocess.run(["nm", "-u", obj], stdout=subprocess.PIPE, check=True).stdout.decode()
            needed = {line.split()[-1] for line in nm.splitlines() if line.strip()}
            libc = {s for s in needed if not s.startswith(tuple(own_prefixes))}
            t.ok(libc <= MEMORY_ONLY_LIBC, "%s %s needs only memory functions from libc" % (req, name),
                 detail="not allowed: " + ", ".join(sorted(libc - MEMORY_ONLY_LIBC)))
