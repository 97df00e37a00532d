# SPDX-License-Identifier: MIT
"""Counting checks for the report acceptance scripts: each check passes or
prints "FAIL: what" on stderr; finish() prints "N passed, N failed" (the
line ctest's log is read for) and returns the exit status."""
import sys


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL:", what, file=sys.stderr)
        return ok

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0
