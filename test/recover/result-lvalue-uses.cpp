// `__result` is an lvalue of type R (SPEC 2.6), so every use an lvalue of
// that type allows works on it: its address (Go's `defer f(&r)` with a
// named result r), member access and member calls, subscripts, std::get of
// a tuple result, argument deduction of a function template, a variadic
// argument. Each deferred call below sees the value `return` stored and
// changes it; the caller gets the final value.
//
// The rewrite gives `__result` its real type before analysing
// (AnalysisConsumer.cpp), so all of this works with the plugin and the
// batch tool. Without the plugin (an editor) `__result` is the header's
// stand-in, on which member access, subscripts and deduction do not parse.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "Inputs/panic.h"

struct Point {
  int X;
  int Y;
};

static void addTen(int *R) { *R += 10; }

// 1. The address, evaluated at the defer statement (Go's `defer f(&r)`).
static int address() {
  __defer(addTen(&__result));
  return 1;
}

// 2. Member access.
static Point member() {
  __defer([&] { __result.Y = __result.X * 2; }());
  return Point{3, 0};
}

// 3. A member call and a subscript.
static std::vector<int> container() {
  __defer([&] {
    __result.push_back(__result[0] + 1);
  }());
  return {5};
}

// 4. std::get of a tuple result.
static std::tuple<int, std::string> tuple() {
  __defer([&] { std::get<1>(__result) += "!"; }());
  std::get<0>(__result) = 7;
  return {std::get<0>(__result), "seven"};
}

// 5. Template argument deduction and a variadic argument.
static int deduced() {
  __defer([&] {
    __result = std::max(__result, 40);
    std::printf("deduced sees %d\n", __result);
  }());
  return 4;
}

// 6. Both operands of a binary operator.
static std::string doubled() {
  __defer([&] { __result = __result + __result; }());
  return "ab";
}

int main() {
  traceInt("address", address());
  Point P = member();
  std::printf("member {%d %d}\n", P.X, P.Y);
  std::vector<int> V = container();
  std::printf("container [%d %d]\n", V[0], V[1]);
  std::tuple<int, std::string> T = tuple();
  std::printf("tuple (%d %s)\n", std::get<0>(T), std::get<1>(T).c_str());
  traceInt("deduced", deduced());
  std::printf("doubled %s\n", doubled().c_str());
  return 0;
}

// EXEC:      address 11
// EXEC-NEXT: member {3 6}
// EXEC-NEXT: container [5 6]
// EXEC-NEXT: tuple (7 seven!)
// EXEC-NEXT: deduced sees 40
// EXEC-NEXT: deduced 40
// EXEC-NEXT: doubled abab
// EXEC-EMPTY:
