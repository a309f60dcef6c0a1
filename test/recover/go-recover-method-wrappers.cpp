// Mirrors test/recover.go test9 to test14 (and their reflect variants) and
// test15: the deferred call goes through a compiler-made wrapper (an
// interface method call with a pointer receiver, a word-sized, empty, two
// strings or 8 KB value receiver, an 8 KB receiver whose method also has
// an 8 KB frame, a method value, a method expression, a MakeFunc
// function), and the recover() in the target still gets the panic value,
// then nil. The C++ wrappers: a virtual call through a base pointer, a
// member call on an object, a large object by value, a large frame, a
// pointer to member function, a std::function, std::bind, a callable
// object. Go's mustRecoverBody also checks that a helper's recover() gets
// nil first; in C++ a helper would recover (recover-in-helper.cpp), so the
// C++ body calls `__recover()` directly twice: the value, then null.
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <functional>

#include "Inputs/panic.h"

[[noreturn]] static void panicWith(int N) { throw N; }

static void mustRecoverBody(const char *Where) {
  std::printf("%s: ", Where);
  std::exception_ptr First = __recover();
  std::exception_ptr Second = __recover();
  std::printf("%s then %s\n", describe(First).c_str(), describe(Second).c_str());
}

struct I {
  virtual void m() = 0;
  virtual ~I() = default;
};

// test9: pointer receiver through the interface.
struct T1 : I {
  void m() override { mustRecoverBody("virtual call"); }
};

// test10/11: a small value's member function, called on the object.
struct T2 {
  void m() const { mustRecoverBody("member call"); }
};

// test12/13: a large receiver passed by value (Go's method expression
// `T5.M` called with the value).
struct T5 {
  char Data[8192];
};
static void takesT5(T5 V) {
  (void)V;
  mustRecoverBody("8 KB argument by value");
}

// test14: a large receiver and a large frame.
struct T6 {
  char Data[8192];
  void m() const {
    volatile char X[8192];
    X[0] = 1;
    X[1] = 2;
    if (X[0] + X[1] != 3)
      trace("bad frame");
    mustRecoverBody("8 KB object, 8 KB frame");
  }
};

// test15: a type-erased callable.
static void reflectFunc() { mustRecoverBody("std::function"); }

struct Functor {
  void operator()(int N) const {
    traceInt("functor argument", N);
    mustRecoverBody("callable object");
  }
};

static void test9() {
  T1 Object;
  I *Iface = &Object;
  __defer(Iface->m());
  panicWith(9);
}
static void test10() {
  T2 Value;
  __defer(Value.m());
  panicWith(10);
}
static void test12() {
  T5 Value{};
  __defer(takesT5(Value));
  panicWith(12);
}
static void test14() {
  T6 Value{};
  __defer(Value.m());
  panicWith(14);
}
static void test9reflect1() {
  T1 Object;
  void (T1::*Method)() = &T1::m;
  __defer((Object.*Method)());
  panicWith(91);
}
static void test15() {
  std::function<void()> F = reflectFunc;
  __defer(F());
  panicWith(15);
}
static void testBind() {
  auto Bound = std::bind(mustRecoverBody, "std::bind");
  __defer(Bound());
  panicWith(16);
}
static void testFunctor() {
  Functor F;
  __defer(F(3));
  panicWith(17);
}

static void run(void (*F)()) {
  try {
    F();
  } catch (...) {
    showCaught("exception escaped");
  }
}

int main() {
  run(test9);
  run(test10);
  run(test12);
  run(test14);
  run(test9reflect1);
  run(test15);
  run(testBind);
  run(testFunctor);
  trace("done");
  return 0;
}

// EXEC:      virtual call: 9 then nil
// EXEC-NEXT: member call: 10 then nil
// EXEC-NEXT: 8 KB argument by value: 12 then nil
// EXEC-NEXT: 8 KB object, 8 KB frame: 14 then nil
// EXEC-NEXT: virtual call: 91 then nil
// EXEC-NEXT: std::function: 15 then nil
// EXEC-NEXT: std::bind: 16 then nil
// EXEC-NEXT: functor argument 3
// EXEC-NEXT: callable object: 17 then nil
// EXEC-NEXT: done
// EXEC-EMPTY:
