// `__result` is not implemented yet: using it is an error at the user's
// line, never silently wrong code (SPEC 6).
//
// RUN: not %cxxdefer %s -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=ERR
// RUN: not %plugin_cxx -std=c++17 -fsyntax-only %s 2>&1 | %FileCheck %s --check-prefix=ERR

#include <cxxdefer.h>

void note();

int run() {
  __defer(note());
  // ERR: error-result-not-supported.cpp:[[@LINE+1]]:3: error: '__result' is not supported yet
  __result = 3;
  return 0;
}
