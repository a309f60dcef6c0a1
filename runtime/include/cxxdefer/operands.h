//===- cxxdefer/operands.h - How an operand waits for its call ------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Go evaluates a deferred call's function value and arguments at the defer
/// statement; SPEC 2.3 reads that as "each parameter is initialised then, as
/// if the call happened there". The rewriter decides, from Sema, how each
/// operand must be kept for that to hold, and wraps it in one of:
///
///   ref(x)            a reference parameter bound now to the object x
///                     designates: a pointer, given back at exit with x's
///                     value category;
///   val(x)            a by-value parameter of x's own type, or a temporary
///                     bound to a reference parameter: a copy (or move) made
///                     now, moved into the call at exit;
///   as<P>(x)          a by-value parameter of another type P whose
///                     conversion from x runs user code (a converting
///                     constructor, slicing): converted now;
///   value_arg<P>{{..}} a braced list initialising a parameter (or the
///                     temporary a reference parameter binds to) of type P:
///                     copy-list-initialised now, in place - so even a type
///                     that can neither be copied nor moved works (C++17);
///   arrow(sp)         the object of `sp->f()`: sp.operator->() runs now.
///
/// At exit each kept operand gives its `v` as `type &&`: the bound
/// reference with its value category, or the kept value as an rvalue (it
/// is used once).
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_OPERANDS_H
#define CXXDEFER_OPERANDS_H

#pragma GCC system_header

#include "cxxdefer/config.h"

CXXDEFER_BEGIN_NAMESPACE
namespace detail {

/// An operand bound by reference; T is `U&` or `U&&`. The call at exit
/// reads `static_cast<type &&>(k.v)` of either wrapper, with no function
/// between (at -O0 each one stores and reloads its `this`).
template <class T> struct ref_arg {
  using type = T;
  T &&v;
};

/// An operand kept by value.
template <class T> struct value_arg {
  using type = T;
  T v;
};

#if __cplusplus >= 201703L
// Under C++17 the rewriter spells `ref_arg{x}` and `value_arg{x}`, which
// deduce what ref(x) and val(x) return and build it with no function
// between (at -O0 each one stores and reloads its argument).
template <class T> ref_arg(T &&) -> ref_arg<T &&>;
template <class T> value_arg(T &&) -> value_arg<decay_t<T>>;
#endif

template <class T>
CXXDEFER_GLUE constexpr ref_arg<T &&> ref(T &&x) noexcept {
  return {static_cast<T &&>(x)};
}

template <class T>
CXXDEFER_GLUE constexpr value_arg<decay_t<T>> val(T &&x) {
  return {static_cast<T &&>(x)};
}

/// Copy-initialises a P from x: the implicit conversion a call makes (no
/// explicit constructors, no narrowing check - unlike a braced member).
template <class P, class X> CXXDEFER_GLUE constexpr P convert(X &&x) {
  return static_cast<X &&>(x);
}

template <class P, class X>
CXXDEFER_GLUE constexpr value_arg<P> as(X &&x) {
  return {convert<P>(static_cast<X &&>(x))};
}

/// The object of `p->f()`: a raw pointer is copied; a class's operator->
/// runs now and what it returns is kept.
template <class T>
CXXDEFER_GLUE constexpr value_arg<T *> arrow(T *p) noexcept {
  return {p};
}
template <class S>
CXXDEFER_GLUE constexpr auto arrow(S &s)
    -> value_arg<decltype(s.operator->())> {
  return {s.operator->()};
}

} // namespace detail
CXXDEFER_END_NAMESPACE

#endif // CXXDEFER_OPERANDS_H
