#!/usr/bin/python3
"""libauth and the crypto code build for Aegis userland and do no I/O (spec/auth-flow.md AUTH-006).

Each src/user/lib/libauth/*.c and src/user/lib/crypto/*.c is compiled with
musl-gcc -static -c and the project's warning flags; every libc symbol an object
leaves undefined must be a pure memory, string or formatting function. A call to
anything else (open, read, time, malloc, printf to a stream, crypt...) fails and
names the symbol.
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
PURE = {"memcpy", "memset", "memcmp", "memchr", "memmove", "strlen", "strcmp", "snprintf", "vsnprintf"}
OWN_PREFIXES = ("auth_", "crypto_")

t = Tap()
sources = sorted(glob.glob(os.path.join(ROOT, "src/user/lib/libauth/*.c")) +
                 glob.glob(os.path.join(ROOT, "src/user/lib/crypto/*.c")))
if shutil.which("musl-gcc") is None:
    t.skip("AUTH-006 libauth builds with musl-gcc -static", "musl-gcc is not installed (package musl-tools)")
    t.done()
t.ok(len(sources) >= 15, "AUTH-006 the sources are there", detail="found %r" % sources)
with tempfile.TemporaryDirectory(prefix="aegis-auth-musl-") as tmp:
    for src in sources:
        name = os.path.relpath(src, os.path.join(ROOT, "src/user/lib"))
        obj = os.path.join(tmp, name.replace("/", "_") + ".o")
        p = subprocess.run(["musl-gcc"] + FLAGS + ["-c", src, "-o", obj], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
        if not t.ok(p.returncode == 0, "AUTH-006 %s compiles with musl-gcc -static" % name,
                    detail=p.stdout.decode(errors="replace")):
            continue
        nm = subprocess.run(["nm", "-u", obj], stdout=subprocess.PIPE).stdout.decode()
        undefined = {line.split()[-1] for line in nm.splitlines() if line.strip()}
        libc = {s for s in undefined if not s.startswith(OWN_PREFIXES)}
        t.ok(libc <= PURE, "AUTH-006 %s calls no libc function that does I/O" % name,
             detail="not allowed: %s" % ", ".join(sorted(libc - PURE)))
t.done()
