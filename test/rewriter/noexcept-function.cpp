// A `noexcept` function's deferred calls run at its return like any
// other's (SPEC 2.8).
//
// RUN: %cxxdefer %s -- -std=c++17 > %t.cpp
// RUN: %if !forced-tier %{ %FileCheck %s --input-file=%t.cpp %}
// RUN: %clangxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.clang && %t.clang | %FileCheck %s --check-prefix=EXEC
// GCC warns about the rewritten handler's `throw;` in a noexcept function
// (-Wterminate); that bug has its own test, gcc-wterminate-noexcept.cpp.
// RUN: %gxx -std=c++17 -Wall -Wextra -Werror -Wno-terminate -I%cxxdefer_include -I%S %t.cpp -o %t.gcc && %t.gcc | %FileCheck %s --check-prefix=EXEC
// RUN: %plugin_cxx -std=c++17 -Wall -Wextra -Werror %s -o %t.plugin && %t.plugin | %FileCheck %s --check-prefix=EXEC

#include <cxxdefer.h>

#include "Inputs/trace.h"

static int run(int N) noexcept {
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}; try {
  __defer(traceInt("deferred", N));
  traceInt("body", N);
  return N + 1;
}

int main() {
  traceInt("result", run(1));
  return 0;
}

// EXEC:      body 1
// EXEC-NEXT: deferred 1
// EXEC-NEXT: result 2
// EXEC-EMPTY:
