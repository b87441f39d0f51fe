#!/usr/bin/python3
"""VIG-001: the Vigil library is pure.

Every src/user/lib/vigil/*.c must compile with `musl-gcc -static -c` under the
project's warnings, and the libc symbols its objects need must all come from a
short list of functions that only touch memory (no read, open, time, printf to
a stream, malloc...).  The headers must not pull in stdio streams either.
"""
import glob
import os
import re
import shutil
import subprocess
import tempfile

from tap import Tap

ROOT = os.environ.get("AEGIS_ROOT", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
LIB = os.path.join(ROOT, "src/user/lib/vigil")
CFLAGS = ["-static", "-std=c11", "-O2", "-Wall", "-Wextra", "-Werror", "-Wshadow", "-Wstrict-prototypes",
          "-Wmissing-prototypes", "-Wno-unused-parameter",
          "-I" + os.path.join(ROOT, "include"), "-I" + os.path.join(ROOT, "src/user/lib")]
MEMORY_ONLY = {"memcmp", "memcpy", "memmove", "memset", "strcmp", "strlen", "strnlen", "snprintf", "vsnprintf"}
MIN_SOURCES = 8

t = Tap()
sources = sorted(glob.glob(os.path.join(LIB, "*.c")))
t.ok(len(sources) >= MIN_SOURCES, "VIG-001 the library's sources are found", detail=repr(sources))
if shutil.which("musl-gcc") is None:
    t.skip("VIG-001 musl-gcc -static -c", "musl-gcc is not installed (Debian package musl-tools)")
    t.done()
with tempfile.TemporaryDirectory(prefix="aegis-vigil-musl-") as tmp:
    for src in sources:
        base = os.path.basename(src)
        obj = os.path.join(tmp, base + ".o")
        cc = subprocess.run(["musl-gcc"] + CFLAGS + ["-c", src, "-o", obj],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if not t.ok(cc.returncode == 0, "VIG-001 %s compiles with musl-gcc -static -c" % base,
                    detail=cc.stdout.decode(errors="replace")):
            continue
        nm = subprocess.run(["nm", "-u", obj], stdout=subprocess.PIPE, check=True).stdout.decode()
        needed = {line.split()[-1] for line in nm.splitlines() if line.strip()}
        libc = {name for name in needed if not name.startswith("vigil_")}
        t.ok(libc <= MEMORY_ONLY, "VIG-001 %s needs only memory functions from libc" % base,
             detail="not allowed: " + ", ".join(sorted(libc - MEMORY_ONLY)))
for header in sorted(glob.glob(os.path.join(LIB, "*.h"))):
    with open(header, encoding="utf-8") as f:
        text = f.read()
    bad = re.findall(r"#include <(stdio|unistd|fcntl|time|sys/[a-z]+)\.h>", text)
    t.ok(not bad, "VIG-001 %s includes no I/O header" % os.path.basename(header), detail=repr(bad))
t.done()
