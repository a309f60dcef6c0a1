//===- panic.h - Printing helpers for the recover tests --------------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// What the recover tests print. Go panics with any value; these tests throw
/// `int`s and string literals (`const char *`) where Go panics with an int or
/// a string, so that what `__recover()` returned can be printed as Go would
/// print the recovered value. Nothing here calls `__recover()`: the tests
/// call it themselves, so that every call is visible where it stands.
/// C++14, no warnings under -Wall -Wextra.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_TEST_PANIC_H
#define CXXDEFER_TEST_PANIC_H

#include <cxxdefer.h>

#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>

#include "../../rewriter/Inputs/trace.h"

/// The value an exception_ptr holds, as Go would print the panic value:
/// `nil` for a null pointer, the number for an int, the text in quotes for
/// a string literal.
inline std::string describe(const std::exception_ptr &P) {
  if (!P)
    return "nil";
  try {
    std::rethrow_exception(P);
  } catch (int N) {
    return std::to_string(N);
  } catch (const char *S) {
    return std::string("\"") + S + "\"";
  } catch (const cxxdefer::null_call &) {
    return "cxxdefer::null_call";
  } catch (const std::exception &E) {
    return std::string("std::exception ") + E.what();
  } catch (...) {
    return "unknown exception";
  }
}

/// Prints `Label: <value>` for what a `__recover()` call returned.
inline void show(const char *Label, const std::exception_ptr &P) {
  std::printf("%s: %s\n", Label, describe(P).c_str());
}

/// Prints `Label: caught <value>` for what a caller's handler caught.
inline void showCaught(const char *Label) {
  std::printf("%s: caught %s\n", Label, describe(std::current_exception()).c_str());
}

#endif // CXXDEFER_TEST_PANIC_H
