# ===- test/realcode/cmakeproject.py - Configure, build and test a project -===#
#
# One CMake build of a real project, driven the way its users drive it:
# `cmake -G Ninja` with cache entries, `cmake --build`, `ctest`. What the
# harness needs back is not a log but a verdict it can print in one line,
# so each step returns a small result:
#
# - build: whether it succeeded and, when it did not, the compiler's error
#   messages counted by text with their first locations. The build keeps
#   going after errors (ninja -k 0), so one run lists every file that
#   fails, which is the point when a build fails on purpose (a project's
#   own flags that cxxdefer does not handle yet).
# - tests: ctest, with every GoogleTest program writing an XML report
#   (GTEST_OUTPUT). A failed program is not simply failed: its failing test
#   cases are run again, alone, in fresh processes, and a case that passes
#   then is reported as flaky, by name, instead of failing the run. Real
#   code bases have timing-dependent tests (leveldb's
#   DBTest.HiddenValuesAreRemoved races its background compaction, upstream
#   issue 188), and a 2-core CI machine under load makes them fail. A case
#   that fails every time fails the run.
#
# Every command's output goes to a log file named in the result.
#
# ===----------------------------------------------------------------------===#

import collections
import os
import re
import subprocess
import xml.etree.ElementTree as ElementTree

_DIAGNOSTIC = re.compile(r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?:\d+:)? "
                         r"(?P<kind>error|fatal error|remark): (?P<text>.*)$")


def run_logged(args, log_path, cwd=None, env=None):
    """Runs args with stdout and stderr appended to log_path; returns status."""
    with open(log_path, "a") as log:
        log.write("$ %s\n" % " ".join(args))
        log.flush()
        return subprocess.call(args, cwd=cwd, env=env, stdout=log,
                               stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)


def diagnostics(log_path, kind):
    """Yields (file, line, text) of every `kind` diagnostic in log_path."""
    with open(log_path, errors="replace") as log:
        for line in log:
            match = _DIAGNOSTIC.match(line.rstrip("\n"))
            if match and match.group("kind") == kind:
                yield (os.path.normpath(match.group("file")),
                       int(match.group("line")), match.group("text"))


class BuildResult:
    def __init__(self, ok, log, errors):
        self.ok = ok
        self.log = log
        # Counter of error text -> count, and text -> first locations.
        self.errors = errors
        self.locations = collections.defaultdict(list)

    def error_count(self):
        return sum(self.errors.values())


class TestResult:
    def __init__(self):
        self.programs = 0
        self.cases = 0
        self.failed = []     # "program" or "program: Suite.Case"
        self.flaky = []      # "program: Suite.Case", passed when run again
        self.log = None

    @property
    def ok(self):
        return self.programs > 0 and not self.failed


class Project:
    """One build directory of one source tree."""

    def __init__(self, name, source, binary, log_dir, cache, env=None):
        self.name = name
        self.source = source
        self.binary = binary
        self.log_dir = log_dir
        self.cache = cache          # CMake cache entries, name -> value
        self.env = dict(os.environ if env is None else env)

    def log(self, step):
        return os.path.join(self.log_dir, "%s.%s.log" % (self.name, step))

    def configure(self):
        args = ["cmake", "-G", "Ninja", "-S", self.source, "-B", self.binary]
        args += ["-D%s=%s" % item for item in sorted(self.cache.items())]
        return run_logged(args, self.log("configure"), env=self.env) == 0

    def build(self, jobs):
        log = self.log("build")
        status = run_logged(["cmake", "--build", self.binary, "-j", str(jobs),
                             "--", "-k", "0"], log, env=self.env)
        errors = collections.Counter()
        result = BuildResult(status == 0, log, errors)
        for path, line, text in diagnostics(log, "error"):
            errors[text] += 1
            where = "%s:%d" % (os.path.relpath(path, self.source), line)
            if len(result.locations[text]) < 3 and where not in result.locations[text]:
                result.locations[text].append(where)
        for _, _, text in diagnostics(log, "fatal error"):
            errors["fatal error: " + text] += 1
        if status != 0 and not errors:
            errors["the build failed without a compiler error (see log)"] = 1
        return result

    def test(self, jobs, tmp_dir, reruns=2, skipped_cases=()):
        """Runs ctest; failing GoogleTest cases get `reruns` more tries.
        `skipped_cases` (Suite.Case) are not run at all (GTEST_FILTER)."""
        result = TestResult()
        result.log = self.log("test")
        xml_dir = os.path.join(self.binary, "gtest-xml")
        os.makedirs(xml_dir, exist_ok=True)
        os.makedirs(tmp_dir, exist_ok=True)
        env = dict(self.env, TEST_TMPDIR=tmp_dir,
                   GTEST_OUTPUT="xml:%s%s" % (xml_dir, os.sep))
        if skipped_cases:
            env["GTEST_FILTER"] = "-" + ":".join(skipped_cases)
        run_logged(["ctest", "--test-dir", self.binary, "-j", str(jobs),
                    "--output-on-failure"], result.log, env=env)
        result.programs = _ctest_total(result.log)
        result.cases = _gtest_case_count(xml_dir)
        for program in _ctest_failed(self.binary):
            cases = _gtest_failed_cases(os.path.join(xml_dir, program + ".xml"))
            if not cases:
                # Not a GoogleTest program, or it died before writing its
                # report: only the whole program can be run again.
                if self._rerun(program, [], reruns, env, result.log):
                    result.flaky.append(program)
                else:
                    result.failed.append(program)
                continue
            for case in cases:
                name = "%s: %s" % (program, case)
                if self._rerun(program, [case], reruns, env, result.log):
                    result.flaky.append(name)
                else:
                    result.failed.append(name)
        return result

    def _rerun(self, program, cases, tries, env, log):
        args = [os.path.join(self.binary, program)]
        if cases:
            args.append("--gtest_filter=" + ":".join(cases))
        rerun_env = dict(env)
        rerun_env.pop("GTEST_OUTPUT", None)
        for _ in range(tries):
            if run_logged(args, log, cwd=self.binary, env=rerun_env) == 0:
                return True
        return False


def _ctest_total(log_path):
    with open(log_path, errors="replace") as log:
        text = log.read()
    totals = re.findall(r"tests failed out of (\d+)", text)
    return int(totals[-1]) if totals else 0


def _ctest_failed(binary):
    """Names of the programs the last ctest run failed."""
    path = os.path.join(binary, "Testing", "Temporary", "LastTestsFailed.log")
    if not os.path.isfile(path):
        return []
    with open(path) as f:
        return [line.strip().split(":", 1)[1] for line in f if ":" in line]


def _gtest_case_count(xml_dir):
    count = 0
    for name in os.listdir(xml_dir):
        if name.endswith(".xml"):
            try:
                root = ElementTree.parse(os.path.join(xml_dir, name)).getroot()
            except ElementTree.ParseError:
                continue
            count += int(root.get("tests", "0"))
    return count


def _gtest_failed_cases(xml_path):
    if not os.path.isfile(xml_path):
        return []
    try:
        root = ElementTree.parse(xml_path).getroot()
    except ElementTree.ParseError:
        return []
    failed = []
    for case in root.iter("testcase"):
        if case.find("failure") is not None:
            failed.append("%s.%s" % (case.get("classname"), case.get("name")))
    return failed
