// Member functions of a class template: implicit-this calls, qualified
// calls and members as arguments, with by-value parameters that name
// lookup can see in the template, are bound at the defer statement in
// every instantiation (SPEC 2.3, 2.8). Also a defer statement in an `if`
// with an init-statement, whose variable is copied (C++17, so the test
// runs from C++17 on).
//
// RUN: %check_cxxdefer --std=c++17,c++20 %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void show(int V) { traceInt("show", V); }

template <class T> struct Box {
  T V;
  void helper(T N) const { std::printf("helper %d, now %d\n", static_cast<int>(N), static_cast<int>(V)); }
  // CHECK: void run() { (void)::cxxdefer::detail::abi_check<7>{}; unsigned char cxxdefer_bits_[[#FN:@LINE+1]]_14 = 0;
  void run() {
    // The call depends on T: the operand is a thunk, and the table says how
    // each instantiation binds it (by value for both).
    // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D1:@LINE+1]]_5{::cxxdefer::detail::select<::cxxdefer::detail::table<::cxxdefer::detail::when<::cxxdefer::detail::key<int &>, ::cxxdefer::detail::by_value>, ::cxxdefer::detail::when<::cxxdefer::detail::key<long &>, ::cxxdefer::detail::by_value>>>([](auto&&... cxxdefer_a) { (void)show({{.*}}); }, [&]() -> decltype(auto) { return (V); })}; try {
    __defer(show(V));
    // `this` is kept by value whatever T is: its thunk returns it kept.
    // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D2:@LINE+1]]_5{::cxxdefer::detail::select<::cxxdefer::detail::table<::cxxdefer::detail::when<::cxxdefer::detail::key<::cxxdefer::detail::kept, int &>, ::cxxdefer::detail::as_kept, ::cxxdefer::detail::by_value>, ::cxxdefer::detail::when<::cxxdefer::detail::key<::cxxdefer::detail::kept, long &>, ::cxxdefer::detail::as_kept, ::cxxdefer::detail::by_value>>>([](auto&& cxxdefer_o, auto&&... cxxdefer_a) { (void)cxxdefer_o->helper({{.*}}); }, [&]() -> decltype(auto) { return (::cxxdefer::detail::value_arg{this}); }, [&]() -> decltype(auto) { return (V); })}; try {
    __defer(helper(V));
    // CHECK: ::cxxdefer::detail::recovering_slot cxxdefer_d[[#D3:@LINE+1]]_5{::cxxdefer::detail::select<::cxxdefer::detail::table<::cxxdefer::detail::when<::cxxdefer::detail::key<::cxxdefer::detail::kept, int>, ::cxxdefer::detail::as_kept, ::cxxdefer::detail::by_value>, ::cxxdefer::detail::when<::cxxdefer::detail::key<::cxxdefer::detail::kept, long>, ::cxxdefer::detail::as_kept, ::cxxdefer::detail::by_value>>>([](auto&& cxxdefer_o, auto&&... cxxdefer_a) { (void)cxxdefer_o->Box::helper({{.*}}); }, [&]() -> decltype(auto) { return (::cxxdefer::detail::value_arg{this}); }, [&]() -> decltype(auto) { return (V + 100); })}; try {
    __defer(Box::helper(V + 100));
    // The nested defer statement's slot is declared before the `if`.
    // CHECK: ::cxxdefer::detail::slot_call<> cxxdefer_s[[#D4:@LINE+3]]_7; ::cxxdefer::detail::hoisted_recovering_slot<0> cxxdefer_d[[#@LINE+3]]_7{cxxdefer_bits_[[#FN]]_14, cxxdefer_s[[#@LINE+3]]_7}; try { if (T X = V * 2; X > 0) {
    if (T X = V * 2; X > 0) {
      // CHECK: {{^}}      cxxdefer_d[[#D4]]_7.arm(::cxxdefer::detail::select<::cxxdefer::detail::table<::cxxdefer::detail::when<::cxxdefer::detail::key<int &>, ::cxxdefer::detail::by_value>, ::cxxdefer::detail::when<::cxxdefer::detail::key<long &>, ::cxxdefer::detail::by_value>>>([](auto&&... cxxdefer_a) { (void)show({{.*}}); }, [&]() -> decltype(auto) { return (X); }));
      __defer(show(X));
    }
    V = 7;
    trace("body");
  }
  // CHECK: {{^}}  } catch (...) { if (!cxxdefer_d[[#D4]]_7.unwind(true)) ::cxxdefer::detail::rethrow(); } } catch (...) { if (!cxxdefer_d[[#D3]]_5.unwind(true)) ::cxxdefer::detail::rethrow(); } } catch (...) { if (!cxxdefer_d[[#D2]]_5.unwind(true)) ::cxxdefer::detail::rethrow(); } } catch (...) { if (!cxxdefer_d[[#D1]]_5.unwind(true)) ::cxxdefer::detail::rethrow(); } }
};

int main() {
  Box<int> B{1};
  B.run();
  Box<long> L{2};
  L.run();
  return 0;
}

// EXEC:      body
// EXEC-NEXT: show 2
// EXEC-NEXT: helper 101, now 7
// EXEC-NEXT: helper 1, now 7
// EXEC-NEXT: show 1
// EXEC-NEXT: body
// EXEC-NEXT: show 4
// EXEC-NEXT: helper 102, now 7
// EXEC-NEXT: helper 2, now 7
// EXEC-NEXT: show 2
// EXEC-EMPTY:
