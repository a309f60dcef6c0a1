// A deferred member call with explicit template arguments, `g<int>(x)`
// through the implicit `this`, `this->g<int>(x)` and `obj.g<int>(x)`:
// at exit the object is a generic lambda's parameter, so the rewriter must
// spell `->template g<int>` there (SPEC 1, 2.3), in the caller lambda and
// nowhere else (an old rewriter put the word near the start of the file).
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

// CHECK: {{^}}#include <cxxdefer.h>{{$}}

class Widget {
public:
  void run() {
    // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_5{::cxxdefer::detail::call{[](auto&& cxxdefer_o, auto&&... cxxdefer_a) { (void)cxxdefer_o->template convert<int>({{.*}}); }, ::cxxdefer::detail::value_arg{this}, ::cxxdefer::detail::value_arg{1}}}; try {
    __defer(convert<int>(1));
    // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_5{::cxxdefer::detail::call{[](auto&& cxxdefer_o, auto&&... cxxdefer_a) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o)->template convert<long>({{.*}}); }, ::cxxdefer::detail::value_arg{this}, ::cxxdefer::detail::value_arg{2}}}; try {
    __defer(this->convert<long>(2));
    trace("member body");
  }
  // CHECK: {{^}}  } catch (...) { cxxdefer_d[[#D2]]_5.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_5.unwind(); ::cxxdefer::detail::rethrow(); } }

  template <class T> void convert(T V) const { traceInt("convert", static_cast<int>(V)); }
};

int main() {
  Widget W;
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D3:@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_o, auto&&... cxxdefer_a) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o).template convert<short>({{.*}}); }, ::cxxdefer::detail::ref_arg{W}, ::cxxdefer::detail::value_arg{3}}}; try {
  __defer(W.convert<short>(3));
  W.run();
  return 0;
}
// CHECK: {{^}}} catch (...) { cxxdefer_d[[#D3]]_3.unwind(); ::cxxdefer::detail::rethrow(); } }

// EXEC:      member body
// EXEC-NEXT: convert 2
// EXEC-NEXT: convert 1
// EXEC-NEXT: convert 3
// EXEC-EMPTY:
