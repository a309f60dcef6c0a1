// A defer statement that a user macro produces is rewritten at the macro's
// use (macro-defer.cpp). When it is wrong, the error is at the use, where
// the user acts, with a note at the macro's definition (SPEC 6).
//
// RUN: not %cxxdefer %s -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=ERR --implicit-check-not=error:
// RUN: not %plugin_cxx -std=c++17 -fsyntax-only %s 2>&1 | %FileCheck %s --check-prefix=ERR --implicit-check-not=error:

#include <cxxdefer.h>

void note(int);

// ERR-DAG: error-in-macro.cpp:[[@LINE+1]]:21: note: the defer statement comes from macro 'DEFER_VALUE', defined here
#define DEFER_VALUE __defer(42)
#define DEFER_NOTE(x) __defer(note x)
// ERR-DAG: error-in-macro.cpp:[[@LINE+1]]:23: note: the defer statement comes from macro 'DEFER_EXPR', defined here
#define DEFER_EXPR(e) __defer(e)

void run(int Count) {
  // ERR-DAG: error-in-macro.cpp:[[@LINE+1]]:3: error: '__defer' needs a call expression; to defer a statement, defer a lambda: '__defer([&] { ... }())'
  DEFER_VALUE;
  // A call spelled by the macro's argument is fine.
  DEFER_NOTE((1));
  // The error is at the user's own text, the macro's argument.
  // ERR-DAG: error-in-macro.cpp:[[@LINE+1]]:14: error: '__defer' needs a call expression
  DEFER_EXPR(Count + 1);
}
