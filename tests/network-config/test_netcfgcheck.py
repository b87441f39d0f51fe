#!/usr/bin/python3
"""System call 500 on both builds, without a NIC driver (spec/network-config.md NETCFG-002,
NETCFG-010..NETCFG-012, NETCFG-020): netcfgcheck runs as PID 1 and prints "ok - NETCFG-NNN text" lines;
each becomes a TAP result, and one more per build says it reported them all and passed."""
import re

from pid1_boot import STATUS_PASS, pid1_runs, sanitizer_clean
from tap import Tap

SEED = 11
CHECK_LINE = re.compile(r"^(ok|not ok|skip) - (NETCFG-\d{3}) (.*)$")
IDS = {"NETCFG-002", "NETCFG-010", "NETCFG-011", "NETCFG-012", "NETCFG-020"}

t = Tap()
for build, run in pid1_runs("netcfgcheck", SEED):
    if run is None:
        t.ok(False, "NETCFG-002 %s: the kernel and initrd are built" % build)
        continue
    found = [m.groups() for m in map(CHECK_LINE.match, run.lines) if m]
    for verdict, req, text in found:
        t.ok(verdict == "ok", "%s %s: %s" % (req, build, text), detail=text)
    seen = {req for _, req, _ in found}
    t.ok(seen == IDS and run.status == STATUS_PASS,
         "NETCFG-002 %s: netcfgcheck reported every requirement and passed" % build,
         detail="missing %s status %r\n%s" % (sorted(IDS - seen), run.status, "\n".join(run.lines[-20:])))
    if build == "sim":
        t.ok(sanitizer_clean(run), "NETCFG-002 sim: no sanitizer report", detail=run.stderr[-3000:])
t.done()
