// The object expression of a deferred member call is evaluated at the
// defer statement (SPEC 2.3): `obj.f()` binds `obj`, `p->f()` copies the
// pointer, so re-pointing `p` later does not change the object called.
//
// RUN: %check_cxxdefer %s %t

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
