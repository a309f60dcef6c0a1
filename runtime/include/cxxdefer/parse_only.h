//===- cxxdefer/parse_only.h - What __defer means before the rewrite -----===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Definitions that let unrewritten code parse, and refuse to compile it.
///
/// `__defer(call)` expands to a call of a function that is declared with the
/// `error` attribute (both GCC and Clang report it only when generating
/// code, so `-fsyntax-only`, clangd and clang-tidy are happy), followed by a
/// discarded lambda whose body holds the call. The lambda is what makes the
/// call parse in its real context, and it is how the rewriter's pre-parse
/// finds the defer statement and its call expression.
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

#define CXXDEFER_NEEDS_PLUGIN_MESSAGE_(what)                                   \
  "cxxdefer: " what " must be rewritten before it is compiled: add "          \
  "-fplugin=<cxxdefer>/lib/CxxDefer.so to the compile command, or compile "    \
  "the output of the cxxdefer batch rewriter"

namespace cxxdefer {
namespace detail {

/// The parse-only `__defer(call)`: calling it is an error at code
/// generation. Never defined, so a compiler that ignores the attribute
/// fails at link time instead.
__attribute__((error(CXXDEFER_NEEDS_PLUGIN_MESSAGE_("__defer")))) void
defer_statement_needs_plugin();

/// The parse-only type of `__result`: converts to and from anything so that
/// the usual uses (`__result = e`, `__result += e`, `return __result * 2`,
/// `f(__result)`, `&__result`, comparisons) type-check before the rewrite
/// gives `__result` the function's real result type. Member access cannot
/// be made to type-check for every type: bind a reference first
/// (`R &r = __result; r.f();`), see docs/limitations.md. Every operation is
/// an error at code generation.
struct result_placeholder;

/// What `&__result` is before the rewrite: converts to any pointer.
struct result_address {
  template <class T> operator T *() const;
};

struct result_placeholder {
#define CXXDEFER_RESULT_OP_ __attribute__((error(CXXDEFER_NEEDS_PLUGIN_MESSAGE_("__result"))))
  template <class T> CXXDEFER_RESULT_OP_ operator T &() const;
  template <class T> CXXDEFER_RESULT_OP_ const result_placeholder &operator=(T &&) const;
  template <class T> CXXDEFER_RESULT_OP_ const result_placeholder &operator+=(T &&) const;
  template <class T> CXXDEFER_RESULT_OP_ const result_placeholder &operator-=(T &&) const;
  template <class T> CXXDEFER_RESULT_OP_ const result_placeholder &operator*=(T &&) const;
  template <class T> CXXDEFER_RESULT_OP_ const result_placeholder &operator/=(T &&) const;
  template <class T> CXXDEFER_RESULT_OP_ const result_placeholder &operator|=(T &&) const;
  template <class T> CXXDEFER_RESULT_OP_ const result_placeholder &operator&=(T &&) const;
  CXXDEFER_RESULT_OP_ const result_placeholder &operator++() const;
  CXXDEFER_RESULT_OP_ const result_placeholder &operator--() const;
  CXXDEFER_RESULT_OP_ const result_placeholder &operator++(int) const;
  CXXDEFER_RESULT_OP_ const result_placeholder &operator--(int) const;
  CXXDEFER_RESULT_OP_ result_address operator&() const;
  CXXDEFER_RESULT_OP_ const result_placeholder &operator-() const;
  CXXDEFER_RESULT_OP_ const result_placeholder &operator!() const;
  CXXDEFER_RESULT_OP_ const result_placeholder &operator~() const;
  // Binary operators with the placeholder on either side are exact matches,
  // better than the built-in ones reached through the conversion above
  // (which would be ambiguous).
#define CXXDEFER_RESULT_BINARY_(op)                                            \
  template <class T>                                                           \
  CXXDEFER_RESULT_OP_ friend const result_placeholder &operator op(            \
      const result_placeholder &, T &&);                                       \
  template <class T>                                                           \
  CXXDEFER_RESULT_OP_ friend const result_placeholder &operator op(            \
      T &&, const result_placeholder &);
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
#undef CXXDEFER_RESULT_OP_
};

} // namespace detail
} // namespace cxxdefer

#define CXXDEFER_CAT_(a, b) CXXDEFER_CAT2_(a, b)
#define CXXDEFER_CAT2_(a, b) a##b
#define CXXDEFER_EMPTY_() __defer ()
#define CXXDEFER_EMPTY_1()

// clang-format off
#define __defer(...)                                                           \
  __VA_OPT__(::cxxdefer::detail::defer_statement_needs_plugin(),               \
             (void)[&]() -> void { (void)(__VA_ARGS__); })                     \
  CXXDEFER_CAT_(CXXDEFER_EMPTY_, __VA_OPT__(1))()
// clang-format on

/// `__result` before the rewrite. Not a macro: libstdc++ names parameters
/// `__result`, and those simply shadow this declaration. The rewriter finds
/// every reference to it and renames it to the function's result variable.
static const ::cxxdefer::detail::result_placeholder __result{};

#endif // CXXDEFER_PARSE_ONLY_H
