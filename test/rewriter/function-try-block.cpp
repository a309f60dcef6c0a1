// A function whose body is a function-try-block: the deferred calls belong
// to the body and run when it is left, so on an exception they run before
// the function-try-block's handler (SPEC 2.8, 3.1).
//
// RUN: %cxxdefer %s -- -std=c++17 > %t.cpp
// RUN: %if !forced-tier %{ %FileCheck %s --input-file=%t.cpp %}
// RUN: %clangxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.clang && %t.clang | %FileCheck %s --check-prefix=EXEC
// RUN: %gxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.gcc && %t.gcc | %FileCheck %s --check-prefix=EXEC
// RUN: %plugin_cxx -std=c++17 -Wall -Wextra -Werror %s -o %t.plugin && %t.plugin | %FileCheck %s --check-prefix=EXEC

#include <cxxdefer.h>

#include <stdexcept>

#include "Inputs/trace.h"

static void run(bool Throw) try {
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}; try {
  __defer(trace("deferred"));
  trace("body");
  if (Throw)
    throw std::runtime_error("thrown");
} catch (const std::exception &E) {
  std::printf("handler %s\n", E.what());
}

int main() {
  run(false);
  run(true);
  return 0;
}

// EXEC:      body
// EXEC-NEXT: deferred
// EXEC-NEXT: body
// EXEC-NEXT: deferred
// EXEC-NEXT: handler thrown
// EXEC-EMPTY:
