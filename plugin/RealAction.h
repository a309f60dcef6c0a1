//===- RealAction.h - The action clang was asked to run ---------*- C++ -*-===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// The plugin replaces clang's frontend action (CxxDeferPlugin.cpp says why)
/// and then runs the action clang would have run, in the same
/// CompilerInstance. This file recovers that action and makes its protected
/// hooks callable.
///
/// Recovering it. When a ReplaceAction plugin is loaded, clang overwrites
/// FrontendOptions::ProgramAction with PluginAction before any plugin code
/// runs, and keeps no copy. The cc1 command line survives, though: clang 19
/// stores it in CodeGenOptions::CommandLineArgs (for CodeView, but on every
/// target, unless -gno-codeview-command-line). Parsing it again with
/// CompilerInvocation::CreateFromArgs gives the action exactly as cc1 parsed
/// it: -E, -S, -emit-obj, -fsyntax-only, -emit-llvm, -emit-pch, -ast-dump...
///
/// Running it. FrontendAction's hooks are protected; only
/// WrapperFrontendAction (a friend) may call them on another action. So the
/// real action is held by a WrapperFrontendAction subclass whose public
/// methods call the inherited forwarding hooks on itself. The plugin's own
/// action forwards every hook there, so clang's CompilerInstance drives the
/// real action as if it were the plugin.
///
//===----------------------------------------------------------------------===//

#ifndef CXXDEFER_PLUGIN_REALACTION_H
#define CXXDEFER_PLUGIN_REALACTION_H

#include "clang/Frontend/FrontendAction.h"
#include "llvm/ADT/StringRef.h"
#include <memory>
#include <string>

namespace cxxdefer::plugin {

/// The action clang was asked to run, with its hooks made public.
class RealAction : public clang::WrapperFrontendAction {
public:
  using WrapperFrontendAction::WrapperFrontendAction;

  /// The action itself, for its public queries.
  clang::FrontendAction &action() { return *WrappedAction; }
  const clang::FrontendAction &action() const { return *WrappedAction; }

  bool prepareToExecuteAction(clang::CompilerInstance &CI) {
    return PrepareToExecuteAction(CI);
  }
  bool beginInvocation(clang::CompilerInstance &CI) {
    return BeginInvocation(CI);
  }
  bool beginSourceFileAction(clang::CompilerInstance &CI) {
    return BeginSourceFileAction(CI);
  }
  std::unique_ptr<clang::ASTConsumer>
  createASTConsumer(clang::CompilerInstance &CI, llvm::StringRef InFile) {
    return CreateASTConsumer(CI, InFile);
  }
  void executeAction() { ExecuteAction(); }
  void endSourceFileAction() { EndSourceFileAction(); }
  bool eraseOutputFiles() { return shouldEraseOutputFiles(); }
};

/// Restores, in \p CI's FrontendOptions, the action its command line asked
/// for, and creates it the way clang does (clang::CreateFrontendAction).
/// \returns null after setting \p Error when the action cannot be known or
/// created.
std::unique_ptr<RealAction> createRealAction(clang::CompilerInstance &CI,
                                             llvm::StringRef PluginName,
                                             std::string &Error);

} // namespace cxxdefer::plugin

#endif // CXXDEFER_PLUGIN_REALACTION_H
