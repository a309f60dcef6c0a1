//===- cxxdefer/replaced.h - The exceptions a deferred call replaced ------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// A deferred call that throws while an exception propagates replaces it
/// (SPEC 3.4, Go's aborted panic). Go keeps the aborted panic on the
/// goroutine's panic list and prints the whole list when the program dies:
///
///     panic: first
///         panic: second
///
/// C++ ends the replaced exception when the handler that ran the deferred
/// call is left by the new one, so without help only the last exception is
/// ever seen. This file keeps what Go keeps: per thread, chains of
/// exceptions in the order they were thrown, each thrown while the one
/// before it propagated, the last one replacing them (Go's panic list;
/// `replacement_chain`). cxxdefer/report.h prints the chain when its last
/// exception ends the program; `cxxdefer::replaced_exception()` hands it to
/// a program that catches that exception instead.
///
/// Why it is kept beside the exceptions and not in them: a C++ exception
/// object cannot carry extra data without changing its type or its
/// identity (SPEC 3.5), and the Itanium ABI offers no hook for the end of
/// an exception's life. So a chain holds `std::exception_ptr`s - the
/// replaced exceptions and the newest one, which makes its identity exact
/// (an address alone could be reused by a later exception) - and lets them
/// go at the moments the runtime can see:
///
///   - a deferred call replaces an exception that ends no chain: a new
///     chain starts; the one before it is kept while it may still go on
///     (`thread_chains`), any older one is dropped;
///   - the last exception of a chain is recovered: when the deferred call
///     that recovered it returns, the chain is dropped (Go drops a
///     recovered panic's list too);
///   - the thread ends.
///
/// Until then, the exceptions of at most two chains per thread stay alive
/// after the handler that caught the last of them has finished. That is
/// the price of an exact answer; it is paid only by programs in which a
/// replacement happened.
///
/// Cost: nothing unless a replacement happens. The normal path and a plain
/// propagation never touch this state; the recovery path reads one
/// thread-local pointer. The state lives behind a trivially destructible
/// thread-local pointer, so a thread that never replaces an exception does
/// not even register a thread-exit destructor. Like the panic stack it has
/// default visibility, one copy for every shared library of the process
/// (cxxdefer/config.h).
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_REPLACED_H
#define CXXDEFER_REPLACED_H

#pragma GCC system_header

#include "cxxdefer/config.h"
#include <exception>
#include <new>

CXXDEFER_BEGIN_NAMESPACE
namespace detail {

#if CXXDEFER_EXCEPTIONS
/// An exception of a chain other than its newest.
struct replaced_link {
  std::exception_ptr exception;
  /// __recover() had returned it before the deferred call that recovered
  /// it threw (Go prints "[recovered]").
  bool recovered;
  /// The next exception of the chain, unless that is the chain's newest.
  replaced_link *newer;
};

/// Exceptions in the order they were thrown, each thrown while the one
/// before it propagated (Go's panic list): `newest()` last, the others
/// linked oldest first. Empty, or at least one link and a newest.
class replacement_chain {
public:
  replacement_chain() = default;
  replacement_chain(const replacement_chain &) = delete;
  replacement_chain &operator=(const replacement_chain &) = delete;
  ~replacement_chain() {
    while (replaced_link *l = oldest_) {
      oldest_ = l->newer;
      delete l;
    }
  }

  const std::exception_ptr &newest() const noexcept { return newest_; }
  const replaced_link *oldest() const noexcept { return oldest_; }

  /// \p replaced, this chain's newest (or the first of an empty chain),
  /// is replaced by \p replacing. \returns false without memory.
  bool append(const std::exception_ptr &replaced, bool recovered,
              const std::exception_ptr &replacing) noexcept {
    replaced_link *link =
        new (std::nothrow) replaced_link{replaced, recovered, nullptr};
    if (!link)
      return false;
    (latest_ ? latest_->newer : oldest_) = link;
    latest_ = link;
    newest_ = replacing;
    return true;
  }

  /// This chain's newest was thrown while \p replaced propagated, and now
  /// replaces it: \p replaced goes first.
  bool prepend(const std::exception_ptr &replaced, bool recovered) noexcept {
    replaced_link *link =
        new (std::nothrow) replaced_link{replaced, recovered, oldest_};
    if (!link)
      return false;
    oldest_ = link;
    return true;
  }

  /// The same when \p replaced is the newest of \p older: all of \p older
  /// goes first, and \p older is left empty.
  bool splice(replacement_chain &older, bool recovered) noexcept {
    if (!older.append(older.newest_, recovered, newest_))
      return false;
    older.latest_->newer = oldest_;
    oldest_ = older.oldest_;
    older.oldest_ = older.latest_ = nullptr;
    older.newest_ = nullptr;
    return true;
  }

  /// The exception before \p e, if \p e is in this chain.
  std::exception_ptr before(const std::exception_ptr &e) const noexcept {
    if (!e)
      return nullptr;
    if (e == newest_)
      return latest_ ? latest_->exception : nullptr;
    for (const replaced_link *l = oldest_; l && l->newer; l = l->newer)
      if (l->newer->exception == e)
        return l->exception;
    return nullptr;
  }

  void swap(replacement_chain &other) noexcept {
    newest_.swap(other.newest_);
    replaced_link *oldest = oldest_, *latest = latest_;
    oldest_ = other.oldest_;
    latest_ = other.latest_;
    other.oldest_ = oldest;
    other.latest_ = latest;
  }

private:
  std::exception_ptr newest_;
  replaced_link *oldest_ = nullptr;
  replaced_link *latest_ = nullptr;
};

/// A thread's chains: the newest, and the one before it, kept while its
/// newest exception may still be propagating around the replacements of
/// the newest chain. That happens when a deferred call, run while A
/// propagates, calls a function whose own deferred calls replace B by C:
/// C then leaves the deferred call and replaces A, and A's chain and C's
/// become one, in the order Go prints (A's, then B, then C).
struct thread_chains {
  replacement_chain current;
  replacement_chain suspended;

  /// The chain whose newest is \p e, if any.
  const replacement_chain *ending_with(const std::exception_ptr &e) const
      noexcept {
    if (e && e == current.newest())
      return &current;
    if (e && e == suspended.newest())
      return &suspended;
    return nullptr;
  }
};

/// This thread's chains; null until a deferred call of the thread replaces
/// an exception. A plain pointer: nothing to construct or destroy on the
/// paths that only look.
CXXDEFER_SHARED inline thread_chains *&thread_replacements() noexcept {
  static thread_local thread_chains *chains = nullptr;
  return chains;
}

/// Deletes the thread's chains when the thread ends. Touched only when
/// the thread's first chain is made.
struct replacements_owner {
  ~replacements_owner() {
    thread_chains *chains = thread_replacements();
    thread_replacements() = nullptr;
    delete chains;
  }
};

/// Records that \p replacing, thrown by a deferred call, replaces the
/// exception being handled (the one that was propagating). A deferred call
/// that rethrows that same exception (`throw;`) replaces nothing, nor does
/// a replacement of a foreign exception, which has no exception_ptr.
/// Without memory the chain is dropped: no chain rather than a wrong one.
/// \returns true if a chain now ends with \p replacing.
CXXDEFER_COLD inline bool record_replacement(
    const std::exception_ptr &replacing, bool recovered) noexcept {
  std::exception_ptr replaced = std::current_exception();
  if (!replaced || replaced == replacing)
    return false;
  thread_chains *&chains = thread_replacements();
  if (!chains) {
    static thread_local replacements_owner owner; // frees them at thread exit
    (void)owner;
    chains = new (std::nothrow) thread_chains;
    if (!chains)
      return false;
  }
  replacement_chain &current = chains->current;
  replacement_chain &suspended = chains->suspended;
  // A chain let go is dropped last: its exceptions' destructors may run
  // deferred calls that replace exceptions themselves.
  replacement_chain dropped, failed;
  bool done;
  if (replaced == current.newest()) {
    done = current.append(replaced, recovered, replacing);
  } else if (replacing == current.newest()) {
    done = replaced == suspended.newest()
               ? current.splice(suspended, recovered)
               : current.prepend(replaced, recovered);
  } else {
    // A new chain, unless the suspended one goes on (the nested chain
    // ended inside the deferred call). Either way one chain is let go.
    if (replaced == suspended.newest()) {
      dropped.swap(current);
    } else {
      dropped.swap(suspended);
    }
    current.swap(suspended);
    done = current.append(replaced, recovered, replacing);
  }
  if (!done)
    failed.swap(current);
  return done;
}

/// A recovered exception's chain ends when the deferred call that
/// recovered it returns (see the file comment).
CXXDEFER_COLD inline void forget_replacements_of(
    const std::exception_ptr &recovered) noexcept {
  thread_chains *chains = thread_replacements();
  if (!chains)
    return;
  replacement_chain dropped;
  if (recovered == chains->current.newest())
    dropped.swap(chains->current);
  else if (recovered == chains->suspended.newest())
    dropped.swap(chains->suspended);
}
#endif

} // namespace detail

/// The exception that \p e replaced: the one that was propagating when
/// \p e was thrown, by a deferred call or by a function that a deferred
/// call ran (Go's panic list, SPEC 3.4); null if \p e replaced none. Walk
/// the chain, newest to oldest, with
///
///     for (std::exception_ptr p = cxxdefer::replaced_exception(); p;
///          p = cxxdefer::replaced_exception(p))
///
/// in a handler of the final exception (the default argument is the
/// exception being handled). It answers on the thread where the
/// replacements happened, for the newest chains of that thread; a chain
/// whose last exception was recovered answers until the deferred call
/// that recovered it returns.
inline std::exception_ptr
replaced_exception(const std::exception_ptr &e = std::current_exception()) noexcept {
#if CXXDEFER_EXCEPTIONS
  const detail::thread_chains *chains = detail::thread_replacements();
  if (!chains)
    return nullptr;
  if (std::exception_ptr before = chains->current.before(e))
    return before;
  return chains->suspended.before(e);
#else
  (void)e;
  return nullptr;
#endif
}

CXXDEFER_END_NAMESPACE

#endif // CXXDEFER_REPLACED_H
