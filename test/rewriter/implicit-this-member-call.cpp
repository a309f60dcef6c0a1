// A deferred call of a member function through the implicit `this` binds
// `this` at the defer statement and may name a private member (SPEC 1,
// 2.3). Explicit template arguments: member-template-args.cpp.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

class Widget {
public:
  explicit Widget(int Id) : Id(Id) {}

  void run() {
    int N = 1;
    // `this` is kept by value; the caller calls through it, so access
    // checks see the class's own member.
    // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D1:@LINE+1]]_5{::cxxdefer::detail::call{[](auto&& cxxdefer_o, auto&&... cxxdefer_a) { (void)cxxdefer_o->finish({{.*}}); }, ::cxxdefer::detail::value_arg{this}, ::cxxdefer::detail::value_arg{N}}}; try {
    __defer(finish(N));
    // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D2:@LINE+1]]_5{::cxxdefer::detail::call{[](auto&& cxxdefer_o, auto&&... cxxdefer_a) { (void)cxxdefer_o->convert({{.*}}); }, ::cxxdefer::detail::value_arg{this}, ::cxxdefer::detail::value_arg{N}}}; try {
    __defer(convert(N));
    // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#D3:@LINE+1]]_5{::cxxdefer::detail::call{[](auto&& cxxdefer_o, auto&&... cxxdefer_a) { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o)->finish({{.*}}); }, ::cxxdefer::detail::value_arg{this}, ::cxxdefer::detail::value_arg{3}}}; try {
    __defer(this->finish(3));
    N = 2;
    Id = 7;
    trace("body");
  }
  // CHECK: {{^}}  } catch (...) { cxxdefer_d[[#D3]]_5.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D2]]_5.unwind(); ::cxxdefer::detail::rethrow(); } } catch (...) { cxxdefer_d[[#D1]]_5.unwind(); ::cxxdefer::detail::rethrow(); } }

private:
  void finish(int N) const { std::printf("finish %d id %d\n", N, Id); }
  template <class T> void convert(T V) const { std::printf("convert %d id %d\n", static_cast<int>(V), Id); }

  int Id;
};

int main() {
  Widget W(5);
  W.run();
  return 0;
}

// EXEC:      body
// EXEC-NEXT: finish 3 id 7
// EXEC-NEXT: convert 1 id 7
// EXEC-NEXT: finish 1 id 7
// EXEC-EMPTY:
