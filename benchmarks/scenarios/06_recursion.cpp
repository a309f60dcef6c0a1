//===- benchmarks/scenarios/06_recursion.cpp - A defer at every level -----===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Recursion 16 levels deep (17 frames) with a lock and a deferred unlock at
/// each: each frame's exit must run only its own deferred call. The
/// function has one defer statement and two returns, so it is open-coded
/// by Go's rules; the table shows the tier the plugin actually chose. The
/// twin unlocks by hand at the single exit of each frame.
///
//===----------------------------------------------------------------------===//

#include "harness.h"

#include <cxxdefer.h>

BENCH_NOINLINE int recursion(int depth) {
  bench::lock(bench::lock_a);
  __defer(bench::unlock(bench::lock_a));
  if (depth == 0)
    return bench::work(0);
  return recursion(depth - 1) + 1;
}

BENCH_NOINLINE int recursion_twin(int depth) {
  bench::lock(bench::lock_a);
  int r = depth == 0 ? bench::work(0) : recursion_twin(depth - 1) + 1;
  bench::unlock(bench::lock_a);
  return r;
}

BENCH_SCENARIO(60, "recursion", "recursion, 17 frames, 1 defer each", 16, 17,
               recursion, recursion_twin, PerDefer);
