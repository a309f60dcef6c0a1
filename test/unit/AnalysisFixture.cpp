//===- AnalysisFixture.cpp - Analyse a snippet, keep the typed plan -------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "AnalysisFixture.h"
#include "Analyze.h"
#include "FindSites.h"
#include "cxxdefer/SystemCode.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringExtras.h"
#include "gtest/gtest.h"

using namespace clang;

namespace cxxdefer {
namespace test {

namespace {

/// The front ends' analysis parse: AnalysisConsumer, whose callback runs
/// while the AST lives.
class AnalysisAction : public ASTFrontendAction {
public:
  AnalysisAction(Analysis &Out, const RewriteOptions &Opts)
      : Out(Out), Opts(Opts) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef) override {
    return std::make_unique<AnalysisConsumer>(
        CI.getPreprocessor(),
        [this](ASTContext &Ctx, const MacroTokens *Tokens) {
          if (!Ctx.getDiagnostics().hasErrorOccurred())
            record(Ctx, Tokens);
        });
  }

private:
  Analysis &Out;
  const RewriteOptions &Opts;

  void record(ASTContext &Ctx, const MacroTokens *Tokens) {
    const SourceManager &SM = Ctx.getSourceManager();
    Out.Parsed = true;
    Out.Original = SM.getBufferData(SM.getMainFileID()).str();
    SystemCode System(SM);
    for (const DeferFunction &F : findSites(Ctx, Tokens, System).Functions)
      Out.Classes.push_back(classify(F, Opts));
    TranslationUnitPlan Plan = analyze(Ctx, Tokens, Opts);
    for (FilePlan &File : Plan.Files) {
      EXPECT_EQ(File.Original, Out.Original) << "one file: the snippet";
      for (FunctionPlan &F : File.Functions)
        Out.Functions.push_back(std::move(F));
    }
    for (const Finding &F : Plan.Findings) {
      SeenFinding Seen;
      Seen.Id = F.Id;
      if (F.Loc.isValid())
        Seen.Line = SM.getPresumedLoc(SM.getFileLoc(F.Loc)).getLine();
      Seen.Args = F.Args;
      Seen.Message = F.message();
      Out.Findings.push_back(std::move(Seen));
    }
  }
};

} // namespace

const SitePlan &Analysis::site(size_t I, size_t F) const {
  // A test that asks for a site the plan lacks has already failed; stop it
  // here rather than read out of bounds.
  if (F >= Functions.size() || I >= Functions[F].Sites.size()) {
    ADD_FAILURE() << "no site " << I << " of function " << F << " in the plan";
    static const SitePlan None;
    return None;
  }
  return Functions[F].Sites[I];
}

const OperandPlan &Analysis::operand(size_t I, size_t Site, size_t F) const {
  const CallPlan &Call = site(Site, F).Call;
  if (I >= Call.Operands.size()) {
    ADD_FAILURE() << "no operand " << I << " of site " << Site;
    static const OperandPlan None;
    return None;
  }
  return Call.Operands[I];
}

std::string Analysis::text(const Span &S) const {
  EXPECT_EQ(S.Begin.Text.Region, 0u) << "a span in a macro use";
  EXPECT_LE(S.Begin.Text.Offset, S.End.Text.Offset);
  EXPECT_LE(S.End.Text.Offset, Original.size());
  if (S.Begin.Text.Offset > S.End.Text.Offset ||
      S.End.Text.Offset > Original.size())
    return "";
  return Original.substr(S.Begin.Text.Offset,
                         S.End.Text.Offset - S.Begin.Text.Offset);
}

std::vector<SeenFinding> Analysis::findings(DiagId Id) const {
  std::vector<SeenFinding> Out;
  for (const SeenFinding &F : Findings)
    if (F.Id == Id)
      Out.push_back(F);
  return Out;
}

SeenFinding Analysis::only(DiagId Id) const {
  std::vector<SeenFinding> Found = findings(Id);
  if (Found.size() != 1) {
    std::string All;
    for (const SeenFinding &F : Findings)
      All += "\n  " + std::to_string(F.Line) + ": " + F.Message;
    ADD_FAILURE() << Found.size() << " findings of id " << unsigned(Id)
                  << "; all findings:" << All;
    return Found.empty() ? SeenFinding{Id, 0, {}, ""} : Found.front();
  }
  return Found.front();
}

std::string Analysis::reason(size_t I) const {
  size_t Seen = 0;
  for (const SeenFinding &F : Findings) {
    if (F.Id != DiagId::OpenCoded && F.Id != DiagId::StackAllocated &&
        F.Id != DiagId::HeapAllocated)
      continue;
    if (Seen++ == I)
      return F.Args.empty() ? "" : F.Args.front();
  }
  ADD_FAILURE() << "no class remark for defer statement " << I;
  return "";
}

Analysis analyse(const std::string &Code, std::vector<std::string> Args,
                 const RewriteOptions &Opts) {
  Analysis Out;
  Args.insert(Args.end(),
              {"-isystem", runtimeIncludeDir(),
               "-resource-dir=" CXXDEFER_CLANG_RESOURCE_DIR,
               std::string("-D") + AnalysisMacro, "-Wno-unused-value"});
  bool Ok = tooling::runToolOnCodeWithArgs(
      std::make_unique<AnalysisAction>(Out, Opts), Code, Args, "input.cpp");
  EXPECT_TRUE(Ok && Out.Parsed) << "the snippet does not compile";
  for (const SeenFinding &F : Out.Findings)
    EXPECT_NE(F.Id, DiagId::InternalError) << F.Line << ": " << F.Message;
  return Out;
}

std::string keyOf(const InstantiationPlan &Entry) {
  return llvm::join(Entry.KeyTypes, ", ");
}

} // namespace test
} // namespace cxxdefer
