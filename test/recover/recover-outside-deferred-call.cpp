// Issue 4 item 2: outside deferred calls, `__recover()` returns a null
// exception_ptr and changes nothing (SPEC 3.2), even where an exception is
// being handled or propagating: in main, in a plain function, in a catch
// handler (where std::current_exception() is not null), in the body of a
// function with deferred calls, and in destructors of that function's
// locals that run during the propagation, before or after its deferred
// calls. The exceptions still reach their handlers. (Go's recover() returns
// nil outside deferred calls; Go has no destructors or handlers.)
//
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include "Inputs/panic.h"

[[noreturn]] static void panicWith(int N) { throw N; }

/// Calls __recover() in its destructor.
struct RecoversInDestructor {
  explicit RecoversInDestructor(const char *Label) : Label(Label) {}
  ~RecoversInDestructor() { show(Label, __recover()); }
  const char *Label;
};

static void plain() { show("plain function", __recover()); }

static void bodyOfDeferringFunction() {
  __defer(trace("bodyOfDeferringFunction's deferred call"));
  show("body of a function with a defer statement", __recover());
}

static void withDestructors() {
  RecoversInDestructor Before("destructor of a local declared before the defer statement");
  __defer(trace("withDestructors' deferred call"));
  RecoversInDestructor After("destructor of a local declared after the defer statement");
  panicWith(3);
}

static void noDefers() {
  RecoversInDestructor Local("destructor in a function without defer statements");
  panicWith(4);
}

int main() {
  show("main", __recover());
  plain();
  bodyOfDeferringFunction();
  try {
    panicWith(2);
  } catch (int) {
    show("catch handler", __recover());
  }
  try {
    withDestructors();
  } catch (int N) {
    traceInt("caught", N);
  }
  try {
    noDefers();
  } catch (int N) {
    traceInt("caught", N);
  }
  return 0;
}

// SPEC 2.5: the local declared after the defer statement is destroyed
// before the deferred call runs, the one declared before it after.
// EXEC:      main: nil
// EXEC-NEXT: plain function: nil
// EXEC-NEXT: body of a function with a defer statement: nil
// EXEC-NEXT: bodyOfDeferringFunction's deferred call
// EXEC-NEXT: catch handler: nil
// EXEC-NEXT: destructor of a local declared after the defer statement: nil
// EXEC-NEXT: withDestructors' deferred call
// EXEC-NEXT: destructor of a local declared before the defer statement: nil
// EXEC-NEXT: caught 3
// EXEC-NEXT: destructor in a function without defer statements: nil
// EXEC-NEXT: caught 4
// EXEC-EMPTY:
