// A defer statement in a loop adds one deferred call per execution, and
// all of them run LIFO when the function returns (SPEC 2.2), whatever
// leaves the loop: break, continue, an early return from inside it, an
// exception. The calls run before the locals that were alive at their
// defer statement die, after those declared later (SPEC 2.5).
//
// RUN: %cxxdefer %s -- -std=c++17 > %t.cpp
// RUN: %if !forced-tier %{ %FileCheck %s --input-file=%t.cpp %}
// RUN: %clangxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.clang && %t.clang | %FileCheck %s --check-prefix=EXEC
// RUN: %gxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.gcc && %t.gcc | %FileCheck %s --check-prefix=EXEC
// RUN: %plugin_cxx -std=c++17 -Wall -Wextra -Werror %s -o %t.plugin && %t.plugin | %FileCheck %s --check-prefix=EXEC
// RUN: %cxxdefer %s -- -std=c++14 > %t14.cpp
// RUN: %clangxx -std=c++14 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t14.cpp -o %t14.clang && %t14.clang | %FileCheck %s --check-prefix=EXEC
// RUN: %gxx -std=c++14 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t14.cpp -o %t14.gcc && %t14.gcc | %FileCheck %s --check-prefix=EXEC

#include <cxxdefer.h>

#include <stdexcept>
#include <vector>

#include "Inputs/trace.h"

static void forLoop(int N) {
  Tracked Outer("outer");
  // CHECK: ::cxxdefer::detail::defer_frame cxxdefer_frame{{[0-9_]+}}(true); try { for
  for (int I = 0; I < N; ++I) {
    Tracked Inner("inner");
    // CHECK: ::cxxdefer::detail::heap_defer({{.*}}traceInt{{.*}}val(I)});
    __defer(traceInt("for", I));
    if (I == 1)
      continue;
    // CHECK: ::cxxdefer::detail::heap_defer({{.*}}use{{.*}}ref(Outer)});
    __defer(Outer.use("for"));
  }
  Tracked Later("later");
  trace("forLoop body done");
}

static void rangeWhileDo() {
  std::vector<int> Values{1, 2, 3};
  for (int V : Values)
    __defer(traceInt("range", V));
  int J = 0;
  while (J < 2)
    __defer(traceInt("while", J++));
  do {
    __defer(traceInt("do", J));
  } while (--J > 0);
}

static int earlyReturn() {
  for (int I = 0;; ++I) {
    __defer(traceInt("early", I));
    if (I == 2)
      return I * 10;
    if (I > 5)
      break;
  }
  return -1;
}

static void throwsInLoop() {
  for (int I = 0; I < 5; ++I) {
    __defer(traceInt("thrown", I));
    if (I == 1)
      throw std::runtime_error("in loop");
  }
}

static void gotoLoop(int N) {
again:
  __defer(traceInt("goto", N));
  if (--N > 0)
    goto again;
}

static void nestedLoops() {
  for (int I = 0; I < 2; ++I)
    for (int J = 0; J < 2; ++J)
      __defer(traceInt("nested", I * 10 + J));
}

int main() {
  forLoop(3);
  trace("--");
  rangeWhileDo();
  trace("--");
  traceInt("earlyReturn returned", earlyReturn());
  trace("--");
  try {
    throwsInLoop();
  } catch (const std::exception &E) {
    trace(E.what());
  }
  trace("--");
  gotoLoop(3);
  trace("--");
  nestedLoops();
  return 0;
}

// EXEC:      ctor outer
// EXEC-NEXT: ctor inner
// EXEC-NEXT: dtor inner
// EXEC-NEXT: ctor inner
// EXEC-NEXT: dtor inner
// EXEC-NEXT: ctor inner
// EXEC-NEXT: dtor inner
// EXEC-NEXT: ctor later
// EXEC-NEXT: forLoop body done
// EXEC-NEXT: dtor later
// EXEC-NEXT: use outer in for
// EXEC-NEXT: for 2
// EXEC-NEXT: for 1
// EXEC-NEXT: use outer in for
// EXEC-NEXT: for 0
// EXEC-NEXT: dtor outer
// EXEC-NEXT: --
// EXEC-NEXT: do 1
// EXEC-NEXT: do 2
// EXEC-NEXT: while 1
// EXEC-NEXT: while 0
// EXEC-NEXT: range 3
// EXEC-NEXT: range 2
// EXEC-NEXT: range 1
// EXEC-NEXT: --
// EXEC-NEXT: early 2
// EXEC-NEXT: early 1
// EXEC-NEXT: early 0
// EXEC-NEXT: earlyReturn returned 20
// EXEC-NEXT: --
// EXEC-NEXT: thrown 1
// EXEC-NEXT: thrown 0
// EXEC-NEXT: in loop
// EXEC-NEXT: --
// EXEC-NEXT: goto 1
// EXEC-NEXT: goto 2
// EXEC-NEXT: goto 3
// EXEC-NEXT: --
// EXEC-NEXT: nested 11
// EXEC-NEXT: nested 10
// EXEC-NEXT: nested 1
// EXEC-NEXT: nested 0
// EXEC-EMPTY:
