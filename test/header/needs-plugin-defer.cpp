// Compiling a defer statement to object code without the plugin is an error
// at the user's line that says which plugin to load (SPEC 5.3), in both
// compilers, with and without optimisation.
//
// DEFINE: %{flags} = -c -I %cxxdefer_include %s -o %t.o
// RUN: not %clangxx -std=c++17 -O0 %{flags} 2>&1 | FileCheck %s
// RUN: not %clangxx -std=c++17 -O2 %{flags} 2>&1 | FileCheck %s
// RUN: not %clangxx -std=c++14 -S %{flags} 2>&1 | FileCheck %s
// RUN: %if gxx %{ not %gxx -std=c++17 -O0 %{flags} 2>&1 | FileCheck %s %}
// RUN: %if gxx %{ not %gxx -std=c++17 -O2 %{flags} 2>&1 | FileCheck %s %}
// RUN: not %clangxx -std=c++17 -O2 -DERRDEFER %{flags} 2>&1 | FileCheck %s --check-prefix=ERRDEFER
// RUN: %if gxx %{ not %gxx -std=c++17 -O0 -DERRDEFER %{flags} 2>&1 | FileCheck %s --check-prefix=ERRDEFER %}

#include <cxxdefer.h>

#include <cstdio>

int main() {
  // CHECK: needs-plugin-defer.cpp:[[@LINE+1]]:3: error: {{.*}}__defer{{.*}}-fplugin=
  __defer(std::puts("deferred"));
  std::puts("body");
  return 0;
}

#if defined(ERRDEFER)
void errdefer() {
  // ERRDEFER: needs-plugin-defer.cpp:[[@LINE+1]]:3: error: {{.*}}__errdefer{{.*}}-fplugin=
  __errdefer(std::puts("failed"));
}
#endif
