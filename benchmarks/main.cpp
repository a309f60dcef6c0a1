//===- benchmarks/main.cpp - The benchmark driver -------------------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// One binary, four modes, so that the timings, the instruction counts and
/// the correctness check all run exactly the same machine code:
///
///   bench [Google Benchmark flags]   times every scenario and its twin, and
///                                    reports heap allocations per call
///   bench --callgrind=N              under `valgrind --tool=callgrind`:
///                                    N calls of each function between
///                                    CALLGRIND_ZERO_STATS and
///                                    CALLGRIND_DUMP_STATS_AT, one dump each
///   bench --check                    calls each function once and prints
///                                    its result, the hash of the calls it
///                                    made, and the allocations per call in
///                                    steady state (the lit tests use this)
///   bench --list                     one tab-separated line per scenario
///
/// The driver only sees the scenarios that were linked in (harness.h says
/// why), and calls them through function pointers. Before measuring, each
/// function is called a few times: the defer runtime's per-thread pool fills
/// on first use, and "steady state" is what the goal is about.
///
//===----------------------------------------------------------------------===//

#include "harness.h"

#include <benchmark/benchmark.h>
#include <valgrind/callgrind.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

std::vector<bench::Scenario> &registry() {
  static std::vector<bench::Scenario> scenarios;
  return scenarios;
}

const int kWarmupCalls = 4;

struct Variant {
  const char *label;
  int (*fn)(int);
};

std::vector<Variant> variants(const bench::Scenario &s) {
  std::vector<Variant> v;
  if (s.with_defer)
    v.push_back({"defer", s.with_defer});
  v.push_back({"twin", s.twin});
  return v;
}

/// One measured call, the same in every mode.
inline __attribute__((always_inline)) int call(int (*fn)(int), int arg) {
  benchmark::DoNotOptimize(arg);
  int r = fn(arg);
  benchmark::DoNotOptimize(r);
  benchmark::ClobberMemory();
  return r;
}

void warm_up(int (*fn)(int), int arg) {
  for (int i = 0; i < kWarmupCalls; ++i)
    call(fn, arg);
}

//===--- --check -----------------------------------------------------------===//

double steady_allocs_per_call(int (*fn)(int), int arg) {
  const int calls = 1000;
  warm_up(fn, arg);
  std::uint64_t before = bench::allocations();
  for (int i = 0; i < calls; ++i)
    call(fn, arg);
  return double(bench::allocations() - before) / calls;
}

int run_check() {
  int bad = 0;
  for (const bench::Scenario &s : registry()) {
    if (!s.with_defer) {
      std::printf("%s: no defer version in this build\n", s.name);
      continue;
    }
    bench::reset_trace();
    int r1 = s.with_defer(s.arg);
    std::uint64_t t1 = bench::trace();
    bench::reset_trace();
    int r2 = s.twin(s.arg);
    std::uint64_t t2 = bench::trace();
    bool same = r1 == r2 && t1 == t2;
    bad += !same;
    std::printf("%s: %s: result %d trace %016llx; twin result %d trace "
                "%016llx\n",
                s.name, same ? "same" : "DIFFERENT", r1,
                (unsigned long long)t1, r2, (unsigned long long)t2);
    std::printf("%s: steady-state allocs/call: defer %g, twin %g\n", s.name,
                steady_allocs_per_call(s.with_defer, s.arg),
                steady_allocs_per_call(s.twin, s.arg));
  }
  if (bench::lock_a.held != 0 || bench::lock_b.held != 0) {
    std::printf("locks still held: a=%ld b=%ld\n", bench::lock_a.held,
                bench::lock_b.held);
    ++bad;
  }
  std::printf("check: %zu scenarios, %d different\n", registry().size(), bad);
  return bad ? 1 : 0;
}

//===--- --list --------------------------------------------------------------===//

int run_list() {
  for (const bench::Scenario &s : registry())
    std::printf("%d\t%s\t%d\t%s\t%s\t%s\t%s\n", s.order, s.name, s.defers,
                s.measure == bench::Measure::PerDefer ? "per-defer" : "ratio",
                s.with_defer ? "defer" : "no-defer", s.file, s.what);
  return 0;
}

//===--- --callgrind=N --------------------------------------------------------===//

// Counting starts at ZERO_STATS and ends at DUMP_STATS_AT, which writes one
// callgrind.out file whose description names the function; bench.sh reads
// the total of each. The client requests themselves cost a few instructions,
// nothing next to N calls.
int run_callgrind(long n) {
  if (!RUNNING_ON_VALGRIND)
    std::fprintf(stderr, "bench: --callgrind counts nothing outside "
                         "valgrind --tool=callgrind\n");
  for (const bench::Scenario &s : registry()) {
    for (const Variant &v : variants(s)) {
      warm_up(v.fn, s.arg);
      std::string label =
          std::string("bench ") + s.name + " " + v.label + " " +
          std::to_string(n);
      CALLGRIND_ZERO_STATS;
      for (long i = 0; i < n; ++i)
        call(v.fn, s.arg);
      CALLGRIND_DUMP_STATS_AT(label.c_str());
    }
  }
  return 0;
}

//===--- Google Benchmark ------------------------------------------------------===//

void register_benchmarks() {
  for (const bench::Scenario &s : registry()) {
    for (const Variant &v : variants(s)) {
      std::string name = std::string(s.name) + "/" + v.label;
      int (*fn)(int) = v.fn;
      int arg = s.arg;
      benchmark::RegisterBenchmark(name.c_str(), [fn, arg](benchmark::State &st) {
        warm_up(fn, arg);
        std::uint64_t before = bench::allocations();
        for (auto _ : st)
          call(fn, arg);
        st.counters["allocs_per_call"] = benchmark::Counter(
            double(bench::allocations() - before),
            benchmark::Counter::kAvgIterations);
      });
    }
  }
}

} // namespace

bool bench::add_scenario(const Scenario &s) {
  auto &r = registry();
  r.push_back(s);
  std::sort(r.begin(), r.end(), [](const Scenario &a, const Scenario &b) {
    return a.order < b.order;
  });
  return true;
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--check"))
      return run_check();
    if (!std::strcmp(argv[i], "--list"))
      return run_list();
    if (!std::strncmp(argv[i], "--callgrind=", 12))
      return run_callgrind(std::atol(argv[i] + 12));
  }
  register_benchmarks();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
