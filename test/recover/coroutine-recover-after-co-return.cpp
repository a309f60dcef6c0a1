// KNOWN BUG (docs/limitations.md, "Known bugs"): a coroutine's promise sees
// return_void() twice when, after the body's `co_return;`, a deferred call
// throws and a later one recovers. `co_return;` calls return_void() before
// the body's scope ends and the deferred calls run; the recovery then ends
// the body once more (falling off its end, as `co_return;` would), which
// calls return_void() again. Go's function returns once. The fix is to run
// the deferred calls before return_void(): `co_return;` jumping to one
// `co_return;` after the slots' scope, as `return` does for `__result`.
//
// XFAIL: *
// RUN: %check_cxxdefer --std=c++20 %s %t

#include <cxxdefer.h>

#include <coroutine>

#include "../rewriter/Inputs/trace.h"

struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() { trace("return_void"); }
    void unhandled_exception() { trace("unhandled_exception"); }
  };
};

static void throwSeven() { throw 7; }

static Task body(bool Early) {
  __defer([] {
    if (__recover())
      trace("recovered");
  }());
  __defer(throwSeven());
  if (Early)
    co_return;
  co_await std::suspend_never{};
}

int main() {
  body(true);
  trace("main end");
  return 0;
}

// EXEC:      return_void
// EXEC-NEXT: recovered
// EXEC-NEXT: main end
