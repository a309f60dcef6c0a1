// An error that only the analysis of the translation unit sees: `__result`
// is a local of the function there, but for the text as written it is a
// namespace-scope placeholder, which a lambda may name without capturing
// it. The compile as written then has no error of its own, and its defer
// statements are not rewritten. The plugin must show the user's error, at
// the user's line, once, and fail: not only "__defer must be rewritten"
// from code generation, and not a silent success under -fsyntax-only. Both
// ways of analysing (the fork, and the nested pre-parse) do so.
//
// RUN: not %plugin_cxx -std=c++17 -fsyntax-only %s 2>&1 | FileCheck %s
// RUN: not %plugin_cxx -std=c++17 -c -o %t.o %s 2>&1 | FileCheck %s
// RUN: not %plugin_cxx -std=c++17 -c -o %t.o -fplugin-arg-cxxdefer-no-fork %s 2>&1 | FileCheck %s
// The batch tool reports the same error.
// RUN: not %cxxdefer %s -- -std=c++17 2>&1 | FileCheck %s --check-prefix=TOOL

#include <cxxdefer.h>

int recovers() {
  __defer([] {
    if (__recover())
      __result = -1;
  }());
  throw 1;
}
// CHECK: analysis-only-error.cpp:[[#@LINE-4]]:7: error: variable '__result' cannot be implicitly captured in a lambda with no capture-default specified
// CHECK-NEXT: {{^}}   [[#@LINE-5]] |       __result = -1;
// CHECK-NOT: analysis-only-error.cpp:{{.*}} error:
// CHECK: error: cxxdefer: the errors above were found by the analysis of this translation unit; '__defer' statements were not rewritten
// CHECK-NOT: must be rewritten
// CHECK: 1 error generated.

// TOOL: analysis-only-error.cpp:[[#@LINE-11]]:7: error: variable '__result' cannot be implicitly captured in a lambda with no capture-default specified
