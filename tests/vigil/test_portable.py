#!/usr/bin/python3
"""VIG-001: the Vigil library is pure: it builds with musl-gcc -static and needs only memory
functions from libc (tools/pylib/userland_purity.py); its headers include no I/O header."""
import glob
import os

from tap import Tap
from userland_purity import ROOT, check_pure_library

LIB = os.path.join(ROOT, "src/user/lib/vigil")
t = Tap()
check_pure_library(t, "VIG-001", sorted(glob.glob(os.path.join(LIB, "*.c"))), ("vigil_",),
                   headers=sorted(glob.glob(os.path.join(LIB, "*.h"))), min_sources=8)
t.done()
