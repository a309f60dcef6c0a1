//===- benchmarks/scenarios/03_eight_defers.cpp - The open-coded limit ----===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Eight defer statements and one return: the most Go open-codes
/// (8 defers, returns x defers = 8 <= 15). The twin calls the same eight
/// releases by hand, in reverse, after computing the result.
///
//===----------------------------------------------------------------------===//

#include "harness.h"

#include <cxxdefer.h>

BENCH_NOINLINE int eight_defers(int x) {
  __defer(bench::release(1));
  __defer(bench::release(2));
  __defer(bench::release(3));
  __defer(bench::release(4));
  __defer(bench::release(5));
  __defer(bench::release(6));
  __defer(bench::release(7));
  __defer(bench::release(8));
  return bench::work(x);
}

BENCH_NOINLINE int eight_defers_twin(int x) {
  int r = bench::work(x);
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

BENCH_SCENARIO(30, "eight_defers", "8 defers (the open-coded limit)", 7, 8,
               eight_defers, eight_defers_twin, PerDefer);
