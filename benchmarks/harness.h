//===- benchmarks/harness.h - What a scenario file sees -------------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The contract between a scenario file and the driver.
///
/// Every scenario lives in its own translation unit
/// (benchmarks/scenarios/*.cpp), compiled through the plugin, holding two
/// functions: one that uses `__defer` and its hand-written twin that makes
/// the same calls by hand at its exits. scripts/bench.sh compiles each file
/// separately and links only the ones that compile, so a scenario that needs
/// a tier the rewriter does not support yet is skipped without touching the
/// others. That is why scenarios register themselves from a static
/// initializer (BENCH_SCENARIO) instead of being listed in the driver: the
/// driver runs whatever was linked.
///
/// Both functions of a scenario have the signature `int(int)` and are
/// external and noinline, and the driver calls them through pointers, so
/// nothing about the argument or the result can be folded into the caller.
/// The work they do is calls to the noinline callees below, which live in
/// callees.cpp, a separate translation unit compiled without the plugin:
/// the compiler must assume each may throw and has side effects, as it
/// would for real code. Each callee mixes a code into one order-sensitive
/// hash (trace()), so that `bench --check` can prove that the defer version
/// and its twin make the same calls in the same order.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_BENCHMARKS_HARNESS_H
#define CXXDEFER_BENCHMARKS_HARNESS_H

#include <cstdint>

#define BENCH_NOINLINE __attribute__((noinline))

namespace bench {

//===--- The callees (callees.cpp) ---------------------------------------===//

/// A "lock" that costs a call and a few instructions: the measurement is
/// the defer machinery, not a real mutex.
struct Counter {
  long held = 0;
};
extern Counter lock_a, lock_b;

void lock(Counter &c);
void unlock(Counter &c);
/// A deferred call with an argument (scenarios with many defers).
void release(int k);
/// The body of a scenario: returns x + 1.
int work(int x);
/// Recurses \p depth frames, then throws a bench::Panic (the twin of Go's
/// panic); with a negative \p depth it returns 0 without throwing.
int thrower(int depth);
struct Panic {
  int code;
};

/// The order-sensitive hash of every callee call since the last reset.
std::uint64_t trace();
void reset_trace();

//===--- Allocation counting (alloc_count.cpp) ---------------------------===//

/// Calls of malloc, calloc, realloc and the aligned allocators since the
/// program started (operator new goes through malloc, so it counts too).
std::uint64_t allocations();

//===--- Registration ----------------------------------------------------===//

/// The per-defer goal of the issue depends on the tier; bench.sh reads the
/// tier from the plugin's remarks, this field only says what kind of figure
/// the row reports.
enum class Measure {
  PerDefer,   ///< (instructions - twin's) / defers
  Ratio,      ///< instructions / twin's (panic + recover vs throw/catch)
};

struct Scenario {
  int order;               ///< position in the table
  const char *name;        ///< short name, also the Google Benchmark name
  const char *what;        ///< one line for the table
  int arg;                 ///< argument of every call
  int defers;              ///< deferred calls each call executes
  int (*with_defer)(int);  ///< null when this build cannot compile it
  int (*twin)(int);
  Measure measure;
  const char *file;        ///< the scenario's source file (for its remarks)
};

bool add_scenario(const Scenario &s);

} // namespace bench

#define BENCH_CAT2_(a, b) a##b
#define BENCH_CAT_(a, b) BENCH_CAT2_(a, b)
/// BENCH_SCENARIO(order, name, what, arg, defers, with_defer, twin, measure)
#define BENCH_SCENARIO(order, name, what, arg, defers, with_defer, twin,       \
                       measure)                                                \
  static const bool BENCH_CAT_(bench_registered_, __LINE__) =                  \
      ::bench::add_scenario({order, name, what, arg, defers, with_defer,       \
                             twin, ::bench::Measure::measure, __FILE__})

#endif // CXXDEFER_BENCHMARKS_HARNESS_H
