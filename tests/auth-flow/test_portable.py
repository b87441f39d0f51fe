#!/usr/bin/python3
"""AUTH-006: libauth and the crypto code build for Aegis userland and do no I/O: each builds
with musl-gcc -static and needs only memory functions from libc (tools/pylib/userland_purity.py)."""
import glob
import os

from tap import Tap
from userland_purity import ROOT, check_pure_library

LIBS = [os.path.join(ROOT, "src/user/lib", d) for d in ("libauth", "crypto")]
t = Tap()
check_pure_library(t, "AUTH-006", sorted(sum((glob.glob(os.path.join(d, "*.c")) for d in LIBS), [])),
                   ("auth_", "crypto_"), headers=sorted(sum((glob.glob(os.path.join(d, "*.h")) for d in LIBS), [])),
                   min_sources=15)
t.done()
