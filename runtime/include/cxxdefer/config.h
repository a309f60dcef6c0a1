//===- cxxdefer/config.h - What every runtime header agrees on -----------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The runtime is header-only and must compile, quietly, wherever user code
/// does: GCC and Clang, C++14 to C++23, with or without exceptions, under any
/// warning flag, in executables and in shared libraries built with
/// -fvisibility=hidden. The few decisions that depend on the compiler live
/// here:
///
///   - CXXDEFER_ABI_VERSION and the inline namespace abi_v7: rewritten code
///     names entities as `::cxxdefer::detail::x`, which the inline namespace
///     makes mean this version's x. The rewriter spells the version it was
///     built for in every rewritten function (abi_check, below), so a tree
///     rewritten by one version and compiled against another header fails
///     with one message that names both versions.
///   - CXXDEFER_GLUE marks the small functions that rewritten code calls:
///     inlined even at -O0, and invisible to the debugger, so that `step`
///     at an open-coded defer's exit goes from the user's code to the
///     deferred callee. (The records of the other tiers are run by
///     out-of-line functions, which gdb does show: docs/user-guide.md.)
///   - CXXDEFER_SHARED marks the per-thread state (the panic stack, the
///     record pool): with default visibility, every shared library of a
///     process uses the same copy even under -fvisibility=hidden, so a
///     helper in one library recovers an exception deferred in another.
///   - CXXDEFER_EXCEPTIONS is 0 under -fno-exceptions: then no handler is
///     emitted, deferred calls run from destructors only, and __recover()
///     is always null.
///
/// The header is a system header (#pragma GCC system_header) so that the
/// user's warning flags (-Weverything, -Wshadow, -pedantic...) never point
/// into it.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_CONFIG_H
#define CXXDEFER_CONFIG_H

#pragma GCC system_header

#if !defined(__cplusplus) || __cplusplus < 201402L
#error "cxxdefer needs C++14 or later: compile with -std=c++14, c++17 or newer"
#endif

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#define CXXDEFER_EXCEPTIONS 1
#else
#define CXXDEFER_EXCEPTIONS 0
#endif

#if defined(__clang__)
#define CXXDEFER_GLUE                                                          \
  __attribute__((always_inline, artificial, nodebug)) inline
#else
#define CXXDEFER_GLUE __attribute__((always_inline, artificial)) inline
#endif

#define CXXDEFER_COLD __attribute__((noinline, cold))

// Inlines the calls of one statement, also at -O0 (Clang 16 and later):
// for a callee that is not the runtime's, such as the caller lambda the
// rewriter writes at a defer statement (cxxdefer/call.h).
#if defined(__clang__) && __clang_major__ >= 16
#define CXXDEFER_INLINE_CALL [[clang::always_inline]]
#else
#define CXXDEFER_INLINE_CALL
#endif

/// Marks a runtime function that user code calls and that never calls user
/// code back (the record pool's refill, __recover()): without line info,
/// gdb's `step` goes over it instead of into the runtime's source. GCC has
/// no such attribute.
#if defined(__clang__)
#define CXXDEFER_NO_STEP __attribute__((nodebug))
#else
#define CXXDEFER_NO_STEP
#endif

/// C++20 lets a constexpr function run deferred calls in constant
/// evaluation: destructors, new and delete, virtual calls may be constexpr.
/// The runtime then keeps calls in heap nodes there (const_call below) and
/// in its usual storage at run time.
#if defined(__cpp_constexpr_dynamic_alloc) && __cpp_constexpr_dynamic_alloc >= 201907L
#define CXXDEFER_CONSTEXPR20 constexpr
#define CXXDEFER_HAS_CONSTEXPR20 1
#else
#define CXXDEFER_CONSTEXPR20
#define CXXDEFER_HAS_CONSTEXPR20 0
#endif
#define CXXDEFER_SHARED __attribute__((visibility("default")))

/// The version of the interface between rewritten code and this header.
/// Bump it whenever a form the rewriter emits changes meaning or name, and
/// whenever a layout that inline functions of two translation units share
/// changes (a record's finish function: a program must not mix them).
#define CXXDEFER_ABI_VERSION 7

#define CXXDEFER_BEGIN_NAMESPACE                                               \
  namespace cxxdefer {                                                         \
  inline namespace abi_v7 {
#define CXXDEFER_END_NAMESPACE                                                 \
  }                                                                            \
  }

CXXDEFER_BEGIN_NAMESPACE
namespace detail {

/// Rewritten functions name the ABI version they were rewritten for,
/// `(void)::cxxdefer::detail::abi_check<7>{}`; any other version stops the
/// compile here. Every future header keeps this template.
template <int Version> struct abi_check {
  static_assert(Version == CXXDEFER_ABI_VERSION,
                "cxxdefer: this code was rewritten by a cxxdefer whose runtime "
                "interface differs from this <cxxdefer.h>: rewrite it again "
                "with the cxxdefer that ships this header, or use that "
                "cxxdefer's header");
};

/// What <type_traits> and <utility> would give, without their cost: the
/// header is included by every file that defers, and the emitted forms need
/// only these.
template <class T> struct remove_ref { using type = T; };
template <class T> struct remove_ref<T &> { using type = T; };
template <class T> struct remove_ref<T &&> { using type = T; };

template <class T> struct remove_cv { using type = T; };
template <class T> struct remove_cv<const T> { using type = T; };
template <class T> struct remove_cv<volatile T> { using type = T; };
template <class T> struct remove_cv<const volatile T> { using type = T; };

/// std::decay of a type without its reference.
template <class T> struct decay_of { using type = typename remove_cv<T>::type; };
template <class T> struct decay_of<T[]> { using type = T *; };
template <class T, decltype(sizeof(0)) N> struct decay_of<T[N]> {
  using type = T *;
};
template <class R, class... A> struct decay_of<R(A...)> {
  using type = R (*)(A...);
};
#if defined(__cpp_noexcept_function_type)
template <class R, class... A> struct decay_of<R(A...) noexcept> {
  using type = R (*)(A...) noexcept;
};
#endif

template <class T>
using decay_t = typename decay_of<typename remove_ref<T>::type>::type;

template <class T> T &&declval() noexcept;

template <class A, class B> struct is_same {
  static constexpr bool value = false;
};
template <class A> struct is_same<A, A> {
  static constexpr bool value = true;
};

template <bool B> struct bool_constant {};

/// Whether destroying a T does nothing (GCC 12 lacks Clang's spelling).
#if defined(__clang__)
#define CXXDEFER_TRIVIALLY_DESTRUCTIBLE_(T) __is_trivially_destructible(T)
#else
#define CXXDEFER_TRIVIALLY_DESTRUCTIBLE_(T) __has_trivial_destructor(T)
#endif

/// Storage aligned for any type a bound call may hold in place.
constexpr decltype(sizeof(0)) max_align = __BIGGEST_ALIGNMENT__;

/// True while a constexpr function is evaluated at compile time.
CXXDEFER_GLUE constexpr bool constant_evaluation() noexcept {
#if CXXDEFER_HAS_CONSTEXPR20
  return __builtin_is_constant_evaluated();
#else
  return false;
#endif
}

#if CXXDEFER_HAS_CONSTEXPR20
/// A bound call kept in a heap node during constant evaluation, where
/// placement new and function pointers to templates are not allowed; also
/// the link of a frame's list there.
/// (Function pointers, not virtual functions: GCC 12 cannot use a
/// class template's implicit constexpr virtual destructor there.)
struct const_call {
  const_call *link = nullptr;
  bool err = false;
  void (*run_)(const_call *) = nullptr;
  void (*delete_)(const_call *) = nullptr;
  constexpr void run() { run_(this); }
  constexpr void destroy() { delete_(this); }
};

/// Selects const_held's constructor that builds the call from a factory,
/// in place (a call holding an operand that can be neither copied nor moved).
struct made_in_place {};

template <class Call> struct const_held final : const_call {
  Call call;
  constexpr explicit const_held(Call &&c) : call(static_cast<Call &&>(c)) {
    set_up();
  }
  template <class Make>
  constexpr const_held(made_in_place, Make &make) : call(make()) {
    set_up();
  }

private:
  constexpr void set_up() {
    run_ = [](const_call *self) { static_cast<const_held *>(self)->call(); };
    delete_ = [](const_call *self) { delete static_cast<const_held *>(self); };
  }
};
#endif

} // namespace detail
CXXDEFER_END_NAMESPACE

#endif // CXXDEFER_CONFIG_H
