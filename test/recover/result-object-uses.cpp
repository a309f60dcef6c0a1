// __result is an lvalue of the function's result type for every use a user
// writes (SPEC 2.6): member access, subscripts, ->, calls, both sides of an
// operator, switch, binding a reference, passing it on. The plugin and the
// batch tool analyse the function with __result declared as that type.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <string>
#include <vector>

#include "../rewriter/Inputs/trace.h"

struct Outcome {
  int Code = 0;
  std::string Error;
  void fail(const char *Why) {
    Code = -1;
    Error = Why;
  }
};

static void describe(const Outcome &O) {
  std::printf("outcome %d '%s'\n", O.Code, O.Error.c_str());
}

static Outcome operation(bool Fail) {
  __defer([&] {
    if (__recover())
      __result.fail("recovered");
  }());
  __defer(describe(__result));
  if (Fail)
    throw 1;
  __result.Code = 7;
  return __result;
}

static std::vector<int> vector() {
  __defer([&] {
    __result[0] = 42;
    __result.push_back(3);
  }());
  return {1, 2};
}

static int arithmetic() {
  __defer([&] { __result = __result * 10 + __result; }());
  __defer([&] {
    switch (__result % 3) {
    case 1:
      __result += 1;
      break;
    default:
      break;
    }
  }());
  return 4;
}

struct Widget {
  int Value = 5;
  int get() const { return Value; }
};
struct Handle {
  Widget W;
  Widget *operator->() { return &W; }
};

static Handle handle() {
  __defer([&] {
    Widget &Ref = *__result.operator->();
    Ref.Value = __result->get() + 1;
  }());
  return {};
}

int main() {
  Outcome A = operation(false), B = operation(true);
  describe(A);
  describe(B);
  std::vector<int> V = vector();
  std::printf("vector %zu %d\n", V.size(), V[0]);
  traceInt("arithmetic", arithmetic());
  traceInt("handle", handle()->get());
  return 0;
}

// The deferred describe() binds its reference parameter to __result at the
// defer statement, so it sees the value the function returns with (it runs
// before the recovering closure, deferred first).
// EXEC:      outcome 7 ''
// EXEC-NEXT: outcome 0 ''
// EXEC-NEXT: outcome 7 ''
// EXEC-NEXT: outcome -1 'recovered'
// EXEC-NEXT: vector 3 42
// EXEC-NEXT: arithmetic 55
// EXEC-NEXT: handle 6
// EXEC-EMPTY:
