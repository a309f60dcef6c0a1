// The rewritten text compiles and behaves the same under every supported
// standard (SPEC 5.2: C++14 or later, the same -std as the input). C++14
// gets function-call binders and copy-initialised slots; C++17 and C++20
// braced, CTAD-deduced ones. Every callee shape and slot kind once.
//
// DEFINE: %{std} = c++14
// DEFINE: %{check} = %cxxdefer %s -- -std=%{std} > %t.%{std}.cpp && %clangxx -std=%{std} -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.%{std}.cpp -o %t.%{std}.clang && %t.%{std}.clang | %FileCheck %s --check-prefix=EXEC && %gxx -std=%{std} -Wall -Wextra -Werror -I%cxxdefer_include -I%S %t.%{std}.cpp -o %t.%{std}.gcc && %t.%{std}.gcc | %FileCheck %s --check-prefix=EXEC && %plugin_cxx -std=%{std} -Wall -Wextra -Werror %s -o %t.%{std}.plugin && %t.%{std}.plugin | %FileCheck %s --check-prefix=EXEC
// RUN: %{check}
// REDEFINE: %{std} = c++17
// RUN: %{check}
// REDEFINE: %{std} = c++20
// RUN: %{check}

#include <cxxdefer.h>

#include <memory>
#include <stdexcept>

#include "Inputs/trace.h"

struct Obj {
  int Id;
  void show(int N) const { std::printf("show %d %d\n", Id, N); }
  void operator+=(int N) { std::printf("plus %d %d\n", Id, N); }
};

static void freeFunction(int N) { traceInt("free", N); }

static void shapes(bool Flag) {
  Obj O{1};
  std::unique_ptr<Obj> P(new Obj{2});
  void (*Fp)(int) = &freeFunction;
  void (Obj::*Pm)(int) const = &Obj::show;
  int N = 10;
  __defer(freeFunction(N));
  __defer(O.show(N));
  __defer(P->show(N));
  __defer(Fp(N));
  __defer((O.*Pm)(N + 1));
  __defer(O += N);
  __defer([&] { traceInt("closure", N); }());
  if (Flag) {
    __defer(Tracked("conditional").use("deferred"));
  }
  N = 20;
  trace("body");
}

static void fail() { throw std::runtime_error("from deferred"); }

static void exceptions() {
  __defer(trace("runs while propagating"));
  __defer(fail());
  throw std::logic_error("from body");
}

int main() {
  shapes(true);
  try {
    exceptions();
  } catch (const std::runtime_error &E) {
    std::printf("caught %s\n", E.what());
  }
  return 0;
}

// EXEC:      ctor conditional
// EXEC:      body
// EXEC-NEXT: use conditional in deferred
// EXEC:      closure 20
// EXEC-NEXT: plus 1 10
// EXEC-NEXT: show 1 11
// EXEC-NEXT: free 10
// EXEC-NEXT: show 2 10
// EXEC-NEXT: show 1 10
// EXEC-NEXT: free 10
// EXEC-NEXT: runs while propagating
// EXEC-NEXT: caught from deferred
// EXEC-EMPTY:
