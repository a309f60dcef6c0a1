//===- Emit.h - Turn a planned function into source edits -----------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Stage 4 of the pipeline, the only one that writes text. For an
/// open-coded function it produces, from the records of the earlier stages:
///
///   - at each defer statement, a bound call: the operands the user wrote
///     stay in place, wrapped by `ref(...)`/`val(...)` etc. (DeferSite.h),
///     and the callee's name or member access moves into a small forwarding
///     lambda so overload resolution at exit sees what the user wrote;
///   - a slot for it (cxxdefer/open_coded.h), declared where classify put
///     it, followed by `try {`; the matching `} catch (...) { slot.unwind();
///     rethrow(); }` goes before the body's closing brace, innermost first;
///   - a deferBits byte after the body's opening brace when any slot is
///     hoisted.
///
/// For a function whose defers are stack- or heap-allocated, the defer
/// statement links a record into the thread's defer chain instead
/// (`slot.push(...)` for a stack record declared like a hoisted slot,
/// `heap_defer(...)` for a pooled one), and each top-level statement that
/// holds defer statements is preceded by a defer_frame and its try region
/// (cxxdefer/chain.h), which run the records at exit.
///
/// The try region of a slot covers exactly the locals declared after it,
/// so on an exception its handler runs the deferred call while the locals
/// declared before it are still alive and after those declared later were
/// destroyed: the same order as on a normal exit (SPEC 2.5, 3.1). A
/// deferred call that throws in the handler simply propagates to the next
/// outer handler, never through a destructor, so it replaces the exception
/// in flight instead of calling std::terminate (SPEC 3.4).
///
/// No emitted text contains a line break, and the line breaks of replaced
/// source text are kept, so every line keeps its number: diagnostics,
/// __LINE__, assert and debug line tables still point at the user's lines.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_REWRITER_EMIT_H
#define CXXDEFER_REWRITER_EMIT_H

#include "DeferSite.h"
#include "RewriteTranslationUnit.h"
#include "clang/Tooling/Core/Replacement.h"

namespace cxxdefer {

/// Returns the edits that rewrite \p F, whose sites are classified and
/// planned. \returns false, with an error in \p Findings, if the edits
/// would overlap (which is a bug in an earlier stage).
bool emitFunction(const DeferFunction &F, clang::ASTContext &Ctx,
                   clang::tooling::Replacements &Edits,
                   std::vector<Finding> &Findings);

} // namespace cxxdefer

#endif // CXXDEFER_REWRITER_EMIT_H
