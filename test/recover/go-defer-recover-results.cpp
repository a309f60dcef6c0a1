// Mirrors test/abi/defer_recover_results.go: when a function recovers, the
// caller gets the values its results hold at that point (SPEC 3.2: the
// value of `__result`). Go's F has five results, assigns four of them and
// leaves the blank one alone, defers a recovering closure and panics; the
// caller must get the four values and 0. In C++ the five results are one
// std::tuple and `__result` is that tuple; the element nobody assigns stays
// value-initialised. Sub-cases 2-6 are Go's unnamed results: a function
// that never names `__result` returns a value-initialised R after it
// recovers, not whatever its locals hold.
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <array>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "Inputs/panic.h"

struct S {
  std::uint8_t X;
  std::uint16_t Y;
  std::uint32_t Z;
  double W;
};

using Results = std::tuple<int, std::string, int, S, std::array<int, 2>>;

[[noreturn]] static void panicWith(const char *Value) { throw Value; }

// Go's `a, b, c, d = a0, b0, c0, d0`: the blank result (element 2) is
// never assigned. (A helper taking Results&, because `std::get<0>(__result)`
// does not parse before the rewrite; result-lvalue-uses.cpp has it.)
static void assignResults(Results &R) {
  std::get<0>(R) = 10;
  std::get<1>(R) = "hello";
  std::get<3>(R) = S{1, 2, 3, 4};
  std::get<4>(R) = {{111, 222}};
}

// 1. Go's F.
static Results f() {
  assignResults(__result);
  __defer([] { (void)__recover(); }());
  panicWith("XXX");
}

// 2-6. Unnamed results: the locals do not matter.
static int unnamedInt() {
  int Local = 5;
  __defer([] { (void)__recover(); }());
  panicWith("int");
  return Local;
}
static std::string unnamedString() {
  std::string Local = "local";
  __defer([] { (void)__recover(); }());
  panicWith("string");
  return Local;
}
static S unnamedStruct() {
  __defer([] { (void)__recover(); }());
  panicWith("struct");
  return S{9, 9, 9, 9};
}
static int *unnamedPointer() {
  static int Target = 1;
  __defer([] { (void)__recover(); }());
  panicWith("pointer");
  return &Target;
}
static std::vector<int> unnamedVector() {
  __defer([] { (void)__recover(); }());
  panicWith("vector");
  return {1, 2, 3};
}

int main() {
  Results R = f();
  const S &C = std::get<3>(R);
  std::printf("a %d b %s blank %d c {%d %d %u %.1f} d [%d %d]\n", std::get<0>(R),
              std::get<1>(R).c_str(), std::get<2>(R), C.X, C.Y, C.Z, C.W,
              std::get<4>(R)[0], std::get<4>(R)[1]);
  traceInt("unnamedInt", unnamedInt());
  std::printf("unnamedString '%s'\n", unnamedString().c_str());
  S U = unnamedStruct();
  std::printf("unnamedStruct {%d %d %u %.1f}\n", U.X, U.Y, U.Z, U.W);
  trace(unnamedPointer() ? "unnamedPointer not null" : "unnamedPointer null");
  traceInt("unnamedVector size", static_cast<int>(unnamedVector().size()));
  return 0;
}

// EXEC:      a 10 b hello blank 0 c {1 2 3 4.0} d [111 222]
// EXEC-NEXT: unnamedInt 0
// EXEC-NEXT: unnamedString ''
// EXEC-NEXT: unnamedStruct {0 0 0 0.0}
// EXEC-NEXT: unnamedPointer null
// EXEC-NEXT: unnamedVector size 0
// EXEC-EMPTY:
