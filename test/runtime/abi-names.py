#!/usr/bin/env python3
# ===- test/runtime/abi-names.py - RuntimeAbi.def against the header -------===#
#
# Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
#
# ===----------------------------------------------------------------------===#
#
# The printer spells runtime entities only through rewriter/lib/RuntimeAbi.def.
# This checks the list against the runtime header, by name: every
# `::cxxdefer::detail::NAME` in the list is declared in
# runtime/include/cxxdefer/ (a struct, class, function, alias or variable of
# that name in namespace detail), every macro in the list is #defined there,
# and the rewriter's AbiVersion (rewriter/lib/Print.h) equals the header's
# CXXDEFER_ABI_VERSION. Each mismatch is named on a line of its own.
#
# usage: abi-names.py REPO_ROOT
#
# ===----------------------------------------------------------------------===#

import glob
import os
import re
import sys


def main():
    root = sys.argv[1]
    abi = open(os.path.join(root, "rewriter/lib/RuntimeAbi.def")).read()
    spellings = re.findall(r'CXXDEFER_ABI\(\s*(\w+),\s*"([^"]+)"\)', abi)
    headers = ""
    for path in sorted(glob.glob(os.path.join(root, "runtime/include/cxxdefer/*.h"))):
        headers += open(path).read()
    errors = []
    for ident, spelling in spellings:
        if spelling.startswith("::cxxdefer::detail::"):
            name = spelling[len("::cxxdefer::detail::"):]
            declared = re.search(
                r"(struct|class|using|CXXDEFER_GLUE|inline|constexpr|auto|void|"
                r"bool)\b[^;{]*\b" + re.escape(name) + r"\b\s*[<({=;:]", headers)
            if not declared:
                errors.append("RuntimeAbi.def %s names %s, which "
                              "runtime/include/cxxdefer/ does not declare"
                              % (ident, spelling))
        elif re.fullmatch(r"[A-Z_]+", spelling):
            if not re.search(r"#\s*define\s+" + spelling + r"\b", headers):
                errors.append("RuntimeAbi.def %s names macro %s, which "
                              "runtime/include/cxxdefer/ does not define"
                              % (ident, spelling))
        else:
            errors.append("RuntimeAbi.def %s: %s is neither "
                          "::cxxdefer::detail::NAME nor a macro"
                          % (ident, spelling))
    printer = open(os.path.join(root, "rewriter/lib/Print.h")).read()
    config = open(os.path.join(root, "runtime/include/cxxdefer/config.h")).read()
    ours = re.search(r"AbiVersion = (\d+);", printer)
    theirs = re.search(r"#define CXXDEFER_ABI_VERSION (\d+)", config)
    if not ours or not theirs or ours.group(1) != theirs.group(1):
        errors.append("the rewriter writes ABI version %s, the header is "
                      "version %s" % (ours and ours.group(1),
                                      theirs and theirs.group(1)))
    for e in errors:
        print("abi-names: " + e)
    print("abi-names: %d names, %d mismatches" % (len(spellings), len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
