//===- benchmarks/scenarios/07_panic_recover.cpp - Panic and recover ------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Issue 4's cost goal. `panic_recover` is Go's
///
///   func f(depth int) (r int) {
///     defer func() { if recover() != nil { r = -1 } }()
///     return thrower(depth)
///   }
///
/// and its twin is the raw C++ of the same depth: try, call, catch (...)
/// and return -1. bench::thrower recurses `depth` frames and throws, so
/// both unwind the same frames. With depth 4 the row is the round trip of
/// a panic stopped by recover; with depth -1 nothing is thrown, and the row
/// is the normal path of a function that can recover, against a try/catch
/// that costs nothing on that path.
///
/// `__recover()` and `__result` are not implemented yet, so the defer
/// version sits behind CXXDEFER_BENCH_HAVE_RECOVER, which scripts/bench.sh
/// defines to 1 only when benchmarks/probes/recover.cpp compiles through
/// the plugin. Without it the twins still run and are reported alone.
///
//===----------------------------------------------------------------------===//

#include "harness.h"

#include <cxxdefer.h>

#ifndef CXXDEFER_BENCH_HAVE_RECOVER
#define CXXDEFER_BENCH_HAVE_RECOVER 0
#endif

#if CXXDEFER_BENCH_HAVE_RECOVER
BENCH_NOINLINE int panic_recover(int depth) {
  __defer([&] {
    if (__recover())
      __result = -1;
  }());
  return bench::thrower(depth);
}
#define PANIC_RECOVER panic_recover
#else
#define PANIC_RECOVER nullptr
#endif

BENCH_NOINLINE int panic_recover_twin(int depth) {
  try {
    return bench::thrower(depth);
  } catch (...) {
    return -1;
  }
}

BENCH_SCENARIO(70, "panic_recover",
               "throw 4 frames deep, recover vs try/catch (ratio)", 4, 1,
               PANIC_RECOVER, panic_recover_twin, Ratio);
BENCH_SCENARIO(71, "recover_no_panic",
               "a function that can recover, nothing thrown", -1, 1,
               PANIC_RECOVER, panic_recover_twin, PerDefer);
