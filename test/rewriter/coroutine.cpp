// Defer statements in C++20 coroutines: the deferred calls run when the
// body ends - falling off its end, co_return, an exception leaving it
// (before the promise's unhandled_exception sees it) - and when the
// coroutine is destroyed while suspended. Each coroutine keeps its own
// deferred calls, also when two are resumed alternately on one thread or
// one is resumed on another thread: a suspended coroutine's records live
// in its own frame. __recover() in a coroutine's deferred call recovers an
// exception leaving the body; the body then ends as with `co_return;`.
// An __errdefer runs only for an exception leaving the body.
//
// RUN: %check_cxxdefer --std=c++20 %s %t -- -pthread

#include <cxxdefer.h>

#include <coroutine>
#include <thread>

#include "Inputs/trace.h"

struct Task {
  struct promise_type {
    Task get_return_object() {
      return Task{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { trace("unhandled_exception"); }
    std::suspend_always yield_value(int) { return {}; }
  };
  std::coroutine_handle<promise_type> Handle;
  ~Task() {
    if (Handle)
      Handle.destroy();
  }
  void resume() { Handle.resume(); }
};

static Task generator(const char *Name, int N) {
  __defer(std::printf("%s done\n", Name));
  // Only when an exception leaves the body: not at its end, not when the
  // coroutine is destroyed while suspended (its locals are destroyed, no
  // exception is in flight: Go's Goexit, not a panic).
  __errdefer(std::printf("%s failed\n", Name));
  for (int I = 0; I < N; ++I) {
    __defer(std::printf("%s %d\n", Name, I));
    co_yield I;
  }
  if (N == 3)
    throw 1;
}

static Task recovering(int N) {
  __defer([&] {
    if (__recover())
      traceInt("recovered", N);
  }());
  co_yield N;
  throw 2;
}

int main() {
  {
    Task A = generator("a", 2), B = generator("b", 3);
    A.resume();
    B.resume();
    A.resume();
    B.resume();
    A.resume();
    B.resume();
    B.resume();
    trace("a and b ended");
  }
  {
    Task C = generator("c", 5);
    C.resume();
    C.resume();
    trace("destroying c while suspended");
  }
  {
    Task D = generator("d", 2);
    D.resume();
    std::thread([&] { D.resume(); }).join();
    D.resume();
    trace("d resumed on two threads");
  }
  {
    Task R = recovering(7);
    R.resume();
    R.resume();
    trace("after recovering");
  }
  return 0;
}

// EXEC:      a 1
// EXEC-NEXT: a 0
// EXEC-NEXT: a done
// EXEC-NEXT: b 2
// EXEC-NEXT: b 1
// EXEC-NEXT: b 0
// EXEC-NEXT: b failed
// EXEC-NEXT: b done
// EXEC-NEXT: unhandled_exception
// EXEC-NEXT: a and b ended
// EXEC-NEXT: destroying c while suspended
// EXEC-NEXT: c 1
// EXEC-NEXT: c 0
// EXEC-NEXT: c done
// EXEC-NEXT: d 1
// EXEC-NEXT: d 0
// EXEC-NEXT: d done
// EXEC-NEXT: d resumed on two threads
// EXEC-NEXT: recovered 7
// EXEC-NEXT: after recovering
// EXEC-EMPTY:
