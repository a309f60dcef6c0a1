// An exception that nobody recovers keeps its type and identity for the
// caller's handlers (SPEC 3.5): deferred calls that run during the
// propagation neither copy nor slice it, `throw;` and
// std::rethrow_exception in a function with deferred calls rethrow the same
// object, and a handler for a base class still sees the derived object.
// Go's panic values are interface values, compared by value; C++ has typed
// exceptions, so identity here means the same exception object.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <exception>

#include "Inputs/panic.h"

struct Base {
  virtual ~Base() = default;
  virtual const char *name() const { return "Base"; }
};

/// Remembers the address of the thrown object; prints every copy.
struct Derived : Base {
  explicit Derived(int Id) : Id(Id) { Address = this; }
  Derived(const Derived &Other) : Base(Other), Id(Other.Id) { trace("Derived copied"); }
  const char *name() const override { return "Derived"; }
  int Id;
  static const Derived *Address;
};
const Derived *Derived::Address = nullptr;

// 1. Thrown through three frames with deferred calls.
static void deepest() {
  __defer(trace("deepest's deferred call"));
  throw Derived(1);
}
static void middle() {
  __defer(trace("middle's deferred call"));
  deepest();
}
static void throughFrames() {
  __defer(trace("throughFrames' deferred call"));
  middle();
}

// 2. Caught and rethrown with `throw;` in a function with deferred calls.
static void rethrowInHandler() {
  __defer(trace("rethrowInHandler's deferred call"));
  try {
    throw Derived(2);
  } catch (const Base &) {
    trace("rethrowInHandler rethrows");
    throw;
  }
}

// 3. Saved in an exception_ptr and rethrown later, after a deferred call
//    was registered.
static void rethrowSaved() {
  std::exception_ptr Saved;
  try {
    throw Derived(3);
  } catch (...) {
    Saved = std::current_exception();
  }
  __defer(trace("rethrowSaved's deferred call"));
  std::rethrow_exception(Saved);
}

// 4. A non-class exception keeps its type and value.
static void throwsInt() {
  __defer(trace("throwsInt's deferred call"));
  throw 4;
}

static void run(const char *Label, void (*F)()) {
  std::printf("-- %s\n", Label);
  try {
    F();
    trace("returned normally");
  } catch (const Base &E) {
    const Derived *D = dynamic_cast<const Derived *>(&E);
    std::printf("caught %s %d, %s\n", E.name(), D ? D->Id : -1,
                D == Derived::Address ? "same object" : "another object");
  } catch (int N) {
    traceInt("caught int", N);
  }
}

int main() {
  run("through frames", throughFrames);
  run("throw;", rethrowInHandler);
  run("rethrow_exception", rethrowSaved);
  run("int", throwsInt);
  return 0;
}

// No "Derived copied" line anywhere: nothing copies the exception.
// EXEC:      -- through frames
// EXEC-NEXT: deepest's deferred call
// EXEC-NEXT: middle's deferred call
// EXEC-NEXT: throughFrames' deferred call
// EXEC-NEXT: caught Derived 1, same object
// EXEC-NEXT: -- throw;
// EXEC-NEXT: rethrowInHandler rethrows
// EXEC-NEXT: rethrowInHandler's deferred call
// EXEC-NEXT: caught Derived 2, same object
// EXEC-NEXT: -- rethrow_exception
// EXEC-NEXT: rethrowSaved's deferred call
// EXEC-NEXT: caught Derived 3, same object
// EXEC-NEXT: -- int
// EXEC-NEXT: throwsInt's deferred call
// EXEC-NEXT: caught int 4
// EXEC-EMPTY:
