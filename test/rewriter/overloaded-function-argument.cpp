// An overloaded function's name (or a template's specialization) passed as
// an argument: only the parameter's type picks the function, so nothing can
// deduce the kept operand's type from the name. It is kept as the
// parameter's type, initialised from the name now: the same function the
// call would get.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/trace.h"

static void callback(int N) { traceInt("callback(int)", N); }
static void callback(double) { trace("callback(double)"); }
template <class T> static void generic(T N) { traceInt("generic", int(N)); }

static void call(void (*F)(int), int N) { F(N); }

int main() {
  // CHECK: ::cxxdefer::detail::value_arg<void (*)(int)>{callback}
  __defer(call(callback, 1));
  // CHECK: ::cxxdefer::detail::value_arg<void (*)(int)>{&callback}
  __defer(call(&callback, 2));
  // CHECK: ::cxxdefer::detail::value_arg<void (*)(int)>{generic<int>}
  __defer(call(generic<int>, 3));
  callback(0.5);
  trace("body");
  return 0;
}

// EXEC:      callback(double)
// EXEC-NEXT: body
// EXEC-NEXT: generic 3
// EXEC-NEXT: callback(int) 2
// EXEC-NEXT: callback(int) 1
// EXEC-EMPTY:
