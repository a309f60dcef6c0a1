// A call through a pointer to member function, `(o.*pm)(a)` or
// `(p->*pm)(a)`, evaluates the object, the member pointer and the
// arguments at the defer statement (SPEC 2.3); a null member pointer throws
// cxxdefer::null_call when the call is invoked at exit.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

struct Obj {
  const char *Name;
  void first(int N) { std::printf("first %s %d\n", Name, N); }
  void second(int N) { std::printf("second %s %d\n", Name, N); }
};

static void run() {
  Obj A{"a"};
  Obj B{"b"};
  Obj *P = &A;
  void (Obj::*Pm)(int) = &Obj::first;
  // The runtime's caller checks the member pointer at exit. What it points
  // to is not known: the call may reach __recover().
  // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{::cxxdefer::detail::call_member_pointer<false>{}, ::cxxdefer::detail::ref_arg{A}, ::cxxdefer::detail::value_arg{Pm}, ::cxxdefer::detail::value_arg{1}}}; try {
  __defer((A.*Pm)(1));
  // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D2:@LINE+1]]_3{::cxxdefer::detail::call{::cxxdefer::detail::call_member_pointer<true>{}, ::cxxdefer::detail::value_arg{P}, ::cxxdefer::detail::value_arg{Pm}, ::cxxdefer::detail::value_arg{2}}}; try {
  __defer((P->*Pm)(2));
  Pm = &Obj::second;
  P = &B;
  (P->*Pm)(3);
}
// CHECK: {{^}}} catch (...) { if (!cxxdefer_d[[#D2]]_3.unwind(true)) ::cxxdefer::detail::rethrow(); } } catch (...) { if (!cxxdefer_d[[#D1]]_3.unwind(true)) ::cxxdefer::detail::rethrow(); } }

static void throughNull() {
  Obj A{"a"};
  void (Obj::*Pm)(int) = nullptr;
  // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D3:@LINE+1]]_3{::cxxdefer::detail::call{::cxxdefer::detail::call_member_pointer<false>{}, ::cxxdefer::detail::ref_arg{A}, ::cxxdefer::detail::value_arg{Pm}, ::cxxdefer::detail::value_arg{4}}}; try {
  __defer((A.*Pm)(4));
  trace("after the defer statement");
}
// CHECK: {{^}}} catch (...) { if (!cxxdefer_d[[#D3]]_3.unwind(true)) ::cxxdefer::detail::rethrow(); } }

int main() {
  run();
  try {
    throughNull();
  } catch (const cxxdefer::null_call &) {
    trace("caught null_call");
  }
  return 0;
}

// EXEC:      second b 3
// EXEC-NEXT: first a 2
// EXEC-NEXT: first a 1
// EXEC-NEXT: after the defer statement
// EXEC-NEXT: caught null_call
// EXEC-EMPTY:
