#!/usr/bin/python3
"""Crash safety of ext2 in the sim (spec/filesystems.md FS-140..FS-145).

fscrash writes rounds of files on disk0 (/mnt) and reports each round it synced. The test counts
the device writes N of a full run, then cuts the disk after K writes for many K (seeded by
AEGIS_TEST_SEED, printed): e2fsck -fy must repair what is left, e2fsck -fn must then find it
clean, every file of every synced round must read back byte for byte with debugfs, and a second
boot with the repaired image (fscrash verify) must read those rounds back intact through the VFS.
"""
import os
import random
import re
import shutil
import subprocess
import tempfile

from aegis_sim import boot_modules, run_sim
from tap import Tap

STATUS_PASS = 33
SIM_SEED = 5
DEFAULT_TEST_SEED = 1
IMAGE_MIB = 16
RANDOM_CUTS = 14
FIRST_GUESS = 256
UNLIMITED = 1 << 40
SIM_TIMEOUT = 60
ROUNDS = 6
FILES = 4
BASE = [1025, 6000, 40000, 150000]
STEP = [37, 1111, 9000, 60000]
E2FSCK = "/sbin/e2fsck"
DEBUGFS = "/sbin/debugfs"
SANITIZER = ("ERROR: AddressSanitizer", "runtime error:", "ERROR: LeakSanitizer")
SYNCED = re.compile(r"^fscrash: round (\d+) synced$")
STOPPED = re.compile(r"^fscrash: (stopped after (\d+) synced rounds|all 6 rounds synced)$")
INTACT = re.compile(r"^fscrash: verify round (\d+) intact$")
VERIFY_DONE = re.compile(r"^fscrash: verify done, (\d+) of 6 rounds intact$")


def content(r, i):
    """The bytes of file f<i> of round r (src/user/bin/fscrash/fc_content.c)."""
    c = r * 17 + i * 101
    return bytes(((o * 31 + c + (o >> 10)) & 0xFF) for o in range(BASE[i] + r * STEP[i]))


class Crash:
    """One writer run on a fresh copy of the pristine image, cut after k writes."""

    def __init__(self, tmp, pristine, k):
        self.k = k
        self.image = os.path.join(tmp, "cut.img")
        shutil.copyfile(pristine, self.image)
        r = run_sim(cmdline="init=/bin/fscrash test=init", seed=SIM_SEED, args=boot_modules(),
                    disks=[(self.image, k)], timeout=SIM_TIMEOUT)
        self.run = r
        self.synced = [int(m.group(1)) for m in map(SYNCED.match, r.lines) if m]
        ends = [m for m in map(STOPPED.match, r.lines) if m]
        self.end = ends[-1] if len(ends) == 1 else None
        self.complete = self.end is not None and self.end.group(2) is None

    def problems(self):
        """Why this run breaks FS-140/FS-141, or an empty list."""
        why = []
        text = self.run.stdout + self.run.stderr
        if self.run.status != STATUS_PASS:
            why.append("status %r" % self.run.status)
        if any(s in text for s in SANITIZER):
            why.append("sanitizer report")
        if self.synced != list(range(len(self.synced))):
            why.append("synced rounds out of order: %r" % self.synced)
        if self.end is None:
            why.append("no single closing line")
        elif self.end.group(2) is not None and int(self.end.group(2)) != len(self.synced):
            why.append("closing line disagrees with %d synced rounds" % len(self.synced))
        elif self.complete and len(self.synced) != ROUNDS:
            why.append("all rounds claimed but %d synced" % len(self.synced))
        return why


def fsck(image, mode):
    p = subprocess.run([E2FSCK, mode, image], capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def debugfs_mismatches(image, rounds, expected):
    """Files of the given rounds whose debugfs cat differs from their content."""
    bad = []
    for r in rounds:
        for i in range(FILES):
            path = "/fscrash/r%d/f%d" % (r, i)
            got = subprocess.run([DEBUGFS, "-R", "cat %s" % path, image], capture_output=True).stdout
            if got != expected[(r, i)]:
                bad.append("%s (%d bytes, want %d)" % (path, len(got), len(expected[(r, i)])))
    return bad


def verify_in_sim(image):
    """fscrash verify on the image: (status, intact rounds, done line seen, output)."""
    r = run_sim(cmdline="init=/bin/fscrash-verify test=init", seed=SIM_SEED, args=boot_modules(),
                disks=[image], timeout=SIM_TIMEOUT)
    intact = [int(m.group(1)) for m in map(INTACT.match, r.lines) if m]
    done = any(VERIFY_DONE.match(l) for l in r.lines)
    clean = not any(s in r.stdout + r.stderr for s in SANITIZER)
    return r.status == STATUS_PASS and clean, intact, done, r.stdout[-1500:]


def count_writes(tmp, pristine):
    """N, the least K with which the writer syncs every round (doubling, then bisection)."""
    hi = FIRST_GUESS
    while not Crash(tmp, pristine, hi).complete:
        hi *= 2
        if hi > UNLIMITED:
            return None
    lo = 0 if hi == FIRST_GUESS else hi // 2   # lo: not complete (or 0)
    while lo < hi:
        mid = (lo + hi) // 2
        if Crash(tmp, pristine, mid).complete:
            hi = mid
        else:
            lo = mid + 1
    return hi


t = Tap()
if not os.path.exists(E2FSCK) or not os.path.exists(DEBUGFS):
    t.skip("FS-140 fscrash crash safety", "e2fsprogs is not installed")
    t.done()
    raise SystemExit(0)
seed = int(os.environ.get("AEGIS_TEST_SEED", DEFAULT_TEST_SEED))
print("# AEGIS_TEST_SEED=%d" % seed)
tmp = tempfile.mkdtemp(prefix="aegis-fscrash-")
try:
    pristine = os.path.join(tmp, "pristine.img")
    subprocess.run(["/sbin/mke2fs", "-q", "-F", "-t", "ext2", "-b", "1024", pristine, "%dM" % IMAGE_MIB],
                   check=True, capture_output=True)
    expected = {(r, i): content(r, i) for r in range(ROUNDS) for i in range(FILES)}

    full = Crash(tmp, pristine, UNLIMITED)
    t.ok(full.complete and not full.problems(), "FS-140 a full run syncs all six rounds and exits 0",
         detail="%s\n%s" % (full.problems(), full.run.stdout[-2000:]))
    code, report = fsck(full.image, "-fn")
    t.ok(code == 0, "FS-142 the image of a full run is clean under e2fsck -fn", detail=report)
    bad = debugfs_mismatches(full.image, range(ROUNDS), expected)
    t.ok(not bad, "FS-140 debugfs reads every file of a full run back byte for byte", detail="\n".join(bad))

    n = count_writes(tmp, pristine)
    t.ok(n is not None and n > 0, "FS-142 a full run's device writes are counted", detail="N=%r" % n)
    print("# a full run makes N=%r device writes" % n)
    n = n or 1
    rng = random.Random(seed)
    cuts = sorted(set([0, 1, n - 1, n] + [rng.randint(2, max(2, n - 2)) for _ in range(RANDOM_CUTS)]))
    print("# cuts: %s" % " ".join(map(str, cuts)))

    run_bad, fsck_bad, data_bad, verify_bad, rounds_seen = [], [], [], [], set()
    for k in cuts:
        c = Crash(tmp, pristine, k)
        if c.problems():
            run_bad.append("K=%d: %s\n%s" % (k, "; ".join(c.problems()), c.run.stdout[-800:]))
        rounds_seen.add(len(c.synced))
        fy, fy_report = fsck(c.image, "-fy")
        fn, fn_report = fsck(c.image, "-fn")
        if fy not in (0, 1, 2) or fn != 0:
            fsck_bad.append("K=%d: -fy %d, -fn %d\n%s\n%s" % (k, fy, fn, fy_report[-800:], fn_report[-800:]))
        data_bad += ["K=%d: %s" % (k, b) for b in debugfs_mismatches(c.image, c.synced, expected)]
        if c.synced:
            ok, intact, done, out = verify_in_sim(c.image)
            if not ok or not done or not set(c.synced) <= set(intact):
                verify_bad.append("K=%d: synced %r, intact %r, done %r\n%s" % (k, c.synced, intact, done, out))
    t.ok(not run_bad, "FS-141 every cut run ends with PASS, no sanitizer report and consistent round lines",
         detail="\n".join(run_bad))
    t.ok(len(rounds_seen) > 2, "FS-143 the cuts stop the writer in several different rounds",
         detail="synced counts seen: %r" % sorted(rounds_seen))
    t.ok(not fsck_bad, "FS-143 after every cut e2fsck -fy exits 0..2 and then e2fsck -fn exits 0",
         detail="\n".join(fsck_bad))
    t.ok(not data_bad, "FS-144 every file of every synced round reads back byte for byte with debugfs",
         detail="\n".join(data_bad))
    t.ok(not verify_bad, "FS-145 fscrash verify in the sim finds every synced round intact on the repaired image",
         detail="\n".join(verify_bad))
    ok, intact, done, out = verify_in_sim(full.image)
    t.ok(ok and done and intact == list(range(ROUNDS)), "FS-145 fscrash verify reads all six rounds of a full run",
         detail=out)
finally:
    shutil.rmtree(tmp, ignore_errors=True)
t.done()
