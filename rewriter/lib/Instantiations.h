//===- Instantiations.h - A dependent call's bindings, per instantiation ===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// A template's body is rewritten once, but each instantiation initialises
/// its own parameters (SPEC 2.3, 2.8): `print_it(x)` binds `x` by value
/// when `x` is an int and `print_it(int)` is chosen, by reference when it
/// is a std::string and `print_it(const std::string &)` is. So for a
/// deferred call that depends on template parameters, the rewriter plans
/// the call of every instantiation the translation unit makes - function
/// templates, members of class templates, member templates, generic
/// lambdas and `auto` parameters, nested in any way - and the printer
/// writes a table keyed by the exact operand types (cxxdefer/call.h).
/// Instantiations are found by their pattern
/// (FunctionDecl::getTemplateInstantiationPattern), and a defer statement
/// of an instantiated body by its marker's location, which instantiation
/// keeps.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_LIB_INSTANTIATIONS_H
#define CXXDEFER_LIB_INSTANTIATIONS_H

#include "Plan.h"
#include "Sites.h"
#include "llvm/ADT/DenseMap.h"
#include <vector>

namespace clang {
class ASTContext;
}

namespace cxxdefer {

class SystemCode;

/// The instantiated bodies of the translation unit, by their pattern.
class InstantiationIndex {
public:
  /// Collects the instantiations of the functions in \p Patterns (only
  /// those that are templated are looked for).
  InstantiationIndex(clang::ASTContext &Ctx,
                     llvm::ArrayRef<const clang::FunctionDecl *> Patterns,
                     const SystemCode &System);

  llvm::ArrayRef<const clang::FunctionDecl *>
  of(const clang::FunctionDecl *Pattern) const;

private:
  llvm::DenseMap<const clang::FunctionDecl *,
                 std::vector<const clang::FunctionDecl *>>
      ByPattern;
};

/// Fills \p Plan.Instantiations for the dependent call of \p Site in \p F,
/// from every instantiation of \p F. \returns false with an error in
/// \p Findings if one cannot be expressed.
bool planInstantiations(const DeferSite &Site, const DeferFunction &F,
                        const InstantiationIndex &Index, clang::ASTContext &Ctx,
                        CallPlan &Plan, std::vector<Finding> &Findings);

} // namespace cxxdefer

#endif // CXXDEFER_LIB_INSTANTIATIONS_H
