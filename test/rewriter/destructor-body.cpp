// A destructor body is a function body (SPEC 2.7): its deferred calls run
// at its closing brace, before the member and base destructors.
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

struct Base {
  ~Base() { trace("base destructor"); }
};

struct Widget : Base {
  Tracked Member{"member"};
  ~Widget() {
    // CHECK: cxxdefer_d[[@LINE+1]]_5 = {{.*}}::cxxdefer::detail::ref(Member){{.*}}; try {
    __defer(Member.use("deferred in destructor"));
    trace("destructor body");
  }
};

int main() {
  {
    Widget W;
    trace("scope end");
  }
  return 0;
}

// EXEC:      ctor member
// EXEC-NEXT: scope end
// EXEC-NEXT: destructor body
// EXEC-NEXT: use member in deferred in destructor
// EXEC-NEXT: dtor member
// EXEC-NEXT: base destructor
// EXEC-EMPTY:
