#!/usr/bin/python3
"""make fuzz: run afl-fuzz on each harness in turn and summarise.

    run-afl.py --build BUILD --seconds N NAME...

For each NAME: a fresh output directory BUILD/fuzz-out/NAME, afl-fuzz on
BUILD/fuzz-afl/NAME/fuzzer with fuzz/NAME/corpus as seeds (and fuzz/NAME/dict
when present) for N seconds, its log in BUILD/fuzz-out/NAME.log. Afterwards every
crash input is copied to fuzz/NAME/crashes/ under a name derived from its
content (so a crash found twice is saved once), and one summary line per
harness gives execs, execs/s, corpus size, crashes and hangs. Exit status 1
when a run failed or any crash was found: each saved crash must become a fix
plus a regression test (fuzz/README.md), and until then `make check` fails on it.
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
AFL_ENV = {
    "AFL_NO_UI": "1",
    "AFL_SKIP_CPUFREQ": "1",
    "AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES": "1",
    "AFL_NO_AFFINITY": "1",  # other jobs may hold the cores; do not insist on one of our own
    "AFL_SKIP_CRASHES": "1",  # a seed that crashes is reported below, not a reason to refuse to start
}
# Both sanitizers must abort so AFL sees a crash; leaks are not bugs here (persistent mode).
SAN_ENV = {
    "ASAN_OPTIONS": "abort_on_error=1:symbolize=0:detect_leaks=0:allocator_may_return_null=1",
    "UBSAN_OPTIONS": "halt_on_error=1:abort_on_error=1:symbolize=0",
}
# Seconds afl-fuzz may take beyond -V to start up and write its last stats.
GRACE_SECONDS = 60


def read_stats(out_dir):
    stats = {}
    path = os.path.join(out_dir, "default", "fuzzer_stats")
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                key, _, value = line.partition(":")
                stats[key.strip()] = value.strip()
    return stats


def save_crashes(name, out_dir):
    """Copy new crash inputs into fuzz/NAME/crashes/; returns the paths saved."""
    src = os.path.join(out_dir, "default", "crashes")
    dst = os.path.join(ROOT, "fuzz", name, "crashes")
    saved = []
    if not os.path.isdir(src):
        return saved
    for fn in sorted(os.listdir(src)):
        if not fn.startswith("id:"):
            continue  # README.txt and friends
        with open(os.path.join(src, fn), "rb") as f:
            data = f.read()
        target = os.path.join(dst, "afl-%s" % hashlib.sha256(data).hexdigest()[:16])
        if os.path.exists(target):
            continue
        os.makedirs(dst, exist_ok=True)
        with open(target, "wb") as f:
            f.write(data)
        saved.append(os.path.relpath(target, ROOT))
    return saved


def run_one(name, build, seconds):
    fuzzer = os.path.join(build, "fuzz-afl", name, "fuzzer")
    corpus = os.path.join(ROOT, "fuzz", name, "corpus")
    out_dir = os.path.join(build, "fuzz-out", name)
    log = out_dir + ".log"
    if not os.path.isdir(corpus) or not os.listdir(corpus):
        return {"name": name, "error": "no seed corpus in fuzz/%s/corpus" % name}
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(os.path.dirname(out_dir), exist_ok=True)
    argv = ["afl-fuzz", "-i", corpus, "-o", out_dir, "-V", str(seconds)]
    dict_path = os.path.join(ROOT, "fuzz", name, "dict")
    if os.path.exists(dict_path):
        argv += ["-x", dict_path]
    argv += ["--", fuzzer]
    env = dict(os.environ)
    env.update(AFL_ENV)
    env.update(SAN_ENV)
    print("[fuzz] %s: afl-fuzz for %d s (log: %s)" % (name, seconds, log), flush=True)
    with open(log, "w") as f:
        try:
            rc = subprocess.run(argv, stdout=f, stderr=subprocess.STDOUT, env=env, cwd=ROOT,
                                timeout=seconds + GRACE_SECONDS).returncode
        except subprocess.TimeoutExpired:
            rc = -9
    stats = read_stats(out_dir)
    result = {"name": name, "rc": rc, "stats": stats, "saved": save_crashes(name, out_dir)}
    if not stats:
        result["error"] = "afl-fuzz exited with %d and wrote no stats; see %s" % (rc, log)
    return result


def summarise(results):
    print("\n%-16s %12s %10s %8s %8s %6s" % ("harness", "execs", "execs/s", "corpus", "crashes", "hangs"))
    failed = False
    for r in results:
        if "error" in r:
            print("%-16s ERROR: %s" % (r["name"], r["error"]))
            failed = True
            continue
        s = r["stats"]
        crashes = s.get("saved_crashes", s.get("unique_crashes", "?"))
        hangs = s.get("saved_hangs", s.get("unique_hangs", "?"))
        corpus = s.get("corpus_count", s.get("paths_total", "?"))
        print("%-16s %12s %10s %8s %8s %6s" % (r["name"], s.get("execs_done", "?"), s.get("execs_per_sec", "?"),
                                              corpus, crashes, hangs))
        if crashes not in ("0", "?") or r["saved"]:
            failed = True
    for r in results:
        for path in r.get("saved", []):
            print("[fuzz] new crash input saved: %s" % path)
    if any(r.get("saved") for r in results):
        print("[fuzz] each saved crash is now replayed by `make check` and fails it until fixed: fix the bug,\n"
              "       keep the file as a regression input, and add a unit test naming the requirement.")
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("names", nargs="+")
    args = ap.parse_args()
    results = [run_one(n, os.path.abspath(args.build), args.seconds) for n in args.names]
    return summarise(results)


if __name__ == "__main__":
    sys.exit(main())
