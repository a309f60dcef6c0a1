// NRVO is kept (SPEC 2.4) also for a local declared after a defer
// statement, which the rewriter puts inside the slot's try block.
//
// XFAIL: *
// GCC does not apply NRVO to a variable declared inside a try block and
// returned from it, so with GCC the rewritten function moves the result
// (`move named`). The same function without the defer statement gets
// NRVO. Clang elides the move. The slot's try region would have to end
// before such a variable's declaration, or the rewriter would have to
// keep the exception path without a try block around it.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static Tracked named() {
  __defer(trace("deferred"));
  Tracked T("named");
  return T;
}

int main() {
  {
    Tracked R = named();
    std::printf("copies %d moves %d\n", Tracked::copies(), Tracked::moves());
  }
  return 0;
}

// CHECK: #include <cxxdefer.h>

// EXEC:      ctor named
// EXEC-NEXT: deferred
// EXEC-NEXT: copies 0 moves 0
// EXEC-NEXT: dtor named
// EXEC-EMPTY:
