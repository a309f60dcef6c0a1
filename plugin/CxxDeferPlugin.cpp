//===- CxxDeferPlugin.cpp - The cxxdefer clang plugin ---------------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// `clang++-19 -fplugin=CxxDefer.so` compiles code that uses `__defer(call);`
/// and `__result`. The plugin rewrites the translation unit into plain C++
/// before clang reads it and then gets out of the way: the compile itself,
/// whatever the driver asked for (an executable, an object, assembly, IR,
/// -fsyntax-only, preprocessed output), is clang's own.
///
/// How, and why this way:
///
/// 1. It is a ReplaceAction plugin: -fplugin= alone makes clang run this
///    action instead of its own, for every cc1 job that loads the plugin,
///    -E included (an AST plugin never runs for -E, which is what ccache,
///    distcc, icecream and -save-temps use). The action immediately
///    recreates the action clang was asked for (RealAction.h) and forwards
///    every hook to it, so clang's CompilerInstance drives the real action
///    as usual. The plugin only adds work at two hooks: BeginInvocation,
///    where no preprocessor exists yet, and the end of the input.
/// 2. In BeginInvocation the plugin decides, from a textual scan of the
///    user's include graph, whether the translation unit uses the
///    extension, and if so pre-parses it as written and hands the rewritten
///    texts to the compile as remapped files (Session.h). The compile then
///    reads only the new texts: -E prints rewritten, ordinary C++ that any
///    clang compiles, with or without the plugin. When only the main file's
///    code uses the extension, the compile instead parses the #include
///    block itself and forks where the code begins (ForkedParse.h): the
///    child analyses, the parent reads the new text from there on.
/// 3. The rewrite needs Sema (types, scopes, every exit of every function),
///    so the pre-parse is a real parse, with the runtime header's parse-only
///    meaning of `__defer` (PreParse.h). A translation unit whose user files
///    mention neither `__defer` nor `__result` pays for the scan only.
/// 4. `#include <cxxdefer.h>` needs no -I: the header's directory is added
///    to the header search options, last and as a system directory (like
///    -idirafter), before the preprocessor is built from them.
/// 5. The driver runs the cc1 of every input in one process, each with a
///    fresh instance of this plugin. A ReplaceAction plugin is never
///    instantiated inside other compiles (the pre-parse, module builds),
///    which only add AddBefore/AfterMain plugins.
/// 6. Nothing is rewritten in C, in inputs that are not source (IR, AST
///    files, module maps) or when clang compiles a module or header unit;
///    those are forwarded untouched.
///
/// Options, each as -fplugin-arg-cxxdefer-NAME[=VALUE] (PluginOptions.h):
/// the core's (rewriter/include/cxxdefer/Options.def), and
///   remarks                     show the core's remarks (as -Rpass=defer does)
///   verbose                     log decisions and timings to stderr
///   instantiate-all             let the pre-parse instantiate every template
///                               (AnalysedInstantiations.h), to compare
///   no-fork                     always analyse in a nested pre-parse
///                               (ForkedParse.h), to compare
/// The core's warnings obey -Wcxxdefer-NAME and friends (WarningFlags.h).
///
//===----------------------------------------------------------------------===//

#include "LiveCompile.h"
#include "PluginOptions.h"
#include "RealAction.h"
#include "Session.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/HeaderSearchOptions.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;
using namespace cxxdefer;
using namespace cxxdefer::plugin;

namespace {

constexpr llvm::StringLiteral PluginName = "cxxdefer";

/// Reports the Session's findings at the end of the translation unit,
/// before the real consumer (code generation) sees it.
class FindingReporter : public ASTConsumer {
public:
  explicit FindingReporter(std::shared_ptr<Session> S) : S(std::move(S)) {}

  void HandleTranslationUnit(ASTContext &) override { S->finish(); }

private:
  std::shared_ptr<Session> S;
};

/// The plugin: clang's own action, plus the rewrite.
class CxxDeferAction : public PluginASTAction {
public:
  ActionType getActionType() override { return ReplaceAction; }

  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    // An error stops the compile: clang reports that it could not create
    // the action, and the errors above say why.
    return parsePluginOptions(Args, Opts, CI.getDiagnostics());
  }

  // The queries clang makes of its action, answered by the real one. Those
  // asked before PrepareToExecuteAction only matter for AST-file inputs.
  bool usesPreprocessorOnly() const override {
    return Real && Real->action().usesPreprocessorOnly();
  }
  TranslationUnitKind getTranslationUnitKind() override {
    return Real ? Real->action().getTranslationUnitKind() : TU_Complete;
  }
  bool isModelParsingAction() const override {
    return Real && Real->action().isModelParsingAction();
  }
  bool hasPCHSupport() const override {
    return !Real || Real->action().hasPCHSupport();
  }
  bool hasASTFileSupport() const override {
    return !Real || Real->action().hasASTFileSupport();
  }
  bool hasIRSupport() const override {
    return Real && Real->action().hasIRSupport();
  }
  bool hasCodeCompletionSupport() const override {
    return Real && Real->action().hasCodeCompletionSupport();
  }

protected:
  bool PrepareToExecuteAction(CompilerInstance &CI) override;
  bool BeginInvocation(CompilerInstance &CI) override;
  bool BeginSourceFileAction(CompilerInstance &CI) override;
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef InFile) override;
  void ExecuteAction() override;
  void EndSourceFileAction() override;
  bool shouldEraseOutputFiles() override { return Real->eraseOutputFiles(); }

private:
  PluginOptions Opts;
  std::unique_ptr<RealAction> Real;
  /// The current input's, when it is C++ source that may be rewritten.
  std::shared_ptr<Session> S;

  void startSession(CompilerInstance &CI);
};

} // namespace

/// Makes `#include <cxxdefer.h>` work without -I: \p Dir is searched after
/// every other directory, as a system directory, in every compile made from
/// these options (the live one and the pre-parse).
static void addRuntimeIncludeDir(HeaderSearchOptions &HSOpts, StringRef Dir) {
  bool Present = llvm::any_of(HSOpts.UserEntries, [&](const auto &Entry) {
    return Entry.Path == Dir && Entry.Group == frontend::After;
  });
  if (!Present)
    HSOpts.AddPath(Dir, frontend::After, /*IsFramework=*/false,
                   /*IgnoreSysRoot=*/true);
}

bool CxxDeferAction::PrepareToExecuteAction(CompilerInstance &CI) {
  std::string Error;
  Real = createRealAction(CI, PluginName, Error);
  if (!Real) {
    reportPluginError(CI.getDiagnostics(), Error);
    return false;
  }
  return Real->prepareToExecuteAction(CI);
}

bool CxxDeferAction::BeginInvocation(CompilerInstance &CI) {
  S.reset();
  if (!Real->beginInvocation(CI))
    return false;
  if (CI.getLangOpts().CPlusPlus)
    startSession(CI);
  return true;
}

void CxxDeferAction::startSession(CompilerInstance &CI) {
  std::string RuntimeIncludeDir = runtimeIncludeDir();
  addRuntimeIncludeDir(CI.getHeaderSearchOpts(), RuntimeIncludeDir);

  const FrontendInputFile &Input = getCurrentInput();
  InputKind Kind = Input.getKind();
  if (!Input.isFile() || Kind.getFormat() != InputKind::Source ||
      Kind.isHeaderUnit() || CI.getLangOpts().isCompilingModule()) {
    if (Opts.Verbose)
      llvm::errs() << "cxxdefer: " << getCurrentFileOrBufferName()
                   << ": not compiling C++ source text; nothing to do\n";
    return;
  }
  // Created here rather than in BeginSourceFile, which would create it just
  // the same: the scan and the pre-parse read files through it.
  if (!CI.hasFileManager() && !CI.createFileManager())
    return;
  S = std::make_shared<Session>(CI, Input, Opts);
  S->beforePreprocessing();
}

bool CxxDeferAction::BeginSourceFileAction(CompilerInstance &CI) {
  Real->setCurrentInput(getCurrentInput());
  bool Ok = Real->beginSourceFileAction(CI);
  // The real action may have changed its input (module builds do); an AST
  // file's input also owns the AST, which must stay here.
  if (!isCurrentFileAST())
    setCurrentInput(Real->getCurrentInput());
  if (Ok && S && CI.hasPreprocessor())
    S->startReading(CI.getPreprocessor());
  return Ok;
}

std::unique_ptr<ASTConsumer>
CxxDeferAction::CreateASTConsumer(CompilerInstance &CI, StringRef InFile) {
  std::unique_ptr<ASTConsumer> Consumer = Real->createASTConsumer(CI, InFile);
  if (!Consumer || !S)
    return Consumer;
  std::vector<std::unique_ptr<ASTConsumer>> Both;
  Both.push_back(std::make_unique<FindingReporter>(S));
  Both.push_back(std::move(Consumer));
  return S->wrapConsumer(std::make_unique<MultiplexConsumer>(std::move(Both)));
}

void CxxDeferAction::ExecuteAction() {
  Real->executeAction();
  if (S)
    S->afterParse();
  // A preprocessor-only action (-E) has no AST consumer to report at the
  // end of the translation unit; the input has been read now, and the
  // diagnostic client still has its source file.
  if (S && usesPreprocessorOnly())
    S->finish();
}

void CxxDeferAction::EndSourceFileAction() {
  Real->endSourceFileAction();
  S.reset();
}

static FrontendPluginRegistry::Add<CxxDeferAction>
    Registration(PluginName, "Go's defer for C++: rewrites __defer "
                             "statements before the compile");
