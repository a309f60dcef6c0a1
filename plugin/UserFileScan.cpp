//===- UserFileScan.cpp - Which user files mention the extension ----------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "UserFileScan.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/HeaderSearch.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;
using namespace cxxdefer;
using namespace cxxdefer::plugin;

namespace {

/// One #include (#include_next, #import) line: the name between the quotes
/// or angle brackets.
struct IncludeDirective {
  StringRef Name;
  bool Angled;
};

/// What one file says, as far as the scan is concerned.
struct FileFacts {
  bool MentionsDeferSyntax = false;
  /// A preprocessing directive (a line of a #define, say) mentions it.
  bool DirectiveMentions = false;
  SmallVector<IncludeDirective, 16> Includes;
  /// #include lines whose operand is not a quoted or bracketed name (a
  /// macro).
  unsigned Unparsed = 0;
};

} // namespace

/// If \p Line (after its '#') is an #include line, adds it to \p Facts.
static void addIfInclude(StringRef Line, FileFacts &Facts) {
  if (!Line.consume_front("include_next") && !Line.consume_front("include") &&
      !Line.consume_front("import"))
    return;
  Line = Line.ltrim(" \t");
  char Close = Line.starts_with("\"") ? '"' : Line.starts_with("<") ? '>' : 0;
  size_t NameEnd = Close ? Line.find(Close, 1) : StringRef::npos;
  if (NameEnd == StringRef::npos)
    ++Facts.Unparsed;
  else
    Facts.Includes.push_back({Line.slice(1, NameEnd), Close == '>'});
}

/// Whether a preprocessing directive of \p Text, continuation lines
/// included, mentions the extension: a macro that may put a defer statement
/// into another file.
static bool directiveMentions(StringRef Text) {
  bool InDirective = false;
  for (size_t Pos = 0; Pos < Text.size();) {
    size_t End = Text.find('\n', Pos);
    StringRef Line = Text.slice(Pos, End).rtrim("\r");
    Pos = End == StringRef::npos ? Text.size() : End + 1;
    InDirective |= Line.ltrim(" \t").starts_with("#");
    if (InDirective && findMentions(Line).DeferSyntax)
      return true;
    InDirective &= Line.ends_with("\\");
  }
  return false;
}

/// Reads \p Text in one pass: what it mentions, and its #include lines
/// outside the parts that line markers attribute to a system header
/// (preprocessed output, or -frewrite-includes output that inlines whole
/// system headers).
static FileFacts readFacts(StringRef Text) {
  FileFacts Facts;
  Mentions Found = findMentions(
      Text, [&Facts](StringRef Directive) { addIfInclude(Directive, Facts); });
  Facts.MentionsDeferSyntax = Found.DeferSyntax;
  if (Facts.MentionsDeferSyntax)
    Facts.DirectiveMentions = directiveMentions(Text);
  return Facts;
}

namespace {

/// The breadth-first walk over the user include graph.
class Scanner {
public:
  Scanner(CompilerInstance &CI, llvm::function_ref<bool(FileEntryRef)> Skip)
      : FM(CI.getFileManager()),
        Quiet(new DiagnosticIDs(), new DiagnosticOptions(),
              new IgnoringDiagConsumer()),
        SM(Quiet, FM), HS(CI.getHeaderSearchOptsPtr(), SM, Quiet,
                          CI.getLangOpts(), &CI.getTarget()),
        Skip(Skip) {
    ApplyHeaderSearchOptions(HS, CI.getHeaderSearchOpts(), CI.getLangOpts(),
                             CI.getTarget().getTriple());
  }

  UserFileScan run(FileEntryRef MainFile,
                   const std::vector<std::string> &ForcedIncludes) {
    visit(MainFile);
    // -include and -imacros files are looked up like a quoted #include in
    // the working directory.
    if (OptionalDirectoryEntryRef Cwd = FM.getOptionalDirectoryRef("."))
      for (const std::string &Name : ForcedIncludes)
        resolve({Name, /*Angled=*/false}, std::nullopt, *Cwd);
    while (Next < Queue.size()) {
      FileEntryRef File = Queue[Next++];
      std::optional<llvm::MemoryBufferRef> Text = read(File);
      if (!Text)
        continue;
      FileFacts Facts = readFacts(Text->getBuffer());
      if (Facts.MentionsDeferSyntax) {
        bool IsMain = File == Queue.front();
        if (Out.MentioningFile.empty())
          Out.MentioningFile = File.getName().str();
        Out.MainFileMentions |= IsMain;
        Out.OnlyMainFileMentions = IsMain;
        // A header may be the only one: read on to tell.
        if (!IsMain && ++MentioningHeaders == 1 && !Facts.DirectiveMentions) {
          Out.OnlyMentioningHeader = File;
        } else if (!IsMain) {
          Out.OnlyMentioningHeader.reset();
          break;
        }
      }
      Out.Unresolved += Facts.Unparsed;
      for (const IncludeDirective &Include : Facts.Includes)
        resolve(Include, File, File.getDir());
    }
    return std::move(Out);
  }

private:
  FileManager &FM;
  DiagnosticsEngine Quiet;
  SourceManager SM;
  HeaderSearch HS;
  llvm::function_ref<bool(FileEntryRef)> Skip;
  UserFileScan Out;
  unsigned MentioningHeaders = 0;
  std::vector<FileEntryRef> Queue;
  size_t Next = 0;

  void visit(FileEntryRef File) {
    if (Skip(File) || !Out.Scanned.insert(&File.getFileEntry()).second)
      return;
    // HeaderSearch expects every includer to have its file info, as the
    // preprocessor gives every file it enters (the main file too).
    (void)HS.getFileInfo(File);
    Queue.push_back(File);
  }

  /// Resolves \p Include as the preprocessor would from \p Includer, which
  /// lives in \p Dir, and queues the file if it is a user header.
  void resolve(const IncludeDirective &Include, OptionalFileEntryRef Includer,
               DirectoryEntryRef Dir) {
    std::pair<OptionalFileEntryRef, DirectoryEntryRef> Includers[] = {
        {Includer, Dir}};
    OptionalFileEntryRef Found = HS.LookupFile(
        Include.Name, SourceLocation(), Include.Angled, /*FromDir=*/nullptr,
        /*CurDir=*/nullptr, Includers, /*SearchPath=*/nullptr,
        /*RelativePath=*/nullptr, /*RequestingModule=*/nullptr,
        /*SuggestedModule=*/nullptr, /*IsMapped=*/nullptr,
        /*IsFrameworkFound=*/nullptr);
    if (!Found) {
      ++Out.Unresolved;
      return;
    }
    // A quoted include found beside its includer inherits the includer's
    // kind; one found on the search path takes its directory's.
    if (!SrcMgr::isSystem(HS.getFileDirFlavor(*Found)))
      visit(*Found);
  }

  /// The text of \p File. The main file may be stdin, which the
  /// FileManager keeps after its one read.
  std::optional<llvm::MemoryBufferRef> read(FileEntryRef File) {
    return SM.getMemoryBufferForFileOrNone(File);
  }
};

} // namespace

UserFileScan
cxxdefer::plugin::scanUserFiles(CompilerInstance &CI, FileEntryRef MainFile,
                                llvm::function_ref<bool(FileEntryRef)> Skip) {
  std::vector<std::string> Forced = CI.getPreprocessorOpts().Includes;
  const std::vector<std::string> &Macros =
      CI.getPreprocessorOpts().MacroIncludes;
  Forced.insert(Forced.end(), Macros.begin(), Macros.end());
  return Scanner(CI, Skip).run(MainFile, Forced);
}
