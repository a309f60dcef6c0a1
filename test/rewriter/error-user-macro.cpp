// A defer statement that a user macro produces is rejected at the macro's
// use, with the reason (SPEC 6): the rewriter edits the user's text and
// cannot edit a macro expansion.
//
// RUN: not %cxxdefer %s -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=ERR
// RUN: not %plugin_cxx -std=c++17 -fsyntax-only %s 2>&1 | %FileCheck %s --check-prefix=ERR

#include <cxxdefer.h>

void note();

#define DEFER_NOTE() __defer(note())

void run() {
  // ERR: error-user-macro.cpp:[[@LINE+1]]:3: error: '__defer' produced by a macro expansion is not supported; write the defer statement directly in the function body
  DEFER_NOTE();
}
