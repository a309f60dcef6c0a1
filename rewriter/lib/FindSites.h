//===- FindSites.h - Find defer statements and their function bodies ------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The first stage of analysis: walk the translation unit, find every
/// `__defer(call);` and `__errdefer(call);` statement written in a user file
/// (directly or through a macro), and group them by the function-like body
/// they belong to (Go: a defer belongs to the function, not the block). For
/// each such body, record what later stages need to know about its control
/// flow (Sites.h).
///
/// A defer statement is recognised by the parse-only expansion of the
/// header (cxxdefer/parse_only.h): a call to
/// `cxxdefer::detail::defer_statement_needs_plugin()` (or its `errdefer`
/// twin) on the left of a comma whose right side is a lambda holding the
/// user's call. Nothing here looks at macro names or text.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_LIB_FINDSITES_H
#define CXXDEFER_LIB_FINDSITES_H

#include "Sites.h"
#include <vector>

namespace cxxdefer {

class MacroTokens;
class SystemCode;

struct SiteSearch {
  /// Bodies with at least one defer statement, in source order.
  std::vector<DeferFunction> Functions;
  /// Misplaced defer statements (outside a function body, inside an
  /// expression), `__result` outside a function with a defer statement,
  /// `__recover` with arguments.
  std::vector<Finding> Findings;
};

/// Walks every function-like body of \p Ctx that is written in a user file.
/// \p Tokens (may be null) finds the `;` of defer statements inside macros.
SiteSearch findSites(clang::ASTContext &Ctx, const MacroTokens *Tokens,
                     const SystemCode &System);

/// If \p E is the parse-only expansion of `__defer(...)` or
/// `__errdefer(...)` (marker call, comma, lambda), returns the comma.
const clang::BinaryOperator *asDeferExpansion(const clang::Expr *E);

/// The marker call of an expansion.
const clang::CallExpr *markerOf(const clang::BinaryOperator *Expansion);

/// The expression the user wrote inside `__defer(...)`, as parsed in the
/// marker lambda's body; null if it is not an expression.
const clang::Expr *userCallOf(const clang::BinaryOperator *Expansion);

/// Returns true if \p E names the parse-only `__result` object.
bool isResultReference(const clang::Expr *E);

/// If \p E is `__result` as the user wrote it, under the conversions Sema
/// added (`return __result;` in a function returning a class), returns the
/// reference to it.
const clang::DeclRefExpr *asWrittenResult(const clang::Expr *E);

/// Returns true if \p D is in the runtime's `cxxdefer::detail` namespace
/// (whatever inline ABI namespace holds it).
bool isInRuntimeDetail(const clang::Decl *D);

} // namespace cxxdefer

#endif // CXXDEFER_LIB_FINDSITES_H
