// Mirrors test/defernil.go and test/fixedbugs/issue8047b.go with recover():
//   defernil.go: f defers a call through a nil func and then sets x = 1;
//     main's deferred closure must recover a panic and see x == 1 (the
//     panic happens when the deferred call runs, after the body).
//   issue8047b.go: f defers a nil func g and panics 1; running g raises a
//     new panic that replaces panic 1; main's deferred closure recovers it
//     and the program completes normally.
// C++: a null function pointer throws cxxdefer::null_call when the
// deferred call runs (SPEC 2.3, 3.4); an empty std::function throws
// std::bad_function_call. (null-call-during-propagation.cpp is the form
// without recover().)
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <functional>

#include "Inputs/panic.h"

static int X = 0;

static void f() {
  void (*NilF)() = nullptr;
  __defer(NilF());
  X = 1;
}

static void defernil() {
  __defer([] {
    show("defernil recovers", __recover());
    traceInt("x", X);
  }());
  f();
}

static void f8047b() {
  void (*G)() = nullptr;
  __defer(G());
  throw 1;
}

static void issue8047b() {
  __defer([] { show("issue8047b recovers", __recover()); }());
  f8047b();
}

static void emptyFunction() {
  std::function<void()> G;
  __defer(G());
  throw 2;
}

static void emptyStdFunction() {
  __defer([] { show("empty std::function recovers", __recover()); }());
  emptyFunction();
}

int main() {
  defernil();
  issue8047b();
  emptyStdFunction();
  trace("returned normally");
  return 0;
}

// EXEC:      defernil recovers: cxxdefer::null_call
// EXEC-NEXT: x 1
// EXEC-NEXT: issue8047b recovers: cxxdefer::null_call
// EXEC-NEXT: empty std::function recovers: std::exception bad_function_call
// EXEC-NEXT: returned normally
// EXEC-EMPTY:
