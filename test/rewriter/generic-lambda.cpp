// A generic lambda's body is rewritten once and serves every
// instantiation, each with its own deferred calls (SPEC 2.8).
//
// RUN: %cxxdefer %s -- -std=c++17 > %t.cpp
// RUN: %if !forced-tier %{ %FileCheck %s --input-file=%t.cpp %}
// RUN: %clangxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.clang && %t.clang | %FileCheck %s --check-prefix=EXEC
// RUN: %gxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.gcc && %t.gcc | %FileCheck %s --check-prefix=EXEC
// RUN: %plugin_cxx -std=c++17 -Wall -Wextra -Werror %s -o %t.plugin && %t.plugin | %FileCheck %s --check-prefix=EXEC

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void show(int V) { traceInt("show int", V); }
static void show(const char *V) { std::printf("show text %s\n", V); }

int main() {
  auto L = [](auto V) {
    // CHECK: cxxdefer_d[[@LINE+1]]_5 = {{.*}}show({{.*}}); try {
    __defer(show(V));
    trace("lambda body");
  };
  L(1);
  L("text");
  return 0;
}

// EXEC:      lambda body
// EXEC-NEXT: show int 1
// EXEC-NEXT: lambda body
// EXEC-NEXT: show text text
// EXEC-EMPTY:
