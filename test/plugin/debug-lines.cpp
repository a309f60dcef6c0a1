// SPEC 5.1: debug line tables point at the user's lines: the statements
// around a defer statement, and the deferred call itself (at the line of
// its `__defer(`), keep their lines in the DWARF locations.
//
// RUN: %plugin_cxx -std=c++17 -g -S -emit-llvm %s -o - | FileCheck %s
// RUN: %plugin_cxx -std=c++17 -g -c %s -o %t.o
// RUN: llvm-dwarfdump --debug-line %t.o | FileCheck --check-prefix=DWARF %s

#include <cxxdefer.h>

void closeLog(int Code);
void work();
void done();

void run(int Code) {
  __defer(
      closeLog(Code));
  work();
  if (Code)
    return;
  done();
}

// Inside the slot's try region the calls are invokes.
// CHECK: invoke void @_Z4workv()
// CHECK-NEXT: to label {{.*}}, !dbg [[WORK:![0-9]+]]
// CHECK: invoke void @_Z4donev()
// CHECK-NEXT: to label {{.*}}, !dbg [[DONE:![0-9]+]]
// CHECK: call void @_Z8closeLogi({{.*}}), !dbg [[CLOSE:![0-9]+]]
// CHECK-DAG: [[WORK]] = !DILocation(line: 18, column: 3,
// CHECK-DAG: [[DONE]] = !DILocation(line: 21, column: 3,
// CHECK-DAG: [[CLOSE]] = !DILocation(line: 16,

// The line table has rows for the user's lines 16, 18 and 21 and none beyond
// the end of this short function (a rewrite that added lines would shift
// them).
// DWARF: debug-lines.cpp
// DWARF-DAG: {{^0x[0-9a-f]+ +16 }}
// DWARF-DAG: {{^0x[0-9a-f]+ +18 }}
// DWARF-DAG: {{^0x[0-9a-f]+ +21 }}
