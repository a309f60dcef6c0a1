//===- Session.h - What the plugin does to one compile ----------*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// One input of one compile, from the plugin's side: the decision whether
/// to rewrite, the pre-parse, installing the new texts and reporting the
/// findings.
///
/// 1. Before clang creates the preprocessor, the user include graph is
///    scanned for `__defer` and `__result` (UserFileScan.h). If only the
///    main file's code mentions them, or one user header (and perhaps the
///    main file's code), and the compile allows it, the compile itself
///    parses each such file's #include block and forks where its code
///    begins (ForkedParse.h). Otherwise the translation unit is pre-parsed
///    (PreParse.h) and the new texts are handed to the compile as remapped
///    files: every file can be replaced, the main file included, because
///    none has been read. A translation unit that mentions neither pays for
///    the scan.
/// 2. While clang reads, every user header it enters that the scan did not
///    read is searched too (an #include of a computed name). If one
///    mentions the extension, the pre-parse runs then, and the headers not
///    entered yet are replaced (on the fork path, the file it forks in too,
///    from where its lexer stands on). After a fork in a header, only what
///    follows that header's end is searched so: the child analysed the rest.
/// 3. At the end, the findings are reported on the user's text.
///
/// System headers are neither searched nor rewritten (glibc's <pthread.h>
/// has a member named `__defer`, and libstdc++ uses `__result` everywhere),
/// nor is the runtime header, wherever it is.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_PLUGIN_SESSION_H
#define CXXDEFER_PLUGIN_SESSION_H

#include "ForkedParse.h"
#include "PluginOptions.h"
#include "PreParse.h"
#include "WarningFlags.h"
#include "clang/Frontend/FrontendOptions.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <memory>
#include <string>
#include <vector>

namespace clang {
class ASTConsumer;
class CompilerInstance;
class Preprocessor;
} // namespace clang

namespace cxxdefer::plugin {

class Session : public std::enable_shared_from_this<Session> {
public:
  /// \p CI must have its FileManager.
  Session(clang::CompilerInstance &CI, const clang::FrontendInputFile &Input,
          const PluginOptions &Opts);

  /// Step 1: runs before \p CI creates its preprocessor.
  void beforePreprocessing();

  /// Step 2: \p CI's preprocessor exists and has not read a token.
  void startReading(clang::Preprocessor &PP);

  /// The compile is about to enter \p File, a header from a \p System
  /// include directory or not, for the first time.
  void headerIncluded(clang::FileEntryRef File, bool System);

  /// The compile's AST consumer, as the fork path needs it.
  std::unique_ptr<clang::ASTConsumer>
  wrapConsumer(std::unique_ptr<clang::ASTConsumer> Live);

  /// The parse has ended. In the fork path's child, this does not return.
  void afterParse();

  /// Step 3: reports the findings, once the whole input has been read.
  void finish();

private:
  /// When the analysis ran, for installing and logging its result.
  enum class When { BeforeReading, WhileReading, AtFork };

  bool startFork(clang::FileEntryRef Main, const UserFileScan &Scan);
  void rewrite(llvm::StringRef Trigger, bool BeforePreprocessing);
  void install(PreParseResult Result, llvm::StringRef Trigger, When W);
  bool installWhileReading(llvm::ArrayRef<NewFileText> Files);
  void logPreParse(llvm::StringRef Trigger, When W,
                   const PreParseResult &Result) const;

  clang::CompilerInstance &CI;
  clang::FrontendInputFile Input;
  PluginOptions Opts;
  WarningPolicy Warnings;

  bool Rewritten = false;
  /// An analysis of the whole translation unit has run or will run (not
  /// only that of a header site, ForkedParse.h).
  bool WholeUnitAnalysed = false;
  /// The fork path, when it applies (ForkedParse.h).
  std::unique_ptr<ForkedParse> Fork;
  std::string ForkTrigger;
  bool Finished = false;
  /// Files already searched, by the scan or by the include watcher.
  llvm::SmallPtrSet<const clang::FileEntry *, 32> Searched;
  unsigned Unresolved = 0;
  double SearchSeconds = 0;
  std::vector<NewFileText> Installed;
  std::vector<PlacedFinding> Findings;
  /// The analysis's errors, when it found some (PreParseResult::ErrorText).
  std::string AnalysisErrors;
};

} // namespace cxxdefer::plugin

#endif // CXXDEFER_PLUGIN_SESSION_H
