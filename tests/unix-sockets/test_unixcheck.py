#!/usr/bin/python3
"""AF_UNIX stream sockets through the real system calls on both builds (spec/unix-sockets.md
UNIX-060): unixcheck runs as PID 1 and prints "ok - UNIX-NNN text" lines; pid1_checks turns each
into a TAP result and adds one per build saying it reported every requirement below and passed."""
from pid1_checks import run_pid1_check

SEED = 13
IDS = {"UNIX-002", "UNIX-003", "UNIX-004", "UNIX-010", "UNIX-011", "UNIX-012", "UNIX-013", "UNIX-021",
       "UNIX-022", "UNIX-023", "UNIX-030", "UNIX-031", "UNIX-032", "UNIX-033", "UNIX-034", "UNIX-035",
       "UNIX-036", "UNIX-040", "UNIX-050", "UNIX-051", "UNIX-052"}

run_pid1_check("unixcheck", IDS, "UNIX-060", SEED)
