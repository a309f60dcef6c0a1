#!/usr/bin/env python3
# ===- test/fuzz/fuzz.py - differential fuzzer: cxxdefer against Go -------===#
#
# Generates random program pairs (C++ with cxxdefer, the same program in Go),
# builds the C++ half through the plugin and the batch tool in several
# configurations, and checks that it prints exactly what Go prints. See
# docs/fuzzing.md, or run with --help. scripts/fuzz.sh is the usual way in.
#
# ===----------------------------------------------------------------------===#

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True

from deferfuzz import cli  # noqa: E402

if __name__ == "__main__":
    sys.exit(cli.main())
