# ===- deferfuzz/runner.py - build and run a pair, compare with Go --------===#
#
# Go is the reference: its output is what the C++ half must print. The C++
# half goes through the configurations below: the plugin with Go's
# classification and with every defer forced into the stack and the heap
# tier, and the batch tool followed by GCC or Clang, at -O0 and -O2. Every
# configuration of every seed would take too long on two cores, so each seed
# gets three (one plugin, one tool + GCC, one tool + Clang) in a rotation
# that covers every configuration every six seeds (`--matrix=full` runs all).
#
# The outcome of one configuration is a Verdict: `ok`, or a kind of failure
# with a signature (the first error line with paths and numbers taken out, or
# "output differs"), so that failures can be grouped and a reduced program
# can be checked to still fail *the same way*.
#
# ===----------------------------------------------------------------------===#

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from typing import List, Optional

from . import render_cpp, render_go

# -Wno-infinite-recursion: a generated function may call itself and then a
# function that always panics, so that no path returns normally; GCC 12 at
# -O2 then reports "infinite recursion" on the program as written, with or
# without cxxdefer (seeds 232 and 241).
WARNINGS = ["-Wall", "-Wextra", "-Werror", "-Wno-unused-parameter",
            "-Wno-infinite-recursion"]
RUN_TIMEOUT = 20
BUILD_TIMEOUT = 300


@dataclass(frozen=True)
class Config:
    name: str
    via: str       # "plugin" or "tool"
    compiler: str  # "clang" or "gcc"
    tier: str      # "go", "stack" or "heap"
    opt: str       # "-O0" or "-O2"


def _configs():
    out = []
    for tier in ("go", "stack", "heap"):
        for opt in ("-O0", "-O2"):
            out.append(Config("plugin-%s%s" % (tier, opt), "plugin", "clang", tier, opt))
    for compiler in ("gcc", "clang"):
        for tier, opt in (("go", "-O0"), ("go", "-O2"), ("stack" if compiler == "gcc" else "heap", "-O2")):
            out.append(Config("tool-%s-%s%s" % (compiler, tier, opt), "tool", compiler, tier, opt))
    return out


CONFIGS = _configs()
BY_NAME = {c.name: c for c in CONFIGS}
PLUGIN = [c for c in CONFIGS if c.via == "plugin"]
TOOL_GCC = [c for c in CONFIGS if c.via == "tool" and c.compiler == "gcc"]
TOOL_CLANG = [c for c in CONFIGS if c.via == "tool" and c.compiler == "clang"]


def select_configs(seed, matrix):
    """The configurations a seed runs: `rotate`, `full`, or a comma list."""
    if matrix == "full":
        return list(CONFIGS)
    if matrix == "rotate":
        return [PLUGIN[seed % len(PLUGIN)], TOOL_GCC[seed % len(TOOL_GCC)],
                TOOL_CLANG[(seed + 1) % len(TOOL_CLANG)]]
    out = []
    for name in matrix.split(","):
        if name not in BY_NAME:
            raise ValueError("unknown configuration %r (known: %s)" % (
                name, ", ".join(BY_NAME)))
        out.append(BY_NAME[name])
    return out


def std_for_seed(seed):
    """C++17 mostly, C++14 and C++20 sometimes; independent of the
    configuration rotation (every pairing occurs within 60 seeds)."""
    return ["c++17", "c++17", "c++14", "c++17", "c++20"][(seed // 2) % 5]


@dataclass
class Tools:
    plugin: str
    tool: str
    include: str
    clangxx: str
    gxx: str
    go: str
    env: dict = field(default_factory=dict)


@dataclass
class Verdict:
    config: str
    kind: str  # ok, go-error, rewrite-error, compile-error, crash, timeout, output-differs
    signature: str = ""
    detail: str = ""  # the error text or the diff
    expected: str = ""
    actual: str = ""

    @property
    def ok(self):
        return self.kind == "ok"


def normalise(line):
    """An error line without paths, line/column numbers, numbers in names."""
    line = re.sub(r"^[^\s:]*:(\d+:)?(\d+:)?\s*", "", line.strip())
    line = re.sub(r"cxxdefer_\w+", "cxxdefer_N", line)
    line = re.sub(r"\b[fp]\d+\b", "fN", line)
    line = re.sub(r"\d+", "N", line)
    return line[:160]


def first_error(text):
    for line in text.splitlines():
        if "error:" in line or "fatal" in line.lower():
            return normalise(line)
    lines = [l for l in text.splitlines() if l.strip()]
    return normalise(lines[0]) if lines else "(no message)"


def _run(cmd, cwd, env, timeout, stdout=None):
    try:
        proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=stdout or subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    return proc


class PairRunner:
    """Builds and runs one program pair in `workdir`."""

    def __init__(self, tools, workdir, wrong=False):
        self.tools = tools
        self.wrong = wrong
        self.workdir = workdir
        self.env = dict(os.environ)
        self.env.update(tools.env)
        self.env["LC_ALL"] = "C"

    def write(self, program, stem):
        os.makedirs(self.workdir, exist_ok=True)
        cpp = os.path.join(self.workdir, stem + ".cpp")
        go = os.path.join(self.workdir, stem + ".go")
        with open(cpp, "w") as f:
            f.write(render_cpp.render(program, stem, self.wrong))
        with open(go, "w") as f:
            f.write(render_go.render(program, stem))
        return cpp, go

    def run_go(self, go_file):
        """(output, None) or (None, Verdict of kind go-error)."""
        exe = go_file[:-3] + ".go.exe"
        proc = _run([self.tools.go, "build", "-o", exe, go_file], self.workdir,
                    self.env, BUILD_TIMEOUT)
        if proc is None or proc.returncode != 0:
            text = proc.stderr.decode(errors="replace") if proc else "go build timed out"
            return None, Verdict("go", "go-error", "go build: " + first_error(text), text)
        proc = _run([exe], self.workdir, self.env, RUN_TIMEOUT)
        if proc is None or proc.returncode != 0:
            text = proc.stderr.decode(errors="replace") if proc else "timed out"
            return None, Verdict("go", "go-error", "go run: " + first_error(text), text)
        return proc.stdout.decode(errors="replace"), None

    def rewrite(self, cpp, std, tier):
        """The batch tool's output for (std, tier), cached: (path, None) or
        (None, Verdict). Go's classification is read from stdout, the forced
        tiers from --out-dir, so that both ways out of the tool are used."""
        out = "%s.%s.%s.rewritten.cpp" % (cpp[:-4], std, tier)
        if os.path.exists(out):
            return out, None
        cmd = [self.tools.tool, "--quiet"]
        if tier != "go":
            cmd.append("--force-tier=" + tier)
        out_dir = os.path.join(self.workdir, "out-%s-%s" % (std, tier))
        if tier != "go":
            cmd += ["--out-dir=" + out_dir, "--root=" + self.workdir]
        cmd += [cpp, "--", "-std=" + std]
        with open(out + ".tmp", "wb") as f:
            proc = _run(cmd, self.workdir, self.env, BUILD_TIMEOUT, stdout=f)
        if proc is None or proc.returncode != 0:
            text = proc.stderr.decode(errors="replace") if proc else "timed out"
            return None, Verdict("", "rewrite-error", first_error(text), text)
        if tier == "go":
            os.rename(out + ".tmp", out)
        else:
            os.remove(out + ".tmp")
            written = os.path.join(out_dir, os.path.relpath(cpp, self.workdir))
            if not os.path.isfile(written):
                return None, Verdict("", "rewrite-error", "no file in --out-dir",
                                     "expected " + written)
            os.rename(written, out)
        return out, None

    def run_config(self, cpp, std, config, expected):
        exe = "%s.%s.exe" % (cpp[:-4], config.name)
        if config.via == "plugin":
            cmd = [self.tools.clangxx, "-std=" + std, config.opt, "-fplugin=" + self.tools.plugin]
            if config.tier != "go":
                cmd.append("-fplugin-arg-cxxdefer-force-tier=" + config.tier)
            cmd += WARNINGS + [cpp, "-o", exe]
        else:
            source, failed = self.rewrite(cpp, std, config.tier)
            if failed:
                failed.config = config.name
                return failed
            compiler = self.tools.gxx if config.compiler == "gcc" else self.tools.clangxx
            cmd = [compiler, "-std=" + std, config.opt, "-I" + self.tools.include] + WARNINGS + [
                source, "-o", exe]
        proc = _run(cmd, self.workdir, self.env, BUILD_TIMEOUT)
        if proc is None or proc.returncode != 0:
            text = proc.stderr.decode(errors="replace") if proc else "compile timed out"
            return Verdict(config.name, "compile-error", first_error(text), text)
        proc = _run([exe], self.workdir, self.env, RUN_TIMEOUT)
        if proc is None:
            return Verdict(config.name, "timeout", "timeout", "", expected)
        actual = proc.stdout.decode(errors="replace")
        if proc.returncode != 0:
            how = ("signal %d" % -proc.returncode) if proc.returncode < 0 else (
                "exit %d" % proc.returncode)
            stderr = proc.stderr.decode(errors="replace")
            return Verdict(config.name, "crash", how + ": " + first_error(stderr) if stderr.strip()
                           else how, stderr, expected, actual)
        if actual != expected:
            return Verdict(config.name, "output-differs", "output differs",
                           unified_diff(expected, actual), expected, actual)
        return Verdict(config.name, "ok")


def unified_diff(expected, actual):
    import difflib
    return "".join(difflib.unified_diff(
        expected.splitlines(True), actual.splitlines(True), "go", "c++", n=3))


def clean(workdir):
    shutil.rmtree(workdir, ignore_errors=True)
