#!/usr/bin/env python3
# ===- test/check_cxxdefer.py - one semantic test, three ways ------------===#
#
# Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
#
# ===----------------------------------------------------------------------===#
#
# What %check_cxxdefer runs (modelled on clang-tidy's check_clang_tidy.py).
# A semantic test is a program with expectations in comments:
#
#   // CHECK: ...   the batch tool's rewritten text (checked for the first
#                   language mode only, and only with Go's classification:
#                   a forced tier rewrites differently)
#   // EXEC: ...    what the program prints, whichever way it was built
#
# and for every language mode the test names (--std, default c++14, c++17
# and c++20) it rewrites the source with the batch tool, compiles the text
# with clang++-19 under -Wall -Wextra -Werror and only the runtime's
# include directory, runs the program and FileChecks its output. In one of
# them - C++17 when the test runs it (the CHECK lines are written for its
# braced forms), else its first - it also:
#
#   - FileChecks the rewritten text;
#   - compiles it with g++ the same way, runs and checks it;
#   - compiles the source with the plugin, runs and checks it.
#
# (The plugin and the tool share the core, and GCC's parse of the forms of
# every mode is the business of test/runtime/; this keeps the suite within
# its time. --all-ways builds every way in every mode.)
#
# Under a forced tier (lit --param force_tier=stack|heap) only the newest
# language mode the test names is built: the tiers' semantics do not depend
# on it, and the suite runs three times.
#
# usage: check_cxxdefer.py [options] SOURCE TMP [-- EXTRA_COMPILE_FLAGS...]
#
# ===----------------------------------------------------------------------===#

import argparse
import os
import re
import shutil
import subprocess
import sys


def run(cmd, what, stdin=None):
    proc = subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)
    if proc.returncode != 0:
        print("check_cxxdefer: %s failed (exit %d):\n$ %s" %
              (what, proc.returncode, " ".join(cmd)))
        sys.stdout.write(proc.stdout.decode(errors="replace"))
        sys.stdout.write(proc.stderr.decode(errors="replace"))
        sys.exit(1)
    return proc.stdout


def filecheck(args, source, prefix, text, what):
    run([args.filecheck, source, "--check-prefix=" + prefix], what,
        stdin=text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", required=True)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--clangxx", required=True)
    parser.add_argument("--gxx", default="")
    parser.add_argument("--include", required=True)
    parser.add_argument("--filecheck", required=True)
    parser.add_argument("--tier", default="go")
    parser.add_argument("--std", default="c++14,c++17,c++20",
                        help="language modes, comma-separated")
    parser.add_argument("--no-gcc", action="store_true",
                        help="the construct is Clang-only")
    parser.add_argument("--exec-prefix", default="EXEC")
    parser.add_argument("--no-text", action="store_true",
                        help="do not check the rewritten text")
    parser.add_argument("--all-ways", action="store_true",
                        help="g++ and the plugin in every mode too")
    parser.add_argument("source")
    parser.add_argument("tmp")
    parser.add_argument("extra", nargs="*",
                        help="after --: flags for every compile")
    args = parser.parse_args()

    stds = args.std.split(",")
    if args.tier != "go":
        stds = stds[-1:]
    text_std = "c++17" if "c++17" in stds else stds[0]
    with open(args.source, encoding="utf-8") as f:
        text = f.read()
    has_text_checks = re.search(r"^\s*//\s*CHECK(-[A-Z]+)?:", text, re.M)
    has_exec_checks = re.search(
        r"^\s*//\s*%s(-[A-Z]+)?:" % re.escape(args.exec_prefix), text, re.M)
    tier_tool = [] if args.tier == "go" else ["--force-tier=" + args.tier]
    tier_plugin = ([] if args.tier == "go" else
                   ["-fplugin-arg-cxxdefer-force-tier=" + args.tier])
    source_dir = os.path.dirname(os.path.abspath(args.source))
    warnings = ["-Wall", "-Wextra", "-Werror"]

    def execute(binary, what):
        out = run([binary], what + " (run)")
        if has_exec_checks:
            filecheck(args, args.source, args.exec_prefix, out, what)

    for std in stds:
        base = "%s.%s" % (args.tmp, std.replace("+", "x"))
        # The rewritten tree: the test and every user header it rewrote
        # (test/*/Inputs), mirrored under base.d, found before the originals.
        # The test's Inputs are copied first, so that a rewritten header
        # finds the unchanged headers beside it.
        out_dir = base + ".d"
        shutil.rmtree(out_dir, ignore_errors=True)
        inputs = os.path.join(source_dir, "Inputs")
        if os.path.isdir(inputs):
            shutil.copytree(inputs, os.path.join(out_dir, "Inputs"))
        run([args.tool] + tier_tool +
            ["-q", "--out-dir=" + out_dir, "--root=" + source_dir,
             args.source, "--", "-std=" + std, "-I", source_dir] + args.extra,
            "cxxdefer -std=" + std)
        main = os.path.join(out_dir, os.path.basename(args.source))
        if not os.path.exists(main):
            main = args.source
        with open(main, "rb") as f:
            rewritten = f.read()
        with open(base + ".cpp", "wb") as f:
            f.write(rewritten)
        main_mode = std == text_std or args.all_ways
        if (std == text_std and args.tier == "go" and has_text_checks and
                not args.no_text):
            filecheck(args, args.source, "CHECK", rewritten,
                      "the rewritten text")
        # A copied header's includes relative to its own directory
        # (recover/Inputs/panic.h: "../../rewriter/Inputs/trace.h") are
        # found from the original Inputs directory, last.
        include_dirs = ["-I", args.include, "-I", out_dir, "-I", source_dir]
        if os.path.isdir(inputs):
            include_dirs += ["-I", inputs]
        compilers = [("clang", args.clangxx)]
        if args.gxx and not args.no_gcc and main_mode:
            compilers.append(("gcc", args.gxx))
        for name, cxx in compilers:
            binary = "%s.%s" % (base, name)
            run([cxx, "-std=" + std] + warnings + include_dirs + [main] +
                args.extra + ["-o", binary],
                "%s -std=%s on the rewritten text" % (name, std))
            execute(binary, "%s -std=%s" % (name, std))
        if not main_mode:
            continue
        binary = base + ".plugin"
        run([args.clangxx, "-fplugin=" + args.plugin] + tier_plugin +
            ["-std=" + std] + warnings + [args.source] + args.extra +
            ["-o", binary], "the plugin -std=" + std)
        execute(binary, "the plugin -std=" + std)
    return 0


if __name__ == "__main__":
    sys.exit(main())
