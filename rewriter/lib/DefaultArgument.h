//===- DefaultArgument.h - Spelling a default argument elsewhere -*- C++
//-*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// A default argument is an argument of the call: SPEC 2.3 wants it
/// evaluated at the defer statement, as if the call happened there. C++
/// evaluates a default argument only by calling the function, so the
/// rewriter writes it out at the defer statement instead: the expression
/// of the function's declaration, re-spelled so that it means the same
/// there - every name fully qualified from the global namespace.
///
/// Only expressions that can be spelled that way are: literals, names of
/// namespace-scope and static entities (not private or protected ones),
/// calls, operators, casts and constructions of such, and the built-ins
/// behind std::source_location::current() (which then report the defer
/// statement, as the call would have). A default argument that has no side
/// effect need not move: the call at exit evaluates it to the same value.
/// Anything else is an error at the defer statement - never evaluated at
/// the wrong time.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_LIB_DEFAULTARGUMENT_H
#define CXXDEFER_LIB_DEFAULTARGUMENT_H

#include "clang/AST/Expr.h"
#include <optional>
#include <string>

namespace cxxdefer {

/// Whether the default argument \p E must be evaluated at the defer
/// statement: it may have a side effect, or it reports where it is
/// evaluated.
bool mustEvaluateEarly(const clang::Expr *E, const clang::ASTContext &Ctx);

/// \p E spelled so that it means the same at any defer statement, or
/// nullopt with the reason in \p WhyNot.
std::optional<std::string> spellDefaultArgument(const clang::Expr *E,
                                                const clang::ASTContext &Ctx,
                                                std::string &WhyNot);

} // namespace cxxdefer

#endif // CXXDEFER_LIB_DEFAULTARGUMENT_H
