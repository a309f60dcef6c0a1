#!/usr/bin/env python3
# ===- test/realcode/run.py - cxxdefer on a real code base: leveldb 1.23 ----===#
#
# The lit tests check each rule on small programs written for it; this
# checks that the three ways in hold up on a real project, with its own
# build system, flags and tests. leveldb 1.23 (Debian's source package) is
# built four times, and its own test suite (30 programs, ~250 GoogleTest
# cases) runs on every build:
#
#   clang          the release tarball, clang++-19 alone: the reference.
#   plugin         the same tree with -fplugin=CxxDefer.so and no defer
#                  statement in it: every object file and every program must
#                  be byte-identical to the reference (a plugin that changes
#                  code it has nothing to do with is a bug, whatever the
#                  tests say).
#   plugin-defer   Inputs/leveldb-defer.patch applied: 31 of leveldb's own
#                  cleanup paths (unlocks, deletes, closes; in member
#                  functions, a loop, a function with 7 returns, an inline
#                  function in a header every file includes) rewritten with
#                  __defer, compiled through the plugin with -Rpass=defer.
#   tool-gcc       the patched tree configured for g++ (CMake writes the
#                  compilation database), rewritten in place by the batch
#                  tool from that database, checked to have nothing left to
#                  rewrite, then built by g++ with only the runtime header.
#
# The two patched builds must classify the same defer statements the same
# way (the plugin's remarks against the tool's summary), and find every
# defer statement the patch adds.
#
# --flags=own (the default, and CI's) builds the patched tree with
# leveldb's own flags (-fno-exceptions -fno-rtti, and -Werror
# -Wthread-safety with clang); a build error is listed by message.
# --flags=relaxed turns exceptions on and the thread-safety errors off for
# the patched builds only; see leveldb.py.
#
# Everything lives below --work-dir (default <build>/realcode): download/
# keeps the tarball and apt's index between runs (the only thing kept);
# src/, build/, logs/ and tmp/ are made anew each run. Each step prints one
# line with what it found and how long it took; the last line is
# `realcode: PASS` or `realcode: FAIL (...)`, and the exit status follows it.
#
# ===----------------------------------------------------------------------===#

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import cmakeproject  # noqa: E402
import debsource  # noqa: E402
import leveldb  # noqa: E402
import sametree  # noqa: E402

_CLASSES = ("open-coded", "stack-allocated", "heap-allocated")


def now():
    """Wall-clock time and the CPU time of finished child processes."""
    times = os.times()
    return (time.monotonic(), times.children_user + times.children_system)


class Run:
    """Prints one line per step and remembers what failed.

    Each line ends with the step's wall-clock time and the CPU time its
    commands used: on a shared machine the first depends on the load, the
    second does not.
    """

    def __init__(self):
        self.start = now()
        self.failures = []
        self.flaky = []

    def say(self, step, started, text):
        wall, cpu = now()
        print("realcode: %-13s %s [%.0f s, %.0f s CPU]"
              % (step + ":", text, wall - started[0], cpu - started[1]))
        sys.stdout.flush()

    def fail(self, step, why):
        self.failures.append("%s: %s" % (step, why))


def parse_args():
    default_build = os.environ.get("CXXDEFER_BUILD_DIR",
                                   os.path.join(REPO, "build"))
    parser = argparse.ArgumentParser(
        description="Build and test leveldb with cxxdefer's plugin and tool.")
    parser.add_argument("--flags", choices=leveldb.FLAG_MODES,
                        default="own",
                        help="flags of the patched builds (default: own)")
    parser.add_argument("--work-dir",
                        default=os.path.join(default_build, "realcode"))
    parser.add_argument("--plugin",
                        default=os.path.join(default_build, "lib", "CxxDefer.so"))
    parser.add_argument("--tool",
                        default=os.path.join(default_build, "bin", "cxxdefer"))
    parser.add_argument("--runtime-include",
                        default=os.path.join(REPO, "runtime", "include"))
    parser.add_argument("--clang", default="clang-19",
                        help="C compiler of the clang builds")
    parser.add_argument("--clangxx", default="clang++-19")
    parser.add_argument("--gcc", default="gcc")
    parser.add_argument("--gxx", default="g++")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    return parser.parse_args()


def prepare_work_dir(work):
    for sub in ("src", "build", "logs", "tmp"):
        shutil.rmtree(os.path.join(work, sub), ignore_errors=True)
        os.makedirs(os.path.join(work, sub))


def unpack(tarball, destination):
    """Unpacks the release tarball's top directory as `destination`."""
    with tarfile.open(tarball) as archive:
        members = archive.getmembers()
        for member in members:
            name = os.path.normpath(member.name)
            if name != leveldb.TOP and not name.startswith(leveldb.TOP + os.sep):
                raise RuntimeError("unexpected member %s in %s" % (name, tarball))
            if member.issym() or member.islnk():
                raise RuntimeError("link %s in %s" % (name, tarball))
        parent = os.path.dirname(destination)
        archive.extractall(parent, members)
    os.rename(os.path.join(parent, leveldb.TOP), destination)
    shutil.copytree(leveldb.OVERLAY, destination, dirs_exist_ok=True)


def apply_patch(tree, log):
    status = cmakeproject.run_logged(
        ["patch", "-p1", "--batch", "--forward", "-i", leveldb.PATCH], log,
        cwd=tree)
    if status != 0:
        raise RuntimeError("%s does not apply (see %s)" % (leveldb.PATCH, log))
    added = 0
    with open(leveldb.PATCH) as f:
        for line in f:
            if line.startswith("+") and "__defer(" in line:
                added += 1
    return added


def describe_errors(result):
    lines = []
    for text, count in result.errors.most_common():
        where = ", ".join(result.locations.get(text, []))
        lines.append("    %4d x %s%s" % (count, text, " (%s)" % where if where else ""))
    return lines


def configure_and_build(run, project, jobs):
    """Configures and builds `project`; returns True if it built."""
    started = now()
    if not project.configure():
        run.say(project.name, started, "configure FAILED (see %s)"
                % project.log("configure"))
        run.fail(project.name, "configure failed")
        return False
    result = project.build(jobs)
    if not result.ok:
        run.say(project.name, started, "build FAILED: %d errors (see %s)"
                % (result.error_count(), result.log))
        for line in describe_errors(result):
            print(line)
        run.fail(project.name, "build failed with %d errors"
                 % result.error_count())
        return False
    run.say(project.name, started, "configured and built")
    return True


def test(run, project, jobs, tmp):
    started = now()
    result = project.test(jobs, os.path.join(tmp, project.name),
                          skipped_cases=leveldb.FLAKY_UPSTREAM)
    text = "tests: %d programs, %d cases, %d failed, %d not run (flaky " \
        "upstream: leveldb.py)" % (result.programs, result.cases,
                                   len(result.failed),
                                   len(leveldb.FLAKY_UPSTREAM))
    if result.flaky:
        text += "; flaky, passed when run again: " + ", ".join(result.flaky)
        run.flaky += ["%s: %s" % (project.name, f) for f in result.flaky]
    run.say(project.name, started, text)
    for failed in result.failed:
        print("    FAILED %s (see %s)" % (failed, result.log))
    if not result.ok:
        run.fail(project.name, "%d tests failed" % len(result.failed)
                 if result.failed else "no test ran")


def plugin_remarks(log):
    """Distinct defer statements and their class, from -Rpass=defer."""
    sites = {}
    for path, line, text in cmakeproject.diagnostics(log, "remark"):
        for cls in _CLASSES:
            if text.startswith(cls + " defer"):
                sites[(os.path.realpath(path), line)] = cls
    return collections.Counter(sites.values())


def tool_summary(log):
    summary = ""
    with open(log, errors="replace") as f:
        for line in f:
            if line.startswith("cxxdefer: ") and " scanned, " in line:
                summary = line.strip()
    return summary


def summary_classes(summary):
    counts = collections.Counter()
    for number, cls in re.findall(r"(\d+) (%s)" % "|".join(_CLASSES), summary):
        counts[cls] = int(number)
    return counts


def format_classes(counts):
    return ", ".join("%d %s" % (counts[c], c) for c in _CLASSES)


def main():
    args = parse_args()
    run = Run()
    work = os.path.abspath(args.work_dir)
    for path, what in ((args.plugin, "plugin"), (args.tool, "batch tool")):
        if not os.path.isfile(path):
            print("realcode: no %s at %s (build cxxdefer first)" % (what, path))
            print("realcode: FAIL (nothing to test)")
            return 1
    os.makedirs(work, exist_ok=True)
    prepare_work_dir(work)
    logs = os.path.join(work, "logs")
    tmp = os.path.join(work, "tmp")
    src = os.path.join(work, "src")
    builds = os.path.join(work, "build")
    print("realcode: leveldb 1.23, patched builds with %s flags, in %s"
          % (args.flags, work))

    # 1. The source, once.
    started = now()
    try:
        with open(os.path.join(logs, "fetch.log"), "w") as log:
            tarball, how = debsource.fetch_orig_tarball(
                leveldb.PACKAGE, leveldb.TARBALL, leveldb.TARBALL_SHA256,
                os.path.join(work, "download"), log)
    except debsource.FetchError as error:
        run.say("fetch", started, "FAILED: %s" % error)
        print("realcode: FAIL (no source)")
        return 1
    run.say("fetch", started, "%s (%s, SHA-256 checked)" % (leveldb.TARBALL, how))

    started = now()
    plain = os.path.join(src, "plain")
    patched = os.path.join(src, "patched")
    rewritten = os.path.join(src, "rewritten")
    unpack(tarball, plain)
    shutil.copytree(plain, patched)
    defers = apply_patch(patched, os.path.join(logs, "patch.log"))
    shutil.copytree(patched, rewritten)
    run.say("unpack", started, "%s: %d defer statements added" %
            (os.path.basename(leveldb.PATCH), defers))

    def project(name, source, cxx, cc, patched_tree, extra=""):
        return cmakeproject.Project(
            name, source, os.path.join(builds, name), logs,
            leveldb.cache_entries(cxx, cc, patched_tree, args.flags, extra),
            env=dict(os.environ, CLANG_NO_DEFAULT_CONFIG="1"))

    # 2. The reference, and the plugin on the same tree.
    clang = project("clang", plain, args.clangxx, args.clang, False)
    if configure_and_build(run, clang, args.jobs):
        test(run, clang, args.jobs, tmp)

    plugin = project("plugin", plain, args.clangxx, args.clang, False,
                     "-fplugin=" + args.plugin)
    if configure_and_build(run, plugin, args.jobs):
        started = now()
        same = sametree.compare_builds(clang.binary, plugin.binary)
        text = ("%d objects and %d libraries and programs compared with "
                "clang's: %d differ" % (same.objects, same.programs,
                                        len(same.differ) + len(same.missing)))
        run.say("plugin", started, text)
        for relative in same.differ + same.missing:
            print("    DIFFERS %s" % relative)
        if not same.identical:
            run.fail("plugin", "outputs differ from clang's")
        test(run, plugin, args.jobs, tmp)

    # 3. The patched tree through the plugin.
    plugin_defer = project("plugin-defer", patched, args.clangxx, args.clang,
                           True, "-fplugin=%s -Rpass=defer" % args.plugin)
    plugin_classes = None
    if configure_and_build(run, plugin_defer, args.jobs):
        started = now()
        plugin_classes = plugin_remarks(plugin_defer.log("build"))
        sites = sum(plugin_classes.values())
        run.say("plugin-defer", started, "remarks at %d defer statements: %s"
                % (sites, format_classes(plugin_classes)))
        if sites != defers:
            run.fail("plugin-defer", "remarks at %d defer statements, the "
                     "patch adds %d" % (sites, defers))
        test(run, plugin_defer, args.jobs, tmp)

    # 4. The patched tree through the batch tool and g++.
    # CMake writes the compilation database when it configures; the build
    # (configure_and_build configures again, which changes nothing) then
    # compiles the rewritten files.
    tool_gcc = project("tool-gcc", rewritten, args.gxx, args.gcc, True,
                       "-isystem " + args.runtime_include)
    started = now()
    if not tool_gcc.configure():
        run.say("tool-gcc", started, "configure FAILED (see %s)"
                % tool_gcc.log("configure"))
        run.fail("tool-gcc", "configure failed")
    else:
        started = now()
        log = tool_gcc.log("rewrite")
        status = cmakeproject.run_logged(
            [args.tool, "-p", tool_gcc.binary, "-i", "-j", str(args.jobs)], log)
        summary = tool_summary(log)
        run.say("tool-gcc", started, "rewrite (exit %d): %s" % (status, summary))
        tool_classes = summary_classes(summary)
        if status != 0:
            run.fail("tool-gcc", "cxxdefer -i exited with %d (see %s)"
                     % (status, log))
        if sum(tool_classes.values()) != defers:
            run.fail("tool-gcc", "the tool classified %d defer statements, "
                     "the patch adds %d" % (sum(tool_classes.values()), defers))
        if plugin_classes is not None and plugin_classes != tool_classes:
            run.fail("tool-gcc", "the plugin (%s) and the tool (%s) classify "
                     "differently" % (format_classes(plugin_classes),
                                      format_classes(tool_classes)))
        started = now()
        log = tool_gcc.log("check")
        status = cmakeproject.run_logged(
            [args.tool, "-p", tool_gcc.binary, "--check", "-j", str(args.jobs)],
            log)
        run.say("tool-gcc", started, "--check on the output (exit %d): %s"
                % (status, tool_summary(log)))
        if status != 0:
            run.fail("tool-gcc", "the rewritten tree is not a fixed point "
                     "(cxxdefer --check exited with %d, see %s)" % (status, log))
        if configure_and_build(run, tool_gcc, args.jobs):
            test(run, tool_gcc, args.jobs, tmp)

    wall, cpu = now()
    print("realcode: total %.0f s, %.0f s CPU" % (wall - run.start[0],
                                                 cpu - run.start[1]))
    if run.flaky:
        print("realcode: flaky upstream tests (failed, then passed alone): %s"
              % "; ".join(run.flaky))
    if run.failures:
        print("realcode: FAIL (%s)" % "; ".join(run.failures))
        return 1
    print("realcode: PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
