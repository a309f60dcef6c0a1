//===- RealAction.cpp - The action clang was asked to run -----------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//

#include "RealAction.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/CompilerInvocation.h"
#include "clang/FrontendTool/Utils.h"
#include <vector>

using namespace clang;
using namespace cxxdefer::plugin;

/// The program action (and, for -plugin NAME, the plugin name) that the cc1
/// command line of \p CI asked for, parsed again from
/// CodeGenOptions::CommandLineArgs. \returns false when that copy of the
/// command line is missing.
static bool recoverRequestedAction(const CompilerInstance &CI,
                                   frontend::ActionKind &Action,
                                   std::string &ActionName) {
  const std::vector<std::string> &Args = CI.getCodeGenOpts().CommandLineArgs;
  if (Args.empty())
    return false;
  std::vector<const char *> Argv;
  Argv.reserve(Args.size());
  for (const std::string &Arg : Args)
    Argv.push_back(Arg.c_str());
  // cc1 has parsed (and reported on) this very command line already.
  DiagnosticsEngine Quiet(new DiagnosticIDs(), new DiagnosticOptions(),
                          new IgnoringDiagConsumer());
  CompilerInvocation Scratch;
  CompilerInvocation::CreateFromArgs(Scratch, Argv, Quiet,
                                     CI.getCodeGenOpts().Argv0);
  Action = Scratch.getFrontendOpts().ProgramAction;
  ActionName = Scratch.getFrontendOpts().ActionName;
  return true;
}

std::unique_ptr<RealAction>
cxxdefer::plugin::createRealAction(CompilerInstance &CI, StringRef PluginName,
                                   std::string &Error) {
  frontend::ActionKind Action;
  std::string ActionName;
  if (!recoverRequestedAction(CI, Action, ActionName)) {
    Error = "cannot tell what clang was asked to produce: the cc1 command "
            "line was not kept (-gno-codeview-command-line); remove that "
            "option when loading the plugin";
    return nullptr;
  }
  if (Action == frontend::PluginAction && ActionName == PluginName) {
    Error = ("'-plugin " + PluginName +
             "' is not needed: -fplugin= alone runs the plugin")
                .str();
    return nullptr;
  }

  FrontendOptions &Opts = CI.getFrontendOpts();
  Opts.ProgramAction = Action;
  Opts.ActionName = ActionName;
  // clang::CreateFrontendAction also adds the adaptors that some options ask
  // for (-fixit-recompile, --emit-symbol-graph, -ast-merge, ARC migration).
  // The plugin's own action already got them; the real one must not get a
  // second copy.
  bool FixAndRecompile = Opts.FixAndRecompile;
  bool EmitSymbolGraph = Opts.EmitSymbolGraph;
  std::vector<std::string> ASTMergeFiles = std::move(Opts.ASTMergeFiles);
  auto ARCMTAction = Opts.ARCMTAction;
  unsigned ObjCMTAction = Opts.ObjCMTAction;
  Opts.FixAndRecompile = false;
  Opts.EmitSymbolGraph = false;
  Opts.ASTMergeFiles.clear();
  Opts.ARCMTAction = FrontendOptions::ARCMT_None;
  Opts.ObjCMTAction = FrontendOptions::ObjCMT_None;
  std::unique_ptr<FrontendAction> Act = CreateFrontendAction(CI);
  Opts.FixAndRecompile = FixAndRecompile;
  Opts.EmitSymbolGraph = EmitSymbolGraph;
  Opts.ASTMergeFiles = std::move(ASTMergeFiles);
  Opts.ARCMTAction = ARCMTAction;
  Opts.ObjCMTAction = ObjCMTAction;

  if (!Act) {
    Error = "clang could not create the action it was asked to run";
    return nullptr;
  }
  return std::make_unique<RealAction>(std::move(Act));
}
