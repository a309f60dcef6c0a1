// A call through a function pointer copies the pointer at the defer
// statement (SPEC 2.3): assigning another function to the pointer later
// does not change the function called at exit.
//
// RUN: %cxxdefer %s -- -std=c++17 > %t.cpp
// RUN: %if !forced-tier %{ %FileCheck %s --input-file=%t.cpp %}
// RUN: %clangxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.clang && %t.clang | %FileCheck %s --check-prefix=EXEC
// RUN: %gxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.gcc && %t.gcc | %FileCheck %s --check-prefix=EXEC
// RUN: %plugin_cxx -std=c++17 -Wall -Wextra -Werror %s -o %t.plugin && %t.plugin | %FileCheck %s --check-prefix=EXEC

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void one(int N) { traceInt("one", N); }
static void two(int N) { traceInt("two", N); }

static void run() {
  void (*Fp)(int) = &one;
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}bind_value{::cxxdefer::detail::val(Fp), ::cxxdefer::detail::val(1)}); try {
  __defer(Fp(1));
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}bind_value{::cxxdefer::detail::val((*Fp)), ::cxxdefer::detail::val(2)}); try {
  __defer((*Fp)(2));
  Fp = &two;
  Fp(3);
}

int main() {
  run();
  return 0;
}

// EXEC:      two 3
// EXEC-NEXT: one 2
// EXEC-NEXT: one 1
// EXEC-EMPTY:
