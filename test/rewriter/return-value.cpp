// On `return e;` the result is initialised first, then the deferred calls
// run (SPEC 2.4): a deferred call that changes the returned local after
// `return x;` does not change the value the caller gets, but sees the
// value the body left in it.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <string>

#include "Inputs/trace.h"

static void bump(int &N) {
  traceInt("bump sees", N);
  N += 100;
}

static void append(std::string &S) { S += " changed"; }

// None of the deferred calls can recover, so no return statement becomes
// a jump: C++ initialises the result before the slots' destructors run. An
// int result is returned as written; a std::string result, which a
// throwing deferred call would abandon, is tracked (returned<T>,
// cxxdefer/panic.h): its return statement becomes CXXDEFER_RETURN_TRACKED,
// which initialises it the same way.
static int byName() {
  int X = 1;
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)bump({{.*}}); }, ::cxxdefer::detail::ref_arg{X}}}; try {
  __defer(bump(X));
  X = 2;
  // CHECK: {{^}}  return X;
  return X;
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

static int byExpression() {
  int X = 3;
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)bump({{.*}}); }, ::cxxdefer::detail::ref_arg{X}}}; try {
  __defer(bump(X));
  // CHECK: {{^}}  return X * 10;
  return X * 10;
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D2]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

// CHECK: {{^}}static std::string text() { ::cxxdefer::detail::returned<::std::string> cxxdefer_returned;{{$}}
static std::string text() {
  std::string S = "text";
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D3:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&&... cxxdefer_a) { (void)append({{.*}}); }, ::cxxdefer::detail::ref_arg{S}}}; try {
  __defer(append(S));
  // CHECK: {{^}}  CXXDEFER_RETURN_TRACKED(cxxdefer_returned, S + "!"){{$}}
  return S + "!";
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D3]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }{{$}}

int main() {
  traceInt("byName", byName());
  traceInt("byExpression", byExpression());
  std::printf("text %s\n", text().c_str());
  return 0;
}

// EXEC:      bump sees 2
// EXEC-NEXT: byName 2
// EXEC-NEXT: bump sees 3
// EXEC-NEXT: byExpression 30
// EXEC-NEXT: text text!
// EXEC-EMPTY:
