//===- PreprocessFirst.cpp - Parse only what mentions the extension ------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "PreprocessFirst.h"
#include "cxxdefer/Mentions.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace cxxdefer {

namespace {

/// Asks needsRewriter() of every file the preprocessor enters, once per
/// file, until one says yes: then \p Needed is set.
class MentionWatcher : public PPCallbacks {
public:
  MentionWatcher(const SourceManager &SM, bool &Needed)
      : SM(SM), Needed(Needed) {}

  void FileChanged(SourceLocation Loc, FileChangeReason Reason,
                   SrcMgr::CharacteristicKind Kind, FileID) override {
    if (Needed || Reason != EnterFile)
      return;
    FileID Entered = SM.getFileID(Loc);
    OptionalFileEntryRef File = SM.getFileEntryRefForID(Entered);
    // The predefines buffer (macros from the command line) has no file.
    if (File && !Seen.insert(&File->getFileEntry()).second)
      return;
    std::optional<llvm::MemoryBufferRef> Text = SM.getBufferOrNone(Entered);
    Needed = Text && needsRewriter(File ? File->getName() : "",
                                   Text->getBuffer(), SrcMgr::isSystem(Kind));
  }

private:
  const SourceManager &SM;
  bool &Needed;
  llvm::DenseSet<const FileEntry *> Seen;
};

class WatchingPreprocessAction : public PreprocessorFrontendAction {
public:
  explicit WatchingPreprocessAction(
      llvm::function_ref<void(SourceManager &)> Unneeded)
      : Unneeded(Unneeded) {}

  /// Some file needs the rewriter, or the pass could not tell.
  bool NeedsParse = false;

private:
  llvm::function_ref<void(SourceManager &)> Unneeded;

  void ExecuteAction() override {
    CompilerInstance &CI = getCompilerInstance();
    Preprocessor &PP = CI.getPreprocessor();
    PP.IgnorePragmas();
    PP.addPPCallbacks(
        std::make_unique<MentionWatcher>(CI.getSourceManager(), NeedsParse));
    PP.EnterMainSourceFile();
    Token Tok;
    do
      PP.Lex(Tok);
    while (Tok.isNot(tok::eof) && !NeedsParse);
    // An error means the answer is not known. The SourceManager goes with
    // the action's end, so Unneeded reads it now.
    if (!NeedsParse && CI.getDiagnostics().hasErrorOccurred())
      NeedsParse = true;
    if (!NeedsParse)
      Unneeded(CI.getSourceManager());
  }
};

} // namespace

bool needsParse(const CompilerInvocation &Invocation, FileManager &Files,
                std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                llvm::function_ref<void(SourceManager &)> Unneeded) {
  // Text from a module or a precompiled header is never entered as a file.
  if (Invocation.getLangOpts().Modules ||
      !Invocation.getPreprocessorOpts().ImplicitPCHInclude.empty())
    return true;
  IgnoringDiagConsumer Quiet;
  CompilerInstance Compiler(std::move(PCHContainerOps));
  Compiler.setInvocation(std::make_shared<CompilerInvocation>(Invocation));
  Compiler.setFileManager(&Files);
  Compiler.setVerboseOutputStream(llvm::nulls());
  Compiler.createDiagnostics(&Quiet, /*ShouldOwnClient=*/false);
  if (!Compiler.hasDiagnostics())
    return true;
  Compiler.createSourceManager(Files);
  WatchingPreprocessAction Action(Unneeded);
  if (!Compiler.ExecuteAction(Action))
    return true;
  return Action.NeedsParse;
}

} // namespace cxxdefer
