//===- LiveCompile.cpp - Hand the pre-parse's results to the compile ------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Installing the new texts. By the time a plugin runs, the preprocessor
/// exists and has consumed PreprocessorOptions' remapped files, so remapping
/// is too late. What works is SourceManager::overrideFileContents, which
/// replaces the text behind a FileEntry:
///
/// - A header gets its FileID, and with it its range of source locations,
///   only when the compile enters it, so the override is all it needs.
/// - The main file already has its FileID, sized from the original text.
///   Overriding it alone is silently wrong: locations past the old size fall
///   into the next FileID, and __LINE__, diagnostics and debug lines come
///   out wrong without any error. So the main file also gets a new FileID,
///   created from the same FileEntry (its name, __FILE__, -MD dependencies
///   and debug file name stay the same), which is sized from the new text.
///   The old FileID stays behind, unused.
/// - The core keeps every line of the new text where it was in the user's
///   text, so line numbers, __LINE__, assert messages and debug line tables
///   stay the user's.
///
/// Reporting findings. A finding is placed at its offset in the new text;
/// that location exists only once the compile has entered the file, so
/// findings are reported at the end of the translation unit. Clang 19 gives
/// a plugin's custom diagnostic IDs no warning group, so -w and -Werror do
/// not reach them and a remark would be printed unconditionally: the
/// reporter applies -w, -Werror and the remark request itself.
///
//===----------------------------------------------------------------------===//

#include "LiveCompile.h"

#include "clang/Basic/DiagnosticFrontend.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace clang;
using namespace cxxdefer;
using namespace cxxdefer::plugin;

/// Whether the live compile has already given \p File a FileID, that is,
/// started to read it.
static bool hasBeenEntered(const SourceManager &SM, FileEntryRef File) {
  return SM.translateFile(File).isValid();
}

/// Gives the main file a new FileID for its overridden text (see the file
/// comment for why overriding it is not enough).
static void recreateMainFileID(SourceManager &SM, FileEntryRef Main) {
  SourceLocation OldStart = SM.getLocForStartOfFile(SM.getMainFileID());
  SrcMgr::CharacteristicKind Kind = SM.getFileCharacteristic(OldStart);
  SM.setMainFileID(SM.createFileID(Main, SourceLocation(), Kind));
}

bool cxxdefer::plugin::installNewTexts(CompilerInstance &Live,
                                       llvm::ArrayRef<NewFileText> Files,
                                       bool MainFileUnread) {
  SourceManager &SM = Live.getSourceManager();
  for (const NewFileText &File : Files) {
    bool TooLate =
        File.IsMainFile ? !MainFileUnread : hasBeenEntered(SM, File.File);
    if (TooLate) {
      // Only possible when a file that never mentions __defer or __result
      // needs a rewrite (a defer statement written through a macro), and
      // was read before the first file that does was included.
      StringRef Name = File.File.getName();
      reportPluginError(
          Live.getDiagnostics(),
          llvm::Twine("cannot rewrite '") + Name +
              "': it was compiled before the first file that mentions "
              "'__defer' or '__result' was included; mention '__defer' in '" +
              Name + "' (a comment is enough) to have it rewritten");
      return false;
    }
  }

  for (const NewFileText &File : Files) {
    SM.overrideFileContents(File.File, llvm::MemoryBuffer::getMemBufferCopy(
                                           File.Text, File.File.getName()));
    if (File.IsMainFile)
      recreateMainFileID(SM, File.File);
  }
  return true;
}

/// The location of \p F in the live compile, or an invalid location if the
/// finding has none or its file was never entered. \p FileIDs caches the
/// FileID of each header (the lookup walks every FileID).
static SourceLocation
locateFinding(const PlacedFinding &F, const SourceManager &SM,
              llvm::DenseMap<const FileEntry *, FileID> &FileIDs) {
  if (!F.File)
    return SourceLocation();
  FileID FID = SM.getMainFileID();
  if (!F.InMainFile) {
    auto [It, Inserted] = FileIDs.try_emplace(&F.File->getFileEntry());
    if (Inserted)
      It->second = SM.translateFile(*F.File);
    FID = It->second;
  }
  if (FID.isInvalid() || F.Offset > SM.getFileIDSize(FID))
    return SourceLocation();
  return SM.getComposedLoc(FID, F.Offset);
}

/// Reports \p Message at \p Loc with a plugin-defined diagnostic of \p Level.
static void reportCustom(DiagnosticsEngine &Diags,
                         DiagnosticsEngine::Level Level, SourceLocation Loc,
                         StringRef Message) {
  Diags.Report(Loc, Diags.getCustomDiagID(Level, "%0")) << Message;
}

/// Reports a warning finding the way clang would report a warning of its
/// own. \returns whether it was shown.
static bool reportWarning(DiagnosticsEngine &Diags, SourceLocation Loc,
                          StringRef Message) {
  if (Diags.getIgnoreAllWarnings())
    return false;
  reportCustom(Diags,
               Diags.getWarningsAsErrors() ? DiagnosticsEngine::Error
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
                                      bool RemarksRequested) {
  DiagnosticsEngine &Diags = Live.getDiagnostics();
  const SourceManager &SM = Live.getSourceManager();
  // -Rpass= takes a regular expression; the built-in remark is enabled by
  // any -Rpass=, so the plugin must do the matching.
  bool PassRemarks =
      Live.getCodeGenOpts().OptimizationRemark.patternMatches("defer");
  bool AnalysisRemarks =
      Live.getCodeGenOpts().OptimizationRemarkAnalysis.patternMatches("defer");
  llvm::DenseMap<const FileEntry *, FileID> FileIDs;

  bool LastShown = false; // whether the finding the next note belongs to was
  for (const PlacedFinding &F : Findings) {
    SourceLocation Loc = locateFinding(F, SM, FileIDs);
    switch (F.Level) {
    case DiagLevel::Error:
      reportCustom(Diags, DiagnosticsEngine::Error, Loc, F.Message);
      LastShown = true;
      break;
    case DiagLevel::Warning:
      LastShown = reportWarning(Diags, Loc, F.Message);
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
