# ===- deferfuzz/cli.py - run seeds, summarise, reduce failures ----------===#
#
# `fuzz.py --seeds 1000 -j 2` generates seeds 0..999, runs each pair through
# its configurations (runner.py), prints one line per disagreement and a
# summary, and exits 1 if any C++ build disagreed with Go (2 on a usage or
# setup error). For the first seed of each kind of disagreement it shrinks
# the program (minimize.py) and writes the pair, both outputs and the
# commands that reproduce it to the report directory.
#
# The tools come from a build directory (default: $CXXDEFER_BUILD_DIR, else
# <repo>/build) unless given one by one, which is how the lit tests pass the
# suite's own substitutions.
#
# ===----------------------------------------------------------------------===#

import argparse
import concurrent.futures
import os
import re
import shutil
import sys
import threading
import time

from . import features as feature_sets
from . import generate, minimize, runner, walk
from . import model as m

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))


def parse_seeds(spec, first):
    """`1000` (that many, from --first), `5-9`, `3,17,40`."""
    seeds = []
    for part in spec.split(","):
        part = part.strip()
        if re.fullmatch(r"\d+-\d+", part):
            lo, hi = map(int, part.split("-"))
            seeds += range(lo, hi + 1)
        elif re.fullmatch(r"\d+", part) and "," not in spec:
            seeds += range(first, first + int(part))
        elif re.fullmatch(r"\d+", part):
            seeds.append(int(part))
        else:
            raise ValueError("bad --seeds %r" % spec)
    return seeds


def arguments(argv):
    ap = argparse.ArgumentParser(
        prog="fuzz.py", description="Differential fuzzing of cxxdefer against Go.")
    ap.add_argument("--seeds", default="20",
                    help="N (N seeds from --first), A-B, or a comma list (default 20)")
    ap.add_argument("--first", type=int, default=0, help="first seed when --seeds is a count")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="seeds run in parallel (default 2)")
    ap.add_argument("--features", default="all",
                    help="comma list of features and presets (all, ci), -name removes "
                         "(default all); --list-features shows them")
    ap.add_argument("--list-features", action="store_true")
    ap.add_argument("--matrix", default="rotate",
                    help="rotate (3 configurations a seed), full, or a comma list of: "
                         + ", ".join(runner.BY_NAME))
    ap.add_argument("--std", default="auto", help="auto (by seed), c++14, c++17 or c++20")
    ap.add_argument("--functions", type=int, default=0,
                    help="functions per program (default: 16 to 28, by seed)")
    ap.add_argument("--build-dir", default=os.environ.get("CXXDEFER_BUILD_DIR")
                    or os.path.join(REPO, "build"))
    ap.add_argument("--plugin")
    ap.add_argument("--tool")
    ap.add_argument("--include", default=os.path.join(REPO, "runtime", "include"))
    ap.add_argument("--clangxx", default=shutil.which("clang++-19") or "/usr/lib/llvm-19/bin/clang++")
    ap.add_argument("--gxx", default=shutil.which("g++") or "g++")
    ap.add_argument("--go", default=shutil.which("go") or "go")
    ap.add_argument("--work-dir", help="scratch space (default <build-dir>/fuzz/work)")
    ap.add_argument("--report-dir", help="reduced reproducers (default <build-dir>/fuzz/report)")
    ap.add_argument("--minimize", choices=["first", "all", "none"], default="first",
                    help="reduce the first failing seed of each kind (default), all, or none")
    ap.add_argument("--budget", type=int, default=250, help="tests per reduction (default 250)")
    ap.add_argument("--keep", action="store_true", help="keep the work files of passing seeds")
    ap.add_argument("--emit", metavar="DIR",
                    help="only write each seed's pair (seedN.cpp, seedN.go) to DIR")
    ap.add_argument("--self-test", action="store_true",
                    help="print every C++ panic value one too high: the fuzzer must "
                         "report and reduce the difference")
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    args = ap.parse_args(argv)
    args.plugin = args.plugin or os.path.join(args.build_dir, "lib", "CxxDefer.so")
    args.tool = args.tool or os.path.join(args.build_dir, "bin", "cxxdefer")
    args.work_dir = os.path.abspath(args.work_dir or os.path.join(args.build_dir, "fuzz", "work"))
    args.report_dir = os.path.abspath(args.report_dir or os.path.join(args.build_dir, "fuzz", "report"))
    return args


def program_for(seed, args):
    std = runner.std_for_seed(seed) if args.std == "auto" else args.std
    gen = generate.Generator(seed, args.feature_list, std, args.functions or None)
    return gen.program()


class Session:
    def __init__(self, args):
        self.args = args
        env = {"GOTOOLCHAIN": "local", "GOTELEMETRY": "off"}
        if not os.environ.get("GOCACHE"):
            env["GOCACHE"] = os.path.join(os.path.dirname(args.work_dir), "go-cache")
        self.tools = runner.Tools(args.plugin, args.tool, args.include, args.clangxx,
                                  args.gxx, args.go, env)
        self.lock = threading.Lock()
        self.failures = {}  # signature key -> [(seed, verdict)]
        self.config_runs = {}
        self.done = 0
        self.reports = {}

    def log(self, text):
        with self.lock:
            print(text, flush=True)

    # -- one seed ------------------------------------------------------------

    def seed(self, seed, total):
        args = self.args
        program = program_for(seed, args)
        stem = "seed%d" % seed
        workdir = os.path.join(args.work_dir, stem)
        runner.clean(workdir)
        pair = runner.PairRunner(self.tools, workdir, self.args.self_test)
        cpp, go = pair.write(program, stem)
        verdicts = []
        expected, failed = pair.run_go(go)
        if failed:
            verdicts.append(failed)
        else:
            for config in runner.select_configs(seed, args.matrix):
                v = pair.run_config(cpp, program.std, config, expected)
                if v.kind == "output-differs":
                    v.signature = diff_shape(v.expected, v.actual)
                verdicts.append(v)
        bad = [v for v in verdicts if not v.ok]
        with self.lock:
            self.done += 1
            for v in verdicts:
                self.config_runs[v.config] = self.config_runs.get(v.config, 0) + 1
            for v in bad:
                self.failures.setdefault(key(v), []).append((seed, v))
        for v in bad:
            self.log("fuzz: seed %d (%s) %s: %s: %s" % (seed, program.std, v.config, v.kind, v.signature))
        if not args.quiet and (self.done % 10 == 0 or self.done == total):
            self.log("fuzz: %d/%d seeds done" % (self.done, total))
        if bad:
            self.reduce(seed, program, bad)
        elif not args.keep:
            runner.clean(workdir)
        return bad

    # -- reduction -----------------------------------------------------------

    def reduce(self, seed, program, bad):
        args = self.args
        for v in bad:
            # One reduction per kind of failure, whichever configuration
            # showed it first: the others would reduce the same bug.
            k = reduction_key(v)
            with self.lock:
                first = k not in self.reports
                if first:
                    self.reports[k] = None
            if args.minimize == "none" or (args.minimize == "first" and not first):
                continue
            started = time.time()
            reduced, tests = self.minimise(seed, program, v)
            out = os.path.join(args.report_dir, slug(v), "seed%d" % seed)
            self.write_report(out, seed, program, reduced, v, tests, time.time() - started)
            with self.lock:
                self.reports[k] = out
            self.log("fuzz: seed %d reduced to %d functions, %d statements (%d tests, %.0f s): %s" % (
                seed, len(reduced.functions), size(reduced), tests, time.time() - started, out))

    def minimise(self, seed, program, verdict):
        scratch = os.path.join(self.args.work_dir, "reduce-seed%d-%s" % (seed, verdict.config))
        counter = [0]

        def still_fails(candidate):
            counter[0] += 1
            d = os.path.join(scratch, "t%d" % counter[0])
            pair = runner.PairRunner(self.tools, d, self.args.self_test)
            cpp, go = pair.write(candidate, "min")
            try:
                expected, failed = pair.run_go(go)
                if verdict.kind == "go-error":
                    return failed is not None and failed.signature == verdict.signature
                if failed:
                    return False
                config = runner.BY_NAME[verdict.config]
                v = pair.run_config(cpp, candidate.std, config, expected)
                if v.kind == "output-differs":
                    v.signature = diff_shape(v.expected, v.actual)
                return v.kind == verdict.kind and v.signature == verdict.signature
            finally:
                runner.clean(d)

        try:
            return minimize.minimise(program, still_fails, self.args.budget)
        finally:
            runner.clean(scratch)

    def write_report(self, out, seed, program, reduced, verdict, tests, seconds):
        runner.clean(out)
        pair = runner.PairRunner(self.tools, out, self.args.self_test)
        pair.write(program, "seed%d" % seed)
        cpp, go = pair.write(reduced, "min")
        expected, failed = pair.run_go(go)
        lines = [
            "seed %d, -std=%s, configuration %s" % (seed, program.std, verdict.config),
            "kind: %s" % verdict.kind,
            "signature: %s" % verdict.signature,
            "reduced in %d tests, %.0f s: %d -> %d functions" % (
                tests, seconds, len(program.functions), len(reduced.functions)),
            "",
            "seed%d.cpp/.go: the program as generated; min.cpp/.go: reduced." % seed,
            "Go's output: min.go.out; the C++ build's: min.cxx.out (or min.error.txt).",
            "",
            "Reproduce:",
            "  " + reproduce_command(seed, self.args, verdict.config),
        ]
        if failed is None and verdict.kind != "go-error":
            config = runner.BY_NAME[verdict.config]
            v = pair.run_config(cpp, reduced.std, config, expected)
            _write(out, "min.go.out", expected)
            if v.actual:
                _write(out, "min.cxx.out", v.actual)
            if v.kind in ("output-differs",):
                _write(out, "min.diff", v.detail)
            elif v.detail:
                _write(out, "min.error.txt", v.detail)
        elif failed is not None:
            _write(out, "min.error.txt", failed.detail)
        _write(out, "README", "\n".join(lines) + "\n")
        for name in os.listdir(out):
            if name.endswith(".exe") or ".rewritten.cpp" in name:
                os.remove(os.path.join(out, name))

    # -- all seeds -----------------------------------------------------------

    def summary(self, seeds, seconds):
        args = self.args
        print("fuzz: %d seeds, features %s, matrix %s, -j %d: %.0f s (%.1f s a seed)" % (
            len(seeds), args.features, args.matrix, args.jobs, seconds,
            seconds / max(len(seeds), 1)))
        print("fuzz: runs per configuration: " + ", ".join(
            "%s %d" % (c, n) for c, n in sorted(self.config_runs.items())))
        if not self.failures:
            print("fuzz: PASS: every C++ build printed what Go printed")
            return 0
        failed_seeds = sorted({s for entries in self.failures.values() for s, _ in entries})
        print("fuzz: FAIL: %d of %d seeds disagree with Go, %d kinds:" % (
            len(failed_seeds), len(seeds), len(self.failures)))
        for k, entries in sorted(self.failures.items(), key=lambda kv: -len(kv[1])):
            seeds_here = sorted({s for s, _ in entries})
            shown = ", ".join(map(str, seeds_here[:12])) + (" ..." if len(seeds_here) > 12 else "")
            print("  %s: %d runs, seeds %s" % (k, len(entries), shown))
            reduced = self.reports.get(reduction_key(entries[0][1]))
            if reduced:
                print("    reduced: %s" % reduced)
        return 1


def key(v):
    return "%s %s: %s" % (v.kind, v.config, v.signature)


def reduction_key(v):
    return "%s: %s" % (v.kind, v.signature)


def slug(v):
    text = re.sub(r"[^A-Za-z0-9]+", "-", "%s-%s" % (v.kind, v.signature)).strip("-")
    return (text[:60] + "-" + v.config).lower()


def diff_shape(expected, actual):
    """The first line where C++ differs from Go, both with numbers and tags
    taken out: what kind of line came out wrong."""
    e, a = expected.splitlines(), actual.splitlines()
    for i in range(max(len(e), len(a))):
        el = e[i] if i < len(e) else "<end>"
        al = a[i] if i < len(a) else "<end>"
        if el != al:
            return "go %r, c++ %r" % (_shape(el), _shape(al))
    return "same lines, different bytes"


def _shape(line):
    line = re.sub(r"\bf\d+(\.\d+)?\b", "T", line)
    return re.sub(r"-?\d+", "N", line)


def size(program):
    return sum(1 for f in program.functions for _ in walk.stmts(f.body))


def reproduce_command(seed, args, config):
    return "scripts/fuzz.sh --seeds %d-%d --features=%s --matrix=%s --std=%s --keep" % (
        seed, seed, args.features, config, runner.std_for_seed(seed) if args.std == "auto" else args.std)


def _write(directory, name, text):
    with open(os.path.join(directory, name), "w") as f:
        f.write(text)


def check_setup(args):
    problems = []
    needs_tool = any(c.via == "tool" for c in runner.CONFIGS) if args.matrix in ("rotate", "full") \
        else any(runner.BY_NAME[n].via == "tool" for n in args.matrix.split(","))
    for what, path in (("plugin", args.plugin), ("batch tool", args.tool if needs_tool else None)):
        if path and not os.path.isfile(path):
            problems.append("no %s at %s (build with scripts/build.sh)" % (what, path))
    for what, exe in (("Go", args.go), ("clang++-19", args.clangxx), ("g++", args.gxx)):
        if not shutil.which(exe) and not os.path.isfile(exe):
            problems.append("no %s (%s): scripts/install-deps.sh installs it" % (what, exe))
    return problems


def main(argv=None):
    args = arguments(argv if argv is not None else sys.argv[1:])
    if args.list_features:
        for name, text in feature_sets.FEATURES.items():
            print("%-15s %s" % (name, text))
        for name, names in feature_sets.PRESETS.items():
            print("preset %-8s %s" % (name, ",".join(names)))
        return 0
    try:
        args.feature_list = feature_sets.parse(args.features)
        seeds = parse_seeds(args.seeds, args.first)
        for s in seeds[:1]:
            runner.select_configs(s, args.matrix)
    except ValueError as e:
        print("fuzz: %s" % e, file=sys.stderr)
        return 2
    if args.emit:
        os.makedirs(args.emit, exist_ok=True)
        for seed in seeds:
            pair = runner.PairRunner(runner.Tools("", "", "", "", "", ""), args.emit)
            cpp, go = pair.write(program_for(seed, args), "seed%d" % seed)
            print(cpp)
            print(go)
        return 0
    problems = check_setup(args)
    if problems:
        for p in problems:
            print("fuzz: " + p, file=sys.stderr)
        return 2
    session = Session(args)
    started = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(session.seed, s, len(seeds)) for s in seeds]
        for f in futures:
            f.result()
    return session.summary(seeds, time.time() - started)
