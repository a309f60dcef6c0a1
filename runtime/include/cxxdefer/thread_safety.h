//===- cxxdefer/thread_safety.h - Deferred releases for -Wthread-safety ---===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Clang's -Wthread-safety analyses each function on its own, following
/// the calls it makes. A deferred `mu.Unlock()` is invisible to it twice:
/// the call is made by generated code at exit, and it is made inside a
/// lambda (the caller), which is analysed as a function of its own. So a
/// rewritten `mu.Lock(); __defer(mu.Unlock());` would warn both "mutex
/// 'mu' is still held at the end of function" and, in the caller,
/// "releasing mutex that was not held".
///
/// The rewriter says what really happens, in the analysis' own terms:
///
///   - the caller of a deferred call whose callee has thread-safety
///     attributes is not analysed (CXXDEFER_NO_THREAD_SAFETY_ANALYSIS):
///     it runs at exit, in a state the analysis of a lambda cannot know;
///   - after a defer statement whose call releases a capability, a scoped
///     capability adopts it (held_until_exit): the analysis sees the
///     capability held from the defer statement to the end of the
///     enclosing block - for a defer statement in the function's body,
///     the function's exit, where the deferred call releases it - and
///     still reports a capability that was not held at the defer
///     statement, or that is acquired and never released.
///
/// Both are empty at run time; with GCC they are empty everywhere.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_THREAD_SAFETY_H
#define CXXDEFER_THREAD_SAFETY_H

#pragma GCC system_header

#include "cxxdefer/config.h"

#if defined(__clang__)
#define CXXDEFER_TSA_(...) __attribute__((__VA_ARGS__))
#else
#define CXXDEFER_TSA_(...)
#endif

/// On a generated lambda that calls a deferred callee at exit.
#define CXXDEFER_NO_THREAD_SAFETY_ANALYSIS                                     \
  CXXDEFER_TSA_(no_thread_safety_analysis)

CXXDEFER_BEGIN_NAMESPACE
namespace detail {

/// Holds an exclusive capability, already held, until the end of the
/// block; the deferred call releases it.
class CXXDEFER_TSA_(scoped_lockable) held_until_exit {
public:
  template <class C>
  CXXDEFER_GLUE explicit held_until_exit(C &capability)
      CXXDEFER_TSA_(exclusive_locks_required(capability)) {}
  template <class C>
  CXXDEFER_GLUE explicit held_until_exit(C *capability)
      CXXDEFER_TSA_(exclusive_locks_required(capability)) {}
  held_until_exit(const held_until_exit &) = delete;
  held_until_exit &operator=(const held_until_exit &) = delete;
  CXXDEFER_GLUE ~held_until_exit() CXXDEFER_TSA_(unlock_function()) {}
};

/// The same for a shared capability.
class CXXDEFER_TSA_(scoped_lockable) held_shared_until_exit {
public:
  template <class C>
  CXXDEFER_GLUE explicit held_shared_until_exit(C &capability)
      CXXDEFER_TSA_(shared_locks_required(capability)) {}
  template <class C>
  CXXDEFER_GLUE explicit held_shared_until_exit(C *capability)
      CXXDEFER_TSA_(shared_locks_required(capability)) {}
  held_shared_until_exit(const held_shared_until_exit &) = delete;
  held_shared_until_exit &operator=(const held_shared_until_exit &) = delete;
  CXXDEFER_GLUE ~held_shared_until_exit() CXXDEFER_TSA_(unlock_function()) {}
};

} // namespace detail
CXXDEFER_END_NAMESPACE

#endif // CXXDEFER_THREAD_SAFETY_H
