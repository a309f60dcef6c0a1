// A braced-init-list argument initialises its parameter at the defer
// statement (SPEC 2.3), like any other argument: `sum({1, 2, 3})` with a
// std::vector<int> parameter. The rewriter keeps the parameter's value,
// copy-list-initialised in place from the list: `value_arg<P>{{...}}`.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <vector>

#include "Inputs/trace.h"

static void sum(std::vector<int> V) {
  int S = 0;
  for (int X : V)
    S += X;
  traceInt("sum", S);
}

struct Point {
  int X, Y;
};

static void showPoint(const Point &P) { std::printf("point %d %d\n", P.X, P.Y); }

int main() {
  int N = 1;
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)sum({{.*}}); }, ::cxxdefer::detail::value_arg<::std::vector<int>>{{[{][{]}}N, 2, 3}}}}; try {
  __defer(sum({N, 2, 3}));
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)showPoint({{.*}}); }, ::cxxdefer::detail::value_arg<::Point>{{[{][{]}}N, 20}}}}; try {
  __defer(showPoint({N, 20}));
  N = 10;
  trace("body");
  return 0;
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

// EXEC:      body
// EXEC-NEXT: point 1 20
// EXEC-NEXT: sum 6
// EXEC-EMPTY:
