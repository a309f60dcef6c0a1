// A deferred member call with explicit template arguments, `g<int>(x)`
// through the implicit `this`, `this->g<int>(x)` and `obj.g<int>(x)`:
// at exit the object is a generic lambda's parameter, so the rewriter must
// spell `->template g<int>` there (SPEC 1, 2.3).
//
// The rewriter inserts `template ` at a wrong offset: CapturePlan keeps
// MemberExpr::getMemberLoc() as TemplateKeywordAt, a location inside the
// __defer macro argument, and Emit takes SM.getFileOffset() of it without
// mapping it to the file first. The word lands near the start of the file
// (`#itemplate nclude <cxxdefer.h>`), and the caller lambda keeps
// `cxxdefer_o->g<int>(...)`, which does not parse.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

// CHECK: #include <cxxdefer.h>

class Widget {
public:
  void run() {
    // CHECK: cxxdefer_d[[@LINE+1]]_5 = {{.*}}::cxxdefer::detail::val(this), {{.*}}cxxdefer_o->template convert<int>({{.*}}val(1)}); try {
    __defer(convert<int>(1));
    // CHECK: cxxdefer_d[[@LINE+1]]_5 = {{.*}}::cxxdefer::detail::val(this), {{.*}}->template convert<long>({{.*}}val(2)}); try {
    __defer(this->convert<long>(2));
    trace("member body");
  }

  template <class T> void convert(T V) const { traceInt("convert", static_cast<int>(V)); }
};

int main() {
  Widget W;
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}::cxxdefer::detail::ref(W), {{.*}}.template convert<short>({{.*}}val(3)}); try {
  __defer(W.convert<short>(3));
  W.run();
  return 0;
}

// EXEC:      member body
// EXEC-NEXT: convert 2
// EXEC-NEXT: convert 1
// EXEC-NEXT: convert 3
// EXEC-EMPTY:
