// The object expression of a deferred member call is evaluated at the
// defer statement (SPEC 2.3): `obj.f()` binds `obj`, `p->f()` copies the
// pointer, so re-pointing `p` later does not change the object called.
//
// RUN: %cxxdefer %s -- -std=c++17 > %t.cpp
// RUN: %if !forced-tier %{ %FileCheck %s --input-file=%t.cpp %}
// RUN: %clangxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.clang && %t.clang | %FileCheck %s --check-prefix=EXEC
// RUN: %gxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.cpp -o %t.gcc && %t.gcc | %FileCheck %s --check-prefix=EXEC
// RUN: %plugin_cxx -std=c++17 -Wall -Wextra -Werror %s -o %t.plugin && %t.plugin | %FileCheck %s --check-prefix=EXEC

#include <cxxdefer.h>

#include "Inputs/trace.h"

struct Counter {
  const char *Name;
  int Count = 0;
  void report(const char *How) const { std::printf("%s %s %d\n", How, Name, Count); }
};

static void run() {
  Counter A{"a"};
  Counter B{"b"};
  Counter *P = &A;
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}bind_member{::cxxdefer::detail::ref(A), {{.*}}.report({{.*}}val("dot")}); try {
  __defer(A.report("dot"));
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}bind_member{::cxxdefer::detail::val(P), {{.*}}->report({{.*}}val("arrow")}); try {
  __defer(P->report("arrow"));
  P = &B;
  A.Count = 1;
  P->report("body");
}

int main() {
  run();
  return 0;
}

// EXEC:      body b 0
// EXEC-NEXT: arrow a 1
// EXEC-NEXT: dot a 1
// EXEC-EMPTY:
