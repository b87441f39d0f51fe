"""TAP output for Python system tests (see tests/README.md).

    t = Tap()
    t.ok(cond, "BOOT-003 markers in order", detail="...")
    t.skip("BOOT-009 QEMU boot", "qemu-system-x86_64 not installed")
    t.done()          # prints the plan and exits 1 if anything failed
"""
import sys


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, detail=None):
        self.n += 1
        print(("ok" if cond else "not ok") + " %d - %s" % (self.n, name), flush=True)
        if not cond:
            self.failed += 1
            if detail:
                for line in str(detail).splitlines()[-40:]:
                    print("#   " + line)
        return cond

    def skip(self, name, reason):
        self.n += 1
        print("ok %d - %s # SKIP %s" % (self.n, name, reason), flush=True)

    def done(self):
        print("1..%d" % self.n, flush=True)
        sys.exit(1 if self.failed else 0)
