// `up->f()` on a smart pointer runs operator-> at the defer statement and
// calls through the pointer it returned (SPEC 2.3): the object called is
// the one the pointer owned then. A prvalue smart pointer:
// prvalue-smart-pointer.cpp.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <memory>

#include "Inputs/trace.h"

static void run() {
  std::unique_ptr<Tracked> Up(new Tracked("unique"));
  std::unique_ptr<Tracked> Keep;
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}bind_member{::cxxdefer::detail::arrow(Up), {{.*}}->use({{.*}}val("deferred unique")}); try {
  __defer(Up->use("deferred unique"));
  // The first object stays alive in Keep (declared before the defer
  // statement, so destroyed after the deferred call); Up owns another one.
  Keep = std::move(Up);
  Up.reset(new Tracked("replacement"));
  trace("body");
}

int main() {
  run();
  trace("returned");
  return 0;
}

// EXEC:      ctor unique
// EXEC-NEXT: ctor replacement
// EXEC-NEXT: body
// EXEC-NEXT: use unique in deferred unique
// EXEC-NEXT: dtor unique
// EXEC-NEXT: dtor replacement
// EXEC-NEXT: returned
// EXEC-EMPTY:
