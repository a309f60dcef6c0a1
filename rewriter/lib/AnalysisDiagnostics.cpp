//===- AnalysisDiagnostics.cpp - The errors a rewrite resolves ------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Before the rewrite, a defer statement does nothing when a constexpr
/// function is evaluated at compile time: `static_assert(f(3) == 8)` on a
/// function whose deferred calls add 5 fails in the unrewritten text and
/// holds in the rewritten one, which the real compile checks. A failed
/// static_assert leaves the AST whole, so analysis may go on past it.
///
//===----------------------------------------------------------------------===//

#include "cxxdefer/Rewrite.h"
#include "clang/Basic/DiagnosticSema.h"

using namespace clang;

namespace cxxdefer {

static bool rewriteMayResolve(unsigned ID) {
  return ID == diag::err_static_assert_failed ||
         ID == diag::err_static_assert_requirement_failed ||
         ID == diag::err_static_assert_expression_is_not_constant;
}

AnalysisDiagnostics::AnalysisDiagnostics(DiagnosticConsumer *Next,
                                         bool OwnsNext)
    : Next(Next), OwnsNext(OwnsNext) {}

AnalysisDiagnostics::~AnalysisDiagnostics() {
  if (OwnsNext)
    delete Next;
}

void AnalysisDiagnostics::HandleDiagnostic(DiagnosticsEngine::Level Level,
                                           const Diagnostic &Info) {
  if (Level >= DiagnosticsEngine::Error && rewriteMayResolve(Info.getID()))
    return;
  if (Level >= DiagnosticsEngine::Error)
    ++Errors;
  DiagnosticConsumer::HandleDiagnostic(Level, Info);
  Next->HandleDiagnostic(Level, Info);
}

void AnalysisDiagnostics::BeginSourceFile(const LangOptions &LO,
                                          const Preprocessor *PP) {
  Next->BeginSourceFile(LO, PP);
}
void AnalysisDiagnostics::EndSourceFile() { Next->EndSourceFile(); }
void AnalysisDiagnostics::finish() { Next->finish(); }

} // namespace cxxdefer
