// A coroutine that can recover: its deferred calls run before the promise's
// return_void(), and a recovery ends the body through that same one call.
// `co_return;` calls return_void() before the body's locals are destroyed,
// so each one jumps past the slots to a single `co_return;` (as `return`
// does in a function that names `__result`); otherwise a deferred call that
// throws after `co_return;`, recovered by a later one, would make the body
// end twice, and return_void() run twice.
//
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
static void recoverIt() {
  if (__recover())
    trace("recovered");
}

// CHECK: {{^}}static Task early(bool Early) { (void)::cxxdefer::detail::abi_check<{{[0-9]+}}>{}; {{[{]$}}
static Task early(bool Early) {
  __defer(recoverIt());
  __defer(throwSeven());
  if (Early)
    // CHECK: {{^}}    goto cxxdefer_return;{{$}}
    co_return;
  co_await std::suspend_never{};
  trace("body end");
  // The last statement falls off to the single co_return by itself.
  // CHECK: {{^}}  ;{{$}}
  co_return;
}
// CHECK: {{^}}} catch (...) { {{.*}} } catch (...) { if (!cxxdefer_d{{[0-9]+}}_3.unwind(true)) ::cxxdefer::detail::rethrow(); } } cxxdefer_return: co_return; }{{$}}

// No co_return at all: no label, one co_return at the end.
static Task fallsOff() {
  __defer(recoverIt());
  __defer(throwSeven());
  co_await std::suspend_never{};
  trace("falls off");
}
// CHECK: {{^}}} catch (...) { {{.*}} } catch (...) { if (!cxxdefer_d{{[0-9]+}}_3.unwind(true)) ::cxxdefer::detail::rethrow(); } } co_return; }{{$}}

// Nothing thrown: the deferred calls still run before return_void().
static Task quiet() {
  __defer(trace("deferred"));
  __defer(recoverIt());
  co_return;
}

// `co_return e;` with a void e: e is evaluated where it was, then the
// deferred calls run, then return_void().
static Task viaVoid(bool Early) {
  __defer(trace("deferred"));
  if (Early)
    // CHECK: {{^}}    { trace("early"); goto cxxdefer_return; }{{$}}
    co_return trace("early");
  trace("late");
}

int main() {
  early(true);
  trace("--");
  early(false);
  trace("--");
  fallsOff();
  trace("--");
  quiet();
  trace("--");
  viaVoid(true);
  viaVoid(false);
  trace("main end");
  return 0;
}

// EXEC:      recovered
// EXEC-NEXT: return_void
// EXEC-NEXT: --
// EXEC-NEXT: body end
// EXEC-NEXT: recovered
// EXEC-NEXT: return_void
// EXEC-NEXT: --
// EXEC-NEXT: falls off
// EXEC-NEXT: recovered
// EXEC-NEXT: return_void
// EXEC-NEXT: --
// EXEC-NEXT: deferred
// EXEC-NEXT: return_void
// EXEC-NEXT: --
// EXEC-NEXT: early
// EXEC-NEXT: deferred
// EXEC-NEXT: return_void
// EXEC-NEXT: late
// EXEC-NEXT: deferred
// EXEC-NEXT: return_void
// EXEC-NEXT: main end
