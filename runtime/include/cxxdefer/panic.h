//===- cxxdefer/panic.h - Go's panic and recover for C++ exceptions -------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// A C++ exception propagating out of a function is Go's panic (SPEC 3).
/// The deferred calls run from handlers with the exception current
/// (cxxdefer/slots.h, cxxdefer/frame.h); what is left is recover.
///
/// Go's rule is that recover() stops a panic only when called by a deferred
/// call that the panic itself is running. Go tells this by comparing the
/// caller's argument pointer with the one saved in the `_panic` record. C++
/// cannot see its callers, so SPEC 3.2 asks for the same thing a little
/// wider: `__recover()` looks at the innermost deferred call running on the
/// thread, and stops the exception when that call runs because the
/// exception propagates out of its function.
///
///   - Each deferred call that can reach `__recover()` and runs from a
///     handler gets a `panic_scope` (Go's `_panic`): the exception, whether
///     the frame can return after a recovery (its result type can be
///     value-initialised), whether it was recovered. The scopes nest on a
///     per-thread stack. The rewriter knows which deferred calls cannot
///     reach `__recover()` (a callee in a system header, a body that calls
///     nothing that could); those get no scope and no check at all.
///   - A deferred call run on a normal exit must hide the scopes below it
///     (its frame is not panicking, even while an outer frame is), so that
///     `__recover()` answers null in it. When no scope exists, which is the
///     case on every path that no exception is crossing, there is nothing
///     to hide: the normal exit tests one thread-local pointer and calls.
///   - A recovered panic_scope makes the handler return from the function
///     (with `__result`, or a value-initialised result) instead of
///     rethrowing; leaving the handler ends the exception, and the
///     remaining deferred calls run as on any normal exit.
///   - A deferred call that throws while the exception propagates replaces
///     it (SPEC 3.4). `call_replacing` runs every deferred call of a
///     propagation and records each replacement (cxxdefer/replaced.h,
///     cxxdefer/report.h); a call that returns costs what it cost before.
///   - A foreign exception - the forced unwinding of pthread_exit or
///     pthread_cancel (`abi::__forced_unwind`), or another language's - has
///     no exception_ptr: `__recover()` returns null for it and the handler
///     rethrows it, as Go's recover() returns nil under runtime.Goexit.
///     Swallowing it would abort the process.
///
/// Everything here is per thread, so threads never see each other's
/// exceptions (SPEC 2.10); and shared, so that every shared library of a
/// process sees the same panics (cxxdefer/config.h).
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_PANIC_H
#define CXXDEFER_PANIC_H

#pragma GCC system_header

#include "cxxdefer/config.h"
#include "cxxdefer/report.h"
#include <exception>

#if !defined(__cpp_lib_uncaught_exceptions) && defined(__clang__) &&          \
    CXXDEFER_EXCEPTIONS
namespace __cxxabiv1 {
struct __cxa_eh_globals;
extern "C" __cxa_eh_globals *__cxa_get_globals() noexcept;
} // namespace __cxxabiv1
#endif

CXXDEFER_BEGIN_NAMESPACE
namespace detail {

class panic_scope;

/// The innermost scope of this thread (Go's gp._panic); null when no
/// deferred call runs for an exception, or while they are hidden.
///
/// A `__thread` static member of a class template rather than a function's
/// `static thread_local`: it has a constant initialiser, so reading it is
/// one thread-pointer-relative load even at -O0, where a function-local
/// thread_local costs a call on every normal exit of a function that can
/// recover. Like the function, it has vague linkage and default visibility
/// (one copy per process, cxxdefer/config.h).
template <class = void> struct panic_state {
  CXXDEFER_SHARED static __thread panic_scope *innermost;
};
template <class T> __thread panic_scope *panic_state<T>::innermost = nullptr;

CXXDEFER_GLUE panic_scope *&innermost_panic() noexcept {
  return panic_state<>::innermost;
}

/// A deferred call that runs because an exception propagates out of its
/// function (Go's _panic).
class panic_scope {
public:
  /// A scope for a deferred call that the rewriter proved cannot reach
  /// __recover(). It hides the scopes below it, and a __recover() under it
  /// means the proof was wrong (see recover()).
  enum unreachable_t { unreachable };

  explicit panic_scope(bool can_recover) noexcept
      : exception_(std::current_exception()), outer_(innermost_panic()),
        can_recover_(can_recover) {
    innermost_panic() = this;
  }
  explicit panic_scope(unreachable_t) noexcept
      : outer_(innermost_panic()), can_recover_(false), unreachable_(true) {
    innermost_panic() = this;
  }
  panic_scope(const panic_scope &) = delete;
  panic_scope &operator=(const panic_scope &) = delete;
  ~panic_scope() { innermost_panic() = outer_; }

  bool recovered() const noexcept { return recovered_; }

  /// Called when the deferred call returned: \returns recovered(). The
  /// chain of exceptions that a recovered one replaced ends here
  /// (cxxdefer/replaced.h); nothing is looked at otherwise.
  bool finish() const noexcept {
#if CXXDEFER_EXCEPTIONS
    if (__builtin_expect(recovered_, 0))
      forget_replacements_of(exception_);
#endif
    return recovered_;
  }

  /// SPEC 3.2: the exception, once, if this thread's innermost running
  /// deferred call runs for it and its frame can return; null otherwise.
  static std::exception_ptr recover() noexcept {
    panic_scope *p = innermost_panic();
    if (__builtin_expect(p && p->unreachable_, 0))
      recover_not_expected();
    if (!p || p->recovered_ || !p->can_recover_ || !p->exception_)
      return nullptr;
    p->recovered_ = true;
    return p->exception_;
  }

private:
  std::exception_ptr exception_;
  panic_scope *outer_;
  bool can_recover_;
  bool recovered_ = false;
  bool unreachable_ = false;

  /// The rewriter's proof that a deferred call cannot reach __recover()
  /// rests on one assumption (docs/user-guide.md): a function declared
  /// without a body in a system header that does not mention cxxdefer is
  /// the system's, and calls __recover() only through a callable it is
  /// given. A library function that breaks it would make the exception
  /// escape silently where SPEC 3.2 says it stops: it stops the program
  /// instead, saying why.
  [[noreturn]] CXXDEFER_COLD static void recover_not_expected() noexcept {
#if CXXDEFER_EXCEPTIONS
    std::fputs(
        "cxxdefer: __recover() was called by a deferred call that cxxdefer "
        "found could not reach it. Its callee, or a function it calls, is "
        "declared without a body in a system header that does not mention "
        "cxxdefer: include <cxxdefer.h> in that header, or include the "
        "header with -I instead of -isystem.\n",
        stderr);
#endif
    __builtin_abort();
  }
};

/// Hides this thread's panic scopes while it lives.
class panics_hidden {
public:
  CXXDEFER_GLUE panics_hidden() noexcept : saved_(innermost_panic()) {
    if (saved_)
      innermost_panic() = nullptr;
  }
  CXXDEFER_GLUE ~panics_hidden() {
    if (saved_)
      innermost_panic() = saved_;
  }
  panics_hidden(const panics_hidden &) = delete;
  panics_hidden &operator=(const panics_hidden &) = delete;

private:
  panic_scope *saved_;
};

/// The out-of-line paths of a slot: call_hiding_panics, call_for_panic and
/// call_while_panicking (below). Each takes what it runs by value: a small
/// closure that the caller passes in registers (cxxdefer/slots.h,
/// `out_of_line`), so the slot's address does not escape and the compiler
/// keeps its call's operands in registers. The two that run while an
/// exception propagates hand the closure on, as an erased_call, to a run_
/// function that is not a template: their exception handling and panic
/// scope are compiled once per translation unit instead of once per defer
/// statement (leveldb's db_impl.cc, 11 defer statements: 28 M instructions
/// less to compile at -O2, 0.5 %). The closure goes to memory on those
/// paths only.

/// Runs a deferred call that can reach __recover() on a normal exit while
/// a panic_scope exists (see the file comment). Small enough to stay a
/// template: the optimiser then sees that a call which only recovers does
/// nothing here.
template <class F> CXXDEFER_COLD void call_hiding_panics(F f) {
  panics_hidden hidden;
  f();
}

/// A deferred call as the out-of-line paths run it.
struct erased_call {
  void (*run)(void *);
  void *call;
  CXXDEFER_GLUE void operator()() const { run(call); }
};
template <class F> void run_erased(void *f) { (*static_cast<F *>(f))(); }

/// Runs a deferred call while the exception being handled propagates, and
/// records it if the call replaces that exception (SPEC 3.4,
/// cxxdefer/report.h). \p panic: the call's panic_scope, if it has one.
///
/// The exception the call replaced is the one being handled again once the
/// call's own exception has been caught and the handler left, so nothing
/// is captured before the call: on the path where it returns, this is f().
/// The new exception is then rethrown from its exception_ptr, the same
/// object (SPEC 3.5). A foreign exception (forced unwinding) has no
/// exception_ptr and is rethrown as it is.
template <class F>
CXXDEFER_GLUE void call_replacing(F &f, const panic_scope *panic) {
#if CXXDEFER_EXCEPTIONS
  std::exception_ptr thrown;
  try {
    f();
    return;
  } catch (...) {
    thrown = std::current_exception();
    if (!thrown)
      throw;
  }
  replaced_by(thrown, panic && panic->recovered());
  std::rethrow_exception(thrown);
#else
  (void)panic;
  f();
#endif
}

/// Runs a deferred call that can reach __recover() from a handler, with
/// the exception current. Out of line: the handlers stay small.
/// \returns true if \p f recovered the exception.
CXXDEFER_COLD inline bool run_for_panic(erased_call f, bool can_recover) {
  panic_scope panic(can_recover);
  call_replacing(f, &panic);
  return panic.finish();
}

/// Runs a deferred call that cannot reach __recover() from a handler.
CXXDEFER_COLD inline void run_while_panicking(erased_call f) {
  panic_scope unreachable(panic_scope::unreachable);
  call_replacing(f, nullptr);
}

// The typed entries: out of line themselves (small, without a handler),
// since inlined, the closure's address would give the slot's function a
// stack frame on its normal path too.
template <class F> CXXDEFER_COLD bool call_for_panic(F f, bool can_recover) {
  return run_for_panic(erased_call{&run_erased<F>, &f}, can_recover);
}
template <class F> CXXDEFER_COLD void call_while_panicking(F f) {
  run_while_panicking(erased_call{&run_erased<F>, &f});
}

/// What a handler returns after a recovery from a function whose result
/// type is T: a value-initialised T (SPEC 3.2). The handler is compiled for
/// every T, so a T that cannot be value-initialised gets a value() that is
/// never called: possible is false, so nothing recovers in that frame.
template <class T, bool = __is_constructible(T)> struct recovery {
  static constexpr bool possible = true;
  CXXDEFER_GLUE static T value() { return T(); }
};
template <class T> struct recovery<T, false> {
  static constexpr bool possible = false;
  [[noreturn]] static T value() { std::terminate(); }
};

/// What C++'s return statement would have moved: the returned local.
template <class T>
CXXDEFER_GLUE constexpr typename remove_ref<T>::type &&moved(T &&x) noexcept {
  return static_cast<typename remove_ref<T>::type &&>(x);
}

/// C++ destroys a return object that a return statement built when the
/// destruction of a local - here, a slot running a deferred call - then
/// throws ([except.ctor]/2, CWG 2176). GCC does; Clang does not (LLVM
/// issues 12658 and 124306, open through Clang 22), so with Clang the
/// rewritten code does it. A newer Clang is assumed fixed, where tracking
/// would destroy the object twice; test/runtime/abandoned-result.cpp checks
/// this guess against the compiler it runs with.
#if defined(__clang__) && __clang_major__ <= 22 && CXXDEFER_EXCEPTIONS
#define CXXDEFER_DESTROYS_ABANDONED_RESULT 1
#else
#define CXXDEFER_DESTROYS_ABANDONED_RESULT 0
#endif

#if CXXDEFER_DESTROYS_ABANDONED_RESULT
/// The number of exceptions in flight on this thread. Strict C++14 does
/// not declare std::uncaught_exceptions; the Itanium ABI's globals have it.
CXXDEFER_GLUE int uncaught_exceptions() noexcept {
#if defined(__cpp_lib_uncaught_exceptions)
  return std::uncaught_exceptions();
#else
  struct eh_globals {
    void *caught;
    unsigned int uncaught;
  };
  return static_cast<int>(
      reinterpret_cast<eh_globals *>(__cxxabiv1::__cxa_get_globals())
          ->uncaught);
#endif
}
#endif

/// The object a return statement of the function built (the rewriter
/// declares one before every slot, so it is destroyed last, and each
/// `return` tracks the object it builds). If an exception then leaves the
/// function - a deferred call threw - the object is destroyed here; after
/// a recovery, release() destroys it before the function returns another.
/// With GCC every member is empty: GCC destroys the object itself.
template <class T> class returned {
public:
  using object_type = T;

  returned() = default;
  returned(const returned &) = delete;
  returned &operator=(const returned &) = delete;

  CXXDEFER_GLUE void track(T *object) noexcept {
#if CXXDEFER_DESTROYS_ABANDONED_RESULT
    object_ = object;
    in_flight_ = uncaught_exceptions();
#else
    (void)object;
#endif
  }

  CXXDEFER_GLUE void release() noexcept {
#if CXXDEFER_DESTROYS_ABANDONED_RESULT
    if (object_)
      object_->~T();
    object_ = nullptr;
#endif
  }

  CXXDEFER_GLUE ~returned() {
#if CXXDEFER_DESTROYS_ABANDONED_RESULT
    if (object_ && uncaught_exceptions() > in_flight_)
      object_->~T();
#endif
  }

private:
#if CXXDEFER_DESTROYS_ABANDONED_RESULT
  T *object_ = nullptr;
  int in_flight_ = 0;
#endif
};

/// `return e;` in a function whose result is tracked by \p tracker: with
/// Clang the object is built in a local that NRVO places in the return
/// slot, and tracked; elsewhere the statement stays as written, so that
/// `return T(...);` keeps its guaranteed elision.
#if CXXDEFER_DESTROYS_ABANDONED_RESULT
#define CXXDEFER_RETURN_TRACKED(tracker, ...)                                 \
  {                                                                            \
    typename decltype(tracker)::object_type cxxdefer_returned_value =         \
        __VA_ARGS__;                                                           \
    tracker.track(&cxxdefer_returned_value);                                   \
    return cxxdefer_returned_value;                                            \
  }
#else
#define CXXDEFER_RETURN_TRACKED(tracker, ...) return __VA_ARGS__;
#endif

#if CXXDEFER_EXCEPTIONS
/// Rethrows the exception being handled. The handlers call it rather than
/// spelling `throw;`: in a noexcept function or a destructor, GCC warns
/// (-Wterminate, on by default) at every literal `throw;`, but terminating
/// there is exactly what C++ demands and what SPEC 3.4 allows.
[[noreturn]] CXXDEFER_GLUE void rethrow() { throw; }
#endif

} // namespace detail
CXXDEFER_END_NAMESPACE

/// Go's recover(): stops the exception that the innermost running deferred
/// call is running for, and returns it; null in every other situation
/// (SPEC 3.2), and always null without exceptions.
CXXDEFER_SHARED CXXDEFER_NO_STEP inline std::exception_ptr
__recover() noexcept {
  return ::cxxdefer::detail::panic_scope::recover();
}

/// `__recover` takes no arguments (SPEC 6): a call with any is an error at
/// the user's line in every tool, clangd included.
template <class Arg, class... Args>
__attribute__((unavailable("cxxdefer: __recover() takes no arguments")))
std::exception_ptr
__recover(Arg &&, Args &&...);

#endif // CXXDEFER_PANIC_H
