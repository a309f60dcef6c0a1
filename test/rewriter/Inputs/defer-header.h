//===- defer-header.h - A user header that uses __defer --------------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// An inline function and a function template with defer statements, for
/// header-inline-template.cpp: the rewriter must rewrite the header too.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_TEST_DEFER_HEADER_H
#define CXXDEFER_TEST_DEFER_HEADER_H

#include <cxxdefer.h>

#include "trace.h"

inline void headerInline(int N) {
  __defer(traceInt("header inline deferred", N));
  traceInt("header inline body", N);
}

template <class T> T headerTemplate(T V) {
  __defer(traceInt("header template deferred", static_cast<int>(V)));
  traceInt("header template body", static_cast<int>(V));
  return V;
}

#endif // CXXDEFER_TEST_DEFER_HEADER_H
