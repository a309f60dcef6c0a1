// Mirrors test/defernil.go and test/fixedbugs/issue8047b.go without
// recover(): a deferred call through a null function pointer fails when it
// is invoked, not at the defer statement, by throwing cxxdefer::null_call
// (SPEC 2.3), also while another exception propagates, where null_call
// replaces it (SPEC 3.4, issue8047b: "Defer setup during panic shouldn't
// crash for nil defer"). Never std::terminate, never a crash.
//
// Go recovers the new panic in main's deferred closure; here the caller's
// handler catches it (go-defernil.cpp is the recover() form). Go's nil func
// value maps to a null function pointer and to a null pointer to member
// function; an empty std::function throws its own std::bad_function_call.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <functional>

#include "Inputs/panic.h"

static int X = 0;

[[noreturn]] static void panicWith(int N) { throw N; }

// 1. defernil.go f: the code after the defer statement runs (x = 1), and
//    the function's exit invokes the null pointer.
static void deferNil() {
  void (*NilF)() = nullptr;
  __defer(NilF());
  X = 1;
  trace("after the defer statement");
}

// 2. issue8047b.go f: the null call is invoked while panic 1 propagates and
//    replaces it; the earlier deferred call still runs.
static void deferNilThenPanic() {
  void (*G)() = nullptr;
  __defer(trace("earlier deferred call runs"));
  __defer(G());
  __defer(trace("later deferred call runs"));
  panicWith(1);
}

// 3. The same through a null pointer to member function.
struct Widget {
  void poke() { trace("poke"); }
};
static void deferNullMemberPointer() {
  Widget W;
  void (Widget::*PM)() = nullptr;
  __defer((W.*PM)());
  panicWith(2);
}

// 4. An empty std::function fails as it would when called: it throws
//    std::bad_function_call, which replaces panic 3.
static void deferEmptyFunction() {
  std::function<void()> F;
  __defer(F());
  panicWith(3);
}

static void run(const char *Label, void (*F)()) {
  std::printf("-- %s\n", Label);
  X = 0;
  try {
    F();
    trace("returned normally");
  } catch (const cxxdefer::null_call &) {
    std::printf("caught cxxdefer::null_call, x = %d\n", X);
  } catch (const std::bad_function_call &) {
    trace("caught std::bad_function_call");
  } catch (int N) {
    traceInt("caught int", N);
  }
}

int main() {
  run("defernil", deferNil);
  run("issue8047b", deferNilThenPanic);
  run("member pointer", deferNullMemberPointer);
  run("std::function", deferEmptyFunction);
  return 0;
}

// EXEC:      -- defernil
// EXEC-NEXT: after the defer statement
// EXEC-NEXT: caught cxxdefer::null_call, x = 1
// The later deferred call runs first, then the null call replaces panic 1,
// then the earlier deferred call runs; the caller never sees the int.
// EXEC-NEXT: -- issue8047b
// EXEC-NEXT: later deferred call runs
// EXEC-NEXT: earlier deferred call runs
// EXEC-NEXT: caught cxxdefer::null_call, x = 0
// EXEC-NEXT: -- member pointer
// EXEC-NEXT: caught cxxdefer::null_call, x = 0
// EXEC-NEXT: -- std::function
// EXEC-NEXT: caught std::bad_function_call
// EXEC-EMPTY:
