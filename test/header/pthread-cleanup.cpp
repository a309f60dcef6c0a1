// glibc's C++ pthread_cleanup_push_defer_np expands to a call of the member
// function `__clframe.__defer ()`. Including <cxxdefer.h> before or after
// <pthread.h> must leave it alone: it still parses, and, since no defer
// statement is involved, it compiles and runs without the plugin.
//
// DEFINE: %{flags} = -Wall -Wextra -pedantic -Werror -I %cxxdefer_include %s
// RUN: %clangxx -std=c++14 -DDEFER_FIRST -fsyntax-only %{flags}
// RUN: %clangxx -std=c++20 -fsyntax-only %{flags}
// RUN: %if gxx %{ %gxx -std=c++17 -DDEFER_FIRST -fsyntax-only %{flags} %}
// RUN: %if gxx %{ %gxx -std=c++17 -fsyntax-only %{flags} %}
//
// RUN: %clangxx -std=c++17 -DDEFER_FIRST -pthread %{flags} -o %t.first
// RUN: %t.first | FileCheck %s
// RUN: %clangxx -std=c++17 -O2 -pthread %{flags} -o %t.last
// RUN: %t.last | FileCheck %s
// RUN: %if gxx %{ %gxx -std=c++17 -DDEFER_FIRST -pthread %{flags} -o %t.gcc && %t.gcc | FileCheck %s %}

#ifdef DEFER_FIRST
#include <cxxdefer.h>
#endif

#include <pthread.h>
#include <cstdio>

#ifndef DEFER_FIRST
#include <cxxdefer.h>
#endif

static void cleanup(void *Arg) {
  std::printf("cleanup %s\n", static_cast<const char *>(Arg));
}

static void *worker(void *Arg) {
  pthread_cleanup_push_defer_np(cleanup, Arg);
  std::printf("worker\n");
  pthread_cleanup_pop_restore_np(1);
  return nullptr;
}

int main() {
  static char Name[] = "frame";
  pthread_t Thread;
  if (pthread_create(&Thread, nullptr, worker, Name) != 0)
    return 1;
  pthread_join(Thread, nullptr);
  return 0;
}

// CHECK:      worker
// CHECK-NEXT: cleanup frame
