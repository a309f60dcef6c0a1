//===- SpellType.h - Types spelled for another place ------------*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Analysis moves the user's expressions: an operand's conversion, a
/// default argument, a result type are spelled again at the defer statement
/// or elsewhere in the rewritten body, where the scope is not the one they
/// were written in. So a type is spelled not as the user wrote it but as
/// Clang knows it, fully qualified from the global namespace
/// (`::ns::Widget<int>`), which names the same type anywhere in the
/// function. A type that has no name outside its declaration (a closure, an
/// unnamed class) cannot be spelled at all: isSpellable tells, and the
/// stage that needs the spelling reports an error at the user's line.
///
/// Used by the call planner (conversions, the keys of a dependent call's
/// table), DefaultArgument and PlanResult.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_LIB_SPELLTYPE_H
#define CXXDEFER_LIB_SPELLTYPE_H

#include "clang/AST/Type.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace clang {
class ASTContext;
}

namespace cxxdefer {

/// \p T spelled so that it means the same anywhere in the function body:
/// fully qualified, from the global namespace, without top-level cv.
std::string spellType(clang::QualType T, const clang::ASTContext &Ctx);

/// \p T spelled the same way, with its qualifiers and references (the key
/// of a dependent call's instantiation: `const ::W &`).
std::string spellExactType(clang::QualType T, const clang::ASTContext &Ctx);

/// \returns false if a spelled type names something that cannot be named
/// outside its declaration (a closure type, an unnamed class).
bool isSpellable(llvm::StringRef Spelled);

} // namespace cxxdefer

#endif // CXXDEFER_LIB_SPELLTYPE_H
