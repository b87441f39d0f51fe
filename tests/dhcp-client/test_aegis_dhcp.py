#!/usr/bin/python3
"""/bin/dhcp as PID 1 on both builds (spec/dhcp-client.md DHCP-070, DHCP-020, DHCP-061): neither
build has a NIC driver, so netcfg op 1 answers ENODEV and the program must print the seeds' line
"[DHCP] no network interface, exiting" and exit 0 (a test=init PASS), with no other [DHCP] line."""
from pid1_boot import STATUS_PASS, pid1_runs, sanitizer_clean
from tap import Tap

SEED = 9
MESSAGE = "[DHCP] no network interface, exiting"

t = Tap()
for build, run in pid1_runs("dhcp", SEED):
    if run is None:
        t.ok(False, "DHCP-070 %s: the kernel and initrd are built" % build)
        continue
    dhcp_lines = [line for line in run.lines if line.startswith("[DHCP]")]
    t.ok(dhcp_lines == [MESSAGE], "DHCP-070 DHCP-020 %s: /bin/dhcp without an interface says so once" % build,
         detail="\n".join(run.lines[-20:]))
    t.ok(run.status == STATUS_PASS and "[INIT] PID 1 exited with status 0x0" in run.lines,
         "DHCP-061 %s: and exits with status 0" % build, detail="status %r\n%s" % (run.status, "\n".join(run.lines[-10:])))
    if build == "sim":
        t.ok(sanitizer_clean(run), "DHCP-070 sim: no sanitizer report from the kernel or /bin/dhcp",
             detail=run.stderr[-3000:])
t.done()
