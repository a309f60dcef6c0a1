//===- Analyze.cpp - From the AST to the plan of every file ---------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "Analyze.h"
#include "Classify.h"
#include "Explain.h"
#include "FindSites.h"
#include "Instantiations.h"
#include "PlanCall.h"
#include "PlanInvariants.h"
#include "PlanResult.h"
#include "Reach.h"
#include "SourceText.h"
#include "ThreadSafety.h"
#include "TypedSlot.h"
#include "cxxdefer/SystemCode.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include <cassert>
#include <map>
#include <set>

using namespace clang;

namespace cxxdefer {

namespace {

/// Whether a variable can be declared right after \p Site's statement, in
/// scope to the end of the body (the scoped capability of
/// cxxdefer/thread_safety.h). Not after a defer statement nested in a
/// block, an `if` or a `switch` (the variable would end with that block,
/// or fall out of it, or be jumped over by a later `case`), nor where a
/// goto jumps forward over it (C++ forbids jumping past an initialised
/// variable into its scope). Without it the analysis warns as it would
/// without cxxdefer; the code stays right.
static bool canDeclareAfter(const DeferSite &Site, const DeferFunction &F) {
  if (!Site.TopLevel)
    return false;
  for (auto [GotoIndex, LabelIndex] : F.Jumps)
    if (GotoIndex < Site.TopLevelIndex && Site.TopLevelIndex < LabelIndex)
      return false;
  return true;
}

/// Turns one DeferFunction into a FunctionPlan (positions unplaced).
class FunctionAnalysis {
public:
  FunctionAnalysis(const DeferFunction &F, ASTContext &Ctx,
                   const RewriteOptions &Opts,
                   const InstantiationIndex &Instances,
                   const SystemCode &System, std::vector<Finding> &Findings,
                   RewriteStats &Stats)
      : F(F), Ctx(Ctx), SM(Ctx.getSourceManager()), Opts(Opts),
        Instances(Instances), System(System), Findings(Findings), Stats(Stats) {
  }

  /// \returns false if any stage reported an error.
  bool run(FunctionPlan &Plan);

  /// Spans a plan needs placed that are not in FunctionPlan itself: the
  /// `__defer(...)` invocations, by site.
  std::vector<Span> Invocations;

private:
  const DeferFunction &F;
  ASTContext &Ctx;
  const SourceManager &SM;
  const RewriteOptions &Opts;
  const InstantiationIndex &Instances;
  const SystemCode &System;
  std::vector<Finding> &Findings;
  RewriteStats &Stats;

  /// A name for a generated local, from where its statement is used in the
  /// file; unique in the function (one macro use can hold several).
  std::string nameAt(llvm::StringRef Prefix, SourceLocation Loc) {
    SourceLocation File = SM.getFileLoc(Loc);
    std::string Name = (Prefix + llvm::Twine(SM.getSpellingLineNumber(File)) +
                        "_" + llvm::Twine(SM.getSpellingColumnNumber(File)))
                           .str();
    std::string Unique = Name;
    for (unsigned N = 2; !Names.insert(Unique).second; ++N)
      Unique = Name + "_" + std::to_string(N);
    return Unique;
  }
  std::set<std::string> Names;
  void remark(const DeferSite &Site, const Classification &C);
  void noteMacro(const DeferSite &Site, size_t FirstError);
};

/// After the errors of \p Site from \p FirstError on: when the defer
/// statement comes from a user macro, a note at the macro's definition
/// (the error itself is at the use, where the user can act).
void FunctionAnalysis::noteMacro(const DeferSite &Site, size_t FirstError) {
  SourceLocation Loc = Site.InvocationBegin;
  while (Loc.isMacroID() && SM.isMacroArgExpansion(Loc))
    Loc = SM.getImmediateSpellingLoc(Loc);
  if (!Loc.isMacroID() || FirstError == Findings.size())
    return;
  SourceLocation Use = SM.getExpansionRange(Loc).getBegin();
  bool Invalid = false;
  llvm::SmallString<32> Buffer;
  StringRef Name = Lexer::getSpelling(SM.getSpellingLoc(Use), Buffer, SM,
                                      Ctx.getLangOpts(), &Invalid);
  if (Invalid)
    return;
  Findings.push_back({DiagId::FromMacro, SM.getSpellingLoc(Loc), {Name.str()}});
}

void FunctionAnalysis::remark(const DeferSite &Site, const Classification &C) {
  SourceLocation Loc = SM.getFileLoc(Site.Marker->getBeginLoc());
  Finding R{C.Class == Tier::OpenCoded        ? DiagId::OpenCoded
            : C.Class == Tier::StackAllocated ? DiagId::StackAllocated
                                              : DiagId::HeapAllocated,
            Loc,
            {C.Reason}};
  R.Class = C.Class;
  Findings.push_back(R);
  if (Opts.WarnDeferInLoop && Site.InLoop)
    Findings.push_back({DiagId::DeferInLoop, Loc, {}});
}

bool FunctionAnalysis::run(FunctionPlan &Plan) {
  bool Ok = true;
  for (const Finding &Error : F.Errors) {
    Findings.push_back(Error);
    Ok = false;
  }
  FunctionClassification Classes = classify(F, Opts);
  assert(Classes.Sites.size() == F.Sites.size() && "one class per site");
  Plan.Cxx17 = Ctx.getLangOpts().CPlusPlus17;
  Plan.Exceptions = Ctx.getLangOpts().CXXExceptions;

  bool AnyCanRecover = false;
  for (size_t I = 0; I < F.Sites.size(); ++I) {
    const DeferSite &Site = F.Sites[I];
    const Classification &C = Classes.Sites[I];
    countDefer(Stats, C.Class);
    remark(Site, C);

    SitePlan S;
    S.Err = Site.Err;
    S.Class = C.Class;
    S.Where = C.Where;
    S.SlotIndex = C.SlotIndex;
    S.Bit = C.Bit;
    S.Frame = C.Frame;
    S.Statement = Span::of(Site.ExpansionBegin, Site.ExpansionEnd);
    S.AfterSemicolon = Pos::after(Site.Semicolon);
    S.Name = nameAt("cxxdefer_d", Site.Marker->getBeginLoc());
    Invocations.push_back(Span::of(Site.InvocationBegin, Site.InvocationEnd));
    size_t FindingsBefore = Findings.size();
    std::vector<const Expr *> OperandExprs;
    bool Planned = planCall(Site, F, Ctx, S.Call, Findings, &OperandExprs);
    if (Planned && Opts.Explain)
      Findings.push_back({DiagId::Explain,
                          SM.getFileLoc(Site.Marker->getBeginLoc()),
                          {explainCall(S.Call, OperandExprs, F, Ctx)}});
    if (!Planned ||
        (S.Call.PerInstantiation &&
         !planInstantiations(Site, F, Instances, Ctx, S.Call, Findings))) {
      Ok = false;
      noteMacro(Site, FindingsBefore);
    }
    if (S.Where == Storage::HoistedSlot) {
      S.Store = nameAt("cxxdefer_s", Site.Marker->getBeginLoc());
      std::optional<std::vector<KeptType>> Types;
      if (Planned)
        Types = typedSlotCall(Site, F, C.SlotIndex, S.Call, OperandExprs, Ctx);
      if (Types) {
        S.Caller = nameAt("cxxdefer_c", Site.Marker->getBeginLoc());
        S.KeptTypes = std::move(*Types);
      }
    }
    planThreadSafety(Site.Call, Ctx, S.Call, S.Held);
    if (!canDeclareAfter(Site, F))
      S.Held.clear();
    for (HeldCapability &H : S.Held)
      H.Name = nameAt("cxxdefer_held", Site.Marker->getBeginLoc());
    CallFacts Facts = deferredCallFacts(Site.Call, Ctx, System);
    if (!Plan.Exceptions)
      S.OnException = Exit::Guard;
    else if (Facts.CanRecover)
      S.OnException = Exit::Recovering;
    else if (Facts.CanThrow || Site.Err)
      S.OnException = Exit::Handled;
    else
      S.OnException = Exit::Guard;
    AnyCanRecover |= S.OnException == Exit::Recovering;
    Plan.Sites.push_back(std::move(S));
  }

  if (!planResult(F, AnyCanRecover, Ctx, Plan.Result, Findings))
    Ok = false;
  if (Plan.Result.Strategy == ResultStrategy::ValueInitialisedAfterRecovery ||
      (Plan.Result.ReturnInHandler && !Plan.Result.ReturnsNothing &&
       Plan.Result.CanRecover != ResultPlan::No))
    Findings.push_back({DiagId::ResultNotKeptAfterRecovery,
                        SM.getFileLoc(F.Function->getLocation()),
                        {Plan.Result.Type}});

  // Positions.
  for (SourceLocation Keyword : F.ConstexprKeywords)
    Plan.ConstexprKeywords.push_back(Span::of(Keyword, Keyword));
  Plan.StaysConstexpr = F.StaysConstexpr;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(F.Function))
    Plan.IsLambda = Method->getParent()->isLambda();
  Plan.BodyBegin = Pos::after(F.Body->getLBracLoc());
  Plan.BodyEnd = Pos::before(F.Body->getRBracLoc());
  for (const Stmt *S : F.Body->body())
    Plan.TopLevel.push_back(Pos::before(S->getBeginLoc()));
  if (Classes.UsesBits)
    Plan.BitsName = nameAt("cxxdefer_bits_", F.Body->getLBracLoc());
  for (unsigned I = 0; I < Classes.FrameSlotIndex.size(); ++I) {
    FramePlan Frame;
    Frame.SlotIndex = Classes.FrameSlotIndex[I];
    Frame.OnException = Exit::Guard;
    for (const SitePlan &S : Plan.Sites)
      if (S.Frame == I && S.Class != Tier::OpenCoded)
        Frame.OnException = std::max(Frame.OnException, S.OnException);
    // The frame is named after its first defer statement.
    for (size_t J = 0; J < F.Sites.size(); ++J)
      if (Plan.Sites[J].Frame == I) {
        Frame.Name = nameAt("cxxdefer_frame", F.Sites[J].Marker->getBeginLoc());
        break;
      }
    assert(!Frame.Name.empty() && "a frame holds a defer statement");
    Plan.Frames.push_back(Frame);
  }
  assert(Invocations.size() == Plan.Sites.size() && "one invocation per site");
  planReturnTracking(F, Ctx, Plan);
  // The return (or co_return) statements the result's strategy rewrites.
  auto planReturn = [&](const Stmt *S, SourceLocation Keyword,
                        SourceLocation Semicolon, const Expr *Value) {
    if (Semicolon.isInvalid()) {
      Findings.push_back({DiagId::InternalError,
                          SM.getFileLoc(Keyword),
                          {"a return statement without its ';'"}});
      return false;
    }
    ReturnPlan R;
    R.Keyword = Span::of(Keyword, Keyword);
    R.Semicolon = Span::of(Semicolon, Semicolon);
    R.HasValue = Value != nullptr;
    R.ReturnsResult = Value && asWrittenResult(Value);
    R.Last = !F.Body->body_empty() && S == F.Body->body_back();
    Plan.Result.Returns.push_back(R);
    return true;
  };
  if (Plan.Result.Strategy == ResultStrategy::CoReturnAfterDefers)
    for (const CoReturnSite &C : F.CoReturns)
      if (!planReturn(C.CoReturn, C.CoReturn->getKeywordLoc(), C.Semicolon,
                      C.CoReturn->getOperand()))
        return false;
  if (Plan.Result.Strategy == ResultStrategy::Named) {
    for (const ReturnSite &Return : F.Returns)
      if (!planReturn(Return.Return, Return.Return->getReturnLoc(),
                      Return.Semicolon, Return.Return->getRetValue()))
        return false;
    for (const DeclRefExpr *Ref : F.ResultRefs) {
      // `return __result;` is rewritten whole.
      bool InReturn = llvm::any_of(F.Returns, [&](const ReturnSite &Return) {
        const Expr *Value = Return.Return->getRetValue();
        return Value && asWrittenResult(Value) == Ref;
      });
      if (!InReturn)
        Plan.Result.References.push_back(
            Span::of(Ref->getLocation(), Ref->getLocation()));
    }
  }
  return Ok;
}

/// Every position of \p Plan, for placement.
template <class Fn> void forEachPosition(FunctionPlan &Plan, Fn &&Visit) {
  Visit(Plan.BodyBegin);
  Visit(Plan.BodyEnd);
  for (Pos &P : Plan.TopLevel)
    Visit(P);
  for (SitePlan &Site : Plan.Sites) {
    Visit(Site.AfterSemicolon);
    for (OperandPlan &Op : Site.Call.Operands) {
      if (Op.isDefaultArgument())
        continue;
      if (Op.How == Keep::InitializerList) {
        for (OperandPlan &Elem : Op.Elements) {
          Visit(Elem.Text.Begin);
          Visit(Elem.Text.End);
        }
        continue;
      }
      Visit(Op.Text.Begin);
      Visit(Op.Text.End);
    }
    if (Site.Call.CalleeText.Begin.Token.isValid()) {
      Visit(Site.Call.CalleeText.Begin);
      Visit(Site.Call.CalleeText.End);
    }
    for (HeldCapability &H : Site.Held)
      if (H.Text.Begin.Token.isValid()) {
        Visit(H.Text.Begin);
        Visit(H.Text.End);
      }
  }
  for (ReturnPlan &R : Plan.Result.Returns) {
    Visit(R.Keyword.Begin);
    Visit(R.Keyword.End);
    Visit(R.Semicolon.Begin);
    Visit(R.Semicolon.End);
    if (R.Value.Begin.Token.isValid()) {
      Visit(R.Value.Begin);
      Visit(R.Value.End);
    }
  }
  for (Span &Ref : Plan.Result.References) {
    Visit(Ref.Begin);
    Visit(Ref.End);
  }
  for (Span &Keyword : Plan.ConstexprKeywords) {
    Visit(Keyword.Begin);
    Visit(Keyword.End);
  }
}

/// One function on its way from analysis to its file's plan.
struct Analysed {
  FunctionPlan Plan;
  std::vector<Span> Invocations;
  FileID File;
  SourceLocation FirstSite;
};

} // namespace

TranslationUnitPlan analyze(ASTContext &Ctx, const MacroTokens *Tokens,
                            const RewriteOptions &Opts) {
  TranslationUnitPlan Out;
  const SourceManager &SM = Ctx.getSourceManager();
  SystemCode System(SM);
  SiteSearch Search = findSites(Ctx, Tokens, System);
  Out.Findings = std::move(Search.Findings);
  if (!Search.Functions.empty() && !Ctx.getLangOpts().CPlusPlus14) {
    Out.Findings.push_back(
        {DiagId::DeferNeedsCxx14,
         SM.getFileLoc(
             Search.Functions.front().Sites.front().Marker->getBeginLoc()),
         {"__defer"}});
    return Out;
  }

  std::vector<const FunctionDecl *> Patterns;
  for (const DeferFunction &F : Search.Functions)
    Patterns.push_back(F.Function);
  InstantiationIndex Instances(Ctx, Patterns, System);

  std::vector<Analysed> Functions;
  for (const DeferFunction &F : Search.Functions) {
    ++Out.Stats.Functions;
    Analysed A;
    FunctionAnalysis Analysis(F, Ctx, Opts, Instances, System, Out.Findings,
                              Out.Stats);
    if (!Analysis.run(A.Plan)) {
      ++Out.Stats.FunctionsWithErrors;
      continue;
    }
    A.Invocations = std::move(Analysis.Invocations);
    A.File = SM.getFileID(SM.getExpansionLoc(F.Body->getLBracLoc()));
    A.FirstSite = SM.getFileLoc(F.Sites.front().Marker->getBeginLoc());
    Functions.push_back(std::move(A));
  }

  // Placement, phase 1: decide which macro uses become regions.
  Placement Placer(SM, Ctx.getLangOpts(), Tokens);
  std::vector<bool> Placeable(Functions.size(), true);
  for (size_t I = 0; I < Functions.size(); ++I) {
    Analysed &A = Functions[I];
    bool Ok = true;
    forEachPosition(A.Plan, [&](Pos &P) { Ok &= Placer.need(P); });
    for (size_t S = 0; S < A.Invocations.size(); ++S) {
      // The statement is placed through its invocation in the file, or
      // through its expansion's tokens inside a region.
      if (!Placer.need(A.Invocations[S]))
        Ok &= Placer.need(A.Plan.Sites[S].Statement);
    }
    if (!Ok) {
      Out.Findings.push_back(
          {DiagId::RegionNotPrintable,
           A.FirstSite,
           {Placer.macroNameAt(A.Plan.Sites.front().Statement.Begin.Token),
            "tokens cxxdefer did not record"}});
      Placeable[I] = false;
    }
  }

  // Phase 2: positions, and the texts the printer copies.
  struct FileFunctions {
    FilePlan Plan;
    /// Where each function's findings go.
    std::vector<SourceLocation> FirstSites;
  };
  std::map<FileID, FileFunctions> Files;
  for (size_t I = 0; I < Functions.size(); ++I) {
    Analysed &A = Functions[I];
    bool Ok = Placeable[I];
    if (Ok)
      forEachPosition(A.Plan, [&](Pos &P) { Ok &= Placer.place(P); });
    for (size_t S = 0; Ok && S < A.Plan.Sites.size(); ++S) {
      SitePlan &Site = A.Plan.Sites[S];
      // In a region, the statement is its expansion's tokens; in the file,
      // the `__defer(...)` invocation.
      if (!Placer.inRegion(Site.Statement.Begin.Token))
        Site.Statement = A.Invocations[S];
      Ok &= Placer.place(Site.Statement);
      if (Ok && Site.Call.CalleeText.Begin.Token.isValid())
        Site.Call.Callee = Placer.textOf(Site.Call.CalleeText, A.File);
      // Text spelled again elsewhere must not carry a line break (the
      // rewrite keeps every line where it was).
      auto oneLine = [](const std::string &T) {
        return T.find('\n') == std::string::npos;
      };
      for (OperandPlan &Op : Site.Call.Operands)
        if (Ok && Op.How == Keep::Spelled) {
          Op.Spelling = Placer.textOf(Op.Text, A.File);
          if (!oneLine(Op.Spelling))
            Op.How = Keep::Value;
        }
      for (HeldCapability &H : Site.Held)
        if (Ok && H.Text.Begin.Token.isValid())
          H.Spelling = Placer.textOf(H.Text, A.File);
      llvm::erase_if(Site.Held, [&](const HeldCapability &H) {
        return !oneLine(H.Spelling);
      });
    }
    if (!Ok) {
      if (Placeable[I])
        Out.Findings.push_back({DiagId::InternalError,
                                A.FirstSite,
                                {"a position could not be placed"}});
      ++Out.Stats.FunctionsWithErrors;
      continue;
    }
    FileFunctions &File = Files[A.File];
    File.Plan.Functions.push_back(std::move(A.Plan));
    File.FirstSites.push_back(A.FirstSite);
  }
  for (auto &[FID, File] : Files) {
    FilePlan &Plan = File.Plan;
    Plan.Path = SM.getFileEntryRefForID(FID)->getName().str();
    Plan.Original = SM.getBufferData(FID).str();
    Plan.Regions = Placer.regions(FID);
    // What the printer assumes, checked in every build: a broken plan is
    // an error at the function, never text that means something else.
    std::vector<FunctionPlan> Sound;
    for (size_t I = 0; I < Plan.Functions.size(); ++I) {
      std::string Broken = brokenInvariant(Plan.Functions[I], Plan);
      assert(Broken.empty() && "analysis made a plan the printer cannot print");
      if (Broken.empty()) {
        Sound.push_back(std::move(Plan.Functions[I]));
        continue;
      }
      Out.Findings.push_back(
          {DiagId::InternalError, File.FirstSites[I], {Broken}});
      ++Out.Stats.FunctionsWithErrors;
    }
    Plan.Functions = std::move(Sound);
    if (!Plan.Functions.empty())
      Out.Files.push_back(std::move(Plan));
  }
  return Out;
}

} // namespace cxxdefer
