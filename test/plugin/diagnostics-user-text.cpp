// SPEC 6: every cxxdefer diagnostic is at the user's own line and column
// and shows the user's own text, even after an edit earlier on the same
// line (the rewritten line is longer), in the main file and in a header
// (with its include stack).
//
// The remarks name the classes Go's rules give, so the compile does not
// take the suite's forced tier (%plugin_cxx would add it).
// RUN: %clangxx -fplugin=%cxxdefer_plugin -std=c++17 -fsyntax-only -Rpass=defer -I %S/Inputs %s 2>&1 | FileCheck %s --strict-whitespace
// RUN: not %clangxx -fplugin=%cxxdefer_plugin -std=c++17 -fsyntax-only -DWITH_ERROR -I %S/Inputs %s 2>&1 | FileCheck %s --strict-whitespace --check-prefix=ERROR

// The header's function comes first in the translation unit. Its findings
// come with the include stack, at the header's own lines and columns.
// CHECK: In file included from {{.*}}diagnostics-user-text.cpp:[[#@LINE+1]]:
#include "dangling.h"
// CHECK-NEXT: {{.*}}dangling.h:8:3: remark: stack-allocated defer
// CHECK: {{.*}}dangling.h:8:85: warning: the deferred call keeps a reference to 'V', which is destroyed before the function returns [-Wcxxdefer-dangling]
// CHECK-NEXT: {{^}}    8 |   __defer(std::puts("done")); for (int I = 0; I < 2; ++I) { int V = I; __defer(show(V)); }{{$}}
// CHECK-NEXT: {{^}}      |                                                                                     ^{{$}}
// CHECK-NEXT: {{.*}}dangling.h:8:65: note: 'V' declared here

void twoOnALine() {
  __defer(std::puts("a")); __defer(std::puts("b"));
}
// CHECK: diagnostics-user-text.cpp:[[#@LINE-2]]:3: remark: open-coded defer [-Rpass=defer]
// CHECK: diagnostics-user-text.cpp:[[#@LINE-3]]:28: remark: open-coded defer [-Rpass=defer]
// CHECK-NEXT: {{^}}   [[#@LINE-4]] |   __defer(std::puts("a")); __defer(std::puts("b"));{{$}}
// CHECK-NEXT: {{^}}      |                            ^{{$}}

void loop() {
  __defer(std::puts("done")); for (int I = 0; I < 2; ++I) { int V = I; __defer(show(V)); }
}
// CHECK: diagnostics-user-text.cpp:[[#@LINE-2]]:72: remark: heap-allocated defer: the defer statement is in a loop [-Rpass=defer]
// CHECK: diagnostics-user-text.cpp:[[#@LINE-3]]:85: warning: the deferred call keeps a reference to 'V', which is destroyed before the function returns [-Wcxxdefer-dangling]
// CHECK-NEXT: {{^}}   [[#@LINE-4]] |   __defer(std::puts("done")); for (int I = 0; I < 2; ++I) { int V = I; __defer(show(V)); }{{$}}
// CHECK-NEXT: {{^}}      |                                                                                     ^{{$}}
// CHECK-NEXT: diagnostics-user-text.cpp:[[#@LINE-6]]:65: note: 'V' declared here

#ifdef WITH_ERROR
void fine() { __defer(std::puts("fine")); } void bad(int X) { __defer(X = 1); }
// ERROR: diagnostics-user-text.cpp:[[#@LINE-1]]:71: error: '__defer' needs a call expression
// ERROR-NEXT: {{^}}   [[#@LINE-2]] | void fine() { __defer(std::puts("fine")); } void bad(int X) { __defer(X = 1); }{{$}}
#endif
