#!/usr/bin/python3
"""id, groups, whoami and initgroups inside Aegis, on both builds (spec/credentials.md CRED-109).

Each build boots /bin/idcheck as PID 1 with a root file system made here by tools/mkrootfs:
src/rootfs (the shipped /etc/passwd and /etc/group, CRED-100), a test policy
/etc/aegis/caps.d/idcheck granting SETUID to /bin/idcheck (a child of PID 1 uses it), and under
/test/ids/ a plain copy of idcheck (no policy matches it: the unprivileged side) and set-ID copies
of the programs.  The sim adds its initrd (the host builds of the programs); QEMU's
PVH boot carries one module, so its image also holds the musl programs in /bin.  idcheck prints
"ok - CRED-NNN text" lines; each becomes a TAP result.
"""
import os
import re
import shutil
import subprocess
import tempfile

from aegis_qemu import boot, kernel_path
from aegis_sim import BUILD, run_sim
from tap import Tap

ROOT = os.environ.get("AEGIS_ROOT", os.getcwd())
TIMEOUT = 180
STATUS_PASS = 33
SEED = 6
CHECK_LINE = re.compile(r"^(ok|not ok|skip) - (CRED-\d{3}) (.*)$")
IDCHECK_IDS = {"CRED-103", "CRED-105", "CRED-106", "CRED-107", "CRED-108"}
PROGRAMS = ["idcheck", "id", "groups", "whoami"]
POLICY = "service SETUID\n"
DHCP, HTTPD, DEV_UID, DEV_GID = 101, 102, 1000, 100
# (name in /test/ids, program, owner uid, group, mode)
COPIES = [("id-dhcp", "id", DHCP, DHCP, 0o6755), ("id-dev", "id", DEV_UID, DEV_GID, 0o6755),
          ("id-sgid", "id", 0, HTTPD, 0o2755), ("groups-sgid", "groups", 0, HTTPD, 0o2755),
          ("groups-dev", "groups", DEV_UID, DEV_GID, 0o6755), ("whoami-dhcp", "whoami", DHCP, DHCP, 0o4755),
          ("whoami-dev", "whoami", DEV_UID, DEV_GID, 0o4755), ("idcheck", "idcheck", 0, 0, 0o755)]


def make_root(tmp, flavour, with_bin):
    """A root image of src/rootfs, the test policy and the set-ID copies (and /bin when with_bin)."""
    stage = os.path.join(tmp, "stage-" + flavour)
    shutil.copytree(os.path.join(ROOT, "src", "rootfs"), stage, symlinks=True)
    with open(os.path.join(stage, "etc", "aegis", "caps.d", "idcheck"), "w") as f:
        f.write(POLICY)
    progs = os.path.join(BUILD, "user", flavour)
    ids = os.path.join(stage, "test", "ids")
    os.makedirs(ids)
    os.chmod(os.path.join(stage, "test"), 0o755)
    os.chmod(ids, 0o755)
    for name, prog, uid, gid, mode in COPIES:
        dst = os.path.join(ids, name)
        shutil.copy(os.path.join(progs, prog), dst)
        os.chown(dst, uid, gid)
        os.chmod(dst, mode)
    if with_bin:
        os.makedirs(os.path.join(stage, "bin"), mode=0o755)
        for prog in PROGRAMS:
            shutil.copy(os.path.join(progs, prog), os.path.join(stage, "bin", prog))
            os.chmod(os.path.join(stage, "bin", prog), 0o755)
    image = os.path.join(tmp, "root-%s.img" % flavour)
    subprocess.run([os.path.join(ROOT, "tools", "mkrootfs"), stage, image], check=True)
    return image


def report(t, build, run, stderr=""):
    found = [m.groups() for m in map(CHECK_LINE.match, run.lines) if m]
    for verdict, req, text in found:
        name = "%s %s: %s" % (req, build, text)
        if verdict == "skip":
            t.skip(name, text.split(": ")[-1])
        else:
            t.ok(verdict == "ok", name, detail=text)
    seen = {req for _, req, _ in found}
    privileged = any(req == "CRED-109" and verdict == "ok" and text.startswith("the privileged side passed")
                     for verdict, req, text in found)
    t.ok(IDCHECK_IDS <= seen and privileged and run.status == STATUS_PASS,
         "CRED-109 %s: idcheck reported every requirement, its privileged side passed, and it passed" % build,
         detail="missing %s status %r\n%s\n%s" % (sorted(IDCHECK_IDS - seen), run.status, "\n".join(run.lines[-30:]),
                                                stderr[-2000:]))


t = Tap()
with tempfile.TemporaryDirectory(prefix="aegis-ids-") as tmp:
    cmdline = "init=/bin/idcheck test=init"
    sim_root = make_root(tmp, "sim", False)
    r = run_sim(cmdline=cmdline, seed=SEED, timeout=TIMEOUT,
                args=["--module", sim_root + ",rootfs", "--module", os.path.join(BUILD, "initrd-sim.cpio") + ",initrd"])
    report(t, "sim", r, r.stderr)
    t.ok("ERROR: AddressSanitizer" not in r.stderr and "runtime error" not in r.stderr + r.stdout,
         "CRED-109 sim: no sanitizer report from the kernel or any program", detail=r.stderr[-3000:])
    kernel = kernel_path()
    if not os.path.exists(kernel):
        t.ok(False, "CRED-109 qemu: the kernel is built", detail=kernel)
    else:
        report(t, "qemu", boot(kernel=kernel, cmdline=cmdline, module=make_root(tmp, "musl", True), timeout=TIMEOUT))
t.done()
