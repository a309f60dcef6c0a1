// `return e;` sets the result before the deferred calls run (SPEC 2.4,
// 2.6). When a deferred call then throws and an earlier-registered one
// recovers, Go returns the value `return e;` stored (plus what the deferred
// calls changed), whether the result is named or not.
//
// In C++ that holds in a function that names `__result` (sub-case 1:
// `return 5;` assigned it, the recovering call adds 1, the caller gets 6),
// and in one that returns a trivially copyable type without naming it
// (sub-case 2): there the rewriter gives the function a named result of
// its own, which costs nothing, so after the recovery it returns 5, Go's
// answer. (Older versions returned a value-initialised int, 0.)
//
// A function that returns another type and never names `__result` keeps
// copy elision instead: its return object is already built in the
// caller's storage when the deferred calls run, and C++ destroys it when a
// deferred call (a local's destructor in the standard's terms,
// [except.ctor]) throws. So after recovering it returns a value-initialised
// R (SPEC 3.2: "the value of __result (value-initialised unless a deferred
// call set it)"), not "returned": this differs from Go (sub-case 3).
// Naming `__result` anywhere in the function gives Go's answer.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <string>

#include "Inputs/panic.h"

[[noreturn]] static void panicWith(int N) { throw N; }

// 1. Names __result: the recovering call sees 5 and adds 1.
// CHECK: {{^}}static int named() { (void)::cxxdefer::detail::abi_check<7>{}; int cxxdefer_result{}; {
static int named() {
  // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{::cxxdefer::detail::call_value{}, ::cxxdefer::detail::value_arg{[&] {{[{]$}}
  __defer([&] {
    show("named recovers", __recover());
    // CHECK: {{^}}    traceInt("named sees __result", cxxdefer_result);
    traceInt("named sees __result", __result);
    // CHECK: {{^}}    cxxdefer_result += 1;
    __result += 1;
    // CHECK: {{^}}  }}}}; try {
  }());
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)panicWith({{.*}}); }, ::cxxdefer::detail::value_arg{1}}}; try {
  __defer(panicWith(1));
  // CHECK: {{^}}  { cxxdefer_result = 5; }
  return 5;
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { if (!cxxdefer_d[[#D1]]_3.unwind(true)) ::cxxdefer::detail::rethrow(); } } return cxxdefer_result; }{{$}}

// 2. Never names __result: the rewriter names it.
// CHECK: {{^}}static int unnamed() { int cxxdefer_result{}; {
static int unnamed() {
  // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D3:@LINE+1]]_3{::cxxdefer::detail::call{::cxxdefer::detail::call_value{}, ::cxxdefer::detail::value_arg{[] { show("unnamed recovers", __recover()); }}}}; try {
  __defer([] { show("unnamed recovers", __recover()); }());
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D4:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)panicWith({{.*}}); }, ::cxxdefer::detail::value_arg{2}}}; try {
  __defer(panicWith(2));
  // CHECK: {{^}}  { cxxdefer_result = 5; }
  return 5;
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D4]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { if (!cxxdefer_d[[#D3]]_3.unwind(true)) ::cxxdefer::detail::rethrow(); } } return cxxdefer_result; }{{$}}

// 3. The same with a class type: the return statement builds the result
// in place, tracked (returned<T>, cxxdefer/panic.h) so that, with Clang
// too, it is destroyed when the deferred call throws; a recovery releases
// it and returns a value-initialised std::string.
// CHECK: {{^}}static std::string unnamedString() { ::cxxdefer::detail::returned<::std::string> cxxdefer_returned; {{[{]$}}
static std::string unnamedString() {
  // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D5:@LINE+1]]_3{::cxxdefer::detail::call{::cxxdefer::detail::call_value{}, ::cxxdefer::detail::value_arg{[] { show("unnamedString recovers", __recover()); }}}}; try {
  __defer([] { show("unnamedString recovers", __recover()); }());
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D6:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)panicWith({{.*}}); }, ::cxxdefer::detail::value_arg{3}}}; try {
  __defer(panicWith(3));
  // CHECK: {{^}}  CXXDEFER_RETURN_TRACKED(cxxdefer_returned, "returned"){{$}}
  return "returned";
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D6]]_3.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { if (!cxxdefer_d[[#D5]]_3.unwind(::cxxdefer::detail::recovery<::std::string>::possible)) ::cxxdefer::detail::rethrow(); } } cxxdefer_returned.release(); return ::cxxdefer::detail::recovery<::std::string>::value(); }{{$}}

int main() {
  traceInt("named", named());
  traceInt("unnamed", unnamed());
  std::printf("unnamedString '%s'\n", unnamedString().c_str());
  return 0;
}

// EXEC:      named recovers: 1
// EXEC-NEXT: named sees __result 5
// EXEC-NEXT: named 6
// EXEC-NEXT: unnamed recovers: 2
// EXEC-NEXT: unnamed 5
// EXEC-NEXT: unnamedString recovers: 3
// EXEC-NEXT: unnamedString ''
// EXEC-EMPTY:
