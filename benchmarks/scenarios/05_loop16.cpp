//===- benchmarks/scenarios/05_loop16.cpp - Defers in a loop --------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// A defer statement in a loop, executed 16 times per call: heap-allocated
/// (records from the runtime's per-thread pool; the goal is no allocation in
/// steady state). The trip count is the argument, so nothing is unrolled
/// into straight-line code. The twin keeps the arguments in a local fixed
/// array and replays them in reverse at the exit, which is the cheapest
/// correct hand-written equivalent for a bounded loop. Until the rewriter
/// supports the heap-allocated tier this file does not compile, and
/// scripts/bench.sh skips it.
///
//===----------------------------------------------------------------------===//

#include "harness.h"

#include <cxxdefer.h>

BENCH_NOINLINE int loop16(int n) {
  for (int i = 0; i < n; ++i)
    __defer(bench::release(i));
  return bench::work(n);
}

BENCH_NOINLINE int loop16_twin(int n) {
  int saved[16];
  int k = 0;
  for (int i = 0; i < n && k < 16; ++i)
    saved[k++] = i;
  int r = bench::work(n);
  while (k > 0)
    bench::release(saved[--k]);
  return r;
}

BENCH_SCENARIO(50, "loop16", "16 defers in a loop (heap-allocated)", 16, 16,
               loop16, loop16_twin, PerDefer);
