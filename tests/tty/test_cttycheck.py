#!/usr/bin/python3
"""Controlling terminals and sessions end to end (spec/tty.md TTY-120..TTY-130): cttycheck as PID 1
on both builds, each check line a TAP result (pid1_checks.py); TTY-130 says it reported every
requirement and passed."""
from pid1_checks import run_pid1_check

run_pid1_check("cttycheck", {"TTY-120", "TTY-121", "TTY-122", "TTY-123", "TTY-124", "TTY-125", "TTY-126", "TTY-127",
                             "TTY-128", "TTY-129"}, "TTY-130", seed=6)
