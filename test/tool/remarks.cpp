// --remarks reports the class of every defer statement at its line, in
// Go's words, clang-style; without it there are none. The class limits are
// options of the tool too (here at their defaults, Go's).
//
// RUN: %cxxdefer --remarks %s -- -std=c++17 > %t.out 2> %t.err
// RUN: %FileCheck %s --input-file=%t.err
// RUN: %cxxdefer %s -- -std=c++17 > %t.out 2> %t.quiet
// RUN: %FileCheck %s --check-prefix=QUIET --input-file=%t.quiet
// RUN: %cxxdefer --max-open-defers=8 --max-returns-times-defers=15 %s -- -std=c++17 \
// RUN:   2>&1 >/dev/null | %FileCheck %s --check-prefix=QUIET

#include <cxxdefer.h>

void note(int);

int twoExits(bool Early) {
  // CHECK: remarks.cpp:[[@LINE+1]]:3: remark: open-coded defer
  __defer(note(1));
  if (Early)
    return 1;
  // CHECK: remarks.cpp:[[@LINE+1]]:3: remark: open-coded defer
  __defer(note(2));
  return 0;
}

// CHECK: cxxdefer: 1 file scanned, 1 would change, 0 failed, 0 errors; defers: 2 open-coded

// QUIET-NOT: remark
// QUIET: cxxdefer: 1 file scanned, 1 would change, 0 failed, 0 errors
