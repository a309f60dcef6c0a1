//===- FindSites.h - Find defer statements and their function bodies ------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Stage 1 of the pipeline: walk the translation unit, find every
/// `__defer(call);` statement written in a user file, and group them by the
/// function-like body they belong to (Go: a defer belongs to the function,
/// not the block). For each such body, record what later stages need to
/// know about its control flow: which top-level statement holds each site,
/// whether the site is in a loop by Go's rules, the explicit returns, and
/// the gotos that cross top-level statements.
///
/// A defer statement is recognised by the parse-only expansion of the
/// header (cxxdefer/parse_only.h): a call to
/// `cxxdefer::detail::defer_statement_needs_plugin()` on the left of a comma
/// whose right side is a lambda holding the user's call. Nothing here looks
/// at macro names or text.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_REWRITER_FINDSITES_H
#define CXXDEFER_REWRITER_FINDSITES_H

#include "DeferSite.h"
#include "RewriteTranslationUnit.h"
#include <vector>

namespace cxxdefer {

struct SiteSearch {
  /// Bodies with at least one defer statement, in source order.
  std::vector<DeferFunction> Functions;
  /// Misplaced defer statements (outside a function body, inside an
  /// expression, produced by a macro), `__result` outside a function with
  /// a defer statement, `__recover` with arguments.
  std::vector<Finding> Findings;
};

/// Walks every function-like body of \p Ctx that is written in a user file.
SiteSearch findSites(clang::ASTContext &Ctx);

/// Returns true if \p E names the parse-only `__result` object.
bool isResultReference(const clang::Expr *E);

/// \p Loc if it is in a file, or where a macro argument holding it is
/// written; invalid when it comes from a macro body.
clang::SourceLocation spelledInFile(const clang::SourceManager &SM,
                                    clang::SourceLocation Loc);

} // namespace cxxdefer

#endif // CXXDEFER_REWRITER_FINDSITES_H
