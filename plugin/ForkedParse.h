//===- ForkedParse.h - Parse the #include block once, then fork -*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The plugin's fast path: the live compile parses the main file's #include
/// block (its preamble) itself, once, and forks where the main file's code
/// begins. The child goes on parsing the original text, analyses it and
/// sends the new text back through a pipe; the parent writes the new text
/// into the main file's buffer, from where its lexer stands on, and goes
/// on parsing that. The headers, most of a compile, are parsed once instead
/// of twice (ForkedParse.cpp says why each step is safe).
///
/// It applies when only the main file mentions the extension, nothing
/// before the end of its #include block does, the compile generates code or
/// checks syntax, and the plugin can see the whole include graph; otherwise
/// the nested pre-parse (PreParse.h) runs as before.
///
/// The same applies to one user header that is the only file to mention
/// the extension (a header of the project's that most files include): the
/// compile forks where the header's code begins, after its own #include
/// lines, and the child stops reading at the end of that header. Its
/// analysis then sees the header and what came before it, not the rest of
/// the translation unit; where that could change the rewrite (a template
/// that defers, an error, a header without an include guard), it says so,
/// and the parent runs the nested pre-parse instead.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_PLUGIN_FORKEDPARSE_H
#define CXXDEFER_PLUGIN_FORKEDPARSE_H

#include "PreParse.h"
#include "UserFileScan.h"
#include "clang/Basic/FileEntry.h"
#include "clang/Basic/SourceLocation.h"
#include "clang/Frontend/FrontendOptions.h"
#include "llvm/ADT/StringRef.h"
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace clang {
class ASTConsumer;
class CompilerInstance;
class Preprocessor;
class Token;
} // namespace clang

namespace cxxdefer::plugin {

/// Why the fork path cannot take \p Input of \p CI at \p SiteText, the
/// text of the main file or of Scan.OnlyMentioningHeader (the file where
/// it forks) that the \p Scan read; empty when it can. Then
/// \p IncludeBlockEnd is the offset where that file's code begins.
std::string whyNotFork(const clang::CompilerInstance &CI,
                       const clang::FrontendInputFile &Input,
                       const UserFileScan &Scan, llvm::StringRef SiteText,
                       unsigned &IncludeBlockEnd);

class SwitchConsumer;

class ForkedParse {
public:
  /// Called in the compile (the parent) once the fork point has passed:
  /// with the child's result, or with a failure or SourceHasErrors result
  /// when the fork could not be made.
  using ResultHandler = std::function<void(PreParseResult &&)>;

  /// Forks in \p Site, the main file if \p SiteIsMain, else a header that
  /// the compile has not entered yet, whose text is \p SiteText.
  ForkedParse(clang::CompilerInstance &CI, clang::FileEntryRef Site,
              bool SiteIsMain, llvm::StringRef SiteText,
              unsigned IncludeBlockEnd, const RewriteOptions &Opts,
              bool LimitInstantiations, ResultHandler OnResult);
  ~ForkedParse();

  /// Before the preprocessor exists: the site becomes a buffer of the
  /// plugin's, with room for the new text, and the compile parses in the
  /// analysis meaning of <cxxdefer.h>.
  void beforePreprocessing();

  /// \p PP exists and has not lexed a token: the fork point's watch starts.
  void startReading(clang::Preprocessor &PP);

  /// The compile's AST consumer, which the child sets aside at the fork.
  std::unique_ptr<clang::ASTConsumer>
  wrapConsumer(std::unique_ptr<clang::ASTConsumer> Live);

  /// No fork after all (another file must be rewritten too, and the nested
  /// pre-parse has done it). Only before the fork point.
  void cancel() { Cancelled = true; }

  /// Whether the fork point has passed (or the fork was cancelled).
  bool forkPointPassed() const { return Passed || Cancelled; }

  /// Whether \p File is the site's new text.
  bool isSite(const NewFileText &File) const;

  /// Whether the analysis covers the whole translation unit (the site is
  /// the main file), not only what comes before the end of a header.
  bool coversWholeUnit() const { return SiteIsMain; }

  /// Whether the compile has read a header site to its end: what it reads
  /// from then on, the analysis has not seen.
  bool siteRead() const { return SiteRead; }

  /// The site's name, for messages.
  llvm::StringRef siteName() const { return Site.getName(); }

  /// Whether overwriteSite can install \p NewText: it fits in the room
  /// kept for it, and equals the text the compile has already read. If not,
  /// \p Error says why.
  bool canOverwriteSite(llvm::StringRef NewText, std::string &Error) const;

  /// Replaces the site's text, from where the compile's lexer stands on,
  /// by \p NewText's. \pre canOverwriteSite(NewText).
  void overwriteSite(llvm::StringRef NewText);

  /// In the child, after the parse ends without reaching the end of the
  /// translation unit: sends a failure and exits. No-op in the parent.
  void leaveIfChild();

  /// Whether the compile forked (at the fork point, without errors so far).
  bool forked() const { return Forked; }

  /// Whether the main file turned out to have no code after its #include
  /// block, so that there was nothing to fork for. (A header without code
  /// after its #include lines is never forked at.)
  bool noCodeAfterIncludeBlock() const { return NoCode; }

  /// Where the compile's lexer stood in the site at the fork.
  unsigned forkOffset() const { return ForkOffset; }

  /// The CPU time the child used, in user and system mode.
  double childUserSeconds() const { return ChildUserSeconds; }
  double childSystemSeconds() const { return ChildSystemSeconds; }

private:
  clang::CompilerInstance &CI;
  clang::FileEntryRef Site;
  bool SiteIsMain;
  std::string SiteText;
  unsigned IncludeBlockEnd;
  const RewriteOptions &Opts;
  bool LimitInstantiations;
  ResultHandler OnResult;

  clang::Preprocessor *PP = nullptr;
  SwitchConsumer *Consumer = nullptr;
  /// The site's FileID, once the compile has entered it.
  clang::FileID SiteID;
  /// A header site has been read to its end (in the child, the rest of
  /// the translation unit is cut off then).
  bool SiteRead = false;
  /// The site's buffer, owned by the SourceManager.
  char *Buffer = nullptr;
  size_t BufferSize = 0;
  bool Passed = false;
  bool Cancelled = false;
  bool Forked = false;
  bool NoCode = false;
  double ChildUserSeconds = 0;
  double ChildSystemSeconds = 0;
  unsigned ForkOffset = 0;
  /// Holds the text of the decoded InstantiationCounts::KeptAllBecause.
  std::string KeptAllBecause;

  /// In the child: where the result goes, and what it is made of.
  bool IsChild = false;
  int ResultFd = -1;
  PreParseResult ChildResult;
  double ForkTime = 0;
  class ChildState;
  std::unique_ptr<ChildState> Child;

  class SiteWatcher;
  void onToken(const clang::Token &T);
  void onFileChanged(clang::SourceLocation Loc, bool Entered,
                     clang::FileID Left);
  /// In a header site's child, before sending: why its analysis cannot
  /// stand for the whole translation unit's, or empty.
  std::string whyWholeUnitNeeded() const;
  /// The site's FileID; invalid for a header the compile has not entered.
  clang::FileID siteID() const;
  void fork();
  void becomeChild(int Fd);
  PreParseResult waitForChild(int Fd, int Pid);
  [[noreturn]] void sendAndExit();
  /// Offset of the compile's lexer in the site, if it can be found.
  std::optional<unsigned> lexerOffset(std::string &Error) const;
};

} // namespace cxxdefer::plugin

#endif // CXXDEFER_PLUGIN_FORKEDPARSE_H
