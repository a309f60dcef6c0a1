// `__defer` outside a function body is an error at the user's line
// (SPEC 6), at namespace scope and in a class.
//
// RUN: not %cxxdefer %s -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=ERR
// RUN: not %plugin_cxx -std=c++17 -fsyntax-only %s 2>&1 | %FileCheck %s --check-prefix=ERR

#include <cxxdefer.h>

void note();

// ERR: error-namespace-scope.cpp:[[@LINE+1]]:1: error:
__defer(note());

struct Widget {
  // ERR: error-namespace-scope.cpp:[[@LINE+1]]:3: error:
  __defer(note());
};
