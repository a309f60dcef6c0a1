// A temporary bound to a reference parameter of a deferred call is made at
// the defer statement and lives until the deferred call has run (SPEC 2.3).
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <string>

#include "Inputs/trace.h"

static void showTracked(const Tracked &T) { T.use("showTracked"); }
static void showString(const std::string &S) { std::printf("showString %s\n", S.c_str()); }
static void consume(Tracked &&T) { T.use("consume"); }

static void run() {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)showTracked({{.*}}); }, ::cxxdefer::detail::value_arg{Tracked("temp")}}}; try {
  __defer(showTracked(Tracked("temp")));
  // The std::string the reference binds to is converted now.
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)showString({{.*}}); }, ::cxxdefer::detail::as<::std::string>("literal")}}; try {
  __defer(showString("literal"));
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D3:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)consume({{.*}}); }, ::cxxdefer::detail::value_arg{Tracked("rvalue")}}}; try {
  __defer(consume(Tracked("rvalue")));
  trace("body");
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D3]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

int main() {
  run();
  trace("returned");
  return 0;
}

// The temporaries are made at the defer statements (the saved values may
// then be moved, which prints `move` and, for the moved-from shells, `dtor`).
// EXEC:      ctor temp
// EXEC-NOT:  use
// EXEC:      ctor rvalue
// EXEC-NOT:  use
// EXEC:      body
// EXEC-NEXT: use rvalue in consume
// EXEC-NEXT: dtor rvalue
// EXEC-NEXT: showString literal
// EXEC-NEXT: use temp in showTracked
// EXEC-NEXT: dtor temp
// EXEC-NEXT: returned
// EXEC-EMPTY:
