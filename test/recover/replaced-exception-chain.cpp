// cxxdefer::replaced_exception(): a program that catches an exception
// which replaced others (SPEC 3.4, Go's aborted panic) can walk the chain,
// newest to oldest. What it answers, when, and how long the chain keeps
// the replaced exceptions alive (docs/user-guide.md, "Replaced
// exceptions"):
//
//   - across frames, in open-coded slots and in heap-allocated records;
//   - "[recovered]": a deferred call that recovers an exception and then
//     throws replaces the recovered one;
//   - nested: a deferred call, run while A propagates, calls a function
//     whose deferred calls replace C by D, and D then replaces A: one
//     chain in the order the exceptions were thrown, as Go prints it;
//   - a deferred call that rethrows the propagating exception (`throw;`)
//     replaces nothing; an unrelated exception answers null;
//   - recovering the newest exception ends its chain when the deferred
//     call that recovered it returns;
//   - the chains are per thread, and the thread's end lets them go;
//   - a catch handler leaves the chain alive: the thread keeps its two
//     newest chains.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <cstdio>
#include <exception>
#include <thread>

#include "Inputs/panic.h"

/// An exception that counts its live objects.
struct Panic : std::exception {
  explicit Panic(const char *Name) : Name(Name) { ++live(); }
  Panic(const Panic &Other) : std::exception(Other), Name(Other.Name) {
    ++live();
  }
  ~Panic() override { --live(); }
  const char *what() const noexcept override { return Name; }
  static int &live() {
    static int N = 0;
    return N;
  }
  const char *Name;
};

[[noreturn]] static void panicWith(const char *Name) { throw Panic(Name); }

/// Prints the chain of the exception being handled, newest first.
static void printChain(const char *Label) {
  std::printf("%s: %s", Label, describe(std::current_exception()).c_str());
  for (std::exception_ptr P = cxxdefer::replaced_exception(); P;
       P = cxxdefer::replaced_exception(P))
    std::printf(" <- %s", describe(P).c_str());
  std::printf("\n");
}

// 1. Three exceptions over two frames: "inner" is replaced in inner() by an
//    open-coded deferred call, "middle" by a deferred call in a loop (a
//    heap-allocated record) of outer().
static void inner() {
  __defer(panicWith("middle"));
  panicWith("inner");
}
static void outer() {
  for (int I = 0; I < 1; ++I)
    __defer(panicWith("outer"));
  inner();
}

// 2. A deferred call that recovers "first", then throws "second".
static void recoverThenThrow() {
  __defer([] {
    std::exception_ptr P = __recover();
    show("recovered", P);
    panicWith("second");
  }());
  panicWith("first");
}

// 3. `throw;` in a deferred call rethrows the propagating exception: no
//    replacement.
static void rethrowInDeferredCall() {
  __defer([] { throw; }());
  panicWith("rethrown");
}

// 8. Nested: A, B replaces A; the deferred nestedInner() throws C,
//    recovers it, throws D; D leaves nestedInner() and replaces B.
static void nestedInner() {
  __defer([] {
    show("nestedInner recovered", __recover());
    panicWith("D");
  }());
  panicWith("C");
}
static void nestedOuter() {
  __defer(nestedInner());
  __defer(panicWith("B"));
  panicWith("A");
}

// 4. The newest exception recovered: the deferred call that recovers it
//    still sees its chain; once it has returned, the chain is gone.
static std::exception_ptr Recovered;
static void recoverNewest() {
  __defer([] {
    Recovered = __recover();
    show("recovering", Recovered);
    show("  which replaced", cxxdefer::replaced_exception(Recovered));
  }());
  __defer(panicWith("replacing"));
  panicWith("replaced");
}

int main() {
  try {
    outer();
  } catch (const Panic &) {
    printChain("1. caught");
  }

  try {
    recoverThenThrow();
  } catch (const Panic &) {
    printChain("2. caught");
  }

  try {
    rethrowInDeferredCall();
  } catch (const Panic &) {
    printChain("3. caught");
  }

  // 5. An exception that replaced nothing, thrown while a chain exists.
  try {
    panicWith("unrelated");
  } catch (const Panic &) {
    printChain("5. caught");
  }

  // 6. The thread keeps its two newest chains, (inner, middle, outer)
  //    and (first, second): their objects live on after their handlers.
  traceInt("6. live panics", Panic::live());

  try {
    nestedOuter();
  } catch (const Panic &) {
    printChain("8. caught");
  }

  recoverNewest();
  show("4. after the recovery, the recovered one replaced",
       cxxdefer::replaced_exception(Recovered));
  Recovered = nullptr;

  // 7. Per thread: the thread sees its own chain, main sees nothing of it,
  //    and the thread's end lets it go.
  int LiveBefore = Panic::live();
  std::exception_ptr FromThread;
  std::thread([&] {
    try {
      outer();
    } catch (const Panic &) {
      printChain("7. caught in a thread");
      FromThread = std::current_exception();
    }
    try {
      recoverThenThrow();
    } catch (const Panic &) {
      printChain("7. caught in a thread");
    }
    traceInt("7. more live panics in the thread", Panic::live() - LiveBefore);
  }).join();
  show("7. in main, the thread's exception replaced",
       cxxdefer::replaced_exception(FromThread));
  FromThread = nullptr;
  traceInt("7. more live panics after the join", Panic::live() - LiveBefore);
  return 0;
}

// EXEC:      1. caught: std::exception outer <- std::exception middle <- std::exception inner
// EXEC-NEXT: recovered: std::exception first
// EXEC-NEXT: 2. caught: std::exception second <- std::exception first
// EXEC-NEXT: 3. caught: std::exception rethrown
// EXEC-NEXT: 5. caught: std::exception unrelated
// EXEC-NEXT: 6. live panics 5
// EXEC-NEXT: nestedInner recovered: std::exception C
// EXEC-NEXT: 8. caught: std::exception D <- std::exception C <- std::exception B <- std::exception A
// EXEC-NEXT: recovering: std::exception replacing
// EXEC-NEXT:   which replaced: std::exception replaced
// EXEC-NEXT: 4. after the recovery, the recovered one replaced: nil
// EXEC-NEXT: 7. caught in a thread: std::exception outer <- std::exception middle <- std::exception inner
// EXEC-NEXT: recovered: std::exception first
// EXEC-NEXT: 7. caught in a thread: std::exception second <- std::exception first
// EXEC-NEXT: 7. more live panics in the thread 5
// EXEC-NEXT: 7. in main, the thread's exception replaced: nil
// EXEC-NEXT: 7. more live panics after the join 0
// EXEC-EMPTY:
