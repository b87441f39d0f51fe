#!/usr/bin/python3
"""DHCP-001: the DHCP core builds with musl-gcc -static and calls nothing that does I/O
(tools/pylib/userland_purity.py)."""
import glob
import os

from tap import Tap
from userland_purity import ROOT, check_pure_library

LIB = os.path.join(ROOT, "src/user/lib/dhcp")
t = Tap()
check_pure_library(t, "DHCP-001", sorted(glob.glob(os.path.join(LIB, "*.c"))), ("dhcp_",),
                   headers=sorted(glob.glob(os.path.join(LIB, "*.h"))), min_sources=5)
t.done()
