// `__result` belongs to the innermost function-like body that contains a
// defer statement (SPEC 2.6, 2.8): a lambda with a defer statement has its
// own result, a member function and every instantiation of a function
// template have theirs. A deferred closure (a lambda without defer
// statements of its own) uses the result of the function that deferred it,
// as Go's closures use the named result of their enclosing function.
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <string>

#include "Inputs/panic.h"

struct Counter {
  int Base = 10;
  int next() {
    __defer([&] { __result += Base; }());
    return 1;
  }
};

template <class T> static T twice(T V) {
  __defer([&] { __result += __result; }());
  return V;
}

static int outer() {
  // The lambda has a defer statement: its __result is its own.
  auto Inner = [](int N) {
    __defer([&] { __result *= 100; }());
    return N;
  };
  __defer([&] { __result += 1; }());
  return Inner(2);
}

int main() {
  Counter C;
  traceInt("member function", C.next());
  traceInt("twice<int>", twice(21));
  std::printf("twice<std::string> %s\n", twice(std::string("ab")).c_str());
  traceInt("outer", outer());
  return 0;
}

// outer: Inner(2) returns 200; outer's deferred closure adds 1.
// EXEC:      member function 11
// EXEC-NEXT: twice<int> 42
// EXEC-NEXT: twice<std::string> abab
// EXEC-NEXT: outer 201
// EXEC-EMPTY:
