#!/usr/bin/python3
"""The DHCP core builds with musl-gcc -static and calls nothing that does I/O (DHCP-001).

Each src/user/lib/dhcp/*.c is compiled with musl-gcc -static -c and the project's
warning flags; the symbols each object leaves undefined must all be pure memory or
formatting functions of libc. A call to anything else (read, sendto, time, printf
to a stream, malloc...) fails the test and names the symbol.
"""
import glob
import os
import shutil
import subprocess
import tempfile

from tap import Tap

ROOT = os.environ.get("AEGIS_ROOT", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
FLAGS = ["-static", "-std=c11", "-O2", "-Wall", "-Wextra", "-Werror", "-Wshadow", "-Wstrict-prototypes",
         "-Wmissing-prototypes", "-I" + os.path.join(ROOT, "src/user/lib"), "-I" + os.path.join(ROOT, "include")]
PURE = {"memcpy", "memset", "memcmp", "memchr", "memmove", "strlen", "strnlen", "snprintf", "vsnprintf"}

t = Tap()
sources = sorted(glob.glob(os.path.join(ROOT, "src/user/lib/dhcp/*.c")))
if shutil.which("musl-gcc") is None:
    t.skip("DHCP-001 core builds with musl-gcc -static", "musl-gcc is not installed (package musl-tools)")
    t.done()
t.ok(len(sources) >= 5, "DHCP-001 the core's sources are there", detail="found %r" % sources)
with tempfile.TemporaryDirectory(prefix="aegis-dhcp-musl-") as tmp:
    for src in sources:
        name = os.path.basename(src)
        obj = os.path.join(tmp, name + ".o")
        p = subprocess.run(["musl-gcc"] + FLAGS + ["-c", src, "-o", obj], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
        if not t.ok(p.returncode == 0, "DHCP-001 %s compiles with musl-gcc -static" % name,
                    detail=p.stdout.decode(errors="replace")):
            continue
        nm = subprocess.run(["nm", "-u", obj], stdout=subprocess.PIPE).stdout.decode()
        undefined = {line.split()[-1] for line in nm.splitlines() if line.strip()}
        libc = {s for s in undefined if not s.startswith("dhcp_")}
        t.ok(libc <= PURE, "DHCP-001 %s calls no libc function that does I/O" % name,
             detail="not allowed: %s" % ", ".join(sorted(libc - PURE)))
t.done()
