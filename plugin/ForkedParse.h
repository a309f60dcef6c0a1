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
/// before the end of its #include block does, and the compile generates
/// code or checks syntax; otherwise the nested pre-parse (PreParse.h) runs
/// as before.
///
/// The same applies to one user header that is the only header to mention
/// the extension (a header of the project's that most files include): the
/// compile forks where the header's code begins, after its own #include
/// lines, and the child stops reading at the end of that header; if the
/// main file mentions it too, the compile forks there again later. Its
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
#include <vector>

namespace clang {
class ASTConsumer;
class CompilerInstance;
class Preprocessor;
class Token;
} // namespace clang

namespace cxxdefer::plugin {

/// Why the fork path cannot take \p Input of \p CI, whose user files the
/// \p Scan read; empty when it can (then whyNotForkAt decides each site).
std::string whyNotFork(const clang::CompilerInstance &CI,
                       const clang::FrontendInputFile &Input,
                       const UserFileScan &Scan);

/// A file to fork in: the main file, or a header the compile has not
/// entered yet.
struct ForkSite {
  clang::FileEntryRef File;
  bool IsMain;
  /// The text as the scan read it.
  std::string Text;
  /// Where the file's code begins, after its leading directives.
  unsigned IncludeBlockEnd = 0;
};

/// Why the fork path cannot fork in \p Site; empty when it can. Sets
/// Site.IncludeBlockEnd.
std::string whyNotForkAt(const clang::CompilerInstance &CI, ForkSite &Site);

class SwitchConsumer;

class ForkedParse {
public:
  /// Called in the compile (the parent) once the fork point has passed:
  /// with the child's result, or with a failure or SourceHasErrors result
  /// when the fork could not be made.
  using ResultHandler = std::function<void(PreParseResult &&)>;

  /// Forks in each of \p Sites in turn, in the order the compile reads
  /// them: a header first, then the main file.
  ForkedParse(clang::CompilerInstance &CI, std::vector<ForkSite> Sites,
              const RewriteOptions &Opts, bool LimitInstantiations,
              ResultHandler OnResult);
  ~ForkedParse();

  /// Before the preprocessor exists: each site becomes a buffer of the
  /// plugin's, with room for the new text, and the compile parses in the
  /// analysis meaning of <cxxdefer.h>.
  void beforePreprocessing();

  /// \p PP exists and has not lexed a token: the fork point's watch starts.
  void startReading(clang::Preprocessor &PP);

  /// The compile's AST consumer, which the child sets aside at the fork.
  std::unique_ptr<clang::ASTConsumer>
  wrapConsumer(std::unique_ptr<clang::ASTConsumer> Live);

  /// No more forks: the nested pre-parse has analysed the whole translation
  /// unit (another file must be rewritten too, or a header site's analysis
  /// was not enough).
  void cancel() { Cancelled = true; }

  /// Whether what the compile reads now has been (or will be) analysed by
  /// a child: after a fork point, up to the end of that fork's header, or
  /// to the end of the translation unit after the main file's.
  bool analysisCovers() const;

  /// Whether \p File is the new text of a site the compile has entered
  /// (a header site entered later is installed as any unread file).
  bool isEnteredSite(const NewFileText &File) const;

  /// Whether the compile has read \p File, a header site, to its end:
  /// then its text can no longer change.
  bool siteRead(const NewFileText &File) const;

  /// Whether the last fork (or attempt) was in the main file, whose
  /// analysis covers the whole translation unit.
  bool lastSiteIsMain() const { return Sites[Last].IsMain; }

  /// The last fork's site, for messages.
  llvm::StringRef lastSiteName() const { return Sites[Last].File.getName(); }

  /// Whether overwriteSite can install \p New, a site's new text: it fits
  /// in the room kept for it, and equals the text the compile has already
  /// read. If not, \p Error says why.
  bool canOverwriteSite(const NewFileText &New, std::string &Error) const;

  /// Replaces a site's text, from where the compile's lexer stands in it
  /// on, by \p New's. \pre canOverwriteSite(New).
  void overwriteSite(const NewFileText &New);

  /// In the child, after the parse ends without reaching the end of the
  /// translation unit: sends a failure and exits. No-op in the parent.
  void leaveIfChild();

  /// Whether the compile forked at the last fork point (no errors so far).
  bool forked() const { return Forked; }

  /// Whether the main file turned out to have no code after its #include
  /// block, so that there was nothing to fork for. (A header without code
  /// after its #include lines is never forked at.)
  bool noCodeAfterIncludeBlock() const { return NoCode; }

  /// Where the compile's lexer stood in the site at the last fork.
  unsigned forkOffset() const { return ForkOffset; }

  /// The CPU time the last child used, in user and system mode.
  double childUserSeconds() const { return ChildUserSeconds; }
  double childSystemSeconds() const { return ChildSystemSeconds; }

private:
  /// A site and what the compile has done with it.
  struct SiteState : ForkSite {
    explicit SiteState(ForkSite S) : ForkSite(std::move(S)) {}
    /// The site's buffer, owned by the SourceManager.
    char *Buffer = nullptr;
    size_t BufferSize = 0;
    /// The site's FileID, once the compile has entered it (a header).
    clang::FileID ID;
    bool Passed = false;
    /// A header site has been read to its end (in its child, the rest of
    /// the translation unit is cut off then).
    bool Read = false;
  };

  clang::CompilerInstance &CI;
  std::vector<SiteState> Sites;
  /// The site whose fork point comes next; the one the last fork was in.
  size_t Next = 0, Last = 0;
  const RewriteOptions &Opts;
  bool LimitInstantiations;
  ResultHandler OnResult;

  clang::Preprocessor *PP = nullptr;
  SwitchConsumer *Consumer = nullptr;
  bool Cancelled = false;
  bool Forked = false;
  bool NoCode = false;
  bool Watching = false;
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
  /// Turns the token watcher on while the compile reads \p Reading, a file
  /// whose fork point may come next, and off elsewhere.
  void watchTokensIn(clang::FileID Reading);
  /// Whether the next fork point can be in \p Reading: the next site's
  /// file, or the main file when it is a site (its fork point may come
  /// first).
  bool mayForkIn(clang::FileID Reading) const;
  void onFileChanged(clang::SourceLocation Loc, bool Entered,
                     clang::FileID Left);
  /// In a header site's child, before sending: why its analysis cannot
  /// stand for the whole translation unit's, or empty.
  std::string whyWholeUnitNeeded() const;
  /// \p Site's FileID; invalid for a header the compile has not entered.
  clang::FileID idOf(const SiteState &Site) const;
  /// The site whose new text \p File is, if any.
  const SiteState *siteOf(const NewFileText &File) const;
  void fork(SiteState &Site);
  void becomeChild(int Fd);
  PreParseResult waitForChild(int Fd, int Pid);
  [[noreturn]] void sendAndExit();
  /// Offset of the compile's lexer in \p Site, if it can be found.
  std::optional<unsigned> lexerOffset(const SiteState &Site,
                                      std::string &Error) const;
};

} // namespace cxxdefer::plugin

#endif // CXXDEFER_PLUGIN_FORKEDPARSE_H
