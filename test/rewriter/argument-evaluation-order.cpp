// The callee, the object expression and every argument of a deferred call
// are evaluated at the defer statement, once, left to right, as Go does
// (SPEC 2.3); only the call waits for the function's return. Under C++17
// the rewriter binds them in a braced list, which fixes the order even
// where a plain call would not (GCC evaluates arguments right to left).
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void sum3(int A, int B, int C) { traceInt("sum3", A + B + C); }

using Sum3 = void (*)(int, int, int);

static Sum3 callee(const char *What) {
  trace(What);
  return &sum3;
}

struct Printer {
  void show(int A, int B) { std::printf("show %d %d\n", A, B); }
};

static Printer &printer(const char *What) {
  static Printer P;
  trace(What);
  return P;
}

int main() {
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = ::cxxdefer::detail::open_coded(::cxxdefer::detail::ordered::bind_value{::cxxdefer::detail::val(callee("i1")), ::cxxdefer::detail::val(traced("i2", 1)), {{.*}}traced("i3", 2){{.*}}traced("i4", 3)){{.*}}}); try {
  __defer(callee("i1")(traced("i2", 1), traced("i3", 2), traced("i4", 3)));
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = ::cxxdefer::detail::open_coded(::cxxdefer::detail::ordered::bind_member{::cxxdefer::detail::ref(printer("i5")), {{.*}}.show({{.*}}traced("i6", 4)){{.*}}traced("i7", 5)){{.*}}}); try {
  __defer(printer("i5").show(traced("i6", 4), traced("i7", 5)));
  trace("body");
  return 0;
}

// EXEC:      i1
// EXEC-NEXT: i2
// EXEC-NEXT: i3
// EXEC-NEXT: i4
// EXEC-NEXT: i5
// EXEC-NEXT: i6
// EXEC-NEXT: i7
// EXEC-NEXT: body
// EXEC-NEXT: show 4 5
// EXEC-NEXT: sum3 6
// EXEC-EMPTY:
