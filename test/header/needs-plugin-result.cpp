// Using __result in code compiled to object code without the plugin is an
// error at the user's line that says which plugin to load (SPEC 5.3).
//
// DEFINE: %{flags} = -c -I %cxxdefer_include %s -o %t.o
// RUN: not %clangxx -std=c++17 -O0 %{flags} 2>&1 | FileCheck %s
// RUN: not %clangxx -std=c++17 -O2 %{flags} 2>&1 | FileCheck %s
// RUN: %if gxx %{ not %gxx -std=c++17 -O0 %{flags} 2>&1 | FileCheck %s %}
// RUN: %if gxx %{ not %gxx -std=c++17 -O2 %{flags} 2>&1 | FileCheck %s %}

#include <cxxdefer.h>

#include <cstdio>

int answer() {
  __defer(std::puts("deferred"));
  // CHECK: needs-plugin-result.cpp:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}__result{{.*}}-fplugin=
  __result = 42;
  return 0;
}
