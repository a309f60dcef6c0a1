// `__result` in a function with a defer statement but no result (a void
// function, a constructor, a destructor) is an error at the use, that says
// why (SPEC 2.6, 6), also inside a deferred closure of such a function.
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

void note();

void voidFunction() {
  __defer(note());
  // ERR: error-result-void-function.cpp:[[@LINE+1]]:3: error: {{.*}}__result{{.*}}
  __result = 1;
}

void voidDeferredClosure() {
  __defer([&] {
    // ERR: error-result-void-function.cpp:[[@LINE+1]]:5: error: {{.*}}__result{{.*}}
    __result = 2;
  }());
}

struct Widget {
  Widget() {
    __defer(note());
    // ERR: error-result-void-function.cpp:[[@LINE+1]]:5: error: {{.*}}__result{{.*}}
    __result = 3;
  }
  ~Widget() {
    __defer(note());
    // ERR: error-result-void-function.cpp:[[@LINE+1]]:5: error: {{.*}}__result{{.*}}
    __result = 4;
  }
};
