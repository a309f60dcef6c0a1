// A defer statement placed before a label that a later goto jumps back to
// is not in the goto loop (Go's defererrcheck.go f4): it stays open-coded
// and its deferred call runs once, at the return.
//
// RUN: %cxxdefer %s -- -std=c++17 > %t.cpp
// RUN: %if !forced-tier %{ %FileCheck %s --input-file=%t.cpp %}
// RUN: %clangxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.clang && %t.clang | %FileCheck %s --check-prefix=EXEC
// RUN: %gxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.gcc && %t.gcc | %FileCheck %s --check-prefix=EXEC
// RUN: %plugin_cxx -std=c++17 -Wall -Wextra -Werror %s -o %t.plugin && %t.plugin | %FileCheck %s --check-prefix=EXEC
// RUN: %if !forced-tier %{ %cxxdefer --remarks %s -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=REMARK %}

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void run() {
  int I = 0;
  // REMARK: goto-backward-before-defer.cpp:[[@LINE+2]]:3: remark: open-coded defer
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = ::cxxdefer::detail::open_coded({{.*}}); try {
  __defer(traceInt("deferred once, i =", I));
again:
  traceInt("iteration", I);
  if (++I < 3)
    goto again;
}

int main() {
  run();
  return 0;
}

// EXEC:      iteration 0
// EXEC-NEXT: iteration 1
// EXEC-NEXT: iteration 2
// EXEC-NEXT: deferred once, i = 0
// EXEC-EMPTY:
