//===- FindSites.cpp - Find defer statements and their function bodies ----===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// A RecursiveASTVisitor finds the function-like bodies; a hand-written walk
/// over each body (BodyWalker) finds the defer statements in it. The walk is
/// hand-written because it must carry context a visitor does not: which
/// top-level statement of the body we are in, whether we are in a loop by
/// Go's rules, and whether an expression stands at statement position.
/// Nested lambdas and local classes are separate bodies: the walk stops at
/// them and the visitor reaches them on its own - a defer statement inside
/// a deferred closure belongs to the closure.
///
//===----------------------------------------------------------------------===//

#include "FindSites.h"
#include "SourceText.h"
#include "cxxdefer/SystemCode.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace cxxdefer {

bool isInRuntimeDetail(const Decl *D) {
  const auto *Detail = dyn_cast<NamespaceDecl>(D->getDeclContext());
  if (!Detail || !Detail->getIdentifier() || Detail->getName() != "detail")
    return false;
  const DeclContext *Parent = Detail->getDeclContext();
  // The ABI's inline namespace (cxxdefer/config.h), if any.
  if (const auto *Inline = dyn_cast<NamespaceDecl>(Parent))
    if (Inline->isInline())
      Parent = Inline->getDeclContext();
  const auto *Top = dyn_cast<NamespaceDecl>(Parent);
  return Top && Top->getIdentifier() && Top->getName() == "cxxdefer" &&
         Top->getDeclContext()->getRedeclContext()->isTranslationUnit();
}

/// The marker call in the left operand of a parse-only expansion:
/// `static_cast<void>(__builtin_is_constant_evaluated() ? void() :
/// marker())` (cxxdefer/parse_only.h); null for anything else.
static const CallExpr *markerCallIn(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Cast = dyn_cast<CXXStaticCastExpr>(E))
    E = Cast->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Choice = dyn_cast<ConditionalOperator>(E))
    E = Choice->getFalseExpr()->IgnoreParenImpCasts();
  return dyn_cast<CallExpr>(E);
}

/// If \p Call is a call of one of the parse-only markers, whether it is
/// the `__errdefer` one.
static std::optional<bool> markerKind(const CallExpr *Call) {
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->getIdentifier() || !isInRuntimeDetail(Callee))
    return std::nullopt;
  if (Callee->getName() == "defer_statement_needs_plugin")
    return false;
  if (Callee->getName() == "errdefer_statement_needs_plugin")
    return true;
  return std::nullopt;
}

const CallExpr *markerOf(const BinaryOperator *Expansion) {
  return markerCallIn(Expansion->getLHS());
}

const BinaryOperator *asDeferExpansion(const Expr *E) {
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
    E = Cleanups->getSubExpr();
  const auto *Comma = dyn_cast<BinaryOperator>(E);
  if (!Comma || Comma->getOpcode() != BO_Comma ||
      !markerKind(markerCallIn(Comma->getLHS())))
    return nullptr;
  if (!isa<LambdaExpr>(Comma->getRHS()->IgnoreParenCasts()))
    return nullptr;
  return Comma;
}

static const LambdaExpr *deferLambda(const BinaryOperator *Expansion) {
  return cast<LambdaExpr>(Expansion->getRHS()->IgnoreParenCasts());
}

const Expr *userCallOf(const BinaryOperator *Expansion) {
  const LambdaExpr *Lambda = deferLambda(Expansion);
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Lambda->getBody());
  if (!Body || Body->size() != 1)
    return nullptr;
  const auto *E = dyn_cast<Expr>(Body->body_front());
  if (!E)
    return nullptr;
  E = E->IgnoreImplicit();
  if (const auto *VoidCast = dyn_cast<CStyleCastExpr>(E))
    E = VoidCast->getSubExpr();
  // The header's own parentheses, then any the user added.
  return E->IgnoreImplicit()->IgnoreParens()->IgnoreImplicit();
}

bool isResultReference(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  if (!Ref)
    return false;
  const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
  if (!Var || !Var->getIdentifier() || Var->getName() != "__result")
    return false;
  // The header's placeholder, or the variable the analysis parse declares
  // for the function (AnalysisConsumer.cpp).
  const DeclContext *DC = Var->getDeclContext();
  if (DC->isTranslationUnit() ||
      (Var->isImplicit() && DC->isFunctionOrMethod()))
    return true;
  const auto *Analysis = dyn_cast<NamespaceDecl>(DC);
  return Analysis && Analysis->getName() == "analysis" &&
         isa<NamespaceDecl>(Analysis->getDeclContext()) &&
         cast<NamespaceDecl>(Analysis->getDeclContext())->getName() ==
             "cxxdefer";
}

const DeclRefExpr *asWrittenResult(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
      E = Cleanups->getSubExpr();
    else if (const auto *Temp = dyn_cast<MaterializeTemporaryExpr>(E))
      E = Temp->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
             Construct && Construct->getNumArgs() == 1 &&
             !isa<CXXTemporaryObjectExpr>(Construct))
      E = Construct->getArg(0);
    else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E);
             Member &&
             isa_and_nonnull<CXXConversionDecl>(Member->getMethodDecl()))
      E = Member->getImplicitObjectArgument();
    else
      break;
  }
  return E && isResultReference(E) ? cast<DeclRefExpr>(E) : nullptr;
}

/// The `__defer(...)` invocation that \p Marker's expansion comes from: the
/// macro's name and its `)`.
static CharSourceRange invocationOf(const SourceManager &SM,
                                    const CallExpr *Marker) {
  SourceLocation Loc = Marker->getBeginLoc();
  // Inside an outer __defer's argument the marker is an argument token.
  while (SM.isMacroArgExpansion(Loc))
    Loc = SM.getImmediateSpellingLoc(Loc);
  return SM.getImmediateExpansionRange(Loc);
}

namespace {

/// Finds the token after a statement's last token: in the same macro use
/// when there is one (MacroTokens), else in the file after the use.
class NextToken {
public:
  NextToken(const SourceManager &SM, const LangOptions &LO,
            const MacroTokens *Tokens)
      : SM(SM), LO(LO), Tokens(Tokens) {}

  /// The `;` after \p Last, or an invalid location.
  SourceLocation semicolonAfter(SourceLocation Last) const {
    if (Last.isMacroID()) {
      if (Tokens)
        if (std::optional<MacroTokens::Token> Next = Tokens->nextInUse(Last))
          return Next->Kind == tok::semi ? Next->Loc : SourceLocation();
      Last = SM.getExpansionRange(Last).getEnd();
    }
    std::optional<Token> Next = Lexer::findNextToken(Last, SM, LO);
    return Next && Next->is(tok::semi) ? Next->getLocation() : SourceLocation();
  }

private:
  const SourceManager &SM;
  const LangOptions &LO;
  const MacroTokens *Tokens;
};

/// Walks one function-like body and fills a DeferFunction.
class BodyWalker {
public:
  BodyWalker(ASTContext &Ctx, DeferFunction &F, std::vector<Finding> &Findings,
             llvm::DenseSet<const CallExpr *> &Claimed, const NextToken &Next)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), F(F), Findings(Findings),
        Claimed(Claimed), Next(Next) {}

  void run() {
    collectLoopingLabels(F.Body);
    unsigned Index = 0;
    bool InLoop = false;
    for (const Stmt *S : F.Body->body()) {
      TopIndex = Index++;
      InLoop = InLoop || startsWithLoopingLabel(S);
      walk(S, InLoop, /*AtStatement=*/true);
    }
    for (const auto &[GotoIndex, Label] : Gotos) {
      auto It = LabelIndex.find(Label);
      if (It != LabelIndex.end() && It->second != GotoIndex)
        F.Jumps.push_back({GotoIndex, It->second});
    }
    for (DeferSite &Site : F.Sites)
      Site.InLoop = Site.InLoop || repeatedByBackwardGoto(Site);
  }

private:
  ASTContext &Ctx;
  SourceManager &SM;
  DeferFunction &F;
  std::vector<Finding> &Findings;
  llvm::DenseSet<const CallExpr *> &Claimed;
  const NextToken &Next;
  unsigned TopIndex = 0;
  /// Labels that a goto written after them jumps back to (Go: "looping").
  llvm::DenseSet<const LabelDecl *> LoopingLabels;
  /// Source ranges from a looping label to a goto after it that targets it.
  std::vector<SourceRange> BackwardJumpRanges;
  llvm::DenseMap<const LabelDecl *, unsigned> LabelIndex;
  std::vector<std::pair<unsigned, const LabelDecl *>> Gotos;

  bool isBefore(SourceLocation A, SourceLocation B) const {
    return SM.isBeforeInTranslationUnit(SM.getExpansionLoc(A),
                                        SM.getExpansionLoc(B));
  }

  /// Go's escape analysis marks a label "looping" when a goto that appears
  /// after it targets it; everything from the label to the end of its block
  /// then counts as a loop body (src/cmd/compile/internal/escape).
  void collectLoopingLabels(const Stmt *Root) {
    llvm::DenseMap<const LabelDecl *, SourceLocation> LabelLoc;
    std::vector<const GotoStmt *> AllGotos;
    forEachStmtInBody(Root, [&](const Stmt *S) {
      if (const auto *L = dyn_cast<LabelStmt>(S))
        LabelLoc[L->getDecl()] = L->getBeginLoc();
      else if (const auto *G = dyn_cast<GotoStmt>(S))
        AllGotos.push_back(G);
    });
    for (const GotoStmt *G : AllGotos) {
      auto It = LabelLoc.find(G->getLabel());
      if (It != LabelLoc.end() && isBefore(It->second, G->getBeginLoc())) {
        LoopingLabels.insert(G->getLabel());
        BackwardJumpRanges.push_back({It->second, G->getBeginLoc()});
      }
    }
  }

  /// Go's rule above covers the rest of the label's block, because Go
  /// forbids jumping into a block. C++ does not: in `{ L:; } __defer(f());
  /// goto L;` the defer statement is outside L's block and still runs once
  /// per jump. So a defer statement that lies between a label and a goto
  /// after it that targets it is in a loop too (SPEC 2.9).
  bool repeatedByBackwardGoto(const DeferSite &Site) const {
    return llvm::any_of(BackwardJumpRanges, [&](SourceRange R) {
      return isBefore(R.getBegin(), Site.Marker->getBeginLoc()) &&
             isBefore(Site.Marker->getBeginLoc(), R.getEnd());
    });
  }

  /// Calls \p Fn on every statement of this body, not entering nested
  /// function-like bodies.
  template <class Callback>
  static void forEachStmtInBody(const Stmt *S, Callback &&Fn) {
    if (!S)
      return;
    Fn(S);
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      for (const Expr *Init : Lambda->capture_inits())
        forEachStmtInBody(Init, Fn);
      return;
    }
    for (const Stmt *Child : S->children())
      forEachStmtInBody(Child, Fn);
  }

  bool startsWithLoopingLabel(const Stmt *S) const {
    while (true) {
      if (const auto *A = dyn_cast<AttributedStmt>(S)) {
        S = A->getSubStmt();
        continue;
      }
      const auto *L = dyn_cast<LabelStmt>(S);
      if (!L)
        return false;
      if (LoopingLabels.count(L->getDecl()))
        return true;
      S = L->getSubStmt();
    }
  }

  void walkCompound(const CompoundStmt *CS, bool InLoop) {
    for (const Stmt *S : CS->body()) {
      InLoop = InLoop || startsWithLoopingLabel(S);
      walk(S, InLoop, /*AtStatement=*/true);
    }
  }

  void problem(DiagId Id, SourceLocation Loc) {
    F.Errors.push_back({Id, Loc, {}});
  }

  /// Walks \p S. \p AtStatement is true where \p S stands as a statement of
  /// its own (the only place a defer statement may be).
  void walk(const Stmt *S, bool InLoop, bool AtStatement) {
    if (!S)
      return;
    if (const auto *E = dyn_cast<Expr>(S)) {
      if (const BinaryOperator *Expansion = asDeferExpansion(E)) {
        visitDeferStatement(E, Expansion, InLoop, AtStatement);
        return;
      }
    }
    switch (S->getStmtClass()) {
    case Stmt::CompoundStmtClass:
      return walkCompound(cast<CompoundStmt>(S), InLoop);
    case Stmt::ForStmtClass: {
      const auto *For = cast<ForStmt>(S);
      walk(For->getInit(), InLoop, true);
      walk(For->getConditionVariableDeclStmt(), true, false);
      walk(For->getCond(), true, false);
      walk(For->getInc(), true, false);
      return walk(For->getBody(), true, true);
    }
    case Stmt::CXXForRangeStmtClass: {
      const auto *For = cast<CXXForRangeStmt>(S);
      walk(For->getInit(), InLoop, true);
      walk(For->getRangeInit(), InLoop, false);
      return walk(For->getBody(), true, true);
    }
    case Stmt::WhileStmtClass: {
      const auto *While = cast<WhileStmt>(S);
      walk(While->getConditionVariableDeclStmt(), true, false);
      walk(While->getCond(), true, false);
      return walk(While->getBody(), true, true);
    }
    case Stmt::DoStmtClass: {
      const auto *Do = cast<DoStmt>(S);
      walk(Do->getBody(), true, true);
      return walk(Do->getCond(), true, false);
    }
    case Stmt::IfStmtClass: {
      const auto *If = cast<IfStmt>(S);
      walk(If->getInit(), InLoop, true);
      walk(If->getConditionVariableDeclStmt(), InLoop, false);
      walk(If->getCond(), InLoop, false);
      walk(If->getThen(), InLoop, true);
      return walk(If->getElse(), InLoop, true);
    }
    case Stmt::SwitchStmtClass: {
      const auto *Switch = cast<SwitchStmt>(S);
      walk(Switch->getInit(), InLoop, true);
      walk(Switch->getConditionVariableDeclStmt(), InLoop, false);
      walk(Switch->getCond(), InLoop, false);
      return walk(Switch->getBody(), InLoop, true);
    }
    case Stmt::CaseStmtClass:
    case Stmt::DefaultStmtClass:
      return walk(cast<SwitchCase>(S)->getSubStmt(), InLoop, true);
    case Stmt::LabelStmtClass: {
      const auto *Label = cast<LabelStmt>(S);
      LabelIndex[Label->getDecl()] = TopIndex;
      return walk(Label->getSubStmt(),
                  InLoop || LoopingLabels.count(Label->getDecl()), true);
    }
    case Stmt::AttributedStmtClass:
      return walk(cast<AttributedStmt>(S)->getSubStmt(), InLoop, AtStatement);
    case Stmt::GotoStmtClass:
      Gotos.push_back({TopIndex, cast<GotoStmt>(S)->getLabel()});
      return;
    case Stmt::IndirectGotoStmtClass:
      return problem(DiagId::ComputedGoto, S->getBeginLoc());
    case Stmt::ReturnStmtClass: {
      const auto *Return = cast<ReturnStmt>(S);
      SourceLocation Last = Return->getEndLoc();
      F.Returns.push_back({Return, Next.semicolonAfter(Last)});
      return walk(Return->getRetValue(), InLoop, false);
    }
    case Stmt::CoreturnStmtClass: {
      const auto *CoReturn = cast<CoreturnStmt>(S);
      if (!CoReturn->isImplicit())
        F.CoReturns.push_back(
            {CoReturn, Next.semicolonAfter(CoReturn->getEndLoc())});
      return walk(CoReturn->getOperand(), InLoop, false);
    }
    case Stmt::CXXTryStmtClass: {
      const auto *Try = cast<CXXTryStmt>(S);
      walk(Try->getTryBlock(), InLoop, true);
      for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
        walk(Try->getHandler(I)->getHandlerBlock(), InLoop, true);
      return;
    }
    case Stmt::LambdaExprClass:
      // Its body is a function of its own; its captures are evaluated here.
      for (const Expr *Init : cast<LambdaExpr>(S)->capture_inits())
        walk(Init, InLoop, false);
      return;
    case Stmt::BlockExprClass:
      return;
    case Stmt::StmtExprClass:
      return walkCompound(cast<StmtExpr>(S)->getSubStmt(), InLoop);
    default:
      for (const Stmt *Child : S->children())
        walk(Child, InLoop, false);
      return;
    }
  }

  void visitDeferStatement(const Expr *E, const BinaryOperator *Expansion,
                           bool InLoop, bool AtStatement) {
    DeferSite Site;
    Site.Marker = markerOf(Expansion);
    Site.Err = *markerKind(Site.Marker);
    Site.Expansion = Expansion;
    Claimed.insert(Site.Marker);
    const char *Name = Site.Err ? "__errdefer" : "__defer";
    if (!AtStatement) {
      Findings.push_back({DiagId::DeferInExpression,
                          SM.getFileLoc(Site.Marker->getBeginLoc()),
                          {Name}});
      return;
    }
    CharSourceRange Invocation = invocationOf(SM, Site.Marker);
    Site.InvocationBegin = Invocation.getBegin();
    Site.InvocationEnd = Invocation.getEnd();
    Site.ExpansionBegin = Expansion->getBeginLoc();
    Site.ExpansionEnd = Expansion->getEndLoc();
    Site.Semicolon = Next.semicolonAfter(Site.ExpansionEnd);
    if (Site.Semicolon.isInvalid()) {
      Findings.push_back({DiagId::DeferMissingSemicolon,
                          SM.getFileLoc(Site.Marker->getBeginLoc()),
                          {Name}});
      return;
    }
    Site.Call = userCallOf(Expansion);
    Site.TopLevelIndex = TopIndex;
    Site.TopLevel = F.Body->body_begin()[TopIndex] == E;
    Site.InLoop = InLoop;
    F.Sites.push_back(Site);
    // The call's operands are evaluated here: nested lambdas' captures and
    // uses of __result inside them belong to this function.
    if (Site.Call)
      walk(Site.Call, InLoop, false);
  }
};

/// Finds function-like bodies and runs a BodyWalker on each.
class BodyFinder : public RecursiveASTVisitor<BodyFinder> {
public:
  BodyFinder(ASTContext &Ctx, SiteSearch &Out, const MacroTokens *Tokens,
             const SystemCode &System)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), System(System), Out(Out),
        Next(SM, Ctx.getLangOpts(), Tokens) {}

  /// The system's code has no defer statement (SystemCode.h: a library
  /// written for cxxdefer is not the system's), so the walk does not enter
  /// it: most of a translation unit's bodies are the standard library's.
  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        System.contains(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (const BinaryOperator *Expansion = asDeferExpansion(BO))
      MarkerLambdas.insert(deferLambda(Expansion));
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (System.contains(Call->getBeginLoc()))
      return true;
    if (markerKind(Call))
      AllMarkers.push_back(Call);
    if (isRecoverWithArguments(Call))
      Out.Findings.push_back(
          {DiagId::RecoverArguments, SM.getFileLoc(Call->getBeginLoc()), {}});
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (isResultReference(Ref) && !System.contains(Ref->getBeginLoc()))
      ResultRefs.push_back(Ref);
    return true;
  }

  /// Gives every `__result` to the function it names the result of: the
  /// innermost enclosing body with a defer statement (a closure without
  /// defer statements refers to its enclosing function's result, as a Go
  /// closure refers to a named result). Reports those that have none.
  void assignResultReferences() {
    if (ResultRefs.empty())
      return;
    llvm::DenseMap<const FunctionDecl *, DeferFunction *> ByFunction;
    for (DeferFunction &F : Out.Functions)
      ByFunction[F.Function] = &F;
    // getParents builds a parent map of the traversal scope on first use.
    // Every `__result` is in the user's code, and so is the way up from it
    // to its function, so the map covers the user's top-level declarations
    // only: of the whole unit, it cost 40 ms once <string> was included.
    std::vector<Decl *> Scope = Ctx.getTraversalScope();
    std::vector<Decl *> UserScope;
    for (Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (D->getLocation().isInvalid() || !System.contains(D->getLocation()))
        UserScope.push_back(D);
    Ctx.setTraversalScope(UserScope);
    for (const DeclRefExpr *Ref : ResultRefs) {
      if (DeferFunction *Owner = ownerOf(Ref, ByFunction))
        Owner->ResultRefs.push_back(Ref);
      else
        Out.Findings.push_back({DiagId::ResultOutsideDefer,
                                SM.getFileLoc(Ref->getBeginLoc()),
                                {}});
    }
    Ctx.setTraversalScope(Scope);
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (const auto *Method = dyn_cast<CXXMethodDecl>(FD))
      if (Method->getParent()->isLambda())
        return true; // reached through VisitLambdaExpr
    if (FD->doesThisDeclarationHaveABody() && !FD->isLateTemplateParsed())
      analyse(FD, FD->getBody());
    return true;
  }

  bool VisitLambdaExpr(LambdaExpr *Lambda) {
    if (!MarkerLambdas.count(Lambda))
      analyse(Lambda->getCallOperator(), Lambda->getBody());
    return true;
  }

  /// Reports markers no body claimed: `__defer` in a default member
  /// initializer, in a default argument.
  void reportStrayMarkers() {
    for (const CallExpr *Marker : AllMarkers)
      if (!Claimed.count(Marker))
        Out.Findings.push_back(
            {DiagId::DeferOutsideFunction,
             SM.getFileLoc(Marker->getBeginLoc()),
             {*markerKind(Marker) ? "__errdefer" : "__defer"}});
  }

private:
  ASTContext &Ctx;
  SourceManager &SM;
  const SystemCode &System;
  SiteSearch &Out;
  NextToken Next;
  llvm::DenseSet<const LambdaExpr *> MarkerLambdas;
  llvm::DenseSet<const CallExpr *> Claimed;
  std::vector<const CallExpr *> AllMarkers;
  std::vector<const DeclRefExpr *> ResultRefs;

  static bool isRecoverWithArguments(const CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    return Callee && Call->getNumArgs() > 0 && Callee->getIdentifier() &&
           Callee->getName() == "__recover" &&
           Callee->getDeclContext()->getRedeclContext()->isTranslationUnit();
  }

  DeferFunction *ownerOf(
      const DeclRefExpr *Ref,
      const llvm::DenseMap<const FunctionDecl *, DeferFunction *> &ByFunction) {
    DynTypedNodeList Parents = Ctx.getParents(*Ref);
    while (!Parents.empty()) {
      const DynTypedNode &Parent = Parents[0];
      const FunctionDecl *Function = Parent.get<FunctionDecl>();
      if (const auto *Lambda = Parent.get<LambdaExpr>())
        Function = Lambda->getCallOperator();
      if (Function) {
        const auto *Method = dyn_cast<CXXMethodDecl>(Function);
        bool IsLambda = Method && Method->getParent()->isLambda();
        auto It = ByFunction.find(Function);
        // A closure that returns nothing has no result of its own, as a Go
        // func literal without results: `__result` in it, even when it
        // defers, is its enclosing function's.
        if (It != ByFunction.end() &&
            !(IsLambda && Function->getReturnType()->isVoidType()))
          return It->second;
        if (!IsLambda)
          return nullptr; // a function without defer statements
      }
      Parents = Ctx.getParents(Parent);
    }
    return nullptr;
  }

  /// Collects the written `constexpr` keywords of \p FD's declarations:
  /// before the name of each, or after a lambda's parameters. \returns
  /// false when one is not in the definition's file or comes from a macro.
  bool constexprKeywords(const FunctionDecl *FD,
                         std::vector<SourceLocation> &Out) {
    FileID Home = SM.getFileID(FD->getLocation());
    const auto *Method = dyn_cast<CXXMethodDecl>(FD);
    bool IsLambda = Method && Method->getParent()->isLambda();
    for (const FunctionDecl *D : FD->redecls()) {
      SourceLocation Begin = D->getBeginLoc(), End = D->getLocation();
      if (IsLambda) {
        // `[...](params) constexpr {`: from the parameters to the body.
        End = D->getBody() ? D->getBody()->getBeginLoc() : End;
      }
      if (IsLambda) {
        // Usually implicitly constexpr (C++17), with no keyword to remove;
        // a written one is looked for where the lambda is spelled.
        Begin = SM.getSpellingLoc(Begin);
        End = SM.getSpellingLoc(End);
        Home = SM.getFileID(Begin);
        if (SM.getFileID(End) != Home)
          return true;
      }
      if (Begin.isMacroID() || End.isMacroID() || SM.getFileID(Begin) != Home)
        return false;
      StringRef Buffer = SM.getBufferData(Home);
      unsigned From = SM.getFileOffset(Begin), To = SM.getFileOffset(End);
      Lexer Raw(SM.getLocForStartOfFile(Home), Ctx.getLangOpts(),
                Buffer.begin(), Buffer.begin() + From, Buffer.end());
      Token T;
      bool Found = false;
      while (!Raw.LexFromRawLexer(T) &&
             SM.getFileOffset(T.getLocation()) < To) {
        if (T.is(tok::raw_identifier) && (T.getRawIdentifier() == "constexpr"))
          Out.push_back(T.getLocation()), Found = true;
      }
      if (!Found && !IsLambda)
        return false;
    }
    return true;
  }

  void analyse(const FunctionDecl *FD, const Stmt *BodyStmt) {
    if (!BodyStmt || System.contains(BodyStmt->getBeginLoc()))
      return;
    DeferFunction F;
    F.Function = FD;
    if (const auto *Coroutine = dyn_cast<CoroutineBodyStmt>(BodyStmt)) {
      F.Coroutine = true;
      BodyStmt = Coroutine->getBody();
    }
    if (const auto *TryBlock = dyn_cast<CXXTryStmt>(BodyStmt))
      BodyStmt = TryBlock->getTryBlock();
    F.Body = dyn_cast_or_null<CompoundStmt>(BodyStmt);
    if (!F.Body)
      return;
    BodyWalker(Ctx, F, Out.Findings, Claimed, Next).run();
    if (F.Sites.empty())
      return;
    const char *Name = F.Sites.front().Err ? "__errdefer" : "__defer";
    SourceLocation First = SM.getFileLoc(F.Sites.front().Marker->getBeginLoc());
    // C++20 runs a constexpr function's deferred calls in constant
    // evaluation too (the runtime is constexpr). Before, the function runs
    // them at run time only: it stops being constexpr. C++17 makes every
    // eligible lambda implicitly constexpr; a rewritten one simply stops
    // being eligible, so only written specifiers count.
    if (FD->isConstexpr()) {
      std::vector<SourceLocation> Keywords;
      bool Spellable = constexprKeywords(FD, Keywords);
      const auto *Method = dyn_cast<CXXMethodDecl>(FD);
      bool Implicit = Method && Method->getParent()->isLambda() &&
                      Keywords.empty() && !FD->isConsteval();
      if (Ctx.getLangOpts().CPlusPlus20)
        F.StaysConstexpr = !Implicit;
      else if (Spellable)
        F.ConstexprKeywords = std::move(Keywords);
      else
        F.Errors.push_back({DiagId::ConstexprNeedsCxx20, First, {Name}});
    }
    Out.Functions.push_back(std::move(F));
  }
};

} // namespace

SiteSearch findSites(ASTContext &Ctx, const MacroTokens *Tokens,
                     const SystemCode &System) {
  SiteSearch Out;
  BodyFinder Finder(Ctx, Out, Tokens, System);
  Finder.TraverseAST(Ctx);
  Finder.reportStrayMarkers();
  Finder.assignResultReferences();
  return Out;
}

} // namespace cxxdefer
