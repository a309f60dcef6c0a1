// A member function of a local class is a function body of its own
// (SPEC 2.8): its deferred calls run when it returns.
//
// RUN: %cxxdefer %s -- -std=c++17 > %t.cpp
// RUN: %if !forced-tier %{ %FileCheck %s --input-file=%t.cpp %}
// RUN: %clangxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.clang && %t.clang | %FileCheck %s --check-prefix=EXEC
// RUN: %gxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.gcc && %t.gcc | %FileCheck %s --check-prefix=EXEC
// RUN: %plugin_cxx -std=c++17 -Wall -Wextra -Werror %s -o %t.plugin && %t.plugin | %FileCheck %s --check-prefix=EXEC

#include <cxxdefer.h>

#include "Inputs/trace.h"

int main() {
  struct Local {
    int Id;
    void run() const {
      // CHECK: cxxdefer_d[[@LINE+1]]_7 = {{.*}}; try {
      __defer(traceInt("local deferred", Id));
      traceInt("local body", Id);
    }
  };
  __defer(trace("main deferred"));
  Local{1}.run();
  Local{2}.run();
  trace("main body");
  return 0;
}

// EXEC:      local body 1
// EXEC-NEXT: local deferred 1
// EXEC-NEXT: local body 2
// EXEC-NEXT: local deferred 2
// EXEC-NEXT: main body
// EXEC-NEXT: main deferred
// EXEC-EMPTY:
