//===- benchmarks/scenarios/02_conditional.cpp - Defers inside an if ------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Two defer statements, each inside an `if`: still open-coded, but each
/// one now sets its bit in the function's deferBits byte, and the exit
/// tests the bits (Go's TestConditionalDefers shape). Called with mask 3,
/// so both defers run. The twin does by hand what deferBits does: a flag
/// per conditional lock, tested at the exit in reverse order.
///
//===----------------------------------------------------------------------===//

#include "harness.h"

#include <cxxdefer.h>

BENCH_NOINLINE int conditional(int mask) {
  if (mask & 1) {
    bench::lock(bench::lock_a);
    __defer(bench::unlock(bench::lock_a));
  }
  if (mask & 2) {
    bench::lock(bench::lock_b);
    __defer(bench::unlock(bench::lock_b));
  }
  return bench::work(mask);
}

BENCH_NOINLINE int conditional_twin(int mask) {
  bool a = false, b = false;
  if (mask & 1) {
    bench::lock(bench::lock_a);
    a = true;
  }
  if (mask & 2) {
    bench::lock(bench::lock_b);
    b = true;
  }
  int r = bench::work(mask);
  if (b)
    bench::unlock(bench::lock_b);
  if (a)
    bench::unlock(bench::lock_a);
  return r;
}

BENCH_SCENARIO(20, "conditional", "2 defers, each inside an if (deferBits)",
               3, 2, conditional, conditional_twin, PerDefer);
