// Threads (SPEC 2.10, issue 3): four threads run loop defers, stack defers
// and exceptions at the same time; each thread's deferred calls run on that
// thread only, all of them, in order, and the record pool is shared without
// a race (the global pool is only touched under its lock).
//
// RUN: %cxxdefer %s -- -std=c++17 > %t.cpp
// RUN: %clangxx -std=c++17 -O1 -pthread -Wall -Wextra -Werror -I%cxxdefer_include %t.cpp -o %t.clang && %t.clang | %FileCheck %s
// RUN: %gxx -std=c++17 -O1 -pthread -Wall -Wextra -Werror -I%cxxdefer_include %t.cpp -o %t.gcc && %t.gcc | %FileCheck %s
// RUN: %plugin_cxx -std=c++17 -O1 -pthread -Wall -Wextra -Werror %s -o %t.plugin && %t.plugin | %FileCheck %s
// RUN: %clangxx -std=c++17 -O1 -g -pthread -fsanitize=thread -I%cxxdefer_include %t.cpp -o %t.tsan && %t.tsan | %FileCheck %s

#include <cxxdefer.h>

#include <atomic>
#include <cstdio>
#include <stdexcept>
#include <thread>
#include <vector>

struct Counter {
  std::thread::id Owner;
  long Next = 0; // the value the next deferred call must see
  long Ran = 0;
  bool Ok = true;
  void see(long Value) {
    Ok = Ok && Value == Next && std::this_thread::get_id() == Owner;
    --Next;
    ++Ran;
  }
};

static void loopThenThrow(Counter &C, int N, bool Throw) {
  for (int I = 0; I < N; ++I)
    __defer(C.see(I));
  C.Next = N - 1;
  if (Throw)
    throw std::runtime_error("thrown");
}

static void manyStack(Counter &C) {
  __defer(C.see(0)); __defer(C.see(1)); __defer(C.see(2)); __defer(C.see(3)); __defer(C.see(4));
  __defer(C.see(5)); __defer(C.see(6)); __defer(C.see(7)); __defer(C.see(8));
  C.Next = 8;
}

static std::atomic<int> Failures{0};

static void worker(int Seed) {
  Counter C;
  C.Owner = std::this_thread::get_id();
  long Expected = 0;
  for (int Round = 0; Round < 2000; ++Round) {
    int N = 1 + (Round * 7 + Seed) % 50;
    try {
      loopThenThrow(C, N, Round % 3 == 0);
    } catch (const std::runtime_error &) {
    }
    manyStack(C);
    Expected += N + 9;
  }
  if (!C.Ok || C.Ran != Expected)
    ++Failures;
}

int main() {
  std::vector<std::thread> Threads;
  for (int T = 0; T < 4; ++T)
    Threads.emplace_back(worker, T);
  for (std::thread &T : Threads)
    T.join();
  std::printf("failures: %d\n", Failures.load());
  return 0;
}

// CHECK: failures: 0
