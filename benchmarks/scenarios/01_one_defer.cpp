//===- benchmarks/scenarios/01_one_defer.cpp - Lock, defer unlock ---------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Go's canonical defer: take a lock, defer its release, do the work.
/// The "lock" is bench::lock, a counter behind a call, so the figure is the
/// defer's own cost. One defer statement, one return: open-coded. The twin
/// is what one writes without defer: keep the result, unlock, return it.
///
//===----------------------------------------------------------------------===//

#include "harness.h"

#include <cxxdefer.h>

BENCH_NOINLINE int one_defer(int x) {
  bench::lock(bench::lock_a);
  __defer(bench::unlock(bench::lock_a));
  return bench::work(x);
}

BENCH_NOINLINE int one_defer_twin(int x) {
  bench::lock(bench::lock_a);
  int r = bench::work(x);
  bench::unlock(bench::lock_a);
  return r;
}

BENCH_SCENARIO(10, "one_defer", "1 defer: lock, defer unlock (counter lock)",
               7, 1, one_defer, one_defer_twin, PerDefer);
