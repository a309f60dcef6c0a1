//===- cxxdefer/bind.h - A call bound at the defer statement -------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Go evaluates a deferred call's function value and arguments at the defer
/// statement and saves them; only the call itself waits for the function's
/// exit. Rewritten code does the same with these helpers:
///
///   - each operand is kept by one of `ref(x)` (a reference parameter bound
///     now to the object x designates), `val(x)` (a copy made now: by-value
///     parameters, temporaries bound to reference parameters),
///     `as<T>(x)` (converted to the parameter type now, because the
///     conversion runs user code) or `arrow(sp)` (`sp.operator->()` run now);
///   - `bind_*` puts the kept operands next to a *caller*: a small generic
///     lambda emitted by the rewriter that spells the callee as the user
///     wrote it (so overload resolution at exit sees the same names), or one
///     of the callers below for calls through values.
///
/// At exit the caller receives each operand as it was bound: a reference
/// with its value category, or the saved value as an rvalue (it is used
/// once). Which parameter binding each operand gets is decided by the
/// rewriter from Sema (rewriter/CapturePlan.h); nothing here guesses.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_BIND_H
#define CXXDEFER_BIND_H

#include <cstddef>
#include <exception>
#include <memory>
#include <tuple>
#include <type_traits>
#include <utility>

namespace cxxdefer {

/// Thrown when a deferred call through a null function pointer or a null
/// pointer to member function is invoked (at exit, as in Go, not at the
/// defer statement).
class null_call : public std::exception {
public:
  const char *what() const noexcept override {
    return "cxxdefer: deferred call through a null function pointer";
  }
};

namespace detail {

/// An operand bound by reference; `get()` gives it back with the value
/// category it had at the defer statement.
template <class T> struct ref_arg {
  typename std::remove_reference<T>::type *p;
  T &&get() noexcept { return static_cast<T &&>(*p); }
};

/// An operand saved by value; `get()` moves it into the call.
template <class T> struct value_arg {
  T v;
  T &&get() noexcept { return static_cast<T &&>(v); }
};

template <class T> ref_arg<T> ref(T &&x) noexcept {
  return {std::addressof(x)};
}

template <class T> value_arg<typename std::decay<T>::type> val(T &&x) {
  return {static_cast<T &&>(x)};
}

/// Copy-initialises the parameter type \p To from \p x now (the implicit
/// conversion a call would have done at the defer statement).
template <class To, class From> value_arg<To> as(From &&x) {
  return {static_cast<From &&>(x)};
}

/// The object of `p->f()`: a raw pointer is copied; a smart pointer's
/// operator-> runs now and its result is kept.
template <class T> value_arg<T *> arrow(T *p) noexcept { return {p}; }
template <class S>
auto arrow(S &s) -> value_arg<decltype(s.operator->())> {
  return {s.operator->()};
}

/// A bound call: the caller and the kept operands. Calling it runs the
/// deferred call once.
template <class Caller, class... Kept> struct bound {
  Caller caller;
  std::tuple<Kept...> kept;

  void operator()() { call(std::index_sequence_for<Kept...>{}); }

private:
  template <std::size_t... I> void call(std::index_sequence<I...>) {
    caller(std::get<I>(kept).get()...);
  }
};

/// `g(a...)`: the rewriter's caller spells `g`.
template <class Caller, class... Kept>
bound<Caller, Kept...> bind_free(Caller caller, Kept... kept) {
  return {std::move(caller), std::tuple<Kept...>(std::move(kept)...)};
}

/// `obj.f(a...)`: the object first in source order, then the caller that
/// spells `.f`, then the arguments.
template <class Object, class Caller, class... Kept>
bound<Caller, Object, Kept...> bind_member(Object object, Caller caller,
                                           Kept... kept) {
  return {std::move(caller),
          std::tuple<Object, Kept...>(std::move(object), std::move(kept)...)};
}

template <class F> void check_callable(F *f) {
  if (!f)
    throw null_call();
}
template <class F> void check_callable(const F &) noexcept {}

/// The caller of `f(a...)` where `f` is a value: a function pointer, a
/// callable object, a closure.
struct call_value {
  template <class F, class... A> void operator()(F &&f, A &&...a) const {
    check_callable(f);
    (void)static_cast<F &&>(f)(static_cast<A &&>(a)...);
  }
};

template <class Callee, class... Kept>
bound<call_value, Callee, Kept...> bind_value(Callee callee, Kept... kept) {
  return {call_value{},
          std::tuple<Callee, Kept...>(std::move(callee), std::move(kept)...)};
}

/// The caller of `(o.*pm)(a...)` (Arrow = false) and `(p->*pm)(a...)`.
template <bool Arrow> struct call_member_pointer;
template <> struct call_member_pointer<false> {
  template <class O, class PM, class... A>
  void operator()(O &&o, PM &&pm, A &&...a) const {
    if (!pm)
      throw null_call();
    (void)(static_cast<O &&>(o).*pm)(static_cast<A &&>(a)...);
  }
};
template <> struct call_member_pointer<true> {
  template <class O, class PM, class... A>
  void operator()(O &&o, PM &&pm, A &&...a) const {
    if (!pm)
      throw null_call();
    (void)(static_cast<O &&>(o)->*pm)(static_cast<A &&>(a)...);
  }
};

template <bool Arrow, class Object, class MemberPointer, class... Kept>
bound<call_member_pointer<Arrow>, Object, MemberPointer, Kept...>
bind_member_pointer(Object object, MemberPointer pm, Kept... kept) {
  return {call_member_pointer<Arrow>{},
          std::tuple<Object, MemberPointer, Kept...>(
              std::move(object), std::move(pm), std::move(kept)...)};
}

#if defined(__cpp_deduction_guides) && __cpp_deduction_guides >= 201703L
/// The same binders for C++17 and later, spelled with braces by the
/// rewriter (`ordered::bind_free{caller, val(a), ref(b)}`): the elements of
/// a braced list are evaluated left to right, so the callee, the object
/// and the arguments are evaluated in source order, as Go does and as
/// C++17 requires of a call's callee and object expression. A function
/// call would leave that order unspecified (GCC evaluates right to left).
/// C++14 has no such guarantee for calls either, and uses the functions.
namespace ordered {
template <class Caller, class... Kept>
struct bind_free : bound<Caller, Kept...> {
  bind_free(Caller caller, Kept... kept)
      : bound<Caller, Kept...>{std::move(caller),
                               std::tuple<Kept...>(std::move(kept)...)} {}
};
template <class Caller, class... Kept>
bind_free(Caller, Kept...) -> bind_free<Caller, Kept...>;

template <class Object, class Caller, class... Kept>
struct bind_member : bound<Caller, Object, Kept...> {
  bind_member(Object object, Caller caller, Kept... kept)
      : bound<Caller, Object, Kept...>{
            std::move(caller),
            std::tuple<Object, Kept...>(std::move(object),
                                        std::move(kept)...)} {}
};
template <class Object, class Caller, class... Kept>
bind_member(Object, Caller, Kept...) -> bind_member<Object, Caller, Kept...>;

template <class Callee, class... Kept>
struct bind_value : bound<call_value, Callee, Kept...> {
  bind_value(Callee callee, Kept... kept)
      : bound<call_value, Callee, Kept...>{
            call_value{},
            std::tuple<Callee, Kept...>(std::move(callee),
                                        std::move(kept)...)} {}
};
template <class Callee, class... Kept>
bind_value(Callee, Kept...) -> bind_value<Callee, Kept...>;

/// `(o.*pm)(args)` and `(p->*pm)(args)`.
template <bool Arrow, class Object, class MemberPointer, class... Kept>
struct bind_member_pointer
    : bound<call_member_pointer<Arrow>, Object, MemberPointer, Kept...> {
  bind_member_pointer(Object object, MemberPointer pm, Kept... kept)
      : bound<call_member_pointer<Arrow>, Object, MemberPointer, Kept...>{
            call_member_pointer<Arrow>{},
            std::tuple<Object, MemberPointer, Kept...>(
                std::move(object), std::move(pm), std::move(kept)...)} {}
};
template <class Object, class MemberPointer, class... Kept>
struct bind_dot_star : bind_member_pointer<false, Object, MemberPointer, Kept...> {
  bind_dot_star(Object o, MemberPointer pm, Kept... kept)
      : bind_member_pointer<false, Object, MemberPointer, Kept...>(
            std::move(o), std::move(pm), std::move(kept)...) {}
};
template <class Object, class MemberPointer, class... Kept>
bind_dot_star(Object, MemberPointer, Kept...)
    -> bind_dot_star<Object, MemberPointer, Kept...>;
template <class Object, class MemberPointer, class... Kept>
struct bind_arrow_star : bind_member_pointer<true, Object, MemberPointer, Kept...> {
  bind_arrow_star(Object o, MemberPointer pm, Kept... kept)
      : bind_member_pointer<true, Object, MemberPointer, Kept...>(
            std::move(o), std::move(pm), std::move(kept)...) {}
};
template <class Object, class MemberPointer, class... Kept>
bind_arrow_star(Object, MemberPointer, Kept...)
    -> bind_arrow_star<Object, MemberPointer, Kept...>;
} // namespace ordered
#endif

} // namespace detail
} // namespace cxxdefer

#endif // CXXDEFER_BIND_H
