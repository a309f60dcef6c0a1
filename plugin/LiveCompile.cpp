//===- LiveCompile.cpp - Hand the pre-parse's results to the compile ------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Installing the new texts. Normally the plugin knows what to rewrite
/// before clang creates the preprocessor of the live compile, and hands the
/// texts over as remapped files (PreprocessorOptions::addRemappedFile), the
/// documented way for a tool to make clang read a buffer instead of a file.
/// The FileEntry stays the one on disk, so __FILE__, -MD dependencies and
/// the debug file name are the user's, and every FileID, the main file's
/// included, is sized from the new text.
///
/// Rarely (a header that the plugin's scan could not find, reached through
/// a computed #include) the first mention of `__defer` shows up while the
/// compile is already reading. Then SourceManager::overrideFileContents
/// replaces the headers that have not been entered yet: a header gets its
/// FileID, and with it its range of source locations, only when it is
/// entered. A file already read cannot be replaced.
///
/// The core keeps every line of the new text where it was in the user's
/// text, so line numbers, __LINE__, assert messages and debug line tables
/// stay the user's.
///
/// Reporting findings. A finding's location exists only once the compile
/// has entered its file, so findings are reported at the end of the
/// translation unit. Columns and the source snippet must be the user's, not
/// the rewritten line's: for each rewritten file that has findings, the
/// reporter creates one more FileID holding the original text, with the
/// same include location (so "In file included from" is unchanged), and
/// reports there. A file whose text has #line directives or line markers is
/// reported in the live FileID instead, because those directives live in
/// its line table; lines are right there too. So is everything under
/// -verify, which matches diagnostics to files by their file entry.
///
/// Clang 19 gives a plugin's custom diagnostic IDs no warning group and a
/// fixed level, so -w, -W and -Werror do not reach them and a remark would
/// be printed unconditionally: the reporter applies WarningPolicy and the
/// remark request itself.
///
//===----------------------------------------------------------------------===//

#include "LiveCompile.h"
#include "WarningFlags.h"

#include "clang/Basic/DiagnosticFrontend.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace clang;
using namespace cxxdefer;
using namespace cxxdefer::plugin;

void cxxdefer::plugin::remapBeforePreprocessing(
    CompilerInstance &Live, llvm::ArrayRef<NewFileText> Files) {
  PreprocessorOptions &PPOpts = Live.getPreprocessorOpts();
  for (const NewFileText &File : Files)
    // Owned by the SourceManager once the preprocessor takes it
    // (RetainRemappedFileBuffers is false).
    PPOpts.addRemappedFile(
        File.File.getName(),
        llvm::MemoryBuffer::getMemBufferCopy(File.Text, File.File.getName())
            .release());
}

void cxxdefer::plugin::forgetRemappedTexts(CompilerInstance &Live,
                                           llvm::ArrayRef<NewFileText> Files) {
  auto &Buffers = Live.getPreprocessorOpts().RemappedFileBuffers;
  llvm::erase_if(
      Buffers, [&](const std::pair<std::string, llvm::MemoryBuffer *> &Remap) {
        return llvm::any_of(Files, [&](const NewFileText &File) {
          return File.File.getName() == Remap.first;
        });
      });
}

/// Whether the live compile has already given \p File a FileID, that is,
/// started to read it.
static bool hasBeenEntered(const SourceManager &SM, FileEntryRef File) {
  return SM.translateFile(File).isValid();
}

bool cxxdefer::plugin::overrideUnreadFiles(CompilerInstance &Live,
                                           llvm::ArrayRef<NewFileText> Files) {
  SourceManager &SM = Live.getSourceManager();
  for (const NewFileText &File : Files) {
    if (!File.IsMainFile && !hasBeenEntered(SM, File.File))
      continue;
    // Only possible when a file that never mentions __defer or __result
    // needs a rewrite (a defer statement written through a macro), and was
    // read before the first file that does was included.
    StringRef Name = File.File.getName();
    reportPluginError(
        Live.getDiagnostics(),
        llvm::Twine("cannot rewrite '") + Name +
            "': it was compiled before the first file that mentions "
            "'__defer' or '__result' was included; mention '__defer' in '" +
            Name + "' (a comment is enough) to have it rewritten");
    return false;
  }
  for (const NewFileText &File : Files)
    SM.overrideFileContents(File.File, llvm::MemoryBuffer::getMemBufferCopy(
                                           File.Text, File.File.getName()));
  return true;
}

namespace {

/// Turns a finding's file and offsets into a location of the live compile,
/// on the user's own text where the file was rewritten.
class FindingLocator {
public:
  FindingLocator(CompilerInstance &Live, llvm::ArrayRef<NewFileText> Files)
      : SM(Live.getSourceManager()), Files(Files),
        // -verify matches a diagnostic to its expected-* comment by file
        // entry, which a copy of the text does not have.
        UseLiveText(Live.getDiagnosticOpts().VerifyDiagnostics) {}

  SourceLocation locate(const PlacedFinding &F) {
    if (!F.File)
      return SourceLocation();
    FileID Live = liveFileID(F);
    if (Live.isInvalid())
      return SourceLocation();
    const NewFileText *New = newTextOf(*F.File);
    bool HasLineDirectives =
        SM.getSLocEntry(Live).getFile().hasLineDirectives();
    if (!New || HasLineDirectives || UseLiveText)
      return composed(Live, F.Offset);
    return composed(originalFileID(*New, Live), F.OriginalOffset);
  }

private:
  SourceManager &SM;
  llvm::ArrayRef<NewFileText> Files;
  bool UseLiveText;
  /// The headers' live FileIDs (the lookup walks every FileID).
  llvm::DenseMap<const FileEntry *, FileID> LiveIDs;
  /// The FileIDs holding the original text of rewritten files.
  llvm::DenseMap<const FileEntry *, FileID> OriginalIDs;

  FileID liveFileID(const PlacedFinding &F) {
    if (F.InMainFile)
      return SM.getMainFileID();
    auto [It, Inserted] = LiveIDs.try_emplace(&F.File->getFileEntry());
    if (Inserted)
      It->second = SM.translateFile(*F.File);
    return It->second;
  }

  const NewFileText *newTextOf(FileEntryRef File) const {
    for (const NewFileText &New : Files)
      if (New.File == File)
        return &New;
    return nullptr;
  }

  /// A FileID with the original text of \p New, included where its live
  /// FileID \p Live was, with the same characteristic.
  FileID originalFileID(const NewFileText &New, FileID Live) {
    auto [It, Inserted] = OriginalIDs.try_emplace(&New.File.getFileEntry());
    if (Inserted)
      It->second = SM.createFileID(
          llvm::MemoryBuffer::getMemBufferCopy(New.OriginalText,
                                               New.File.getName()),
          SM.getFileCharacteristic(SM.getLocForStartOfFile(Live)),
          /*LoadedID=*/0, /*LoadedOffset=*/0, SM.getIncludeLoc(Live));
    return It->second;
  }

  SourceLocation composed(FileID FID, unsigned Offset) const {
    if (FID.isInvalid() || Offset > SM.getFileIDSize(FID))
      return SourceLocation();
    return SM.getComposedLoc(FID, Offset);
  }
};

} // namespace

/// Reports \p Message at \p Loc with a plugin-defined diagnostic of \p Level.
static void reportCustom(DiagnosticsEngine &Diags,
                         DiagnosticsEngine::Level Level, SourceLocation Loc,
                         StringRef Message) {
  Diags.Report(Loc, Diags.getCustomDiagID(Level, "%0")) << Message;
}

/// Reports a warning finding at the level \p Policy gives its flag, with
/// the flag after the message as clang shows its own. \returns whether it
/// was shown.
static bool reportWarning(CompilerInstance &Live, SourceLocation Loc,
                          const PlacedFinding &F, const WarningPolicy &Policy) {
  WarningLevel Level = Policy.levelOf(F.Flag);
  if (Level == WarningLevel::Ignored)
    return false;
  std::string Message = F.Message;
  if (Live.getDiagnosticOpts().ShowOptionNames && !F.Flag.empty())
    Message += " [" + Policy.optionText(F.Flag) + "]";
  reportCustom(Live.getDiagnostics(),
               Level == WarningLevel::Error ? DiagnosticsEngine::Error
                                            : DiagnosticsEngine::Warning,
               Loc, Message);
  return true;
}

/// Reports a remark finding if it was asked for. A defer-classification
/// remark under -Rpass=defer is clang's own optimization remark, so that it
/// reads "[-Rpass=defer]" like the backend's. \returns whether it was shown.
static bool reportRemark(DiagnosticsEngine &Diags, SourceLocation Loc,
                         const PlacedFinding &F, bool PassRemarks,
                         bool AnalysisRemarks, bool RemarksRequested) {
  if (F.IsDeferClassRemark && PassRemarks) {
    Diags.Report(Loc, diag::remark_fe_backend_optimization_remark)
        << AddFlagValue("defer") << F.Message;
    return true;
  }
  // -Rpass-analysis=defer: what the rewrite could not keep, and why.
  if (diagFlag(F.Id) == "pass-analysis=defer") {
    if (AnalysisRemarks) {
      Diags.Report(Loc, diag::remark_fe_backend_optimization_remark_analysis)
          << AddFlagValue("defer") << F.Message;
      return true;
    }
    if (!RemarksRequested)
      return false;
  }
  if (!PassRemarks && !RemarksRequested)
    return false;
  reportCustom(Diags, DiagnosticsEngine::Remark, Loc, F.Message);
  return true;
}

void cxxdefer::plugin::reportFindings(CompilerInstance &Live,
                                      llvm::ArrayRef<PlacedFinding> Findings,
                                      llvm::ArrayRef<NewFileText> Files,
                                      const WarningPolicy &Policy,
                                      bool RemarksRequested) {
  DiagnosticsEngine &Diags = Live.getDiagnostics();
  // -Rpass= takes a regular expression; the built-in remark is enabled by
  // any -Rpass=, so the plugin must do the matching.
  bool PassRemarks =
      Live.getCodeGenOpts().OptimizationRemark.patternMatches("defer");
  bool AnalysisRemarks =
      Live.getCodeGenOpts().OptimizationRemarkAnalysis.patternMatches("defer");
  FindingLocator Locator(Live, Files);

  bool LastShown = false; // whether the finding the next note belongs to was
  for (const PlacedFinding &F : Findings) {
    SourceLocation Loc = Locator.locate(F);
    switch (F.Level) {
    case DiagLevel::Error:
      reportCustom(Diags, DiagnosticsEngine::Error, Loc, F.Message);
      LastShown = true;
      break;
    case DiagLevel::Warning:
      LastShown = reportWarning(Live, Loc, F, Policy);
      break;
    case DiagLevel::Remark:
      LastShown = reportRemark(Diags, Loc, F, PassRemarks, AnalysisRemarks,
                               RemarksRequested);
      break;
    case DiagLevel::Note:
      if (LastShown)
        reportCustom(Diags, DiagnosticsEngine::Note, Loc, F.Message);
      break;
    }
  }
}

void cxxdefer::plugin::reportPluginError(DiagnosticsEngine &Diags,
                                         const llvm::Twine &Message) {
  Diags.Report(Diags.getCustomDiagID(DiagnosticsEngine::Error, "cxxdefer: %0"))
      << Message.str();
}
