#!/usr/bin/python3
"""Pseudo-terminals end to end (spec/tty.md TTY-110..TTY-117): ptycheck as PID 1 on both builds,
each check line a TAP result (pid1_checks.py); TTY-117 says it reported every requirement."""
from pid1_checks import run_pid1_check

run_pid1_check("ptycheck", {"TTY-110", "TTY-111", "TTY-112", "TTY-113", "TTY-114", "TTY-115", "TTY-116", "TTY-117"},
               "TTY-117", seed=5)
