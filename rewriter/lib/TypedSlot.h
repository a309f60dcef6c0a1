//===- TypedSlot.h - A hoisted slot that names its call's type --*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// A defer statement nested in an `if` (or hoisted above a goto) is
/// open-coded through a slot declared before the top-level statement that
/// holds it (cxxdefer/slots.h). Its bound call is a
/// `call<Caller, Kept...>`: the closure type of the caller lambda, and the
/// type of each kept operand. Where the slot cannot name that type, the
/// call is type-erased, and every exit calls it through a function pointer
/// kept in the frame: at -O2 most of a conditional defer's cost.
///
/// Both parts can usually be named at the slot:
///
///   - the caller lambda is moved from the defer statement to the slot
///     (`auto cxxdefer_c12_5 = [](auto&&... a) { g(a...); };`), and the
///     slot names `decltype(cxxdefer_c12_5)`. The callee's name is then
///     looked up at the slot, and the text the caller spells is read
///     there. That means the same only if the callee is written plainly -
///     a name, qualified at most by namespaces and by classes without
///     template arguments (no `g<N>`, `decltype(x)::g`, `T<__LINE__>::g`,
///     which may name a local or the line) - and if nothing declared
///     between the slot and the defer statement can change what the name
///     finds: every declaration in between must be a variable (a variable
///     cannot hide a function that a call names: a call through a variable
///     is a call through a value, kept as an operand, not spelled in the
///     caller). A using-directive, a using-declaration, a block-scope
///     function declaration, a local type or alias in between: the slot
///     stays type-erased. So does one with an `if constexpr` in between,
///     which may discard the defer statement while the slot would still
///     use its callee.
///   - each kept operand's type is spelled fully qualified (SpellType.h),
///     canonical, from the operand's written expression, exactly as the
///     runtime's wrappers deduce it (`ref(x)` is `ref_arg<X&>` for an
///     lvalue, `val(x)` is `value_arg<decay(X)>`...). Only what means the
///     same at the slot is spelled: no closure or unnamed class, no local
///     class declared after the slot or in a nested block, no class in an
///     anonymous namespace or hidden by a function of its name (`struct
///     stat`), no member type that is not public, no template argument
///     that is a value, nothing that depends on a template parameter; and
///     no default argument (its type is the compiler's: `__builtin_LINE()`
///     is `unsigned` for Clang, `int` for GCC).
///
/// In a template, a call that depends on the template's parameters stays
/// type-erased: moved to the slot, its caller would be instantiated even
/// where an `if constexpr` discards the defer statement.
///
/// The rest is checked where the slot is armed: with a call of another type
/// than the one spelled, arm() stops at a static_assert, and the C++17
/// statement that builds the call in the slot's store itself does not
/// compile (Print.cpp, armedInText): never a call through the wrong type.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_LIB_TYPEDSLOT_H
#define CXXDEFER_LIB_TYPEDSLOT_H

#include "Plan.h"
#include "Sites.h"
#include "llvm/ADT/ArrayRef.h"
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
} // namespace clang

namespace cxxdefer {

/// The types of the kept operands of \p Site's bound call, in the call's
/// order, if a slot declared before top-level statement \p SlotIndex of
/// \p F can name them and the caller's callee (see above); std::nullopt if
/// the slot must keep the call type-erased. \p OperandExprs are the
/// expressions behind \p Call's operands (planCall).
std::optional<std::vector<KeptType>>
typedSlotCall(const DeferSite &Site, const DeferFunction &F, unsigned SlotIndex,
              const CallPlan &Call,
              llvm::ArrayRef<const clang::Expr *> OperandExprs,
              clang::ASTContext &Ctx);

} // namespace cxxdefer

#endif // CXXDEFER_LIB_TYPEDSLOT_H
