// A function that uses `__result` needs a default-constructible result
// type (SPEC 2.6, 6): `__result` is value-initialised on entry. With a
// class without a default constructor, or a reference result type, the use
// is an error that says why.
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

struct NoDefault {
  explicit NoDefault(int V) : V(V) {}
  int V;
};

NoDefault make() {
  __defer(note());
  // ERR: error-result-non-default-constructible.cpp:[[@LINE+1]]:3: error: {{.*}}__result{{.*}}
  __result = NoDefault(1);
  return NoDefault(2);
}

int &reference() {
  static int Global = 0;
  __defer(note());
  // ERR: error-result-non-default-constructible.cpp:[[@LINE+1]]:10: error: {{.*}}__result{{.*}}
  return __result;
}
