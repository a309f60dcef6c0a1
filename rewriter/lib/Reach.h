//===- Reach.h - What a deferred call can do when it runs -------*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Two questions decide how much machinery a deferred call needs at exit
/// (Plan.h, Exit):
///
///   - can it throw? If not, a destructor may run it even while an
///     exception propagates: no try region, no handler - and an uncaught
///     exception keeps its throw site for the debugger;
///   - can it reach `__recover()`? If not, it needs no panic scope on the
///     exception path and no check on the normal one, and the function
///     cannot recover at all (its results stay as written).
///
/// Both are answered by walking the bodies the translation unit can see,
/// from the deferred call's callee on: a `throw` not caught inside,
/// a call of `__recover`, and every call the walk cannot follow (a callee
/// without a body outside the system headers, a call through a pointer,
/// a virtual call) count as "can". A function declared noexcept stops the
/// throw question (it terminates instead). System-header functions without
/// a body never call `__recover` - unless they are handed something
/// callable. The walk has a budget; beyond it the answer is "can".
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_LIB_REACH_H
#define CXXDEFER_LIB_REACH_H

#include "clang/AST/Expr.h"

namespace clang {
class ASTContext;
}

namespace cxxdefer {

class SystemCode;

struct CallFacts {
  bool CanThrow = true;
  bool CanRecover = true;
};

/// What the deferred call \p UserCall (as written in `__defer(...)`) can do
/// when it runs at exit. Its operands were evaluated at the defer
/// statement, so only the call itself counts: the callee's body, and the
/// parameters initialised from the kept operands.
CallFacts deferredCallFacts(const clang::Expr *UserCall, clang::ASTContext &Ctx,
                            const SystemCode &System);

} // namespace cxxdefer

#endif // CXXDEFER_LIB_REACH_H
