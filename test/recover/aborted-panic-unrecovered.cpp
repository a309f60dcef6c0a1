// Mirrors runtime/defer_test.go TestAbortedPanic (the replacement half) and
// test/fixedbugs/issue8047b.go: a deferred call that throws while an
// exception propagates replaces it (SPEC 3.4, Go's aborted panic). The
// function's remaining deferred calls still run, std::terminate is not
// called, the caller sees only the newest exception, and the replaced
// exception objects are destroyed (none is leaked). The thread keeps its
// newest chains of replaced exceptions for cxxdefer::replaced_exception()
// until it ends, so each case runs on a thread of its own and the objects
// are counted after it ended (replaced-exception-chain.cpp checks the
// chains themselves).
//
// Go checks the replacement with recover() in the remaining deferred calls;
// this test needs nothing that is not implemented yet, so the caller's
// handler checks it instead (go-aborted-panic.cpp is the recover() form).
// C++ has no untyped panic values: each panic is an object of class Panic
// named after Go's panic value.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <cstdio>
#include <thread>

#include "Inputs/panic.h"

/// A panic value that counts the live exception objects.
struct Panic {
  explicit Panic(const char *Name) : Name(Name) {
    ++live();
    std::printf("throw %s\n", Name);
  }
  Panic(const Panic &Other) : Name(Other.Name) { ++live(); }
  ~Panic() { --live(); }
  static int &live() {
    static int N = 0;
    return N;
  }
  const char *Name;
};

[[noreturn]] static void panicWith(const char *Name) { throw Panic(Name); }

// 1. Go's TestAbortedPanic without recover(): A and B only say that they
//    ran; C replaces panic1 with panic2.
static void aborted() {
  __defer(trace("A runs"));
  __defer(trace("B runs"));
  __defer(panicWith("panic2"));
  panicWith("panic1");
}

// 2. Two replacements in a row: the newest exception wins.
static void twice() {
  __defer(trace("first registered runs last"));
  __defer(panicWith("panic3"));
  __defer(panicWith("panic2"));
  panicWith("panic1");
}

// 3. The replacement happens one frame up: panic1 propagates out of
//    inner() into outer(), whose deferred call throws panic2.
static void inner() {
  __defer(trace("inner's deferred call runs"));
  panicWith("panic1");
}
static void outer() {
  __defer(trace("outer's earlier deferred call runs"));
  __defer(panicWith("panic2"));
  inner();
}

static void run(const char *Label, void (*F)()) {
  std::printf("-- %s\n", Label);
  std::thread([F] {
    try {
      F();
      trace("returned normally");
    } catch (const Panic &P) {
      std::printf("caught %s\n", P.Name);
    }
  }).join();
  traceInt("live panics", Panic::live());
}

int main() {
  run("aborted", aborted);
  run("twice", twice);
  run("outer", outer);
  return 0;
}

// 1. LIFO: C runs first and replaces panic1; B and A still run; the caller
//    catches panic2; both are destroyed once the thread has ended.
// EXEC:      -- aborted
// EXEC-NEXT: throw panic1
// EXEC-NEXT: throw panic2
// EXEC-NEXT: B runs
// EXEC-NEXT: A runs
// EXEC-NEXT: caught panic2
// EXEC-NEXT: live panics 0
// 2. panic2 replaces panic1, then panic3 replaces panic2.
// EXEC-NEXT: -- twice
// EXEC-NEXT: throw panic1
// EXEC-NEXT: throw panic2
// EXEC-NEXT: throw panic3
// EXEC-NEXT: first registered runs last
// EXEC-NEXT: caught panic3
// EXEC-NEXT: live panics 0
// 3. inner's deferred call runs while panic1 leaves inner; outer's deferred
//    calls then run LIFO, the first replacing panic1.
// EXEC-NEXT: -- outer
// EXEC-NEXT: throw panic1
// EXEC-NEXT: inner's deferred call runs
// EXEC-NEXT: throw panic2
// EXEC-NEXT: outer's earlier deferred call runs
// EXEC-NEXT: caught panic2
// EXEC-NEXT: live panics 0
// EXEC-EMPTY:
