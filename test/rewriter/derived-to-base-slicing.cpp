// A derived object passed to a by-value base parameter is sliced at the
// defer statement (SPEC 2.3): the deferred call gets the base part as it
// was then. A base reference parameter binds to the whole derived object.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

struct Base {
  Base() = default;
  Base(const Base &Other) : Value(Other.Value) { trace("copy base"); }
  virtual ~Base() = default;
  virtual const char *kind() const { return "base"; }
  int Value = 1;
};

struct Derived : Base {
  const char *kind() const override { return "derived"; }
};

static void byValue(Base B) { std::printf("byValue %s %d\n", B.kind(), B.Value); }
static void byRef(const Base &B) { std::printf("byRef %s %d\n", B.kind(), B.Value); }

static void run() {
  Derived D;
  // Base::kind() is virtual, so the walk cannot show the calls stay away
  // from __recover(): recovering slots.
  // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)byValue({{.*}}); }, ::cxxdefer::detail::as<::Base>(D)}}; try {
  __defer(byValue(D));
  // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)byRef({{.*}}); }, ::cxxdefer::detail::ref_arg{D}}}; try {
  __defer(byRef(D));
  D.Value = 2;
  trace("body");
}
// CHECK: {{^}}} catch (...) { if (!cxxdefer_d[[#D2]]_3.unwind(true)) ::cxxdefer::detail::rethrow(); } } catch (...) { if (!cxxdefer_d[[#D1]]_3.unwind(true)) ::cxxdefer::detail::rethrow(); } }

int main() {
  run();
  return 0;
}

// The base part is copied at the defer statement; Base has no move
// constructor, so the saved copy is copied again on its way to the call.
// EXEC:      copy base
// EXEC:      body
// EXEC-NEXT: byRef derived 2
// EXEC-NEXT: copy base
// EXEC-NEXT: byValue base 1
// EXEC-EMPTY:
