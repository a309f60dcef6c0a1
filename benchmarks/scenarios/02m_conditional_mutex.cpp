//===- benchmarks/scenarios/02m_conditional_mutex.cpp - deferBits, mutex --===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Scenario 2 with real, uncontended std::mutex locks: each deferred
/// `unlock` is declared in a system header, so it cannot reach
/// `__recover()` and the exit needs no test of the panic scope (issue 9's
/// "+0 when the deferred call cannot reach __recover()", for deferBits).
/// Called with mask 3, so both defers run.
///
//===----------------------------------------------------------------------===//

#include "harness.h"

#include <cxxdefer.h>

#include <mutex>

namespace {
std::mutex ma, mb;
}

BENCH_NOINLINE int conditional_mutex(int mask) {
  if (mask & 1) {
    ma.lock();
    __defer(ma.unlock());
  }
  if (mask & 2) {
    mb.lock();
    __defer(mb.unlock());
  }
  return bench::work(mask);
}

BENCH_NOINLINE int conditional_mutex_twin(int mask) {
  bool a = false, b = false;
  if (mask & 1) {
    ma.lock();
    a = true;
  }
  if (mask & 2) {
    mb.lock();
    b = true;
  }
  int r = bench::work(mask);
  if (b)
    mb.unlock();
  if (a)
    ma.unlock();
  return r;
}

BENCH_SCENARIO(21, "conditional_mutex",
               "2 defers inside ifs, std::mutex (deferBits)", 3, 2,
               conditional_mutex, conditional_mutex_twin, PerDefer);
