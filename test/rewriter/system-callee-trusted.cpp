// A function declared in a system header that does not name cxxdefer is
// the system's: the deferred call of one that cannot throw needs no handler
// at all (a guard), and one that can throw a handler that never looks for a
// recovery. glibc's <pthread.h> has a member function named `__defer`; that
// does not make it the user's (rewriter/lib/SystemCode.h).
//
// RUN: %check_cxxdefer %s %t -- -pthread

#include <cxxdefer.h>

#include <cstdio>
#include <mutex>
#include <pthread.h>

#include "Inputs/trace.h"

static std::mutex M;
static pthread_mutex_t PM = PTHREAD_MUTEX_INITIALIZER;

static int viaStdMutex(int X) {
  M.lock();
  // CHECK: ::cxxdefer::detail::guard cxxdefer_d[[#@LINE+1]]_3{
  __defer(M.unlock());
  return X + 1;
}

static int viaPthread(int X) {
  pthread_mutex_lock(&PM);
  // CHECK: ::cxxdefer::detail::guard cxxdefer_d[[#@LINE+1]]_3{
  __defer(pthread_mutex_unlock(&PM));
  return X + 2;
}

static int viaStdio(std::FILE *F, int X) {
  // CHECK: ::cxxdefer::detail::open_slot cxxdefer_d[[#@LINE+1]]_3{
  __defer(std::fflush(F));
  return X + 3;
}

int main() {
  traceInt("mutex", viaStdMutex(0));
  traceInt("pthread", viaPthread(0));
  traceInt("stdio", viaStdio(stdout, 0));
  M.lock(); // both were released
  M.unlock();
  pthread_mutex_lock(&PM);
  pthread_mutex_unlock(&PM);
  return 0;
}
// EXEC:      mutex 1
// EXEC-NEXT: pthread 2
// EXEC-NEXT: stdio 3
// EXEC-EMPTY:
