// NRVO is kept (SPEC 2.4) also for a local declared after a defer
// statement. When the deferred call cannot throw, the slot has no try
// block and every compiler applies NRVO. When it may throw, the rewriter
// puts the local inside the slot's try block; Clang applies NRVO there.
//
// GCC up to at least 12 applies NRVO only to a variable of a function's
// outermost block: `T f() { { T t; return t; } }` moves, with or without
// cxxdefer, and so does the rewritten function, whose try block nests the
// variable. That is GCC's choice (NRVO is optional in C++), documented in
// docs/limitations.md; the rewrite never copies, and GCC moves once.
//
// RUN: %check_cxxdefer --no-gcc %s %t
// RUN: %if gxx %{ %cxxdefer -q %s -- -std=c++17 -I%S > %t.gcc.cpp %}
// RUN: %if gxx %{ %gxx -std=c++17 -I%cxxdefer_include -I%S %t.gcc.cpp -o %t.gcc %}
// RUN: %if gxx %{ %t.gcc | %FileCheck %s --check-prefix=GCC %}

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void mayThrow(bool Throw) {
  if (Throw)
    throw 1;
  trace("deferred");
}

static void traceDeferred() noexcept { trace("deferred"); }

static Tracked quiet() {
  __defer(traceDeferred());
  Tracked T("quiet");
  return T;
}

static Tracked named() {
  __defer(mayThrow(false));
  Tracked T("named");
  return T;
}

int main() {
  {
    Tracked R = quiet();
    std::printf("copies %d moves %d\n", Tracked::copies(), Tracked::moves());
  }
  {
    Tracked R = named();
    std::printf("copies %d moves %d\n", Tracked::copies(), Tracked::moves());
  }
  return 0;
}

// CHECK: #include <cxxdefer.h>

// EXEC:      ctor quiet
// EXEC-NEXT: deferred
// EXEC-NEXT: copies 0 moves 0
// EXEC-NEXT: dtor quiet
// EXEC-NEXT: ctor named
// EXEC-NEXT: deferred
// EXEC-NEXT: copies 0 moves 0
// EXEC-NEXT: dtor named
// EXEC-EMPTY:

// GCC:      ctor quiet
// GCC-NEXT: deferred
// GCC-NEXT: copies 0 moves 0
// GCC:      ctor named
// GCC:      deferred
// GCC-NEXT: copies 0 moves {{[01]}}
