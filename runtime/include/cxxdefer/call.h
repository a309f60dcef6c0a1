//===- cxxdefer/call.h - A call bound at the defer statement -------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// A bound call is a *caller* plus the kept operands (cxxdefer/operands.h).
/// The caller is a small generic lambda the rewriter writes at the defer
/// statement, spelling the callee as the user wrote it (`g`, `.f`,
/// `->template h<T>`), so that overload resolution, ADL and access checks at
/// exit see the same names; or one of the callers below for a call through
/// a value.
///
/// Under C++17 and later the rewriter writes
/// `::cxxdefer::detail::call{caller, op0, op1, ...}`: an aggregate whose
/// members are initialised from a braced list, which C++ evaluates left to
/// right (callee, object and arguments in source order, as Go does), and
/// from prvalues in place (so a kept value that cannot be moved stays where
/// it was made). Each arity has its own flat specialization: nested members
/// would need brace elision, which -Wmissing-braces reports in the user's
/// file. C++14 has neither guaranteed order nor guaranteed elision; there
/// the rewriter calls `::cxxdefer::detail::bind(caller, op0, ...)`, and
/// `call` is one variadic template with a constructor.
///
/// A dependent call in a template has no parameter types before
/// instantiation, and different instantiations may bind the same operand
/// differently. There the rewriter writes each operand as a thunk,
/// `[&]() -> decltype(auto) { return (x); }`, and a table of the
/// instantiations it saw: `select<table<when<key<int &>, by_value>, ...>>`
/// evaluates the thunks in order, looks their exact types (value category
/// included) up in the table and binds each operand as the entry says. An
/// instantiation the rewriter did not see stops the compile with a
/// message: never a binding other than the one Sema chose.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_CALL_H
#define CXXDEFER_CALL_H

#pragma GCC system_header

#include "cxxdefer/config.h"
#include "cxxdefer/operands.h"
#include <exception>

CXXDEFER_BEGIN_NAMESPACE

/// Thrown when a deferred call through a null function pointer or a null
/// pointer to member function is invoked (at exit, as Go panics there, not
/// at the defer statement).
class null_call : public std::exception {
public:
  const char *what() const noexcept override {
    return "cxxdefer: deferred call through a null function pointer";
  }
};

namespace detail {

/// A deferred call through a null pointer: Go panics, so this throws (or,
/// without exceptions, terminates).
[[noreturn]] CXXDEFER_COLD inline void null_call_failed() {
#if CXXDEFER_EXCEPTIONS
  throw null_call();
#else
  std::terminate();
#endif
}

template <class F> CXXDEFER_GLUE constexpr void check_callable(F *f) {
  if (!f)
    null_call_failed();
}
template <class F>
CXXDEFER_GLUE constexpr void check_callable(const F &) noexcept {}

/// The caller of `f(a...)` where f is a value: a function pointer, a
/// callable object, a closure.
struct call_value {
  template <class F, class... A>
  CXXDEFER_GLUE constexpr void operator()(F &&f, A &&...a) const {
    check_callable(f);
    (void)static_cast<F &&>(f)(static_cast<A &&>(a)...);
  }
};

/// The caller of `(o.*pm)(a...)` and, with Arrow, `(p->*pm)(a...)`.
template <bool Arrow> struct call_member_pointer {
  template <class O, class PM, class... A>
  CXXDEFER_GLUE constexpr void operator()(O &&o, PM &&pm, A &&...a) const {
    if (!pm)
      null_call_failed();
    (void)(static_cast<O &&>(o).*pm)(static_cast<A &&>(a)...);
  }
};
template <> struct call_member_pointer<true> {
  template <class O, class PM, class... A>
  CXXDEFER_GLUE constexpr void operator()(O &&o, PM &&pm, A &&...a) const {
    if (!pm)
      null_call_failed();
    (void)(static_cast<O &&>(o)->*pm)(static_cast<A &&>(a)...);
  }
};

/// The most operands (callee, object and arguments) a deferred call keeps.
/// The rewriter refuses calls with more, with a message at the call.
constexpr int max_kept_operands = 16;

#if __cplusplus >= 201703L
// One flat specialization of `call` per number of kept operands, generated
// below: an aggregate, so that `call{caller, op0, op1}` initialises its
// members k0, k1, ... in order, in place; the caller is a base (it is
// empty). Its operator() inlines the caller where the compiler can be told
// to (CXXDEFER_INLINE_CALL): the caller is user code, so it cannot carry
// the runtime's own always_inline, and at -O0 its frame cost about ten
// instructions per deferred call.
#define CXXDEFER_REP_0(m, s)
#define CXXDEFER_REP_1(m, s) m(0)
#define CXXDEFER_REP_2(m, s) CXXDEFER_REP_1(m, s) s() m(1)
#define CXXDEFER_REP_3(m, s) CXXDEFER_REP_2(m, s) s() m(2)
#define CXXDEFER_REP_4(m, s) CXXDEFER_REP_3(m, s) s() m(3)
#define CXXDEFER_REP_5(m, s) CXXDEFER_REP_4(m, s) s() m(4)
#define CXXDEFER_REP_6(m, s) CXXDEFER_REP_5(m, s) s() m(5)
#define CXXDEFER_REP_7(m, s) CXXDEFER_REP_6(m, s) s() m(6)
#define CXXDEFER_REP_8(m, s) CXXDEFER_REP_7(m, s) s() m(7)
#define CXXDEFER_REP_9(m, s) CXXDEFER_REP_8(m, s) s() m(8)
#define CXXDEFER_REP_10(m, s) CXXDEFER_REP_9(m, s) s() m(9)
#define CXXDEFER_REP_11(m, s) CXXDEFER_REP_10(m, s) s() m(10)
#define CXXDEFER_REP_12(m, s) CXXDEFER_REP_11(m, s) s() m(11)
#define CXXDEFER_REP_13(m, s) CXXDEFER_REP_12(m, s) s() m(12)
#define CXXDEFER_REP_14(m, s) CXXDEFER_REP_13(m, s) s() m(13)
#define CXXDEFER_REP_15(m, s) CXXDEFER_REP_14(m, s) s() m(14)
#define CXXDEFER_REP_16(m, s) CXXDEFER_REP_15(m, s) s() m(15)
#define CXXDEFER_COMMA_() ,
#define CXXDEFER_NONE_()
#define CXXDEFER_TPARAM_(i) , class K##i
#define CXXDEFER_TARG_(i) , K##i
#define CXXDEFER_MEMBER_(i) K##i k##i;
#define CXXDEFER_GET_(i) static_cast<typename K##i::type &&>(k##i.v)

template <class Caller, class... Kept> struct call;

#define CXXDEFER_CALL_(N)                                                      \
  template <class Caller CXXDEFER_REP_##N(CXXDEFER_TPARAM_, CXXDEFER_NONE_)>   \
  struct call<Caller CXXDEFER_REP_##N(CXXDEFER_TARG_, CXXDEFER_NONE_)>         \
      : Caller {                                                               \
    CXXDEFER_REP_##N(CXXDEFER_MEMBER_, CXXDEFER_NONE_)                         \
    CXXDEFER_GLUE constexpr void operator()() {                                \
      CXXDEFER_INLINE_CALL static_cast<Caller &>(*this)(                       \
          CXXDEFER_REP_##N(CXXDEFER_GET_, CXXDEFER_COMMA_));                   \
    }                                                                          \
  };

CXXDEFER_CALL_(0)
CXXDEFER_CALL_(1)
CXXDEFER_CALL_(2)
CXXDEFER_CALL_(3)
CXXDEFER_CALL_(4)
CXXDEFER_CALL_(5)
CXXDEFER_CALL_(6)
CXXDEFER_CALL_(7)
CXXDEFER_CALL_(8)
CXXDEFER_CALL_(9)
CXXDEFER_CALL_(10)
CXXDEFER_CALL_(11)
CXXDEFER_CALL_(12)
CXXDEFER_CALL_(13)
CXXDEFER_CALL_(14)
CXXDEFER_CALL_(15)
CXXDEFER_CALL_(16)

#undef CXXDEFER_CALL_
#undef CXXDEFER_GET_
#undef CXXDEFER_MEMBER_
#undef CXXDEFER_TARG_
#undef CXXDEFER_TPARAM_
#undef CXXDEFER_NONE_
#undef CXXDEFER_COMMA_
#else
// C++14 has neither guaranteed order in braces nor guaranteed elision, and
// its aggregates have no bases: bind() calls a constructor. One variadic
// template does, with each kept operand in a base of its own (laid out,
// built and destroyed in the order the flat members above are); seventeen
// flat specializations with constructors cost a translation unit more to
// parse than the rest of the runtime together. `call` names it through an
// alias, not a class deriving from it: an inheriting constructor was one
// more function per defer statement for the optimiser to inline (11 M
// instructions of leveldb's db/db_impl.cc at -O2).
template <unsigned... I> struct indices {};
template <unsigned N, unsigned... I>
struct make_indices : make_indices<N - 1, N - 1, I...> {};
template <unsigned... I> struct make_indices<0, I...> {
  using type = indices<I...>;
};

template <unsigned I, class K> struct kept_operand {
  K k;
};

template <class Caller, class Indices, class... Kept> struct call_of;
template <class Caller, unsigned... I, class... Kept>
struct call_of<Caller, indices<I...>, Kept...> : Caller,
                                                 kept_operand<I, Kept>... {
  CXXDEFER_GLUE constexpr call_of(Caller c, Kept... a)
      : Caller(static_cast<Caller &&>(c)),
        kept_operand<I, Kept>{static_cast<Kept &&>(a)}... {}
  CXXDEFER_GLUE constexpr void operator()() {
    CXXDEFER_INLINE_CALL static_cast<Caller &>(*this)(
        static_cast<typename Kept::type &&>(
            static_cast<kept_operand<I, Kept> &>(*this).k.v)...);
  }
};

template <class Caller, class... Kept>
using call =
    call_of<Caller, typename make_indices<sizeof...(Kept)>::type, Kept...>;
#endif

#if __cplusplus >= 201703L
template <class Caller, class... Kept>
call(Caller, Kept...) -> call<Caller, Kept...>;
#endif

/// The C++14 form: `bind(caller, op0, ...)` (operands in unspecified order).
template <class Caller, class... Kept>
CXXDEFER_GLUE constexpr call<Caller, Kept...> bind(Caller caller,
                                                   Kept... kept) {
#if __cplusplus >= 201703L
  return {static_cast<Caller &&>(caller), static_cast<Kept &&>(kept)...};
#else
  return call<Caller, Kept...>(static_cast<Caller &&>(caller),
                               static_cast<Kept &&>(kept)...);
#endif
}

// ---- Dependent calls: one binding per instantiation -------------------

/// The exact types of the operands of one instantiation: `T&` for an
/// lvalue, `T&&` for an xvalue, `T` for a prvalue.
template <class... T> struct key {};

/// How one operand of an instantiation is kept.
struct by_ref {};
struct by_value {};
template <class P> struct by_conversion {};
struct by_arrow {};

/// An operand whose binding is the same in every instantiation: its thunk
/// returns it already kept, and the key shows `kept` in its place.
struct kept {};
struct as_kept {};

template <class R> struct key_of { using type = R; };
template <class T> struct key_of<ref_arg<T>> { using type = kept; };
template <class T> struct key_of<value_arg<T>> { using type = kept; };

/// One instantiation the rewriter saw, and the binding of each operand.
template <class Key, class... Binding> struct when {};
template <class... When> struct table {};

/// No entry for the key: an instantiation the rewriter did not see.
struct unseen {};

template <class Key, class Table> struct lookup { using type = unseen; };
template <class Key, class... B, class... W>
struct lookup<Key, table<when<Key, B...>, W...>> {
  using type = when<Key, B...>;
};
template <class Key, class Other, class... B, class... W>
struct lookup<Key, table<when<Other, B...>, W...>>
    : lookup<Key, table<W...>> {};

template <class K, class Thunk>
CXXDEFER_GLUE constexpr ref_arg<K &&> keep(by_ref, Thunk &thunk) {
  return {static_cast<K &&>(thunk())};
}
template <class K, class Thunk>
CXXDEFER_GLUE constexpr value_arg<decay_t<K>> keep(by_value, Thunk &thunk) {
  return {thunk()};
}
template <class K, class P, class Thunk>
CXXDEFER_GLUE constexpr value_arg<P> keep(by_conversion<P>, Thunk &thunk) {
  return {convert<P>(thunk())};
}
template <class K, class Thunk>
CXXDEFER_GLUE constexpr auto keep(by_arrow, Thunk &thunk)
    -> decltype(arrow(thunk())) {
  return arrow(thunk());
}
template <class K, class Thunk>
CXXDEFER_GLUE constexpr auto keep(as_kept, Thunk &thunk) -> decltype(thunk()) {
  return thunk();
}

template <class... K, class... B, class Caller, class... Thunk>
CXXDEFER_GLUE constexpr auto bind_entry(when<key<K...>, B...>, Caller &caller,
                              Thunk &...thunk) {
#if __cplusplus >= 201703L
  return call<Caller, decltype(keep<K>(B{}, thunk))...>{
      caller, keep<K>(B{}, thunk)...};
#else
  return bind(caller, keep<K>(B{}, thunk)...);
#endif
}

template <class T> struct always_false { static constexpr bool value = false; };

template <class Caller, class... Thunk>
auto bind_entry(unseen, Caller &caller, Thunk &...) {
  static_assert(always_false<Caller>::value,
                "cxxdefer: this instantiation of a deferred call in a template "
                "was not seen when the code was rewritten, so how its operands "
                "bind is not known: rewrite the file again from a translation "
                "unit that instantiates it, or compile with the cxxdefer "
                "plugin");
  return call<Caller>{caller};
}

/// A dependent call: evaluates the thunks (in order from C++17 on) and
/// binds each operand as the table's entry for their types says.
template <class Table, class Caller, class... Thunk>
CXXDEFER_GLUE constexpr auto select(Caller caller, Thunk... thunk) {
  using entry = typename lookup<
      key<typename key_of<decltype(thunk())>::type...>, Table>::type;
  return bind_entry(entry{}, caller, thunk...);
}

} // namespace detail
CXXDEFER_END_NAMESPACE

#endif // CXXDEFER_CALL_H
