//===- benchmarks/scenarios/04_nine_defers.cpp - Past the open-coded limit ===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Nine defer statements: one more than Go open-codes, so every defer of
/// the function becomes stack-allocated (a record in the frame, linked into
/// the thread's defer chain). The twin calls the nine releases by hand.
/// Until the rewriter supports the stack-allocated tier this file does not
/// compile, and scripts/bench.sh skips it.
///
//===----------------------------------------------------------------------===//

#include "harness.h"

#include <cxxdefer.h>

BENCH_NOINLINE int nine_defers(int x) {
  __defer(bench::release(1));
  __defer(bench::release(2));
  __defer(bench::release(3));
  __defer(bench::release(4));
  __defer(bench::release(5));
  __defer(bench::release(6));
  __defer(bench::release(7));
  __defer(bench::release(8));
  __defer(bench::release(9));
  return bench::work(x);
}

BENCH_NOINLINE int nine_defers_twin(int x) {
  int r = bench::work(x);
  bench::release(9);
  bench::release(8);
  bench::release(7);
  bench::release(6);
  bench::release(5);
  bench::release(4);
  bench::release(3);
  bench::release(2);
  bench::release(1);
  return r;
}

BENCH_SCENARIO(40, "nine_defers", "9 defers (stack-allocated)", 7, 9,
               nine_defers, nine_defers_twin, PerDefer);
