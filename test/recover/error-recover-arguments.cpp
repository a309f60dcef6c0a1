// `__recover` takes no arguments (Go's test/recover5.go: recover with one
// or two arguments is "too many arguments"): each call with arguments is an
// error at the `__recover` of the call (SPEC 6).
//
//
// RUN: not %cxxdefer %s -- -std=c++17 > %t.tool 2>&1
// RUN: %FileCheck %s --check-prefix=ERR --input-file=%t.tool
// RUN: %FileCheck %s --check-prefix=WHY --input-file=%t.tool
// RUN: not %plugin_cxx -std=c++17 -fsyntax-only %s > %t.plugin 2>&1
// RUN: %FileCheck %s --check-prefix=ERR --input-file=%t.plugin
// RUN: %FileCheck %s --check-prefix=WHY --input-file=%t.plugin

// WHY checks that `__recover` is declared.
// WHY-NOT: undeclared identifier

#include <cxxdefer.h>

#include <exception>

std::exception_ptr one() {
  // ERR: error-recover-arguments.cpp:[[@LINE+1]]:10: error: {{.*(__recover|too many arguments).*}}
  return __recover(1);
}

void two() {
  __defer([] {
    // ERR: error-recover-arguments.cpp:[[@LINE+1]]:11: error: {{.*(__recover|too many arguments).*}}
    (void)__recover(1, 2);
  }());
}
