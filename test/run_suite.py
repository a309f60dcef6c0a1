#!/usr/bin/env python3
# ===- test/run_suite.py - the whole suite: once as is, twice per tier ----===#
#
# SPEC 4 promises that every rule of sections 2 and 3 holds in every tier,
# so the semantic tests (rewriter/, tiers/, recover/, errdefer/) run three
# times: with Go's classification, then with every defer forced into the
# stack tier, then into the heap tier (lit --param force_tier=...; see lit.cfg.py).
# Every run is made even when an earlier one fails, so the log has all the
# counts; the exit status is the first failure's.
#
# usage: run_suite.py LIT_PY EXEC_ROOT [LIT_ARGS...]
#
# ===----------------------------------------------------------------------===#

import os
import subprocess
import sys

TIER_DIRS = ["rewriter", "tiers", "recover", "errdefer"]


def main():
    lit, exec_root, lit_args = sys.argv[1], sys.argv[2], sys.argv[3:]
    runs = [[exec_root]]
    for tier in ("stack", "heap"):
        here = os.path.dirname(os.path.abspath(__file__))
        dirs = [os.path.join(exec_root, d) for d in TIER_DIRS
                if os.path.isdir(os.path.join(here, d))]
        runs.append(["--param", "force_tier=" + tier] + dirs)
    status = 0
    for run in runs:
        sys.stdout.flush()
        rc = subprocess.call([sys.executable, lit] + lit_args + run)
        status = status or rc
    return status


if __name__ == "__main__":
    sys.exit(main())
