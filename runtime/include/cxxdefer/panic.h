//===- cxxdefer/panic.h - Go's panic and recover for C++ exceptions -------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// A C++ exception propagating out of a function is Go's panic (SPEC 3).
/// The deferred calls run from handlers with the exception current
/// (cxxdefer/open_coded.h, cxxdefer/chain.h); what is left is recover.
///
/// Go's rule is that recover() stops a panic only when called by a deferred
/// call that the panic itself is running. Go tells this by comparing the
/// caller's argument pointer with the one saved in the `_panic` record. C++
/// cannot see its callers, so SPEC 3.2 asks for the same thing a little
/// wider: `__recover()` looks at the innermost deferred call running on the
/// thread, and stops the exception when that call runs because the
/// exception propagates out of its function.
///
///   - Each deferred call run from a handler gets a `panic_scope` (Go's
///     `_panic`): the exception, whether the frame can return after a
///     recovery (its result type is default-constructible), whether it was
///     recovered. The scopes nest on a per-thread stack.
///   - A deferred call run on a normal exit must hide the scopes below it
///     (its frame is not panicking, even while an outer frame is), so that
///     `__recover()` answers null in it. When no scope exists, which is the
///     case on every path that no exception is crossing, there is nothing
///     to hide: the normal exit tests one thread-local pointer and calls.
///     Only under a running scope does it take the out-of-line path that
///     clears the pointer for the call (`call_hiding_panics`).
///   - A recovered panic_scope makes the handler return from the function
///     (with `__result`, or a value-initialised result) instead of
///     rethrowing; leaving the handler ends the exception, and the
///     remaining deferred calls run as on any normal exit, where
///     `__recover()` is null.
///
/// Everything here is per thread, so threads never see each other's
/// exceptions (SPEC 2.10).
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_PANIC_H
#define CXXDEFER_PANIC_H

#include <exception>
#include <type_traits>

namespace cxxdefer {
namespace detail {

/// A deferred call that runs because an exception propagates out of its
/// function (Go's _panic).
class panic_scope {
public:
  explicit panic_scope(bool can_recover) noexcept
      : exception_(std::current_exception()), outer_(innermost()),
        can_recover_(can_recover) {
    innermost() = this;
  }
  panic_scope(const panic_scope &) = delete;
  panic_scope &operator=(const panic_scope &) = delete;
  ~panic_scope() { innermost() = outer_; }

  bool recovered() const noexcept { return recovered_; }

  /// SPEC 3.2: the exception, once, if this scope is the innermost running
  /// deferred call and its frame can return; null otherwise.
  static std::exception_ptr recover() noexcept {
    panic_scope *p = innermost();
    if (!p || p->recovered_ || !p->can_recover_)
      return nullptr;
    p->recovered_ = true;
    return p->exception_;
  }

  /// The innermost scope of this thread (Go's gp._panic); null when no
  /// deferred call runs for an exception, or while they are hidden.
  static panic_scope *&innermost() noexcept {
    static thread_local panic_scope *scope = nullptr;
    return scope;
  }

private:
  std::exception_ptr exception_;
  panic_scope *outer_;
  bool can_recover_;
  bool recovered_ = false;
};

/// Hides this thread's panic scopes while it lives.
class panics_hidden {
public:
  panics_hidden() noexcept : saved_(panic_scope::innermost()) {
    if (saved_)
      panic_scope::innermost() = nullptr;
  }
  ~panics_hidden() {
    if (saved_)
      panic_scope::innermost() = saved_;
  }
  panics_hidden(const panics_hidden &) = delete;
  panics_hidden &operator=(const panics_hidden &) = delete;

private:
  panic_scope *saved_;
};

template <class F> [[gnu::noinline]] void call_hiding_panics(F &f) {
  panics_hidden hidden;
  f();
}

/// Calls a deferred call \p f from a handler, with the exception current.
/// Out of line: the handlers stay small, and the normal path of the slot
/// that owns \p f does not have to keep its state in memory for them.
/// \returns true if \p f recovered the exception.
template <class F>
[[gnu::noinline]] bool call_for_panic(F &f, bool can_recover) {
  panic_scope panic(can_recover);
  f();
  return panic.recovered();
}

/// Calls a deferred call \p f on a normal exit (see the file comment).
template <class F> inline void call_on_normal_exit(F &f) {
  if (__builtin_expect(panic_scope::innermost() != nullptr, 0))
    call_hiding_panics(f);
  else
    f();
}

/// What a handler returns after a recovery from a function whose result
/// type is T: a value-initialised T (SPEC 3.2). The handler is compiled for
/// every T, so a T that cannot be value-initialised gets a value() that is
/// never called: possible is false, so nothing recovers in that frame.
template <class T, bool = std::is_default_constructible<T>::value>
struct recovery {
  static constexpr bool possible = true;
  static T value() { return T(); }
};
template <class T> struct recovery<T, false> {
  static constexpr bool possible = false;
  [[noreturn]] static T value() { std::terminate(); }
};

/// Rethrows the exception being handled. The handlers call it rather than
/// spelling `throw;`: in a noexcept function or a destructor, GCC warns
/// (-Wterminate, on by default) at every literal `throw;`, but terminating
/// there is exactly what C++ demands and what SPEC 3.4 allows.
[[noreturn]] inline void rethrow() { throw; }

} // namespace detail
} // namespace cxxdefer

/// Go's recover(): stops the exception that the innermost running deferred
/// call is running for, and returns it; null in every other situation
/// (SPEC 3.2).
inline std::exception_ptr __recover() noexcept {
  return ::cxxdefer::detail::panic_scope::recover();
}

/// `__recover` takes no arguments (SPEC 6). The error attribute reports the
/// call at the user's line when code is generated; the rewriter reports it
/// earlier.
template <class Arg, class... Args>
__attribute__((error("cxxdefer: __recover() takes no arguments")))
std::exception_ptr
__recover(Arg &&, Args &&...);

#endif // CXXDEFER_PANIC_H
