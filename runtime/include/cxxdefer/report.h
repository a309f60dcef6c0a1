//===- cxxdefer/report.h - Go's report of aborted panics at terminate -----===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// When an exception that replaced others ends the program - it leaves
/// `main`, a thread's function or a noexcept function, and std::terminate
/// runs - Go's way is to print every panic of the chain, oldest first. The
/// C++ runtime's own message names only the last exception. So the first
/// time a deferred call replaces an exception, cxxdefer installs a
/// terminate handler that, if the exception being terminated on is the
/// newest of its thread's chain (cxxdefer/replaced.h), prints
///
///     cxxdefer: deferred calls replaced exceptions, oldest first:
///     panic: std::runtime_error: first
///         panic: std::logic_error: second
///
/// to stderr - each exception's demangled type and, for a std::exception,
/// its what() (for a thrown C string, the string), with " [recovered]"
/// where __recover() had returned it before its deferred call threw - and
/// then calls the handler that was installed before it: the C++ runtime's
/// default one, which names the last exception again and aborts, or the
/// user's. A user's handler is kept, never replaced: one installed before
/// the first replacement runs after the report; one installed later
/// replaces cxxdefer's, as std::set_terminate always does (such a handler
/// can walk the chain itself with cxxdefer::replaced_exception()).
///
/// Installing the handler lazily is what keeps the report free: a program
/// in which no exception is ever replaced never calls std::set_terminate,
/// and its std::get_terminate() is what it set. An exception thrown after
/// the installation records the new handler (the Itanium ABI keeps the
/// handler current at the throw), which includes the replacing exception:
/// it is rethrown after the installation.
///
/// Names come from the Itanium C++ ABI that GCC and Clang share:
/// __cxa_current_exception_type() while the exception is rethrown into a
/// local handler, __cxa_demangle() for its name. <cxxabi.h> declares them,
/// but reading it cost every translation unit with a defer about a tenth
/// of this runtime's parse; the two declarations below name the same
/// symbols (an asm label), as functions of cxxdefer's own, so that they
/// cannot clash with <cxxabi.h>'s if the user's code includes it too.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_REPORT_H
#define CXXDEFER_REPORT_H

#pragma GCC system_header

#include "cxxdefer/config.h"
#include "cxxdefer/replaced.h"
#include <exception>

#if CXXDEFER_EXCEPTIONS
#include <cstdio>
#include <typeinfo>
#endif

CXXDEFER_BEGIN_NAMESPACE
namespace detail {

#if CXXDEFER_EXCEPTIONS
#define CXXDEFER_STRING_(x) #x
#define CXXDEFER_SYMBOL_(prefix, name) CXXDEFER_STRING_(prefix) #name
/// abi::__cxa_current_exception_type().
const std::type_info *current_exception_type() noexcept __asm__(
    CXXDEFER_SYMBOL_(__USER_LABEL_PREFIX__, __cxa_current_exception_type));
/// abi::__cxa_demangle().
char *demangle(const char *mangled, char *buffer, decltype(sizeof 0) *length,
               int *status) noexcept
    __asm__(CXXDEFER_SYMBOL_(__USER_LABEL_PREFIX__, __cxa_demangle));
#undef CXXDEFER_SYMBOL_
#undef CXXDEFER_STRING_

/// Prints one exception of a chain: "TYPE" or "TYPE: WHAT".
inline void print_exception(const std::exception_ptr &e) noexcept {
  const std::type_info *type = nullptr;
  const char *what = nullptr;
  try {
    std::rethrow_exception(e);
  } catch (const std::exception &x) {
    type = current_exception_type();
    what = x.what(); // the object lives on: e holds it
  } catch (const char *s) {
    type = current_exception_type();
    what = s;
  } catch (...) {
    type = current_exception_type();
  }
  int status = -1;
  char *demangled =
      type ? demangle(type->name(), nullptr, nullptr, &status) : nullptr;
  std::fputs(demangled ? demangled
             : type    ? type->name()
                       : "an exception of unknown type",
             stderr);
  __builtin_free(demangled);
  if (what) {
    std::fputs(": ", stderr);
    std::fputs(what, stderr);
  }
}

/// Prints this thread's chain if \p terminating is its newest exception.
inline void print_replacements(const std::exception_ptr &terminating) noexcept {
  const thread_chains *chains = thread_replacements();
  const replacement_chain *chain =
      chains ? chains->ending_with(terminating) : nullptr;
  if (!chain)
    return;
  std::fputs("cxxdefer: deferred calls replaced exceptions, oldest first:\n",
             stderr);
  const char *indent = "";
  for (const replaced_link *l = chain->oldest(); l; l = l->newer) {
    std::fprintf(stderr, "%spanic: ", indent);
    print_exception(l->exception);
    std::fputs(l->recovered ? " [recovered]\n" : "\n", stderr);
    indent = "\t";
  }
  std::fprintf(stderr, "%spanic: ", indent);
  print_exception(chain->newest());
  std::fputs("\n", stderr);
  std::fflush(stderr);
}

/// The terminate handler that was current when cxxdefer installed its own.
CXXDEFER_SHARED inline std::terminate_handler &handler_before_report() noexcept {
  static std::terminate_handler handler = nullptr;
  return handler;
}

/// cxxdefer's terminate handler: the report, then the handler before it.
[[noreturn]] inline void report_then_terminate() noexcept {
  print_replacements(std::current_exception());
  if (std::terminate_handler next = handler_before_report())
    next();
  __builtin_abort();
}

/// Installs report_then_terminate, once per process.
CXXDEFER_SHARED inline void install_report() noexcept {
  static const bool installed =
      (handler_before_report() = std::set_terminate(&report_then_terminate),
       true);
  (void)installed;
}

/// A deferred call threw \p replacing while the exception being handled
/// propagated: keep the chain, and make sure it is reported if it ends
/// the program. \p recovered: __recover() had returned the replaced one.
CXXDEFER_COLD inline void replaced_by(const std::exception_ptr &replacing,
                                      bool recovered) noexcept {
  if (record_replacement(replacing, recovered))
    install_report();
}
#endif

} // namespace detail
CXXDEFER_END_NAMESPACE

#endif // CXXDEFER_REPORT_H
