//===- benchmarks/scenarios/01m_one_defer_mutex.cpp - A real std::mutex ---===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Scenario 1 with a real, uncontended std::mutex, for scale: what a defer
/// costs next to the lock it usually releases. Open-coded; the twin unlocks
/// by hand after computing the result.
///
//===----------------------------------------------------------------------===//

#include "harness.h"

#include <cxxdefer.h>

#include <mutex>

namespace {
std::mutex m;
}

BENCH_NOINLINE int one_defer_mutex(int x) {
  m.lock();
  __defer(m.unlock());
  return bench::work(x);
}

BENCH_NOINLINE int one_defer_mutex_twin(int x) {
  m.lock();
  int r = bench::work(x);
  m.unlock();
  return r;
}

BENCH_SCENARIO(11, "one_defer_mutex", "1 defer: std::mutex lock, defer unlock",
               7, 1, one_defer_mutex, one_defer_mutex_twin, PerDefer);
