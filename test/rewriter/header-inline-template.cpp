// A user header with an inline function and a function template that use
// __defer is rewritten too (SPEC 5.1, 5.2). With the plugin that is
// automatic; the batch tool writes the rewritten header next to the
// rewritten source below --out-dir, where the source's #include finds it.
//
// RUN: rm -rf %t.out
// RUN: %cxxdefer --out-dir=%t.out --root=%S %s -- -std=c++17
// RUN: %if !forced-tier %{ %FileCheck %s --input-file=%t.out/header-inline-template.cpp %}
// RUN: %if !forced-tier %{ %FileCheck %s --check-prefix=HDR --input-file=%t.out/Inputs/defer-header.h %}
// RUN: %clangxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -I%S/Inputs %t.out/header-inline-template.cpp -o %t.clang && %t.clang | %FileCheck %s --check-prefix=EXEC
// RUN: %gxx -std=c++17 -Wall -Wextra -Werror -I%cxxdefer_include -I%S/Inputs %t.out/header-inline-template.cpp -o %t.gcc && %t.gcc | %FileCheck %s --check-prefix=EXEC
// RUN: %plugin_cxx -std=c++17 -Wall -Wextra -Werror %s -o %t.plugin && %t.plugin | %FileCheck %s --check-prefix=EXEC

#include "Inputs/defer-header.h"

// HDR: inline void headerInline(int N) { (void)::cxxdefer::detail::abi_check<7>{};
// HDR-NEXT: ::cxxdefer::detail::open_slot [[D1:cxxdefer_d[0-9]+_3]]{::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("header inline deferred", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{N}}}; try {
// HDR: } catch (...) { [[D1]].unwind(); ::cxxdefer::detail::rethrow(); } }
// A dependent call in the template: thunks and a table (one entry: both
// instantiations pass a string literal, an lvalue of type const char[25],
// and an int). T's value after a recovery is spelled through the runtime.
// HDR: template <class T> T headerTemplate(T V) { {
// HDR-NEXT: ::cxxdefer::detail::recovering_slot [[D2:cxxdefer_d[0-9]+_3]]{::cxxdefer::detail::select<::cxxdefer::detail::table<::cxxdefer::detail::when<::cxxdefer::detail::key<const char (&)[25], int>, ::cxxdefer::detail::by_value, ::cxxdefer::detail::by_value>>>([](auto&&... cxxdefer_a) { (void)traceInt({{.*}}); }, [&]() -> decltype(auto) { return ("header template deferred"); }, [&]() -> decltype(auto) { return (static_cast<int>(V)); })}; try {
// HDR: } catch (...) { if (![[D2]].unwind(::cxxdefer::detail::recovery<T>::possible)) ::cxxdefer::detail::rethrow(); } } return ::cxxdefer::detail::recovery<T>::value(); }
// HDR-NOT: __defer(

int main() {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_3{::cxxdefer::detail::call{[]() { (void)trace("main deferred"); }}}; try {
  __defer(trace("main deferred"));
  headerInline(1);
  headerTemplate(2);
  headerTemplate(3.5);
  trace("main body");
  return 0;
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D1]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }

// EXEC:      header inline body 1
// EXEC-NEXT: header inline deferred 1
// EXEC-NEXT: header template body 2
// EXEC-NEXT: header template deferred 2
// EXEC-NEXT: header template body 3
// EXEC-NEXT: header template deferred 3
// EXEC-NEXT: main body
// EXEC-NEXT: main deferred
// EXEC-EMPTY:
