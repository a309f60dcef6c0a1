//===- cxxdefer/parse_only.h - What __defer means before the rewrite -----===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Definitions that let unrewritten code parse in any tool (clangd,
/// clang-tidy, `-fsyntax-only` with GCC or Clang), and refuse to compile it.
///
/// `__defer(call)` expands to a call of a function declared with the
/// `error` attribute (both GCC and Clang report it only when generating
/// code), followed by a discarded lambda whose body holds the call. The
/// lambda is what makes the call parse in its real context, and it is how
/// the rewriter's analysis finds the defer statement and its call
/// expression (by the marker function, never by macro names). The
/// expansion starts with `static_cast`, which is not a declaration: at
/// namespace scope both compilers report exactly one error, at the user's
/// line, whose "expanded from macro" note shows the line below that says
/// why. `__errdefer(call)` is the same with its own marker.
///
/// `__result` is a placeholder object whose type converts to and from
/// anything, so that the usual uses (assignment, arithmetic with __result
/// on either or both sides, comparisons, `switch`, `&__result`, passing it
/// to a function, `__result[i]`, `__result(args)`) type-check before the
/// rewrite gives `__result` the function's real result type. Member access
/// (`__result.x`, `__result->f()`) cannot be made to type-check for every
/// type: the plugin and the batch tool analyse such functions a second
/// time with `__result` declared as an lvalue of the function's result
/// type; an editor without the plugin needs `R &r = __result;` there (see
/// docs/limitations.md). Every operation is an error at code generation.
///
/// Sharp edge: glibc's <pthread.h> declares and calls a member function
/// named `__defer` (`void __defer ()`, `__clframe.__defer ()`). A
/// function-like macro would swallow those, so with *empty* parentheses the
/// macro expands back to `__defer ()` (the name is not re-expanded inside
/// its own expansion). This keeps the header includable before or after any
/// standard header.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_PARSE_ONLY_H
#define CXXDEFER_PARSE_ONLY_H

#pragma GCC system_header

#include "cxxdefer/config.h"

#define CXXDEFER_NEEDS_PLUGIN_MESSAGE_(what)                                   \
  "cxxdefer: " what " must be rewritten before it is compiled: add "          \
  "-fplugin=<cxxdefer>/lib/CxxDefer.so to the compile command, or compile "    \
  "the output of the cxxdefer batch rewriter"

#if defined(__clang__) && defined(CXXDEFER_ANALYSIS)
// The parse-only lambda is never run; -Wthread-safety must not analyse the
// user's deferred unlock as if it ran there. The analysis parse recognises
// it as a defer statement's, not a function of the user's.
#define CXXDEFER_NOT_ANALYSED_                                                 \
  __attribute__((no_thread_safety_analysis, annotate("cxxdefer.statement")))
#elif defined(__clang__)
#define CXXDEFER_NOT_ANALYSED_ __attribute__((no_thread_safety_analysis))
#else
#define CXXDEFER_NOT_ANALYSED_
#endif

CXXDEFER_BEGIN_NAMESPACE
namespace detail {

/// The parse-only `__defer(call)`: a call of it is an error at code
/// generation. Never defined, so that no optimisation can remove the call
/// before the compiler reports it (an inlined empty function would vanish
/// at -O2 without a word). The macro does not call it in constant
/// evaluation, so that a constexpr function with a defer statement parses
/// and even evaluates as one (without its deferred calls, which only the
/// rewrite runs).
__attribute__((error(CXXDEFER_NEEDS_PLUGIN_MESSAGE_("__defer")))) void
defer_statement_needs_plugin();

/// The parse-only `__errdefer(call)`.
__attribute__((error(CXXDEFER_NEEDS_PLUGIN_MESSAGE_("__errdefer")))) void
errdefer_statement_needs_plugin();

/// What `&__result` is before the rewrite: converts to any pointer.
struct result_address {
  template <class T> operator T *() const;
};

#define CXXDEFER_RESULT_OP_                                                    \
  __attribute__((error(CXXDEFER_NEEDS_PLUGIN_MESSAGE_("__result"))))

/// The parse-only type of `__result` (see the file comment).
struct result_placeholder {
  template <class T> CXXDEFER_RESULT_OP_ operator T &() const;
  /// For `switch (__result)`, which considers no conversion templates.
  CXXDEFER_RESULT_OP_ operator long long() const;
  template <class T>
  CXXDEFER_RESULT_OP_ const result_placeholder &operator=(T &&) const;
  template <class T>
  CXXDEFER_RESULT_OP_ const result_placeholder &operator[](T &&) const;
  template <class... T>
  CXXDEFER_RESULT_OP_ const result_placeholder &operator()(T &&...) const;
#define CXXDEFER_RESULT_ASSIGN_(op)                                            \
  template <class T>                                                           \
  CXXDEFER_RESULT_OP_ const result_placeholder &operator op(T &&) const;
  CXXDEFER_RESULT_ASSIGN_(+=) CXXDEFER_RESULT_ASSIGN_(-=)
  CXXDEFER_RESULT_ASSIGN_(*=) CXXDEFER_RESULT_ASSIGN_(/=)
  CXXDEFER_RESULT_ASSIGN_(%=) CXXDEFER_RESULT_ASSIGN_(|=)
  CXXDEFER_RESULT_ASSIGN_(&=) CXXDEFER_RESULT_ASSIGN_(^=)
  CXXDEFER_RESULT_ASSIGN_(<<=) CXXDEFER_RESULT_ASSIGN_(>>=)
#undef CXXDEFER_RESULT_ASSIGN_
  CXXDEFER_RESULT_OP_ const result_placeholder &operator++() const;
  CXXDEFER_RESULT_OP_ const result_placeholder &operator--() const;
  CXXDEFER_RESULT_OP_ const result_placeholder &operator++(int) const;
  CXXDEFER_RESULT_OP_ const result_placeholder &operator--(int) const;
  CXXDEFER_RESULT_OP_ result_address operator&() const;
  CXXDEFER_RESULT_OP_ const result_placeholder &operator-() const;
  CXXDEFER_RESULT_OP_ const result_placeholder &operator+() const;
  CXXDEFER_RESULT_OP_ const result_placeholder &operator!() const;
  CXXDEFER_RESULT_OP_ const result_placeholder &operator~() const;
  CXXDEFER_RESULT_OP_ const result_placeholder &operator*() const;
  // Binary operators with the placeholder on either side or both: found
  // only by argument-dependent lookup (a hidden friend), and there an exact
  // match, better than the built-in ones reached through the conversion
  // above (which would be ambiguous).
#define CXXDEFER_RESULT_BINARY_(op)                                            \
  template <class L, class R>                                                  \
  CXXDEFER_RESULT_OP_ friend const result_placeholder &operator op(L &&, R &&);
  CXXDEFER_RESULT_BINARY_(+) CXXDEFER_RESULT_BINARY_(-)
  CXXDEFER_RESULT_BINARY_(*) CXXDEFER_RESULT_BINARY_(/)
  CXXDEFER_RESULT_BINARY_(%) CXXDEFER_RESULT_BINARY_(==)
  CXXDEFER_RESULT_BINARY_(!=) CXXDEFER_RESULT_BINARY_(<)
  CXXDEFER_RESULT_BINARY_(>) CXXDEFER_RESULT_BINARY_(<=)
  CXXDEFER_RESULT_BINARY_(>=) CXXDEFER_RESULT_BINARY_(&&)
  CXXDEFER_RESULT_BINARY_(||) CXXDEFER_RESULT_BINARY_(&)
  CXXDEFER_RESULT_BINARY_(|) CXXDEFER_RESULT_BINARY_(^)
  CXXDEFER_RESULT_BINARY_(<<) CXXDEFER_RESULT_BINARY_(>>)
#undef CXXDEFER_RESULT_BINARY_
};

#undef CXXDEFER_RESULT_OP_

} // namespace detail
CXXDEFER_END_NAMESPACE

#define CXXDEFER_CAT_(a, b) CXXDEFER_CAT2_(a, b)
#define CXXDEFER_CAT2_(a, b) a##b
#define CXXDEFER_EMPTY_() __defer ()
#define CXXDEFER_EMPTY_1()

// clang-format off
/// `__defer(call);` - Go's `defer call`: evaluates the callee and the
/// arguments now and runs the call when the enclosing function returns or
/// an exception leaves it, last deferred first. Needs the cxxdefer plugin
/// (-fplugin=<cxxdefer>/lib/CxxDefer.so) or the cxxdefer batch rewriter.
#define __defer(...)                                                           \
  __VA_OPT__(static_cast<void>( /* __defer(call) is a statement in a function body */ \
                 __builtin_is_constant_evaluated()                             \
                     ? void()                                                  \
                     : ::cxxdefer::detail::defer_statement_needs_plugin()),    \
             (void)[&]() CXXDEFER_NOT_ANALYSED_ -> void {                      \
               (void)(__VA_ARGS__);                                            \
             })                                                                \
  CXXDEFER_CAT_(CXXDEFER_EMPTY_, __VA_OPT__(1))()

/// `__errdefer(call);` - like `__defer(call);`, but the call runs only if
/// the function is left by an exception that nothing recovered.
#define __errdefer(...)                                                        \
  static_cast<void>( /* __errdefer(call) is a statement in a function body */ \
      __builtin_is_constant_evaluated()                                        \
          ? void()                                                             \
          : ::cxxdefer::detail::errdefer_statement_needs_plugin()),            \
  (void)[&]() CXXDEFER_NOT_ANALYSED_ -> void { (void)(__VA_ARGS__); }
// clang-format on

#ifndef CXXDEFER_ANALYSIS
/// `__result` - Go's named result: in a function with a defer statement,
/// an lvalue of its result type that `return e;` assigns and deferred
/// calls may read and change. Not a macro: libstdc++ names parameters
/// `__result`, and those simply shadow this declaration. The rewriter finds
/// every reference to it and renames it to the function's result variable.
static const ::cxxdefer::detail::result_placeholder __result{};
#else
// The parse that cxxdefer analyses gives each `__result` its function's
// type (rewriter/lib/AnalysisConsumer.cpp); this is its fallback.
namespace cxxdefer {
namespace analysis {
static const ::cxxdefer::detail::result_placeholder __result{};
} // namespace analysis
} // namespace cxxdefer
#endif

#endif // CXXDEFER_PARSE_ONLY_H
