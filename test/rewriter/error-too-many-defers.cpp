// Go open-codes at most 8 defer statements per function, and only while
// returns x defers <= 15 (defererrcheck.go f7, f8). Past either limit the
// function needs the stack-allocated tier, which is an error for now
// (SPEC 4, 6). Exactly at the limits it is open-coded.
//
// RUN: %cxxdefer --remarks %s -- -std=c++17 -DAT_LIMITS > %t.cpp 2> %t.err
// RUN: %FileCheck %s --check-prefix=OK --input-file=%t.err --implicit-check-not=error:
// RUN: not %cxxdefer %s -- -std=c++17 2>&1 | %FileCheck %s --check-prefix=ERR
// RUN: not %plugin_cxx -std=c++17 -fsyntax-only %s 2>&1 | %FileCheck %s --check-prefix=ERR

#include <cxxdefer.h>

void note(int);

void nineDefers() {
  __defer(note(1));
  __defer(note(2));
  __defer(note(3));
  __defer(note(4));
  __defer(note(5));
  __defer(note(6));
  __defer(note(7));
  __defer(note(8));
#ifndef AT_LIMITS
  // ERR: error-too-many-defers.cpp:[[@LINE+1]]:3: error: this defer statement needs Go's stack-allocated tier, which is not supported yet
  __defer(note(9));
#endif
}

// OK-COUNT-8: remark: open-coded defer

int fourTimesFour(int N) {
  // ERR: error-too-many-defers.cpp:[[@LINE+1]]:3: error: this defer statement needs Go's stack-allocated tier, which is not supported yet
  __defer(note(1));
  __defer(note(2));
  __defer(note(3));
  __defer(note(4));
  switch (N) {
  case 1:
    return 1;
  case 2:
    return 2;
#ifndef AT_LIMITS
  case 3:
    return 3;
#endif
  }
  return 0;
}

// OK-COUNT-4: remark: open-coded defer
