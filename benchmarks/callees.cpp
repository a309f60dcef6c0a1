//===- benchmarks/callees.cpp - The calls every scenario makes ------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The functions the scenarios call, in a translation unit of their own and
/// compiled without the plugin, so that at the scenarios' compile the
/// compiler knows nothing about them: every call may throw and may read or
/// write any global, exactly as with real code. Each one is a handful of
/// instructions, so that a defer's overhead is not hidden under its body.
///
/// Every call mixes a code into one multiplicative hash, which depends on
/// the order of the calls: `bench --check` compares it between a scenario
/// and its twin.
///
//===----------------------------------------------------------------------===//

#include "harness.h"

namespace bench {

Counter lock_a, lock_b;

namespace {
std::uint64_t g_trace = 0;
inline void mix(std::uint64_t code) {
  g_trace = g_trace * 0x100000001b3ULL + code;
}
} // namespace

BENCH_NOINLINE void lock(Counter &c) {
  ++c.held;
  mix(1);
}

BENCH_NOINLINE void unlock(Counter &c) {
  --c.held;
  mix(2);
}

BENCH_NOINLINE void release(int k) { mix(100 + static_cast<unsigned>(k)); }

BENCH_NOINLINE int work(int x) {
  mix(3);
  return x + 1;
}

BENCH_NOINLINE int thrower(int depth) {
  if (depth < 0)
    return 0;
  if (depth == 0) {
    mix(4);
    throw Panic{42};
  }
  // Not a tail call: each level is a real frame for the unwinder.
  int r = thrower(depth - 1);
  mix(5);
  return r + 1;
}

BENCH_NOINLINE std::uint64_t trace() { return g_trace; }
BENCH_NOINLINE void reset_trace() { g_trace = 0; }

} // namespace bench
