//===- Print.h - Turn a plan into text --------------------------*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The only code that writes C++. For one file's plan it produces:
///
///   - at each defer statement, a bound call: the operands the user wrote
///     stay in place, wrapped by `ref(...)`/`val(...)` etc. (Plan.h, Keep),
///     and the callee's name or member access moves into a small caller
///     lambda so overload resolution at exit sees what the user wrote;
///   - its storage: a slot declared there (or hoisted before the top-level
///     statement that holds it), or a record linked into a defer_frame;
///   - the try regions: `try {` after each slot or frame that needs a
///     handler, and before the body's `}` the matching `} catch (...) {
///     ... }`, innermost first;
///   - for a function with a named result, its declaration, the rewritten
///     `return` statements and the final `return`.
///
/// Runtime names come only from RuntimeAbi.def. No emitted text contains a
/// line break, and the line breaks of replaced source text are kept, so
/// every line keeps its number: diagnostics, __LINE__, assert and debug
/// line tables still point at the user's lines. A macro use that holds
/// edits is replaced by its edited expansion text, followed by the use's
/// line breaks.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_LIB_PRINT_H
#define CXXDEFER_LIB_PRINT_H

#include "Plan.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/Error.h"

namespace cxxdefer {

/// The edits that turn \p File.Original into its rewritten text. Fails
/// only on a plan whose positions overlap (a bug of analysis).
llvm::Expected<clang::tooling::Replacements> printFile(const FilePlan &File);

/// The runtime ABI version the printer writes for (RuntimeAbi.def).
constexpr int AbiVersion = 7;

} // namespace cxxdefer

#endif // CXXDEFER_LIB_PRINT_H
