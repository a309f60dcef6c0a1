//===- RewriteTranslationUnit.cpp - The rewriter core's one entry point ---===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Runs the pipeline on every function that findSites returned and keeps
/// the all-or-nothing promise: a function's edits are added to its file's
/// edits only when every stage succeeded for every one of its sites.
///
//===----------------------------------------------------------------------===//

#include "RewriteTranslationUnit.h"
#include "CapturePlan.h"
#include "Classify.h"
#include "Emit.h"
#include "FindSites.h"
#include "NamedResult.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/STLExtras.h"
#include <map>

using namespace clang;

namespace cxxdefer {

bool TranslationUnitRewrite::hasErrors() const {
  return llvm::any_of(Findings, [](const Finding &F) {
    return F.Level == FindingLevel::Error;
  });
}

void countDefer(RewriteStats &Stats, DeferClass Class) {
  switch (Class) {
  case DeferClass::OpenCoded:
    ++Stats.OpenCoded;
    break;
  case DeferClass::StackAllocated:
    ++Stats.StackAllocated;
    break;
  case DeferClass::HeapAllocated:
    ++Stats.HeapAllocated;
    break;
  }
}

/// Runs classify, planCaptures and emit on \p F. \returns false if any of
/// them reported an error, in which case \p Edits is left untouched.
static bool rewriteFunction(DeferFunction &F, ASTContext &Ctx,
                            const RewriteOptions &Opts,
                            tooling::Replacements &Edits,
                            TranslationUnitRewrite &Out) {
  classify(F, Opts);
  bool Ok = true;
  for (DeferSite &Site : F.Sites) {
    countDefer(Out.Stats, Site.Class);
    Finding Remark{FindingLevel::Remark, Site.Statement.getBegin(),
                   classRemark(Site)};
    Remark.Class = Site.Class;
    Out.Findings.push_back(Remark);
    if (Opts.WarnDeferInLoop && Site.InLoop) {
      Finding Warning{FindingLevel::Warning, Site.Statement.getBegin(),
                      "defer statement in a loop: every iteration adds a "
                      "call that runs only when the function returns"};
      Warning.Flag = "cxxdefer-defer-in-loop";
      Out.Findings.push_back(Warning);
    }
    Ok &= planCaptures(Site, F, Ctx, Out.Findings);
  }
  Ok &= planResult(F, Ctx, Out.Findings);
  if (!F.Problem.empty()) {
    Out.Findings.push_back({FindingLevel::Error, F.ProblemLoc, F.Problem});
    Ok = false;
  }
  if (!Ok)
    return false;
  tooling::Replacements Mine = Edits;
  if (!emitFunction(F, Ctx, Mine, Out.Findings))
    return false;
  Edits = std::move(Mine);
  return true;
}

TranslationUnitRewrite rewriteTranslationUnit(ASTContext &Ctx,
                                              const RewriteOptions &Opts) {
  TranslationUnitRewrite Out;
  SiteSearch Search = findSites(Ctx);
  Out.Findings = std::move(Search.Findings);
  const SourceManager &SM = Ctx.getSourceManager();
  if (!Search.Functions.empty() && !Ctx.getLangOpts().CPlusPlus14) {
    Out.Findings.push_back(
        {FindingLevel::Error,
         Search.Functions.front().Sites.front().Statement.getBegin(),
         "'__defer' needs C++14 or later"});
    return Out;
  }
  // Keyed by FileID so that files come out in the order they were entered.
  std::map<FileID, tooling::Replacements> EditsByFile;
  for (DeferFunction &F : Search.Functions) {
    ++Out.Stats.Functions;
    FileID File = SM.getFileID(SM.getExpansionLoc(F.Body->getLBracLoc()));
    if (!rewriteFunction(F, Ctx, Opts, EditsByFile[File], Out))
      ++Out.Stats.FunctionsWithErrors;
  }
  for (const auto &[File, Edits] : EditsByFile) {
    if (Edits.empty())
      continue;
    RewrittenFile R;
    R.Path = SM.getFileEntryRefForID(File)->getName().str();
    R.OriginalText = SM.getBufferData(File).str();
    R.Edits = Edits;
    llvm::Expected<std::string> NewText =
        tooling::applyAllReplacements(R.OriginalText, Edits);
    if (!NewText) {
      llvm::consumeError(NewText.takeError());
      Out.Findings.push_back({FindingLevel::Error,
                              SM.getLocForStartOfFile(File),
                              "internal error: cannot apply the edits"});
      continue;
    }
    R.NewText = std::move(*NewText);
    Out.Files.push_back(std::move(R));
  }
  return Out;
}

} // namespace cxxdefer
