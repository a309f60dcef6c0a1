// A temporary bound to a reference parameter of a deferred call is made at
// the defer statement and lives until the deferred call has run (SPEC 2.3).
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <string>

#include "Inputs/trace.h"

static void showTracked(const Tracked &T) { T.use("showTracked"); }
static void showString(const std::string &S) { std::printf("showString %s\n", S.c_str()); }
static void consume(Tracked &&T) { T.use("consume"); }

static void run() {
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}showTracked({{.*}}::cxxdefer::detail::val(Tracked("temp"))}); try {
  __defer(showTracked(Tracked("temp")));
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}showString({{.*}}("literal"){{.*}}}); try {
  __defer(showString("literal"));
  // CHECK: cxxdefer_d[[@LINE+1]]_3 = {{.*}}consume({{.*}}::cxxdefer::detail::val(Tracked("rvalue"))}); try {
  __defer(consume(Tracked("rvalue")));
  trace("body");
}

int main() {
  run();
  trace("returned");
  return 0;
}

// The temporaries are made at the defer statements (the saved values may
// then be moved, which prints `move` and, for the moved-from shells, `dtor`).
// EXEC:      ctor temp
// EXEC-NOT:  use
// EXEC:      ctor rvalue
// EXEC-NOT:  use
// EXEC:      body
// EXEC-NEXT: use rvalue in consume
// EXEC-NEXT: dtor rvalue
// EXEC-NEXT: showString literal
// EXEC-NEXT: use temp in showTracked
// EXEC-NEXT: dtor temp
// EXEC-NEXT: returned
// EXEC-EMPTY:
