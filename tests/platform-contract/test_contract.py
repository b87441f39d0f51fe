#!/usr/bin/python3
"""Structural checks of the platform seam (spec/platform-contract.md)."""
import glob
import os
import re
import subprocess

from tap import Tap

ROOT = os.environ.get("AEGIS_ROOT", os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
BUILD = os.environ.get("AEGIS_BUILD", os.path.join(ROOT, "build"))
BLOCK_MEMORY = {"memcpy", "memmove", "memset", "memcmp"}

t = Tap()


def contract_functions():
    text = open(os.path.join(ROOT, "src/kernel/platform.h")).read()
    return sorted(set(re.findall(r"\b(platform_[a-z0-9_]+)\s*\(", text)) - {"platform_result_t"})


def nm_symbols(path, flags):
    out = subprocess.run(["nm", flags, path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.decode()
    syms = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2 and not line.endswith(":"):
            syms.add(parts[-1])
    return syms


funcs = contract_functions()
t.ok(len(funcs) >= 20, "PLAT-001 platform.h declares the contract (%d functions)" % len(funcs))

sim_lib = os.path.join(BUILD, "sim/libsimplatform.a")
sim_defined = nm_symbols(sim_lib, "--defined-only") if os.path.exists(sim_lib) else set()
missing = [f for f in funcs if f not in sim_defined]
t.ok(os.path.exists(sim_lib) and not missing, "PLAT-001 the simulator defines every contract function",
     detail="missing: %s" % missing)

elf = os.path.join(BUILD, "kernel/aegis.elf")
if os.path.exists(elf):
    k_defined = nm_symbols(elf, "--defined-only")
    missing = [f for f in funcs if f not in k_defined]
    t.ok(not missing, "PLAT-001 the x86_64 kernel defines every contract function", detail="missing: %s" % missing)
else:
    t.ok(False, "PLAT-001 the x86_64 kernel defines every contract function", detail="%s not built" % elf)

conditional = re.compile(r"^\s*#\s*(if|ifdef|ifndef|elif)\b")
offenders = []
for path in sorted(glob.glob(os.path.join(ROOT, "src/kernel/**/*.c"), recursive=True)):
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if conditional.match(line):
            offenders.append("%s:%d: %s" % (os.path.relpath(path, ROOT), n, line.strip()))
t.ok(not offenders, "PLAT-002 no preprocessor conditionals in kernel .c files", detail="\n".join(offenders))

# PLAT-003: what the sim build of the kernel needs from outside itself.
lib = os.path.join(BUILD, "sim/libkernel.a")
if os.path.exists(lib):
    undefined = nm_symbols(lib, "--undefined-only")
    defined = nm_symbols(lib, "--defined-only")
    allowed = re.compile(r"^(platform_|kernel_|__asan|__ubsan|__gcov|__sanitizer|_GLOBAL_OFFSET_TABLE_)")
    foreign = sorted(s for s in undefined - defined if not allowed.match(s) and s not in BLOCK_MEMORY)
    t.ok(not foreign, "PLAT-003 the kernel calls no C library function", detail="foreign symbols: %s" % foreign)
else:
    t.ok(False, "PLAT-003 the kernel calls no C library function", detail="%s not built" % lib)

# PLAT-004: portable kernel objects of the freestanding build call into the arch only through the contract.
obj_dir = os.path.join(BUILD, "kernel/obj/src/kernel")
objs = sorted(glob.glob(os.path.join(obj_dir, "**/*.o"), recursive=True))
if objs:
    undefined, defined = set(), set()
    for o in objs:
        undefined |= nm_symbols(o, "--undefined-only")
        defined |= nm_symbols(o, "--defined-only")
    outside = sorted(s for s in undefined - defined if not s.startswith("platform_") and s not in BLOCK_MEMORY)
    t.ok(not outside, "PLAT-004 portable kernel objects reach the arch only through the contract",
         detail="other symbols: %s" % outside)
else:
    t.ok(False, "PLAT-004 portable kernel objects reach the arch only through the contract",
         detail="no objects under %s" % obj_dir)

t.done()
