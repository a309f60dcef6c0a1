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
#
# Runs are interleaved (A B C A B C ...) and the median of each is kept, so
# that a change in the machine's load hits every configuration alike. CPU
# time rather than wall time: the machine is shared. Ratios are against the
# hand-written twin without the plugin; the goals are docs/benchmarks.md's.
#
# ===----------------------------------------------------------------------===#

import argparse
import datetime
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

PROBE_MODES = [
    ("-O0 -c", ["-O0", "-c"], 1.15),
    ("-O2 -c", ["-O2", "-c"], 1.10),
    ("-fsyntax-only", ["-fsyntax-only"], 1.30),
]
LEVELDB_GOAL = 1.10
NO_DEFER_GOAL = 1.02

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
        return [], "skipped: test/realcode (the leveldb download and patch) is missing"
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
        for name, tree, plugin in (("twin", plain, False),
                                   ("defer", patched, True),
                                   ("twin+plugin", plain, True)):
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
                               for name, build in builds.items()],
                              max(1, args.rounds // 2), say)
        units = sum(1 for line in open(os.path.join(builds["twin"],
                                                    "compile_commands.json"))
                    if '"file"' in line)
    return [("leveldb 1.23 library, clean build (%d translation units; "
             "31 defer statements, one in a header most files include)" % units,
             "-O2", medians, LEVELDB_GOAL)], ""


def table(rows, note, commit):
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
    lines.append("")
    lines.append("CPU time (user + system), median of interleaved runs; "
                 "plugin at %s, %s, %d cores, %s." % (
                     commit, platform.platform(terse=True), os.cpu_count(),
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
    args.work = os.path.abspath(args.work)  # apt resolves relative paths in /etc/apt

    def say(text):
        print("bench-compile: " + text, flush=True)

    try:
        rows = measure_probe(args, say)
        note = "not measured (--no-leveldb)"
        if not args.no_leveldb:
            more, note = measure_leveldb(args, say)
            rows += more
        text = table(rows, note, args.commit)
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
