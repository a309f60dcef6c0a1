// A callable object is the callee: an lvalue is the object its operator()
// is called on (the implicit object parameter is a reference, bound at the
// defer statement), a prvalue is made at the defer statement and kept
// (SPEC 2.3). The arguments are evaluated at the defer statement either way.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <functional>

#include "Inputs/trace.h"

struct Adder {
  int Base;
  void operator()(int N) const { traceInt("adder", Base + N); }
};

static void run() {
  Adder A{1};
  int N = 10;
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}(A), ::cxxdefer::detail::val(N)}); try {
  __defer(A(N));
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}::cxxdefer::detail::val(Adder{1000}), ::cxxdefer::detail::val(N)}); try {
  __defer(Adder{1000}(N));
  std::function<void(int)> F = [](int M) { traceInt("function", M); };
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}(F), ::cxxdefer::detail::val(N)}); try {
  __defer(F(N));
  A.Base = 100;
  N = 20;
  trace("body");
}

int main() {
  run();
  return 0;
}

// EXEC:      body
// EXEC-NEXT: function 10
// EXEC-NEXT: adder 1010
// EXEC-NEXT: adder 110
// EXEC-EMPTY:
