// A deferred call may keep up to 16 operands (cxxdefer/call.h,
// max_kept_operands): here a callee kept by value and 15 arguments, and a
// member call whose object and 15 arguments are kept. Under C++17 the bound
// call is one of `call`'s flat specializations; under C++14 it is the one
// variadic template that bind() builds. Each argument reaches its
// parameter, in place, at exit.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void show(int A1, int A2, int A3, int A4, int A5, int A6, int A7,
                 int A8, int A9, int A10, int A11, int A12, int A13, int A14,
                 int A15) {
  std::printf("%d %d %d %d %d %d %d %d %d %d %d %d %d %d %d\n", A1, A2, A3,
              A4, A5, A6, A7, A8, A9, A10, A11, A12, A13, A14, A15);
}

struct Sum {
  int Base;
  void add(int A1, int A2, int A3, int A4, int A5, int A6, int A7, int A8,
           int A9, int A10, int A11, int A12, int A13, int A14, int A15) {
    traceInt("sum", Base + A1 + A2 + A3 + A4 + A5 + A6 + A7 + A8 + A9 + A10 +
                        A11 + A12 + A13 + A14 + A15);
  }
};

static void run() {
  void (*Fn)(int, int, int, int, int, int, int, int, int, int, int, int, int,
             int, int) = show;
  int X = 1;
  // CHECK: ::cxxdefer::detail::call_value{}, ::cxxdefer::detail::value_arg{Fn}, ::cxxdefer::detail::value_arg{X},
  __defer(Fn(X, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
  Sum S{100};
  __defer(S.add(X, X, X, X, X, X, X, X, X, X, X, X, X, X, X));
  X = 0;
  Fn = nullptr;
  trace("body");
}

int main() { run(); }

// EXEC:      body
// EXEC-NEXT: sum 115
// EXEC-NEXT: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
// EXEC-EMPTY:
