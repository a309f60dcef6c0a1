// A braced-init-list argument initialises its parameter at the defer
// statement (SPEC 2.3), like any other argument: `sum({1, 2, 3})` with a
// std::vector<int> parameter.
//
// XFAIL: *
// The rewriter wraps the list as `::cxxdefer::detail::as<std::vector<int>>
// ({1, 2, 3})`, but as<To>(From &&) cannot deduce From from a braced list
// ("no matching function for call to 'as'"); the rewritten text does not
// compile. For a list the rewriter could spell `as<To>(To{...})` or give
// as<> a `To` overload.
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
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}sum({{.*}}; try {
  __defer(sum({N, 2, 3}));
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}showPoint({{.*}}; try {
  __defer(showPoint({N, 20}));
  N = 10;
  trace("body");
  return 0;
}

// EXEC:      body
// EXEC-NEXT: point 1 20
// EXEC-NEXT: sum 6
// EXEC-EMPTY:
