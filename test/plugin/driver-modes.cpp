// SPEC 5.1: the plugin works in every driver mode, and each mode compiles
// the rewritten text (code generation without the rewrite fails, see
// test/header/needs-plugin-defer.cpp).
//
// RUN: rm -rf %t && mkdir -p %t
// Compile and link, then run.
// RUN: %plugin_cxx -std=c++17 %s -o %t/link && %t/link | FileCheck %s
// RUN: %plugin_cxx -std=c++17 -g -O2 %s -o %t/link-g && %t/link-g | FileCheck %s
// -c, then link the object without the plugin.
// RUN: %plugin_cxx -std=c++17 -c %s -o %t/obj.o
// RUN: %clangxx %t/obj.o -o %t/from-obj && %t/from-obj | FileCheck %s
// -S: assembly that calls the deferred function.
// RUN: %plugin_cxx -std=c++17 -S %s -o %t/asm.s
// RUN: FileCheck --check-prefix=ASM --input-file=%t/asm.s %s
// -S -emit-llvm and -c -emit-llvm.
// RUN: %plugin_cxx -std=c++17 -S -emit-llvm %s -o %t/ir.ll
// RUN: FileCheck --check-prefix=IR --input-file=%t/ir.ll %s
// RUN: %plugin_cxx -std=c++17 -c -emit-llvm %s -o %t/ir.bc
// RUN: %clangxx %t/ir.bc -o %t/from-bc && %t/from-bc | FileCheck %s
// -fsyntax-only accepts the code and writes nothing.
// RUN: cd %t && %plugin_cxx -std=c++17 -fsyntax-only -Werror %s
//
// ASM: call{{.*}}closeLog
// IR: call void @_Z8closeLogv()

#include <cxxdefer.h>
#include <cstdio>

void closeLog() { std::puts("closed"); }

int main() {
  __defer(closeLog());
  std::puts("working");
  return 0;
}
// CHECK:      working
// CHECK-NEXT: closed
