//===- ForkedParse.cpp - Parse the #include block once, then fork ---------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The nested pre-parse (PreParse.h) parses the whole translation unit a
/// second time, and most of that is the headers: -ftime-trace of the probe
/// gives the headers 58 % of the pre-parse, the end-of-TU instantiations
/// 39 %, the main file 3 %. When the extension appears only in the main
/// file's code, the text both parses read is the same up to the point where
/// that code begins, so one process can read it once and split there, with
/// fork(): the two copies share everything parsed so far, and each goes on
/// with its own job. Why each step is safe:
///
/// - Where. Lexer::ComputePreamble gives the end of the main file's leading
///   directives and comments, the same bound clangd's preamble uses. The
///   fork happens when the compile first lexes a token of the main file at
///   or after it (a token watcher on the preprocessor), and the split
///   offset is where the main file's lexer stands then: everything before
///   it has been read, nothing after it. Tentative parsing only caches
///   tokens already lexed, so they are all before that offset.
/// - The meaning of <cxxdefer.h>. The analysis needs its analysis meaning
///   (CXXDEFER_ANALYSIS, which PreParse defines in its copy of the
///   options), and the #include block is parsed once for both, so the
///   compile itself is given the macro. The compile then reads only
///   rewritten code, which has no `__defer`; what is left is `__result`,
///   which the analysis meaning does not declare globally. For text that
///   the compile reads as written (the source has errors), a lookup source
///   answers `__result` with the header's placeholder, so that the user
///   sees the same errors as without the fork. In the child it is switched
///   off, and the core's own lookup gives `__result` its function's type.
/// - The main file's buffer. Before the preprocessor exists, the main file
///   is remapped to a buffer the plugin allocated: the original text, then
///   padding up to twice its size and 64 KiB, the room the new text can
///   grow into. The padding is spaces on one line (after an empty `//`
///   comment, see pad()): a newline per byte made the file's line table, which
///   `assert`'s __LINE__, debug info and diagnostics build, tens of thousands
///   of lines long (2.7 M instructions in the parent and as many in the child,
///   for a 4 KiB header). Its FileID is sized from it, so every location of the
///   new text is inside the file, and the lexer's pointers (into this buffer)
///   stay valid when the parent writes the new text over the part not read
///   yet. The line table cached for the file (if a diagnostic or __LINE__
///   computed one) is dropped then; the lines before the split offset are
///   the same in both texts, so no cached answer about them goes stale.
/// - The child. It sets the compile's consumer aside (the switch below):
///   from the fork on, every AST event goes to the core's AnalysisConsumer
///   and the instantiation limiter (AnalysedInstantiations.h), which are
///   made then and given the Sema that exists. Its diagnostics go to an
///   AnalysisDiagnostics that ignores them and counts errors; warnings are
///   off, as in the pre-parse. At the end of the translation unit it runs
///   the core (collectRewrite), sends the result (ResultWire.h) and leaves
///   with _exit(): no output file, dependency file or time trace is
///   written, no temporary file renamed, no atexit handler run. A crash in
///   it is a crash of the child only: crash recovery and LLVM's signal
///   handlers, which would unwind into the driver's copy or delete the
///   parent's temporary output, are reset to the default first.
/// - The parent. It waits for the child's result, then installs it: the
///   main file's new text over the buffer from the split offset on (it
///   must equal the original before it: the core only edits function
///   bodies), headers that only the child has entered yet as overridden
///   files. If the child failed, the parent reports a plugin error: the
///   compile has read the #include block in analysis meaning and cannot
///   start over.
///
/// - A header as the site. When one user header is the only header that
///   mentions the extension (the scan, UserFileScan.h, read every other one,
///   and the header mentions it in no directive, so no macro carries a
///   defer statement out of it), the same split works inside that header:
///   its buffer is remapped with room, the fork point is the end of its own
///   leading directives, and the child stops reading when the header ends
///   (every file it returns to is cut off at once), so that it parses the
///   header's code, not the rest of the translation unit. The core only
///   rewrites function bodies, and the meaning of a header's non-template
///   code is fixed where it is written; what the child cannot see (bodies
///   defined later) the core treats as unknown (Reach.h), which is
///   conservative. Where the prefix could change the rewrite, the child
///   answers WholeUnitNeeded and the parent runs the nested pre-parse: a
///   template that defers (the core plans it per instantiation), an error
///   (cutting the includer off mid-declaration or inside an #if is one),
///   a header without an include guard (a second inclusion would read the
///   first one's rewrite), a rewrite of any other file.
/// - Two sites. If the main file's code mentions the extension too, the
///   compile forks again where that code begins, once the header's new
///   text is in: the second child sees the header as rewritten (plain C++
///   to it) and analyses the rest of the translation unit, as in the main
///   file's case alone.
/// - Between a header site's end and the next fork point the compile reads
///   text no child analyses; the include watcher (Session.h) searches the
///   headers entered there, as before any fork point, and a header that
///   needs the rewriter makes the whole translation unit's analysis run
///   then. The header site, already compiled, must come out the same.
///
/// Only a site's text is ever replaced after the compile started; every
/// other case (two headers mention the extension, -E, -verify, modules,
/// stdin, preprocessed input) takes the nested pre-parse.
///
//===----------------------------------------------------------------------===//

#include "ForkedParse.h"
#include "AnalysedInstantiations.h"
#include "ResultWire.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/HeaderSearch.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Sema/ExternalSemaSource.h"
#include "clang/Sema/Lookup.h"
#include "clang/Sema/Sema.h"
#include "clang/Sema/SemaConsumer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/TimeProfiler.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <cstdio>
#include <cstring>

#ifdef LLVM_ON_UNIX
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

using namespace clang;
using namespace cxxdefer;
using namespace cxxdefer::plugin;

namespace {

using Clock = std::chrono::steady_clock;

/// Answers `__result` with the header's placeholder
/// (cxxdefer::analysis::__result), which the header declares globally
/// outside the analysis meaning: the compile then reads the user's text as
/// it would without the fork.
class PlaceholderResult : public ExternalSemaSource {
public:
  bool Enabled = true;

  void InitializeSema(Sema &S) override { SemaRef = &S; }
  void ForgetSema() override { SemaRef = nullptr; }

  bool LookupUnqualified(LookupResult &R, Scope *) override {
    if (!Enabled || !SemaRef || !R.getLookupName().isIdentifier() ||
        R.getLookupName().getAsIdentifierInfo()->getName() != "__result" ||
        R.getLookupKind() != Sema::LookupOrdinaryName)
      return false;
    if (NamedDecl *D = resultPlaceholder(SemaRef->getASTContext())) {
      R.addDecl(D);
      return true;
    }
    return false;
  }

private:
  Sema *SemaRef = nullptr;
};

} // namespace

namespace cxxdefer::plugin {

/// Tells a header site's ForkedParse when the compile enters and leaves
/// files.
class ForkedParse::SiteWatcher : public PPCallbacks {
public:
  explicit SiteWatcher(ForkedParse &Fork) : Fork(Fork) {}
  void FileChanged(SourceLocation Loc, FileChangeReason Reason,
                   SrcMgr::CharacteristicKind, FileID PrevFID) override {
    if (Reason == EnterFile || Reason == ExitFile)
      Fork.onFileChanged(Loc, Reason == EnterFile, PrevFID);
  }

private:
  ForkedParse &Fork;
};

/// The compile's consumer until the fork; in the child, the analysis's.
class SwitchConsumer : public SemaConsumer {
public:
  explicit SwitchConsumer(std::unique_ptr<ASTConsumer> Live)
      : Live(std::move(Live)) {}

  /// In the child: from now on \p Next gets every event, starting with the
  /// context and the Sema that exist.
  void switchTo(std::unique_ptr<ASTConsumer> Next) {
    if (Placeholder)
      Placeholder->Enabled = false;
    Analysis = std::move(Next);
    if (Context)
      Analysis->Initialize(*Context);
    if (SemaRef)
      if (auto *SC = dyn_cast<SemaConsumer>(Analysis.get()))
        SC->InitializeSema(*SemaRef);
  }

  void Initialize(ASTContext &Ctx) override {
    Context = &Ctx;
    Live->Initialize(Ctx);
  }
  void InitializeSema(Sema &S) override {
    SemaRef = &S;
    // Sema keeps (and, reference-counted, frees) the source.
    Placeholder = new PlaceholderResult();
    Placeholder->InitializeSema(S);
    S.addExternalSource(Placeholder);
    if (auto *SC = dyn_cast<SemaConsumer>(Live.get()))
      SC->InitializeSema(S);
  }
  void ForgetSema() override {
    SemaRef = nullptr;
    if (auto *SC = dyn_cast<SemaConsumer>(&to()))
      SC->ForgetSema();
  }
  bool HandleTopLevelDecl(DeclGroupRef D) override {
    return to().HandleTopLevelDecl(D);
  }
  void HandleInlineFunctionDefinition(FunctionDecl *D) override {
    to().HandleInlineFunctionDefinition(D);
  }
  void HandleInterestingDecl(DeclGroupRef D) override {
    to().HandleInterestingDecl(D);
  }
  void HandleTranslationUnit(ASTContext &Ctx) override {
    to().HandleTranslationUnit(Ctx);
  }
  void HandleTagDeclDefinition(TagDecl *D) override {
    to().HandleTagDeclDefinition(D);
  }
  void HandleTagDeclRequiredDefinition(const TagDecl *D) override {
    to().HandleTagDeclRequiredDefinition(D);
  }
  void HandleCXXImplicitFunctionInstantiation(FunctionDecl *D) override {
    to().HandleCXXImplicitFunctionInstantiation(D);
  }
  void HandleTopLevelDeclInObjCContainer(DeclGroupRef D) override {
    to().HandleTopLevelDeclInObjCContainer(D);
  }
  void HandleImplicitImportDecl(ImportDecl *D) override {
    to().HandleImplicitImportDecl(D);
  }
  void CompleteTentativeDefinition(VarDecl *D) override {
    to().CompleteTentativeDefinition(D);
  }
  void CompleteExternalDeclaration(DeclaratorDecl *D) override {
    to().CompleteExternalDeclaration(D);
  }
  void AssignInheritanceModel(CXXRecordDecl *RD) override {
    to().AssignInheritanceModel(RD);
  }
  void HandleCXXStaticMemberVarInstantiation(VarDecl *D) override {
    to().HandleCXXStaticMemberVarInstantiation(D);
  }
  void HandleVTable(CXXRecordDecl *RD) override { to().HandleVTable(RD); }
  // Asked once, before the parse: the compile's.
  ASTMutationListener *GetASTMutationListener() override {
    return Live->GetASTMutationListener();
  }
  ASTDeserializationListener *GetASTDeserializationListener() override {
    return Live->GetASTDeserializationListener();
  }
  void PrintStats() override { to().PrintStats(); }
  bool shouldSkipFunctionBody(Decl *D) override {
    return to().shouldSkipFunctionBody(D);
  }

private:
  std::unique_ptr<ASTConsumer> Live;
  std::unique_ptr<ASTConsumer> Analysis;
  ASTContext *Context = nullptr;
  Sema *SemaRef = nullptr;
  PlaceholderResult *Placeholder = nullptr;

  ASTConsumer &to() { return Analysis ? *Analysis : *Live; }
};

/// What the child keeps for the end of the translation unit.
class ForkedParse::ChildState {
public:
  AnalysisDiagnostics *Diagnostics = nullptr;
  std::string ErrorText; // what Diagnostics renders
  Clock::time_point Start;
};

} // namespace cxxdefer::plugin

std::string cxxdefer::plugin::whyNotFork(const CompilerInstance &CI,
                                         const FrontendInputFile &Input,
                                         const UserFileScan &Scan) {
#ifndef LLVM_ON_UNIX
  return "this system has no fork()";
#else
  if (!Scan.OnlyMainFileMentions && !Scan.OnlyMentioningHeader)
    return "more than one header mentions the extension, or one mentions "
           "it in a directive";
  // An #include the scan could not follow (a computed name, a header
  // under a false #if that is missing) needs no check here: the compile
  // searches every header it enters that the scan did not read
  // (Session::headerIncluded), and one entered inside a site is the
  // child's to analyse.
  if (!Input.isFile() || Input.getFile() == "-")
    return "the input is not a file";
  const FrontendOptions &Frontend = CI.getFrontendOpts();
  switch (Frontend.ProgramAction) {
  case frontend::EmitObj:
  case frontend::EmitAssembly:
  case frontend::EmitLLVM:
  case frontend::EmitBC:
  case frontend::EmitLLVMOnly:
  case frontend::EmitCodeGenOnly:
  case frontend::ParseSyntaxOnly:
    break;
  default:
    return "the compile neither generates code nor checks syntax";
  }
  if (CI.getDiagnosticOpts().VerifyDiagnostics)
    return "-verify matches diagnostics to the text as written";
  if (!Frontend.CodeCompletionAt.FileName.empty())
    return "code completion";
  if (!Frontend.ASTMergeFiles.empty() || Frontend.FixAndRecompile ||
      Frontend.FixOnlyWarnings || !Frontend.FixItSuffix.empty())
    return "the compile merges ASTs or applies fix-its";
  if (CI.getLangOpts().Modules)
    return "clang modules are enabled";
  if (!CI.getPreprocessorOpts().ImplicitPCHInclude.empty())
    return "a precompiled header is included";
  return "";
#endif
}

std::string cxxdefer::plugin::whyNotForkAt(const CompilerInstance &CI,
                                           ForkSite &Site) {
  Site.IncludeBlockEnd =
      Lexer::ComputePreamble(Site.Text, CI.getLangOpts()).Size;
  if (!findMentions(StringRef(Site.Text).take_front(Site.IncludeBlockEnd))
           .DeferSyntax)
    return "";
  return Site.IsMain ? "the main file's #include block mentions the extension"
                     : "the #include block of '" + Site.File.getName().str() +
                           "' mentions the extension";
}

ForkedParse::ForkedParse(CompilerInstance &CI, std::vector<ForkSite> Given,
                         const RewriteOptions &Opts, bool LimitInstantiations,
                         ResultHandler OnResult)
    : CI(CI), Opts(Opts), LimitInstantiations(LimitInstantiations),
      OnResult(std::move(OnResult)) {
  assert(!Given.empty() && "a fork needs a site");
  for (ForkSite &Site : Given)
    Sites.emplace_back(std::move(Site));
  assert(llvm::all_of(Sites,
                      [&](const SiteState &S) {
                        return S.IsMain == (&S == &Sites.back());
                      }) &&
         "the main file can only be the last site");
}

ForkedParse::~ForkedParse() = default;

/// Fills [\p Begin, \p End) with a site's padding: an empty `//` comment
/// on a line of its own, then spaces, and a newline last (see the file
/// comment). A text that ends in a backslash, with no newline after it, is
/// spliced with the comment's line: the tokens are the ones the end of the
/// file gives, and clang warns about neither splice (a `//` comment
/// continued into another is not -Wcomment's; a backslash right before the
/// newline is not -Wbackslash-newline-escape's). The rest is spaces, which
/// the lexer skips faster than a comment's characters.
static void pad(char *Begin, char *End) {
  std::memset(Begin, ' ', End - Begin);
  if (End - Begin >= 5)
    std::memcpy(Begin, "\n//\n", 4);
  if (Begin != End)
    End[-1] = '\n';
}

/// Whether \p Tail is what pad() writes.
static bool isPadding(StringRef Tail) {
  std::string Padding(Tail.size(), ' ');
  pad(Padding.data(), Padding.data() + Padding.size());
  return Tail == Padding;
}

void ForkedParse::beforePreprocessing() {
  PreprocessorOptions &PPOpts = CI.getPreprocessorOpts();
  for (SiteState &Site : Sites) {
    Site.BufferSize = 2 * Site.Text.size() + 64 * 1024;
    std::unique_ptr<llvm::WritableMemoryBuffer> Room =
        llvm::WritableMemoryBuffer::getNewUninitMemBuffer(Site.BufferSize,
                                                          Site.File.getName());
    Site.Buffer = Room->getBufferStart();
    std::memcpy(Site.Buffer, Site.Text.data(), Site.Text.size());
    pad(Site.Buffer + Site.Text.size(), Site.Buffer + Site.BufferSize);
    // Owned by the SourceManager once the preprocessor takes it
    // (RetainRemappedFileBuffers is false); the plugin writes into it later.
    PPOpts.addRemappedFile(Site.File.getName(), Room.release());
  }
  PPOpts.addMacroDef(AnalysisMacro);
}

void ForkedParse::startReading(Preprocessor &ThePP) {
  PP = &ThePP;
  // The preprocessor has taken the buffers over; no later preprocessor (a
  // module build) may take them again.
  llvm::erase_if(CI.getPreprocessorOpts().RemappedFileBuffers,
                 [&](const std::pair<std::string, llvm::MemoryBuffer *> &R) {
                   return llvm::any_of(Sites, [&](const SiteState &Site) {
                     return R.first == Site.File.getName();
                   });
                 });
  ThePP.addPPCallbacks(std::make_unique<SiteWatcher>(*this));
  Watching = true;
  ThePP.setTokenWatcher([this](const Token &T) { onToken(T); });
}

void ForkedParse::watchTokensIn(FileID Reading) {
  // The child's AnalysisConsumer installs its own watcher (the macro token
  // recorder) from inside onToken; onToken is a member of this object, so
  // nothing of the replaced closure is touched after that, and the child
  // leaves the watcher alone from then on.
  if (IsChild)
    return;
  bool Want = !Cancelled && Next < Sites.size() && mayForkIn(Reading);
  if (Want == Watching)
    return;
  Watching = Want;
  if (Want)
    PP->setTokenWatcher([this](const Token &T) { onToken(T); });
  else
    PP->setTokenWatcher(nullptr);
}

bool ForkedParse::mayForkIn(FileID Reading) const {
  assert(Next < Sites.size() && "no fork point is left");
  return Reading == idOf(Sites[Next]) ||
         (Sites.back().IsMain &&
          Reading == CI.getSourceManager().getMainFileID());
}

std::unique_ptr<ASTConsumer>
ForkedParse::wrapConsumer(std::unique_ptr<ASTConsumer> Live) {
  auto Switch = std::make_unique<SwitchConsumer>(std::move(Live));
  Consumer = Switch.get();
  return Switch;
}

void ForkedParse::onToken(const Token &T) {
  if (Cancelled || IsChild || Next == Sites.size() ||
      !T.getLocation().isValid())
    return;
  const SourceManager &SM = CI.getSourceManager();
  // Nearly every token before a fork point is a header's: watchTokensIn
  // turns the watcher off while no site's file is read (decomposing each
  // token's location searches the source manager's tables: 42 M
  // instructions in one leveldb file that forks late). This is the same
  // test, for the token that leaves a site's file before the callback
  // says so. The end of the main file comes after its lexer is gone.
  if (PreprocessorLexer *Reading = PP->getCurrentFileLexer();
      Reading && T.isNot(tok::eof) && !mayForkIn(Reading->getFileID()))
    return;
  auto [FID, Offset] = SM.getDecomposedExpansionLoc(T.getLocation());
  // The main file's fork point may come before a header site's: a header
  // under a false #if, or included from the main file's code, or with no
  // code of its own. The main file's child analyses it then, if anything.
  size_t Index = FID == SM.getMainFileID() && Sites.back().IsMain
                     ? Sites.size() - 1
                     : Next;
  SiteState &Site = Sites[Index];
  if (FID != idOf(Site) || Offset < Site.IncludeBlockEnd)
    return;
  Site.Passed = true;
  Last = Index;
  Next = Index + 1;
  Forked = false;
  if (T.is(tok::eof)) {
    // No code after the #include block (the mention is in a comment or an
    // #if 0 block): nothing is left to analyse, and at the end of the main
    // file the compile has no lexer to fork at.
    NoCode = true;
    PreParseResult Nothing;
    Nothing.Status = PreParseStatus::Rewritten;
    OnResult(std::move(Nothing));
    return;
  }
  fork(Site);
}

bool ForkedParse::analysisCovers() const {
  if (Cancelled)
    return true;
  return llvm::any_of(Sites, [](const SiteState &Site) {
    return Site.Passed && (Site.IsMain || !Site.Read);
  });
}

FileID ForkedParse::idOf(const SiteState &Site) const {
  return Site.IsMain ? CI.getSourceManager().getMainFileID() : Site.ID;
}

const ForkedParse::SiteState *
ForkedParse::siteOf(const NewFileText &File) const {
  for (const SiteState &Site : Sites)
    if (Site.IsMain ? File.IsMainFile : File.File == Site.File)
      return &Site;
  return nullptr;
}

bool ForkedParse::isEnteredSite(const NewFileText &File) const {
  const SiteState *Site = siteOf(File);
  return Site && idOf(*Site).isValid();
}

bool ForkedParse::siteRead(const NewFileText &File) const {
  const SiteState *Site = siteOf(File);
  return Site && Site->Read;
}

void ForkedParse::onFileChanged(SourceLocation Loc, bool Entered, FileID Left) {
  const SourceManager &SM = CI.getSourceManager();
  if (Entered) {
    FileID Entering = SM.getFileID(Loc);
    if (OptionalFileEntryRef File = SM.getFileEntryRefForID(Entering))
      for (SiteState &Site : Sites)
        if (!Site.IsMain && Site.ID.isInvalid() && *File == Site.File)
          Site.ID = Entering;
    watchTokensIn(Entering);
    return;
  }
  watchTokensIn(SM.getFileID(Loc));
  for (SiteState &Site : Sites)
    if (Site.ID.isValid() && Left == Site.ID)
      Site.Read = true;
  if (!IsChild || Sites[Last].IsMain || !Sites[Last].Read)
    return;
  // The child has read its site: every file the compile returns to ends
  // here, up to the main file, whose end ends the translation unit. Each
  // is usually inside an #if (its include guard, say), which is dropped:
  // nothing after this point is read.
  if (PreprocessorLexer *Current = PP->getCurrentLexer()) {
    auto *L = static_cast<Lexer *>(Current);
    L->setConditionalLevels({});
    L->seek(L->getBuffer().size(), /*IsAtStartOfLine=*/true);
  }
}

std::optional<unsigned> ForkedParse::lexerOffset(const SiteState &Site,
                                                 std::string &Error) const {
  const SourceManager &SM = CI.getSourceManager();
  PreprocessorLexer *Current = PP ? PP->getCurrentFileLexer() : nullptr;
  if (!Current) {
    Error = "the compile is not reading a file";
    return std::nullopt;
  }
  FileID SiteID = idOf(Site);
  if (Current->getFileID() == SiteID)
    return static_cast<Lexer *>(Current)->getBufferLocation() - Site.Buffer;
  // Inside a header the site includes: the site's lexer has read its
  // #include line, up to the end of the line.
  FileID FID = Current->getFileID();
  SourceLocation Include;
  while (FID.isValid() && FID != SiteID) {
    Include = SM.getIncludeLoc(FID);
    FID = Include.isValid() ? SM.getFileID(Include) : FileID();
  }
  if (FID.isInvalid() || FID != SiteID) {
    Error = "the compile is not reading '" + Site.File.getName().str() + "'";
    return std::nullopt;
  }
  unsigned Offset = SM.getFileOffset(Include);
  while (Offset < Site.BufferSize &&
         (Site.Buffer[Offset] != '\n' ||
          (Offset && Site.Buffer[Offset - 1] == '\\')))
    ++Offset;
  return std::min<size_t>(Offset + 1, Site.BufferSize);
}

/// The reason \p Errno names.
static std::string systemError(int Errno) { return std::strerror(Errno); }

void ForkedParse::fork(SiteState &Site) {
  auto Give = [&](PreParseStatus Status, std::string Failure) {
    PreParseResult R;
    R.Status = Status;
    R.Failure = std::move(Failure);
    OnResult(std::move(R));
  };
  // Sema's view of erroneous code is partial; the compile reports the
  // errors on the text as written.
  if (CI.getDiagnostics().hasErrorOccurred())
    return Give(PreParseStatus::SourceHasErrors, "");
  std::string Error;
  std::optional<unsigned> Offset = lexerOffset(Site, Error);
  if (!Offset)
    return Give(PreParseStatus::Failed, "cannot fork the analysis: " + Error);
  ForkOffset = *Offset;
#ifdef LLVM_ON_UNIX
  // Nothing buffered may be written twice.
  llvm::outs().flush();
  llvm::errs().flush();
  std::fflush(nullptr);
  int Fds[2];
  if (::pipe2(Fds, O_CLOEXEC) != 0)
    return Give(PreParseStatus::Failed,
                "cannot create a pipe for the analysis: " + systemError(errno));
  Clock::time_point Start = Clock::now();
  pid_t Pid = ::fork();
  if (Pid < 0) {
    int Errno = errno;
    ::close(Fds[0]);
    ::close(Fds[1]);
    return Give(PreParseStatus::Failed,
                "cannot fork the analysis: " + systemError(Errno));
  }
  if (Pid == 0) {
    ::close(Fds[0]);
    Child = std::make_unique<ChildState>();
    Child->Start = Start;
    becomeChild(Fds[1]);
    return; // the parse goes on, for the analysis
  }
  ::close(Fds[1]);
  Forked = true;
  llvm::TimeTraceScope Scope("cxxdefer forked analysis");
  OnResult(waitForChild(Fds[0], Pid));
#else
  Give(PreParseStatus::Failed, "this system has no fork()");
#endif
}

#ifdef LLVM_ON_UNIX
/// The child's LLVM fatal error handler: the parent reports the failure.
static void childFatalError(void *, const char *, bool) { ::_exit(3); }
#endif

void ForkedParse::becomeChild(int Fd) {
#ifdef LLVM_ON_UNIX
  IsChild = true;
  ResultFd = Fd;
  // A crash must end this process only: no unwinding into the driver's
  // copy (crash recovery), no removal of the parent's temporary output
  // files (LLVM's signal handlers).
  llvm::CrashRecoveryContext::Disable();
  for (int Signal :
       {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGSYS, SIGINT,
        SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGXCPU, SIGXFSZ, SIGUSR1, SIGUSR2})
    ::signal(Signal, SIG_DFL);
  llvm::remove_fatal_error_handler();
  llvm::install_fatal_error_handler(childFatalError, nullptr);

  // Diagnostics are counted and rendered for the parent, not shown; the
  // compile's client (which may write a file when it finishes) is left
  // alone.
  DiagnosticsEngine &Diags = CI.getDiagnostics();
  (void)Diags.takeClient().release();
  Child->Diagnostics = new AnalysisDiagnostics(
      renderDiagnosticsTo(Child->ErrorText, CI.getDiagnosticOpts()).release(),
      /*OwnsNext=*/true);
  Diags.setClient(Child->Diagnostics, /*ShouldOwnClient=*/true);
  Child->Diagnostics->BeginSourceFile(CI.getLangOpts(), PP);
  Diags.setIgnoreAllWarnings(true);

  // As PreParse.cpp: the limiter first, so that it has instantiated what
  // the core reads before the core runs.
  std::vector<std::unique_ptr<ASTConsumer>> Consumers;
  Consumers.push_back(createInstantiationLimiter(ChildResult.Instantiations,
                                                 LimitInstantiations));
  Consumers.push_back(std::make_unique<AnalysisConsumer>(
      *PP, [this](ASTContext &Ctx, const MacroTokens *Tokens) {
        collectRewrite(Ctx, Tokens, Opts, Child->Diagnostics->errors(),
                       ChildResult);
        sendAndExit();
      }));
  Consumer->switchTo(std::make_unique<MultiplexConsumer>(std::move(Consumers)));
#else
  (void)Fd;
#endif
}

void ForkedParse::leaveIfChild() {
  if (!IsChild)
    return;
  ChildResult = PreParseResult();
  if (Child->Diagnostics->errors())
    ChildResult.Status = PreParseStatus::SourceHasErrors;
  else
    ChildResult.Failure =
        "the analysis did not reach the end of the translation unit";
  sendAndExit();
}

/// Takes the padding (\p Padding bytes, pad()'s) off the end of \p Text.
/// \returns false if the text does not end with it.
static bool stripPadding(std::string &Text, size_t Padding) {
  if (Text.size() < Padding || !isPadding(StringRef(Text).take_back(Padding)))
    return false;
  Text.resize(Text.size() - Padding);
  return true;
}

void ForkedParse::sendAndExit() {
#ifdef LLVM_ON_UNIX
  const SiteState &Site = Sites[Last];
  // Every site this child read is its padded buffer (a header site that
  // the main file's code includes, too): its texts lose the padding.
  for (NewFileText &File : ChildResult.Files) {
    const SiteState *Read = siteOf(File);
    if (!Read)
      continue;
    size_t Padding = Read->BufferSize - Read->Text.size();
    if (File.OriginalText.size() != Read->BufferSize ||
        !stripPadding(File.OriginalText, Padding) ||
        !stripPadding(File.Text, Padding)) {
      ChildResult = PreParseResult();
      ChildResult.Failure =
          "the rewrite changed the end of '" + Read->File.getName().str() + "'";
      break;
    }
  }
  if (!Site.IsMain && ChildResult.Status != PreParseStatus::Failed) {
    std::string Why = whyWholeUnitNeeded();
    if (!Why.empty()) {
      ChildResult = PreParseResult();
      ChildResult.Status = PreParseStatus::WholeUnitNeeded;
      ChildResult.Failure = std::move(Why);
    }
  }
  if (ChildResult.Status == PreParseStatus::SourceHasErrors)
    ChildResult.ErrorText = Child->ErrorText;
  ChildResult.PreParseSeconds =
      std::chrono::duration<double>(Clock::now() - Child->Start).count();
  std::string Bytes = encodeResult(ChildResult);
  for (size_t Done = 0; Done < Bytes.size();) {
    ssize_t N = ::write(ResultFd, Bytes.data() + Done, Bytes.size() - Done);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      ::_exit(4);
    Done += N;
  }
  ::_exit(0);
#endif
}

PreParseResult ForkedParse::waitForChild(int Fd, int Pid) {
  PreParseResult R;
#ifdef LLVM_ON_UNIX
  std::string Bytes;
  char Chunk[64 * 1024];
  for (;;) {
    ssize_t N = ::read(Fd, Chunk, sizeof Chunk);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      break;
    Bytes.append(Chunk, N);
  }
  ::close(Fd);
  int Status = 0;
  struct rusage Usage;
  std::memset(&Usage, 0, sizeof Usage);
  while (::wait4(Pid, &Status, 0, &Usage) < 0 && errno == EINTR) {
  }
  auto Seconds = [](const timeval &T) { return T.tv_sec + T.tv_usec * 1e-6; };
  ChildUserSeconds = Seconds(Usage.ru_utime);
  ChildSystemSeconds = Seconds(Usage.ru_stime);
  if (WIFSIGNALED(Status)) {
    R.Failure = "the analysis of this translation unit crashed (" +
                std::string(::strsignal(WTERMSIG(Status))) + ")";
    return R;
  }
  if (!WIFEXITED(Status) || WEXITSTATUS(Status) != 0) {
    R.Failure = "the analysis of this translation unit failed (exit status " +
                std::to_string(WEXITSTATUS(Status)) + ")";
    return R;
  }
  std::string Error;
  if (!decodeResult(Bytes, CI.getFileManager(), R, KeptAllBecause, Error)) {
    R = PreParseResult();
    R.Failure = Error;
  }
#endif
  return R;
}

std::string ForkedParse::whyWholeUnitNeeded() const {
  const SiteState &Site = Sites[Last];
  std::string Name = Site.File.getName().str();
  if (ChildResult.Status == PreParseStatus::SourceHasErrors) {
    StringRef Errors = Child->ErrorText;
    size_t First = Errors.find("error: ");
    return "the analysis of '" + Name + "' and what precedes it found errors" +
           (First == StringRef::npos
                ? std::string()
                : " (" + Errors.substr(First).split('\n').first.str() + ")");
  }
  if (ChildResult.Instantiations.DeferInTemplate)
    return "a template defers";
  if (!PP->getHeaderSearchInfo().isFileMultipleIncludeGuarded(Site.File))
    return "'" + Name + "' has no include guard";
  for (const NewFileText &File : ChildResult.Files)
    if (siteOf(File) != &Site)
      return "'" + File.File.getName().str() + "' needs a rewrite too";
  return "";
}

bool ForkedParse::canOverwriteSite(const NewFileText &New,
                                   std::string &Error) const {
  const SiteState *Site = siteOf(New);
  assert(Site && "not a site's new text");
  StringRef NewText = New.Text;
  std::optional<unsigned> Offset = lexerOffset(*Site, Error);
  if (!Offset)
    return false;
  std::string Name = Site->File.getName().str();
  if (NewText.size() > Site->BufferSize) {
    Error = "the new text of '" + Name + "' (" +
            std::to_string(NewText.size()) +
            " bytes) does not fit in the room kept for it (" +
            std::to_string(Site->BufferSize) + " bytes)";
    return false;
  }
  if (NewText.take_front(*Offset) != StringRef(Site->Buffer, *Offset)) {
    Error = "the rewrite changed '" + Name + "' before offset " +
            std::to_string(*Offset) + ", which the compile has already read";
    return false;
  }
  return true;
}

void ForkedParse::overwriteSite(const NewFileText &New) {
  const SiteState &Site = *siteOf(New);
  StringRef NewText = New.Text;
  std::string Error;
  unsigned Offset = *lexerOffset(Site, Error);
  std::memcpy(Site.Buffer + Offset, NewText.data() + Offset,
              NewText.size() - Offset);
  pad(Site.Buffer + NewText.size(), Site.Buffer + Site.BufferSize);
  // Line offsets after the split are the new text's now.
  const SourceManager &SM = CI.getSourceManager();
  SM.getSLocEntry(idOf(Site)).getFile().getContentCache().SourceLineCache =
      SrcMgr::LineOffsetMapping();
}
