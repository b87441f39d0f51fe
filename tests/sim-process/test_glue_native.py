#!/usr/bin/python3
"""The glue's QEMU transport (src/user/lib/glue/glue_call.x86_64.c), spec/sim-process.md SIMP-002.

It compiles with musl-gcc -static and the project's warning flags, leaves no
symbol undefined (it is the syscall instruction and nothing else), and, linked
into a small static program, makes real Linux system calls on this host with
all six argument registers (the kernel ABI Aegis speaks is Linux's).
"""
import os
import shutil
import subprocess
import tempfile

from tap import Tap

ROOT = os.environ.get("AEGIS_ROOT", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
FLAGS = ["-static", "-std=c11", "-O2", "-Wall", "-Wextra", "-Werror", "-Wshadow", "-Wstrict-prototypes",
         "-Wmissing-prototypes", "-I" + os.path.join(ROOT, "src/user/lib"), "-I" + os.path.join(ROOT, "include")]
GLUE = os.path.join(ROOT, "src/user/lib/glue/glue_call.x86_64.c")
PROG = os.path.join(ROOT, "tests/sim-process/native/glue_native.c")
NATIVE_OK = 7

t = Tap()
if shutil.which("musl-gcc") is None:
    t.skip("SIMP-002 the x86_64 glue builds with musl-gcc -static", "musl-gcc is not installed (package musl-tools)")
    t.done()
with tempfile.TemporaryDirectory(prefix="aegis-glue-") as tmp:
    obj = os.path.join(tmp, "glue.o")
    p = subprocess.run(["musl-gcc"] + FLAGS + ["-c", GLUE, "-o", obj], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    if t.ok(p.returncode == 0, "SIMP-002 glue_call.x86_64.c compiles with musl-gcc -static",
            detail=p.stdout.decode(errors="replace")):
        nm = subprocess.run(["nm", "-u", obj], stdout=subprocess.PIPE).stdout.decode().split()
        t.ok(nm == [], "SIMP-002 the x86_64 glue needs no libc symbol", detail="undefined: %s" % nm)
        dis = subprocess.run(["objdump", "-d", obj], stdout=subprocess.PIPE).stdout.decode()
        t.ok("\tsyscall" in dis, "SIMP-002 the x86_64 glue executes the syscall instruction", detail=dis)
    exe = os.path.join(tmp, "glue_native")
    p = subprocess.run(["musl-gcc"] + FLAGS + [PROG, GLUE, "-o", exe], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    if t.ok(p.returncode == 0, "SIMP-002 a static musl program links with the x86_64 glue",
            detail=p.stdout.decode(errors="replace")):
        run = subprocess.run([exe], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30)
        t.ok(run.returncode == NATIVE_OK,
             "SIMP-002 getpid, write, -EFAULT and a six-argument mmap through the glue on Linux",
             detail="exit status %d, output %r" % (run.returncode, run.stdout))
        t.ok(run.stdout == b"native-ok\n", "SIMP-002 the glue's write reached standard output",
             detail=repr(run.stdout))
t.done()
