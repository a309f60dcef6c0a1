// A heap-allocated defer statement whose bound call cannot be stored (here:
// an operand whose move constructor throws while the call is moved into
// its pooled record) must give the record back: in steady state a failed
// defer statement allocates nothing, as a successful one does not. Only a
// call whose move is trivial (cannot throw) is stored without that guard.
//
// UNSUPPORTED: forced-tier
// RUN: %cxxdefer %s -- -std=c++17 > %t.cpp
// RUN: %clangxx -std=c++17 -O1 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.clang && %t.clang | %FileCheck %s
// RUN: %gxx -std=c++17 -O1 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.gcc && %t.gcc | %FileCheck %s
// RUN: %plugin_cxx -std=c++17 -O0 %s -o %t.plugin && %t.plugin | %FileCheck %s

#include <cxxdefer.h>

#include <cstdio>

#include "Inputs/count-allocations.h"

// Trivially copyable by its copy constructor, but its move throws.
struct MoveThrows {
  int V;
  explicit MoveThrows(int V) : V(V) {}
  MoveThrows(const MoveThrows &) = default;
  MoveThrows(MoveThrows &&Other) noexcept(false) : V(Other.V) {
    if (V < 0)
      throw V;
  }
};

static long Used = 0;
static void use(MoveThrows M) { Used += M.V; }

// One iteration: still heap-allocated (the statement is in a loop), and one
// deferred call that throws replaces no other exception.
static void loop(int N) {
  for (int I = 0; I < 1; ++I)
    __defer(use(MoveThrows(N)));
}

int main() {
  loop(1); // warms the pool up
  long Before = Allocations;
  int Thrown = 0;
  for (int K = 0; K < 10000; ++K) {
    try {
      loop(-1);
    } catch (int) {
      ++Thrown;
    }
  }
  std::printf("thrown %d, allocations %ld, used %ld\n", Thrown,
              Allocations - Before, Used);
  return 0;
}

// CHECK: thrown 10000, allocations 0, used 1
