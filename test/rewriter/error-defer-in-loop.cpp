// A defer statement in a loop needs Go's heap-allocated tier, and makes
// the function's other defer statements stack-allocated; neither is
// implemented yet, so both are errors that say why (SPEC 4, 6). A label
// that a later goto jumps back to starts a loop too (Go's
// defererrcheck.go f5).
//
// RUN: not %cxxdefer %s -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=ERR
// RUN: not %plugin_cxx -std=c++17 -fsyntax-only %s 2>&1 | %FileCheck %s --check-prefix=ERR

#include <cxxdefer.h>

void note(int);

void forLoop(int N) {
  // ERR: error-defer-in-loop.cpp:[[@LINE+1]]:3: error: this defer statement needs Go's stack-allocated tier, which is not supported yet (the function has a defer statement in a loop)
  __defer(note(0));
  for (int I = 0; I < N; ++I) {
    // ERR: error-defer-in-loop.cpp:[[@LINE+1]]:5: error: this defer statement needs Go's heap-allocated tier, which is not supported yet (the defer statement is in a loop)
    __defer(note(I));
  }
}

void gotoLoop(int N) {
again:
  // ERR: error-defer-in-loop.cpp:[[@LINE+1]]:3: error: this defer statement needs Go's heap-allocated tier, which is not supported yet
  __defer(note(N));
  if (--N > 0)
    goto again;
}
