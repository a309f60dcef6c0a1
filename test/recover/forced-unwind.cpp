// pthread_exit and pthread_cancel unwind the thread with a forced unwind
// (abi::__forced_unwind), Go's runtime.Goexit: the deferred calls of every
// frame it passes run, __recover() returns null in them, and nothing
// swallows or replaces the unwind - the thread ends normally (swallowing
// it would abort the process: "FATAL: exception not rethrown").
//
// RUN: %check_cxxdefer %s %t -- -pthread

#include <cxxdefer.h>

#include <pthread.h>

#include "../rewriter/Inputs/trace.h"

static int inner(int N) {
  __defer([&] {
    if (__recover())
      trace("WRONG: a forced unwind was recovered");
    else
      trace("recover is null");
  }());
  __defer(trace("inner deferred"));
  for (int I = 0; I < N; ++I)
    __defer(traceInt("loop deferred", I));
  if (N)
    pthread_exit(nullptr);
  return N;
}

static void *exiting(void *) {
  __defer(trace("thread deferred"));
  inner(2);
  trace("not reached");
  return nullptr;
}

static void *cancelled(void *) {
  __defer(trace("cancelled thread deferred"));
  pthread_setcanceltype(PTHREAD_CANCEL_DEFERRED, nullptr);
  for (;;)
    pthread_testcancel();
  return nullptr;
}

int main() {
  pthread_t T;
  pthread_create(&T, nullptr, exiting, nullptr);
  pthread_join(T, nullptr);
  trace("joined");
  pthread_create(&T, nullptr, cancelled, nullptr);
  pthread_cancel(T);
  pthread_join(T, nullptr);
  trace("cancelled and joined");
  return 0;
}

// EXEC:      loop deferred 1
// EXEC-NEXT: loop deferred 0
// EXEC-NEXT: inner deferred
// EXEC-NEXT: recover is null
// EXEC-NEXT: thread deferred
// EXEC-NEXT: joined
// EXEC-NEXT: cancelled thread deferred
// EXEC-NEXT: cancelled and joined
// EXEC-EMPTY:
