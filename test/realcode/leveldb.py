# ===- test/realcode/leveldb.py - leveldb 1.23 as the suite builds it -------===#
#
# Everything the harness knows about leveldb, in one place: where its source
# comes from, how its CMake build is configured for each of the four
# builds, and what "its own flags" are.
#
# leveldb's CMakeLists.txt adds `-fno-exceptions -fno-rtti` for every
# compiler but MSVC, and `-Werror -Wthread-safety` when the compiler takes
# -Wthread-safety (clang). Those are the project's own flags, and the
# builds without defer statements always use them. For the patched tree the
# harness has two modes:
#
#   own      the flags as they are (the suite's mode): the rewritten code
#            has no try region under -fno-exceptions, and tells
#            -Wthread-safety that a deferred unlock releases the mutex at
#            exit. A build error is reported, counted by message.
#   relaxed  (for comparison) exceptions on, and no -Werror -Wthread-safety: -fexceptions is
#            put in CMAKE_CXX_FLAGS_RELEASE, which follows CMAKE_CXX_FLAGS
#            (where leveldb adds -fno-exceptions) on every command line, and
#            leveldb's own probe for -Wthread-safety (HAVE_CLANG_THREAD_SAFETY)
#            is answered "no" in the cache. -fno-rtti stays.
#
# Other choices, the same in both modes:
#   - Release with -O2 and assertions left on: leveldb's asserts check its
#     invariants (a mutex held, a reference count) around the rewritten
#     code too.
#   - The patched builds use C++14 (CMAKE_CXX_STANDARD, which leveldb lets
#     a parent project set): cxxdefer's runtime needs C++14, leveldb asks
#     for C++11. The builds without defers keep leveldb's C++11.
#   - Library and tests only: no benchmarks, no install rules.
#   - Its third_party/googletest and third_party/benchmark, empty in the
#     release tarball, are replaced by Debian's packages (Inputs/leveldb/).
#
# ===----------------------------------------------------------------------===#

import os

PACKAGE = "leveldb"
TARBALL = "leveldb_1.23.orig.tar.gz"
TARBALL_SHA256 = (
    "9a37f8a6174f09bd622bc723b55881dc541cd50747cbd08831c2a82d620f6d76")
# The directory the tarball unpacks into.
TOP = "leveldb-1.23"

HERE = os.path.dirname(os.path.abspath(__file__))
OVERLAY = os.path.join(HERE, "Inputs", "leveldb")
PATCH = os.path.join(HERE, "Inputs", "leveldb-defer.patch")

FLAG_MODES = ("relaxed", "own")

# Cases that fail now and then in every build, the reference one (clang
# alone, no cxxdefer) included, on a loaded machine: they time background
# compactions. Not run; every other case of leveldb's suite is.
#   DBTest.HiddenValuesAreRemoved  failed 3 times in a row in the clang
#                                  build and in the plugin build (whose
#                                  objects are byte-identical to clang's).
FLAKY_UPSTREAM = ("DBTest.HiddenValuesAreRemoved",)


def cache_entries(cxx, cc, patched, flags, extra_cxx_flags=""):
    """CMake cache entries for one build.

    cxx/cc: the compilers; patched: the tree has defer statements;
    flags: "own" or "relaxed" (ignored for an unpatched tree, which always
    builds with leveldb's own flags); extra_cxx_flags: added to
    CMAKE_CXX_FLAGS (leveldb appends its own flags after them).
    """
    release = "-O2"
    entries = {
        "CMAKE_BUILD_TYPE": "Release",
        "CMAKE_C_COMPILER": cc,
        "CMAKE_CXX_COMPILER": cxx,
        "CMAKE_C_FLAGS_RELEASE": release,
        "LEVELDB_BUILD_TESTS": "ON",
        "LEVELDB_BUILD_BENCHMARKS": "OFF",
        "LEVELDB_INSTALL": "OFF",
        "CMAKE_EXPORT_COMPILE_COMMANDS": "ON",
    }
    if extra_cxx_flags:
        entries["CMAKE_CXX_FLAGS"] = extra_cxx_flags
    if patched:
        entries["CMAKE_CXX_STANDARD"] = "14"
        if flags == "relaxed":
            release += " -fexceptions"
            entries["HAVE_CLANG_THREAD_SAFETY"] = "OFF"
    entries["CMAKE_CXX_FLAGS_RELEASE"] = release
    return entries
