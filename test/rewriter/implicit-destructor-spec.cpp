// Whether a deferred call can throw is decided by walking what it calls.
// A class's implicit destructor, used only by a `delete` in a deferred
// closure, has an exception specification Sema has not evaluated yet; the
// walk must not ask it (that crashed the rewriter on leveldb's
// CleanupIteratorState), and looks at the destructor's body instead.
//
// RUN: %check_cxxdefer --std=c++14,c++17 %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

struct State {
  int Value;
  Tracked Member{"member"};
};

static void cleanup(void *Arg) {
  State *S = reinterpret_cast<State *>(Arg);
  // CHECK: ::cxxdefer::detail::guard cxxdefer_d[[#@LINE+1]]_3{
  __defer([S] { delete S; }());
  traceInt("value", S->Value);
}

int main() {
  // EXEC: ctor member
  // EXEC-NEXT: value 7
  // EXEC-NEXT: dtor member
  cleanup(new State{7});
}
