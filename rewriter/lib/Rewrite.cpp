//===- Rewrite.cpp - The rewriter core's one entry point ------------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// analyze (Analyze.h) then print (Print.h), and the small public helpers
/// around findings and options.
///
//===----------------------------------------------------------------------===//

#include "cxxdefer/Rewrite.h"
#include "Analyze.h"
#include "Print.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include <cassert>

using namespace clang;

namespace cxxdefer {

namespace {
struct DiagInfo {
  DiagLevel Level;
  const char *Flag;
  const char *Text;
};
constexpr DiagInfo Diags[] = {
#define CXXDEFER_DIAG(Id, Level, Flag, Text) {DiagLevel::Level, Flag, Text},
#include "cxxdefer/Diagnostics.def"
};
} // namespace

DiagLevel diagLevel(DiagId Id) { return Diags[unsigned(Id)].Level; }
llvm::StringRef diagFlag(DiagId Id) { return Diags[unsigned(Id)].Flag; }
llvm::StringRef diagText(DiagId Id) { return Diags[unsigned(Id)].Text; }

std::string Finding::message() const {
  llvm::StringRef Text = diagText(Id);
  std::string Out;
  for (size_t I = 0; I < Text.size(); ++I) {
    if (Text[I] == '%' && I + 1 < Text.size() && isdigit(Text[I + 1])) {
      unsigned N = Text[I + 1] - '0';
      if (N < Args.size())
        Out += Args[N];
      ++I;
      continue;
    }
    Out += Text[I];
  }
  // A tier remark without a reason: "open-coded defer".
  if (Id != DiagId::OpenCoded)
    return Out;
  return Out;
}

std::optional<ForcedTier> parseForcedTier(llvm::StringRef Name) {
  return llvm::StringSwitch<std::optional<ForcedTier>>(Name)
      .Case("go", ForcedTier::Go)
      .Case("stack", ForcedTier::Stack)
      .Case("heap", ForcedTier::Heap)
      .Default(std::nullopt);
}

bool TranslationUnitRewrite::hasErrors() const {
  return llvm::any_of(
      Findings, [](const Finding &F) { return F.level() == DiagLevel::Error; });
}

void countDefer(RewriteStats &Stats, Tier T) {
  switch (T) {
  case Tier::OpenCoded:
    ++Stats.OpenCoded;
    break;
  case Tier::StackAllocated:
    ++Stats.StackAllocated;
    break;
  case Tier::HeapAllocated:
    ++Stats.HeapAllocated;
    break;
  }
}

TranslationUnitRewrite rewriteTranslationUnit(ASTContext &Ctx,
                                              const MacroTokens *Tokens,
                                              const RewriteOptions &Opts) {
  TranslationUnitRewrite Out;
  TranslationUnitPlan Plan = analyze(Ctx, Tokens, Opts);
  Out.Findings = std::move(Plan.Findings);
  Out.Stats = Plan.Stats;
  const SourceManager &SM = Ctx.getSourceManager();
  for (FilePlan &File : Plan.Files) {
    llvm::Expected<tooling::Replacements> Edits = printFile(File);
    llvm::Expected<std::string> NewText =
        Edits ? tooling::applyAllReplacements(File.Original, *Edits)
              : llvm::Expected<std::string>(Edits.takeError());
    if (!NewText) {
      // The printer's edits overlap: a bug, not the user's. No function of
      // the file is rewritten; each is told so at its first defer
      // statement.
      std::string Why = llvm::toString(NewText.takeError());
      assert(false && "the printer made overlapping edits");
      for (const FunctionPlan &F : File.Functions) {
        Out.Findings.push_back(
            {DiagId::InternalError,
             SM.getFileLoc(F.Sites.front().Statement.Begin.Token),
             {"the edits of this file overlap: " + Why}});
        ++Out.Stats.FunctionsWithErrors;
      }
      continue;
    }
    RewrittenFile R;
    R.Path = File.Path;
    R.OriginalText = std::move(File.Original);
    R.Edits = std::move(*Edits);
    R.NewText = std::move(*NewText);
    Out.Files.push_back(std::move(R));
  }
  return Out;
}

} // namespace cxxdefer
