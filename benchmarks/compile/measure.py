#!/usr/bin/env python3
# ===- benchmarks/compile/measure.py - What the plugin costs a compile -----===#
#
# The driver behind scripts/bench-compile.sh. It measures the CPU time
# (user + system, of the compiler and everything it runs) of:
#
#   probe    benchmarks/compile/probe-defer.cpp through the plugin, against
#            its hand-written twin probe-twin.cpp compiled by plain clang,
#            and the twin with the plugin loaded (a translation unit with no
#            defer statement), at -O0 -c, -O2 -c and -fsyntax-only;
#   leveldb  a clean build of the leveldb 1.23 library (Debian's source
#            package) with test/realcode's patch, which rewrites 31 of its
#            cleanup paths with __defer, one of them in port/port_stdcxx.h,
#            which almost every file includes; against the unpatched
#            library (leveldb's own hand-written cleanup) built by plain
#            clang, and the unpatched library with the plugin loaded. The
#            three builds use the same flags (C++14, -O2, exceptions on);
#            the download and the patch are test/realcode's.
#   tool     the batch tool's --check over the same leveldb: the unpatched
#            tree (no defer anywhere) against a -fsyntax-only of each of its
#            translation units, and the patched tree (nearly every unit
#            parses) at -j1 against -j<jobs>, in wall time.
#
# Runs are interleaved (A B C A B C ...) and the median of each is kept, so
# that a change in the machine's load hits every configuration alike. CPU
# time rather than wall time: the machine is shared. Ratios are against the
# hand-written twin without the plugin; the goals are docs/benchmarks.md's.
#
# ===----------------------------------------------------------------------===#

import argparse
import datetime
import json
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tarfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

PROBE_MODES = [
    ("-O0 -c", ["-O0", "-c"], 1.15),
    ("-O2 -c", ["-O2", "-c"], 1.10),
    ("-fsyntax-only", ["-fsyntax-only"], 1.30),
]
LEVELDB_GOAL = 1.10
NO_DEFER_GOAL = 1.02
CHECK_NO_DEFER_GOAL = 0.10

BEGIN_MARK = "<!-- compile-time table: begin (scripts/bench-compile.sh --update-docs) -->"
END_MARK = "<!-- compile-time table: end -->"


class Failure(Exception):
    pass


def cpu_seconds(args, cwd=None, log=None):
    """Runs args and returns the CPU time it and its descendants used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(args, cwd=cwd, stdin=subprocess.DEVNULL,
                            stdout=log or subprocess.DEVNULL,
                            stderr=log or subprocess.PIPE)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        detail = result.stderr.decode(errors="replace")[-2000:] if not log else ""
        raise Failure("`%s` failed (exit %d)\n%s"
                      % (" ".join(args), result.returncode, detail))
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cpu_seconds_any_exit(args, log):
    """cpu_seconds for the batch tool's --check, whose exit status 1 is an
    answer (something would change), not a failure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(args, stdin=subprocess.DEVNULL, stdout=log,
                            stderr=log)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        raise Failure("`%s` failed (exit %d)" % (" ".join(args),
                                                 result.returncode))
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def interleaved(configs, rounds, say):
    """Runs each (name, function) of configs `rounds` times, round-robin.

    Returns name -> median seconds.
    """
    samples = {name: [] for name, _ in configs}
    for r in range(rounds):
        for name, run in configs:
            samples[name].append(run())
        say("  round %d/%d: %s" % (r + 1, rounds, ", ".join(
            "%s %.2f s" % (name, samples[name][-1]) for name, _ in configs)))
    return {name: statistics.median(values) for name, values in samples.items()}


def measure_probe(args, say):
    out = os.path.join(args.work, "probe")
    os.makedirs(out, exist_ok=True)
    defer = os.path.join(HERE, "probe-defer.cpp")
    twin = os.path.join(HERE, "probe-twin.cpp")
    plugin = ["-fplugin=" + args.plugin]
    rows = []
    for label, flags, goal in PROBE_MODES:
        def compile_(source, extra):
            command = [args.cxx, "-std=c++17"] + extra + flags + [source]
            if "-fsyntax-only" not in flags:
                command += ["-o", os.path.join(out, "probe.o")]
            return lambda: cpu_seconds(command)
        say("probe %s:" % label)
        medians = interleaved([
            ("twin", compile_(twin, [])),
            ("defer", compile_(defer, plugin)),
            ("twin+plugin", compile_(twin, plugin)),
        ], args.rounds, say)
        rows.append(("probe (`<regex>`, `<iostream>`, `<map>`, ...; 3 functions "
                     "that defer)", label, medians, goal))
    return rows


def import_realcode(path):
    if not os.path.isfile(os.path.join(path, "debsource.py")):
        return None
    sys.path.insert(0, path)
    import debsource  # noqa: E402
    import leveldb  # noqa: E402
    return debsource, leveldb


def unpack(tarball, top, dest):
    shutil.rmtree(dest, ignore_errors=True)
    parent = os.path.dirname(dest)
    os.makedirs(parent, exist_ok=True)
    with tarfile.open(tarball) as archive:
        archive.extractall(parent)
    os.replace(os.path.join(parent, top), dest)


def measure_leveldb(args, say):
    modules = import_realcode(args.realcode)
    if modules is None:
        say("leveldb: skipped, no test/realcode harness in %s" % args.realcode)
        return [], "skipped: test/realcode (the leveldb download and patch) is missing", None
    debsource, leveldb = modules
    work = os.path.join(args.work, "leveldb")
    os.makedirs(work, exist_ok=True)
    log_path = os.path.join(work, "log.txt")
    with open(log_path, "w") as log:
        tarball, how = debsource.fetch_orig_tarball(
            leveldb.PACKAGE, leveldb.TARBALL, leveldb.TARBALL_SHA256,
            os.path.join(args.work, "download"), log)
        say("leveldb: %s (%s)" % (os.path.basename(tarball), how))
        plain = os.path.join(work, "src", "plain")
        patched = os.path.join(work, "src", "patched")
        unpack(tarball, leveldb.TOP, plain)
        unpack(tarball, leveldb.TOP, patched)
        subprocess.run(["patch", "-s", "-p1", "-i", leveldb.PATCH], cwd=patched,
                       check=True, stdout=log, stderr=log)

        cc = args.cxx.replace("clang++", "clang")
        builds = {}
        # "defer+tool" is never built: its compile_commands.json is the
        # patched tree's commands without the plugin, for the batch tool.
        for name, tree, plugin in (("twin", plain, False),
                                   ("defer", patched, True),
                                   ("twin+plugin", plain, True),
                                   ("defer+tool", patched, False)):
            entries = leveldb.cache_entries(
                args.cxx, cc, patched=True, flags="relaxed",
                extra_cxx_flags="-fplugin=" + args.plugin if plugin else "")
            entries["LEVELDB_BUILD_TESTS"] = "OFF"
            build = os.path.join(work, "build", name)
            shutil.rmtree(build, ignore_errors=True)
            configure = ["cmake", "-G", "Ninja", "-S", tree, "-B", build]
            configure += ["-D%s=%s" % item for item in sorted(entries.items())]
            subprocess.run(configure, check=True, stdout=log, stderr=log)
            builds[name] = build

        def clean_build(build):
            def run():
                subprocess.run(["cmake", "--build", build, "--target", "clean"],
                               check=True, stdout=log, stderr=log)
                return cpu_seconds(["cmake", "--build", build, "--target",
                                    "leveldb", "--", "-j", str(args.jobs)],
                                   log=log)
            return run

        say("leveldb library, clean build (-O2, -j%d):" % args.jobs)
        medians = interleaved([(name, clean_build(build))
                               for name in ("twin", "defer", "twin+plugin")
                               for build in [builds[name]]],
                              max(1, args.rounds // 2), say)
        units = len(compile_commands(builds["twin"]))
        tool_rows = (measure_batch_tool(args, builds, log, say)
                     if args.tool else None)
    return [("leveldb 1.23 library, clean build (%d translation units; "
             "31 defer statements, one in a header most files include)" % units,
             "-O2", medians, LEVELDB_GOAL)], "", tool_rows


def compile_commands(build):
    with open(os.path.join(build, "compile_commands.json")) as f:
        return json.load(f)


def syntax_only_command(entry):
    """The compile command of a compile_commands.json entry, turned into a
    -fsyntax-only with no output or dependency files."""
    args = entry.get("arguments") or shlex.split(entry["command"])
    kept, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
        elif arg not in ("-c", "-MD", "-MMD"):
            kept.append(arg)
    return kept + ["-fsyntax-only"]


def measure_batch_tool(args, builds, log, say):
    """The batch tool's --check over leveldb: on the unpatched tree (no
    defer anywhere) against a -fsyntax-only of every translation unit, and
    on the patched tree (most units parse) at -j1 and -j<jobs>, wall time."""
    tool = [args.tool, "--check"]

    def syntax_only():
        return sum(cpu_seconds(syntax_only_command(entry),
                               cwd=entry["directory"], log=log)
                   for entry in compile_commands(builds["twin"]))

    def check(build, jobs, wall):
        def run():
            start = time.monotonic()
            cpu = cpu_seconds_any_exit(tool + ["-p", build, "-j", str(jobs)],
                                       log)
            return time.monotonic() - start if wall else cpu
        return run

    say("batch tool --check, leveldb without defers (CPU time):")
    plain = interleaved([("syntax-only", syntax_only),
                         ("check", check(builds["twin"], 1, wall=False))],
                        max(1, args.rounds // 2), say)
    say("batch tool --check, leveldb with defers (wall time):")
    scaling = interleaved(
        [("j1", check(builds["defer+tool"], 1, wall=True)),
         ("jN", check(builds["defer+tool"], args.jobs, wall=True))],
        max(1, args.rounds // 2), say)
    return [plain, scaling]


def table(rows, note, commit, tool, jobs, rounds):
    lines = [
        "| translation unit | mode | hand-written twin | with `__defer`, plugin "
        "| ratio | goal | no `__defer`, plugin loaded | ratio | goal |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for what, mode, m, goal in rows:
        twin = m["twin"]
        lines.append(
            "| %s | `%s` | %.2f s | %.2f s | **%.2fx** | %.2fx | %.2f s | "
            "**%.2fx** | %.2fx |"
            % (what, mode, twin, m["defer"], m["defer"] / twin, goal,
               m["twin+plugin"], m["twin+plugin"] / twin, NO_DEFER_GOAL))
    if note:
        lines.append("")
        lines.append("leveldb: " + note)
    if tool:
        plain, scaling = tool
        lines += [
            "",
            "| batch tool on leveldb | baseline | `cxxdefer --check` | ratio "
            "| goal |",
            "|---|---|---|---|---|",
            "| no defer anywhere: CPU time against a `-fsyntax-only` of every "
            "translation unit | %.2f s | %.2f s | **%.3fx** | %.2fx |"
            % (plain["syntax-only"], plain["check"],
               plain["check"] / plain["syntax-only"], CHECK_NO_DEFER_GOAL),
            "| with the patch's defers: wall time at `-j%d` against `-j1` "
            "| %.2f s | %.2f s | **%.2fx** faster | scales with cores |"
            % (jobs, scaling["j1"], scaling["jN"],
               scaling["j1"] / scaling["jN"]),
        ]
    lines.append("")
    lines.append("CPU time (user + system) unless said, median of "
                 "interleaved runs (%d rounds for the probe, %d for leveldb "
                 "and the batch tool); plugin at %s, %s, %d cores, %s." % (
                     rounds, max(1, rounds // 2), commit,
                     platform.platform(terse=True), os.cpu_count(),
                     datetime.date.today().isoformat()))
    return "\n".join(lines) + "\n"


def update_docs(doc, text):
    with open(doc) as f:
        content = f.read()
    begin = content.find(BEGIN_MARK)
    end = content.find(END_MARK)
    if begin < 0 or end < begin:
        raise Failure("%s has no compile-time table markers" % doc)
    content = (content[:begin + len(BEGIN_MARK)] + "\n" + text +
               content[end:])
    with open(doc, "w") as f:
        f.write(content)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plugin", required=True)
    parser.add_argument("--tool", help="the batch tool (leveldb's --check rows)")
    parser.add_argument("--cxx", default="clang++-19")
    parser.add_argument("--work", required=True)
    parser.add_argument("--out", required=True, help="markdown table to write")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--realcode", default=os.path.join(ROOT, "test", "realcode"))
    parser.add_argument("--no-leveldb", action="store_true")
    parser.add_argument("--update-docs", action="store_true")
    parser.add_argument("--commit", default="unknown")
    args = parser.parse_args()
    args.plugin = os.path.abspath(args.plugin)
    if args.tool:
        args.tool = os.path.abspath(args.tool)
    args.work = os.path.abspath(args.work)  # apt resolves relative paths in /etc/apt

    def say(text):
        print("bench-compile: " + text, flush=True)

    try:
        rows = measure_probe(args, say)
        note, tool = "not measured (--no-leveldb)", None
        if not args.no_leveldb:
            more, note, tool = measure_leveldb(args, say)
            rows += more
        text = table(rows, note, args.commit, tool, args.jobs, args.rounds)
    except (Failure, subprocess.CalledProcessError) as error:
        print("bench-compile: FAILED: %s" % error, file=sys.stderr)
        return 1
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(text)
    print(text)
    if args.update_docs:
        update_docs(os.path.join(ROOT, "docs", "benchmarks.md"), text)
        say("docs/benchmarks.md updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
