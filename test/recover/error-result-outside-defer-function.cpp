// `__result` exists only in a function that contains a defer statement
// (SPEC 2.6, 6): anywhere else it is an error at the use, that says why
// (not "not supported yet"): in a function without defer statements, in a
// lambda without defer statements in such a function, and at namespace
// scope.
//
//
// RUN: not %cxxdefer %s -- -std=c++17 > %t.tool 2>&1
// RUN: %FileCheck %s --check-prefix=ERR --input-file=%t.tool
// RUN: %FileCheck %s --check-prefix=WHY --input-file=%t.tool
// RUN: not %plugin_cxx -std=c++17 -fsyntax-only %s > %t.plugin 2>&1
// RUN: %FileCheck %s --check-prefix=ERR --input-file=%t.plugin
// RUN: %FileCheck %s --check-prefix=WHY --input-file=%t.plugin

// WHY checks that the use of `__result` is an error for a reason, not a missing feature.
// WHY-NOT: not supported yet

#include <cxxdefer.h>

// ERR: error-result-outside-defer-function.cpp:[[@LINE+1]]:21: error: {{.*}}__result{{.*}}
static int Global = __result;

int noDefers() {
  // ERR: error-result-outside-defer-function.cpp:[[@LINE+1]]:3: error: {{.*}}__result{{.*}}
  __result = 1;
  return Global;
}

int lambdaWithoutDefers() {
  auto L = []() -> int {
    // ERR: error-result-outside-defer-function.cpp:[[@LINE+1]]:12: error: {{.*}}__result{{.*}}
    return __result;
  };
  return L();
}
