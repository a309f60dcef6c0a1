# -*- Python -*-
# ===- test/lit.cfg.py - lit configuration for the cxxdefer suite ----------===#
#
# Two ways in, one configuration:
#
#   cmake --build build --target check          (or: ctest --test-dir build)
#       runs lit on build/test; the generated build/test/lit.site.cfg.py sets
#       the paths that CMake found and then loads this file.
#
#   python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv test/header
#       runs lit straight on the source tree; this file then loads the site
#       configuration of the build directory itself (--param build_dir=DIR,
#       else $CXXDEFER_BUILD_DIR, else <repo>/build), or falls back to
#       defaults for this machine when nothing has been configured yet.
#
# Either way every path a RUN line needs comes from a substitution; no test
# spells a build path or a bare compiler name.
#
# ===----------------------------------------------------------------------===#

import os
import shutil
import sys

import lit.formats

config.name = "cxxdefer"
# The internal shell: the same RUN-line semantics on every host, and lit's
# own `diff`, `rm`, `mkdir`, `cd`, `env` and `not`-free pipelines.
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test"]
# Inputs/ holds headers, consumer projects and other files that tests use;
# they are never tests themselves.
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]

# ----------------------------------------------------------------------------
# Site values: from the generated site config, or defaults.
# ----------------------------------------------------------------------------
this_dir = os.path.dirname(os.path.abspath(__file__))
repo_root = os.path.dirname(this_dir)

if not hasattr(config, "cxxdefer_obj_root"):
    # Running on the source tree: find a configured build directory.
    build_dir = (
        lit_config.params.get("build_dir")
        or os.environ.get("CXXDEFER_BUILD_DIR")
        or os.path.join(repo_root, "build")
    )
    build_dir = os.path.abspath(build_dir)
    site_cfg = os.path.join(build_dir, "test", "lit.site.cfg.py")
    if os.path.isfile(site_cfg):
        # The site config loads this file at its end unless told not to.
        config.cxxdefer_site_only = True
        lit_config.load_config(config, site_cfg)
    else:
        lit_config.note(
            "no %s; using this machine's defaults (configure with "
            "scripts/build.sh to get the real values)" % site_cfg
        )
        config.cxxdefer_src_root = repo_root
        config.cxxdefer_obj_root = build_dir
        config.llvm_tools_dir = "/usr/lib/llvm-19/bin"
        config.cxxdefer_clangxx = os.path.join(config.llvm_tools_dir, "clang++")
        config.cxxdefer_gxx = shutil.which("g++") or ""
        config.cxxdefer_plugin = os.path.join(build_dir, "lib", "CxxDefer.so")
        config.cxxdefer_tool = os.path.join(build_dir, "bin", "cxxdefer")
        config.cxxdefer_include = os.path.join(repo_root, "runtime", "include")
        config.cxxdefer_cmake = shutil.which("cmake") or "cmake"
        config.cxxdefer_cmake_generator = "Ninja" if shutil.which("ninja") else "Unix Makefiles"

config.test_source_root = this_dir
config.test_exec_root = os.path.join(config.cxxdefer_obj_root, "test")

# ----------------------------------------------------------------------------
# Environment: hermetic compilers, LLVM 19 tools first on PATH.
# ----------------------------------------------------------------------------
# A user's clang config file (e.g. ~/.config/clang/clang++.cfg) must not leak
# flags into the tests.
config.environment["CLANG_NO_DEFAULT_CONFIG"] = "1"
# FileCheck, not, count and split-file are the LLVM 19 ones, and a bare
# `clang++` in a RUN line would still be 19 rather than the system's 14.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", "")]
)
# Plain ASCII quotes and English in compiler messages, whatever the host's
# locale, so CHECK lines match GCC's diagnostics everywhere.
config.environment["LC_ALL"] = "C"

# ----------------------------------------------------------------------------
# Substitutions. lit applies them in list order to each RUN line, so a name
# that is a prefix of another (%cxxdefer of %cxxdefer_plugin) comes after it.
# ----------------------------------------------------------------------------
valgrind = shutil.which("valgrind")
filecheck = os.path.join(config.llvm_tools_dir, "FileCheck")
# Go, the reference of the differential tests in fuzz/ (Debian's golang-go).
go = shutil.which("go")

# --param force_tier=stack|heap reruns the same semantic tests with every
# defer forced into that tier (SPEC 4: every rule holds in every tier). The
# rewritten text then differs, so text checks are wrapped in
# `%if !forced-tier %{ ... %}`; tests about classification itself say
# `UNSUPPORTED: forced-tier`.
force_tier = lit_config.params.get("force_tier", "go")
if force_tier not in ("go", "stack", "heap"):
    lit_config.fatal("force_tier must be go, stack or heap, not %r" % force_tier)
tool_tier_flag = plugin_tier_flag = ""
if force_tier != "go":
    config.available_features.add("forced-tier")
    config.available_features.add("forced-tier-" + force_tier)
    tool_tier_flag = " --force-tier=" + force_tier
    plugin_tier_flag = " -fplugin-arg-cxxdefer-force-tier=" + force_tier
    config.name += " (force_tier=%s)" % force_tier

# A semantic test, three ways (test/check_cxxdefer.py):
# `%check_cxxdefer %s %t` or `%check_cxxdefer --std=c++17,c++20 %s %t -- -O2`.
check_cxxdefer = " ".join(
    [
        "python3",
        os.path.join(this_dir, "check_cxxdefer.py"),
        "--tool=" + config.cxxdefer_tool,
        "--plugin=" + config.cxxdefer_plugin,
        "--clangxx=" + config.cxxdefer_clangxx,
        "--gxx=" + (config.cxxdefer_gxx or ""),
        "--include=" + config.cxxdefer_include,
        "--filecheck=" + os.path.join(config.llvm_tools_dir, "FileCheck"),
        "--tier=" + force_tier,
    ]
)

config.substitutions.extend(
    [
        ("%check_cxxdefer", check_cxxdefer),
        # Compile with the plugin: `%plugin_cxx -std=c++17 %s -o %t`.
        ("%plugin_cxx", "%s -fplugin=%s%s" % (config.cxxdefer_clangxx, config.cxxdefer_plugin, plugin_tier_flag)),
        ("%cxxdefer_plugin", config.cxxdefer_plugin),
        ("%cxxdefer_include", config.cxxdefer_include),
        ("%cxxdefer_build", config.cxxdefer_obj_root),
        ("%cxxdefer_src", config.cxxdefer_src_root),
        # The batch tool: `%cxxdefer %s -- -std=c++17`.
        ("%cxxdefer", config.cxxdefer_tool + tool_tier_flag),
        ("%clangxx", config.cxxdefer_clangxx),
        ("%gxx", config.cxxdefer_gxx or "false"),
        # The fuzzer and Go: `%python %S/fuzz.py ...`, `%go build -o %t x.go`.
        ("%python", sys.executable),
        ("%go", go or "false"),
        ("%FileCheck", filecheck),
        # CMake for the install tests: `%cmake %cmake_generator -S ... -B ...`.
        ("%cmake_generator", '-G "%s"' % config.cxxdefer_cmake_generator),
        ("%cmake", config.cxxdefer_cmake),
        # Memory checking of a built test program (REQUIRES: valgrind).
        (
            "%valgrind",
            "%s --quiet --error-exitcode=99 --leak-check=full "
            "--errors-for-leak-kinds=definite" % (valgrind or "false"),
        ),
    ]
)

# ----------------------------------------------------------------------------
# Features for REQUIRES: / UNSUPPORTED: / %if.
# ----------------------------------------------------------------------------
if config.cxxdefer_gxx and os.path.exists(config.cxxdefer_gxx):
    config.available_features.add("gxx")
if valgrind:
    config.available_features.add("valgrind")
# The check target builds both, so under `check` these are always present;
# they let a subset of the suite run (UNSUPPORTED) before the first build.
if os.path.isfile(config.cxxdefer_plugin):
    config.available_features.add("plugin-built")
if os.path.isfile(config.cxxdefer_tool):
    config.available_features.add("tool-built")
# GoogleTest installed: test/unit is built, and a missing binary fails.
if os.path.isfile("/usr/include/gtest/gtest.h"):
    config.available_features.add("unit-tests")
if os.path.isfile("/usr/include/benchmark/benchmark.h"):
    config.available_features.add("benchmark")
# The formatter of test/format.test: clang-format 19 only (another version
# formats differently).
clang_format = shutil.which("clang-format-19")
if clang_format:
    config.available_features.add("clang-format")
config.substitutions.append(("%clang_format", clang_format or "false"))

# The compiler cache that test/plugin checks the plugin against.
ccache = shutil.which("ccache")
if ccache:
    config.available_features.add("ccache")
config.substitutions.append(("%ccache", ccache or "false"))
if go:
    config.available_features.add("go")
    # lit does not pass HOME on, and Go keeps its build cache under it by
    # default: give it one in the build directory (or the caller's).
    config.environment["GOCACHE"] = os.environ.get("GOCACHE") or os.path.join(
        config.cxxdefer_obj_root, "go-cache")
    config.environment["GOTOOLCHAIN"] = "local"
