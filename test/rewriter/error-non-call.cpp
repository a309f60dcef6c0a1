// `__defer` needs a call expression (SPEC 1, 6): any other expression is
// an error at the user's line that says how to defer a statement.
//
// RUN: not %cxxdefer %s -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=ERR
// RUN: not %plugin_cxx -std=c++17 -fsyntax-only %s 2>&1 | %FileCheck %s --check-prefix=ERR

#include <cxxdefer.h>

int Global;

void run(int N) {
  // ERR: error-non-call.cpp:[[@LINE+1]]:{{[0-9]+}}: error: '__defer' needs a call expression; to defer a statement, defer a lambda: '__defer([&] { ... }())'
  __defer(N + 1);
  // ERR: error-non-call.cpp:[[@LINE+1]]:{{[0-9]+}}: error: '__defer' needs a call expression
  __defer(Global);
  // ERR: error-non-call.cpp:[[@LINE+1]]:{{[0-9]+}}: error: '__defer' needs a call expression
  __defer(run(1), run(2));
}
