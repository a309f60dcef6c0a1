// The record pool (issue 3): in steady state a heap-allocated defer makes no
// allocation; a thread's cache goes back to the global pool when the thread
// ends, and the pool frees everything at exit, so valgrind sees no block in
// use at exit, not even a reachable one.
//
// UNSUPPORTED: forced-tier
// RUN: %cxxdefer %s -- -std=c++17 > %t.cpp
// RUN: %clangxx -std=c++17 -O1 -pthread -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.clang && %t.clang | %FileCheck %s
// RUN: %gxx -std=c++17 -O1 -pthread -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.gcc && %t.gcc | %FileCheck %s
// RUN: %clangxx -std=c++17 -O1 -g -pthread -fsanitize=address -I%cxxdefer_include -I%S %t.cpp -o %t.asan && %t.asan | %FileCheck %s
// RUN: %if valgrind %{ %valgrind --show-leak-kinds=all --errors-for-leak-kinds=all %t.clang | %FileCheck %s %}

#include <cxxdefer.h>

#include <cstdio>
#include <thread>

#include "Inputs/count-allocations.h"

static long Sum = 0;
static void add(long V) { Sum += V; }

static void loop(int N) {
  for (int I = 0; I < N; ++I)
    __defer(add(I));
}

int main() {
  loop(100); // warm up: fills this thread's cache and the global pool
  long Before = Allocations;
  for (int Round = 0; Round < 1000; ++Round)
    loop(100);
  std::printf("steady state allocations: %ld\n", Allocations - Before);

  // Threads take records from the global pool and give them back at exit.
  for (int Round = 0; Round < 4; ++Round) {
    std::thread T([] { loop(100); });
    T.join();
  }
  std::printf("sum: %ld\n", Sum);
  return 0;
}

// CHECK:      steady state allocations: 0
// CHECK-NEXT: sum: 4974750
// CHECK-EMPTY:
