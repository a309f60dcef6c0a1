// A defer statement in a coroutine cannot be honoured yet (the body runs
// in pieces, and co_return is not a return): an error with the reason at
// the user's line (SPEC 6).
//
// RUN: not %cxxdefer %s -- -std=c++20 2>&1 | %FileCheck %s --check-prefix=ERR
// RUN: not %plugin_cxx -std=c++20 -fsyntax-only %s 2>&1 | %FileCheck %s --check-prefix=ERR

#include <cxxdefer.h>

#include <coroutine>

struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

void note();

Task coroutine() {
  // ERR: error-coroutine.cpp:[[@LINE+1]]:3: error: '__defer' cannot be used in a coroutine
  __defer(note());
  co_return;
}
