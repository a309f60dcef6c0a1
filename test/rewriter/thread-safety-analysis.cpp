// Clang's -Wthread-safety follows locks through each function on its own.
// `mu.Lock(); __defer(mu.Unlock());` releases the mutex at exit, from
// generated code the analysis cannot follow: the rewrite says so in the
// analysis' own terms (cxxdefer/thread_safety.h), so that a project built
// with -Wthread-safety -Werror keeps building, and a real mistake (a lock
// never released, a release of a lock not held) is still reported.
//
// RUN: %check_cxxdefer --std=c++14,c++17 %s %t
//
// The plugin and the batch tool's text, under -Wthread-safety -Werror:
// RUN: %plugin_cxx -std=c++17 -Wthread-safety -Werror -fsyntax-only %s
// RUN: %cxxdefer %s -- -std=c++17 > %t.tsa.cpp
// RUN: %clangxx -std=c++17 -Wthread-safety -Werror -fsyntax-only -I%cxxdefer_include -I%S %t.tsa.cpp
// RUN: %cxxdefer %s -- -std=c++14 > %t.tsa14.cpp
// RUN: %clangxx -std=c++14 -Wthread-safety -Werror -fsyntax-only -I%cxxdefer_include -I%S %t.tsa14.cpp
//
// Mistakes are still found:
// RUN: not %plugin_cxx -std=c++17 -Wthread-safety -Werror -fsyntax-only -DMISTAKES %s 2>&1 | %FileCheck %s --check-prefix=MISTAKE
// RUN: %cxxdefer %s -- -std=c++17 -DMISTAKES > %t.bad.cpp
// RUN: not %clangxx -std=c++17 -Wthread-safety -Werror -fsyntax-only -DMISTAKES -I%cxxdefer_include -I%S %t.bad.cpp 2>&1 | %FileCheck %s --check-prefix=MISTAKE

#include <cxxdefer.h>

#include <cstdio>

#if defined(__clang__)
#define TSA(...) __attribute__((__VA_ARGS__))
#else
#define TSA(...)
#endif

class TSA(capability("mutex")) Mutex {
public:
  void Lock() TSA(acquire_capability()) { ++Depth; }
  void Unlock() TSA(release_capability()) { --Depth; }
  void LockShared() TSA(acquire_shared_capability()) { ++Depth; }
  void UnlockShared() TSA(release_shared_capability()) { --Depth; }
  // The older, generic spelling (Abseil's UNLOCK_FUNCTION): it releases
  // either mode.
  void Release() TSA(unlock_function()) { --Depth; }
  int Depth = 0;
};

// A free function that releases its argument.
void unlock(Mutex *M) TSA(release_capability(M));
void unlock(Mutex *M) { M->Unlock(); }

class Account {
public:
  // The object of the deferred call, through implicit `this`.
  int deposit(int Amount) {
    Mu.Lock();
    __defer(Mu.Unlock());
    Balance += Amount;
    return Balance;
  }
  // An argument of the deferred call.
  int withdraw(int Amount) {
    Mu.Lock();
    __defer(unlock(&Mu));
    if (Amount > Balance)
      return -1;
    Balance -= Amount;
    return Balance;
  }
  // A shared capability.
  int balance() {
    Mu.LockShared();
    __defer(Mu.UnlockShared());
    return Balance;
  }
  // A generic release of a capability held exclusively.
  int reset() {
    Mu.Lock();
    __defer(Mu.Release());
    Balance = 0;
    return Balance;
  }
  Mutex Mu;

private:
  int Balance TSA(guarded_by(Mu)) = 0;
};

Mutex Global;
int Counter TSA(guarded_by(Global)) = 0;

// The object of the deferred call, a reference parameter; a deferred call
// that throws nothing and one that may throw.
void bump(Mutex &M, int &Out) {
  M.Lock();
  __defer(M.Unlock());
  Out += 1;
}

void count() {
  Global.Lock();
  __defer(Global.Unlock());
  __defer(std::printf("counted\n"));
  ++Counter;
}

#if defined(MISTAKES)
// MISTAKE-DAG: error: mutex 'Global' is still held at the end of function
void leak() {
  Global.Lock();
  __defer(std::printf("not an unlock\n"));
  ++Counter;
}
// MISTAKE-DAG: error: writing variable 'Counter' requires holding mutex 'Global' exclusively
void unguarded() {
  __defer(Global.Unlock());
  ++Counter;
}
#endif

int main() {
  Account A;
  // EXEC: 10 7 -1 7 0
  int D = A.deposit(10);
  int W = A.withdraw(3);
  int X = A.withdraw(30);
  int B = A.balance();
  std::printf("%d %d %d %d %d\n", D, W, X, B, A.reset());
  Mutex M;
  int Out = 0;
  bump(M, Out);
  // EXEC-NEXT: counted
  count();
  // EXEC-NEXT: depth 0 0 0 out 1
  std::printf("depth %d %d %d out %d\n", A.Mu.Depth, M.Depth, Global.Depth,
              Out);
}
