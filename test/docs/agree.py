#!/usr/bin/env python3
# ===- test/docs/agree.py - The docs against the lists they describe -------===#
#
# Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
#
# ===----------------------------------------------------------------------===#
#
# Options and diagnostics each have one list in the code
# (rewriter/include/cxxdefer/Options.def, Diagnostics.def); the docs must
# not drift from them. This checks, naming each mismatch:
#
#   - every option of Options.def is in the README's table, for the plugin
#     (-fplugin-arg-cxxdefer-NAME) and the batch tool (--NAME), and in the
#     batch tool's --help;
#   - every warning flag of Diagnostics.def is in the user guide;
#   - every relative link in README.md and docs/*.md names a file of the
#     repository (no link leaves it).
#
# usage: agree.py REPO_ROOT CXXDEFER_TOOL
#
# ===----------------------------------------------------------------------===#

import glob
import os
import re
import subprocess
import sys


def main():
    root, tool = sys.argv[1], sys.argv[2]
    read = lambda path: open(os.path.join(root, path)).read()
    readme = read("README.md")
    guide = read("docs/user-guide.md")
    help_text = subprocess.run([tool, "--help"], capture_output=True,
                               text=True).stdout
    errors = []

    options = re.findall(r'CXXDEFER_OPTION\(\s*\w+,\s*(\w+),\s*"([^"]+)"',
                         read("rewriter/include/cxxdefer/Options.def"))
    for kind, name in options:
        if "-fplugin-arg-cxxdefer-" + name not in readme:
            errors.append("option %s: README has no -fplugin-arg-cxxdefer-%s"
                          % (name, name))
        if "`--" + name not in readme:
            errors.append("option %s: README has no --%s" % (name, name))
        if "--" + name not in help_text:
            errors.append("option %s: cxxdefer --help does not list --%s"
                          % (name, name))

    diags = re.findall(r'CXXDEFER_DIAG\(\s*(\w+),\s*Warning,\s*"([^"]+)"',
                       read("rewriter/include/cxxdefer/Diagnostics.def"))
    for ident, flag in diags:
        if "-W" + flag not in guide:
            errors.append("warning %s: the user guide does not name -W%s"
                          % (ident, flag))

    docs = ["README.md"] + sorted(
        os.path.relpath(p, root) for p in glob.glob(os.path.join(root, "docs/*.md")))
    for doc in docs:
        text = read(doc)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            path = os.path.normpath(os.path.join(
                os.path.dirname(os.path.join(root, doc)), target.split("#")[0]))
            if not path.startswith(os.path.abspath(root) + os.sep) and \
                    not path.startswith(os.path.normpath(root) + os.sep):
                errors.append("%s: link %s leaves the repository" % (doc, target))
            elif not os.path.exists(path):
                errors.append("%s: link %s names no file" % (doc, target))

    for e in errors:
        print("agree: " + e)
    print("agree: %d options, %d warning flags, %d documents, %d mismatches"
          % (len(options), len(diags), len(docs), len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
