// A defer statement written inside a user macro: the macro's use is
// replaced by its rewritten expansion; the definition stays for its other
// uses. Object-like and function-like macros, macros defined in a header
// and used here or in the header, calls spelled partly by macro arguments,
// a macro that uses its argument twice, a macro in a nested block.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/lock-macros.h"
#include "Inputs/trace.h"

// The header's own use is rewritten in the header; its definitions stay.
// CHECK: #include "Inputs/lock-macros.h"

static void locked(Lock &L) {
  // The use, replaced by its rewritten expansion.
  // CHECK: {{^}}  (L).lock(); ::cxxdefer::detail::open_slot cxxdefer_d[[@LINE+1]]_3{::cxxdefer::detail::call{{.*}}.unlock({{.*}}::cxxdefer::detail::ref_arg{(L)}}}; try {
  WITH_LOCK(L);
  trace("locked body");
}

static void objectLike() {
  // CHECK: {{^}}  ::cxxdefer::detail::open_slot cxxdefer_d[[@LINE+1]]_3{::cxxdefer::detail::call{[]() { (void)trace("done"); }}}; try {
  DEFER_TRACE_DONE;
  trace("object-like body");
}

static void spelledByArguments(int N) {
  // CHECK: {{^}}  ::cxxdefer::detail::open_slot cxxdefer_d[[@LINE+1]]_3{::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)traceInt("argument", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{N}}}; try {
  DEFER_CALL(traceInt, "argument", N);
  N = 100;
  traceInt("arguments body", N);
}

static void twice() {
  // CHECK: cxxdefer_d[[@LINE+1]]_9{{.*}}; try { {{.*}} cxxdefer_d[[@LINE+1]]_9_2{{.*}}; try {
  TWICE(__defer(trace("twice")));
  trace("twice body");
}

static void nestedBlock(bool Lock1, Lock &L) {
  // CHECK: auto cxxdefer_c[[@LINE+3]]_5 = {{.*}}.unlock({{.*}}; ::cxxdefer::detail::slot_call<::cxxdefer::detail::call<decltype(cxxdefer_c[[@LINE+3]]_5), ::cxxdefer::detail::ref_arg<::Lock &>>> cxxdefer_s[[@LINE+3]]_5; ::cxxdefer::detail::hoisted_open_slot<0, decltype(cxxdefer_s[[@LINE+3]]_5)> cxxdefer_d[[@LINE+3]]_5{cxxdefer_bits_{{[0-9_]+}}, cxxdefer_s[[@LINE+3]]_5}; try { if (Lock1) {
  // CHECK-NEXT: (L).lock(); (void)((false) ? static_cast<typename decltype(cxxdefer_s[[@LINE+2]]_5)::direct_call *>(nullptr) : ::new (static_cast<void *>(cxxdefer_s[[@LINE+2]]_5.storage)) ::cxxdefer::detail::call{cxxdefer_c[[@LINE+2]]_5, ::cxxdefer::detail::ref_arg{(L)}}), cxxdefer_bits_{{[0-9]+_[0-9]+}} |= 1;
  if (Lock1) {
    WITH_LOCK(L);
    trace("in the block");
  }
  trace("after the block");
}

int main() {
  Lock A{"a"}, B{"b"};
  locked(A);
  lockedInHeader(B);
  objectLike();
  spelledByArguments(7);
  twice();
  nestedBlock(true, A);
  return 0;
}

// EXEC:      lock a
// EXEC-NEXT: locked body
// EXEC-NEXT: unlock a
// EXEC-NEXT: lock b
// EXEC-NEXT: header body
// EXEC-NEXT: unlock b
// EXEC-NEXT: object-like body
// EXEC-NEXT: done
// EXEC-NEXT: arguments body 100
// EXEC-NEXT: argument 7
// EXEC-NEXT: twice body
// EXEC-NEXT: twice
// EXEC-NEXT: twice
// EXEC-NEXT: lock a
// EXEC-NEXT: in the block
// EXEC-NEXT: after the block
// EXEC-NEXT: unlock a
// EXEC-EMPTY:
