// A generic lambda's body is rewritten once and serves every
// instantiation, each with its own deferred calls (SPEC 2.8).
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void show(int V) { traceInt("show int", V); }
static void show(const char *V) { std::printf("show text %s\n", V); }

int main() {
  auto L = [](auto V) {
    // CHECK: cxxdefer_d[[@LINE+1]]_5 = {{.*}}show({{.*}}); try {
    __defer(show(V));
    trace("lambda body");
  };
  L(1);
  L("text");
  return 0;
}

// EXEC:      lambda body
// EXEC-NEXT: show int 1
// EXEC-NEXT: lambda body
// EXEC-NEXT: show text text
// EXEC-EMPTY:
