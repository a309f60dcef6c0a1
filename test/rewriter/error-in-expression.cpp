// `__defer` is a statement (SPEC 1): used inside an expression it is an
// error at the user's line.
//
// RUN: not %cxxdefer %s -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=ERR
// RUN: not %plugin_cxx -std=c++17 -fsyntax-only %s 2>&1 | %FileCheck %s --check-prefix=ERR

#include <cxxdefer.h>

void note();

int run() {
  // ERR: error-in-expression.cpp:[[@LINE+1]]:{{[0-9]+}}: error: '__defer' is a statement; it cannot be used inside an expression
  int K = (__defer(note()), 1);
  return K;
}
