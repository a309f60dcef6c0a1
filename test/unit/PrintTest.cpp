//===- PrintTest.cpp - The printer on hand-made plans ---------------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// printFile is a pure function from a FilePlan to edits: these tests build
/// plans by hand (no C++ is parsed) and check the text each plan prints,
/// one printer rule at a time. Positions are offsets in the original text,
/// found by searching it, so each test reads as the source it rewrites.
///
//===----------------------------------------------------------------------===//

#include "Print.h"
#include "Plan.h"
#include "clang/Tooling/Core/Replacement.h"
#include "gtest/gtest.h"

using namespace cxxdefer;

namespace {

/// A plan for one function of \p Source whose body is the text between its
/// first `{` and its last `}`, with the top-level statements given.
class PlanBuilder {
public:
  explicit PlanBuilder(std::string Source) {
    File.Path = "test.cpp";
    File.Original = std::move(Source);
    FunctionPlan F;
    F.BodyBegin = at(File.Original.find('{') + 1);
    F.BodyEnd = at(File.Original.rfind('}'));
    File.Functions.push_back(F);
  }

  /// Before the first occurrence of \p Text (after \p From).
  static Pos at(size_t Offset) {
    Pos P;
    P.Text = {0, static_cast<unsigned>(Offset)};
    return P;
  }
  size_t find(const std::string &Text, size_t From = 0) const {
    size_t Found = File.Original.find(Text, From);
    EXPECT_NE(Found, std::string::npos) << Text;
    return Found;
  }
  Span span(const std::string &Text, size_t From = 0) const {
    size_t Begin = find(Text, From);
    return {at(Begin), at(Begin + Text.size())};
  }
  FunctionPlan &function() { return File.Functions.front(); }

  /// A top-level statement that starts with \p Text.
  void topLevel(const std::string &Text) {
    function().TopLevel.push_back(at(find(Text)));
  }

  /// An open-coded slot at its own statement, `__defer(CALL);`.
  SitePlan &slot(const std::string &Call, Exit OnException) {
    SitePlan S;
    std::string Statement = "__defer(" + Call + ")";
    S.Statement = span(Statement);
    S.AfterSemicolon = at(find(Statement) + Statement.size() + 1);
    S.OnException = OnException;
    S.Name = "cxxdefer_d1";
    function().Sites.push_back(S);
    return function().Sites.back();
  }

  std::string print() {
    llvm::Expected<clang::tooling::Replacements> Edits = printFile(File);
    if (!Edits) {
      ADD_FAILURE() << llvm::toString(Edits.takeError());
      return "";
    }
    llvm::Expected<std::string> Out =
        clang::tooling::applyAllReplacements(File.Original, *Edits);
    if (!Out) {
      ADD_FAILURE() << llvm::toString(Out.takeError());
      return "";
    }
    return *Out;
  }

  FilePlan File;
};

/// `g(x)` with x kept by value, its callee named again at exit.
void planCallOfG(PlanBuilder &B, SitePlan &S) {
  S.Call.Shape = CallShape::NamedFunction;
  S.Call.Callee = "g";
  S.Call.CalleeText = B.span("g(x)");
  S.Call.CalleeText.End = PlanBuilder::at(B.find("g(x)") + 1);
  OperandPlan X;
  X.Text = B.span("x)", B.find("g(x)"));
  X.Text.End = PlanBuilder::at(X.Text.Begin.Text.Offset + 1);
  X.How = Keep::Value;
  S.Call.Operands.push_back(X);
}

TEST(Print, GuardSlotUnderCxx17) {
  PlanBuilder B("void f(int x) { __defer(g(x)); h(); }");
  B.topLevel("__defer");
  B.topLevel("h();");
  SitePlan &S = B.slot("g(x)", Exit::Guard);
  planCallOfG(B, S);
  EXPECT_EQ(B.print(),
            "void f(int x) { (void)::cxxdefer::detail::abi_check<7>{}; "
            "::cxxdefer::detail::guard cxxdefer_d1{::cxxdefer::detail::call{"
            "[](auto&&... cxxdefer_a) { (void)g(static_cast<decltype("
            "cxxdefer_a)&&>(cxxdefer_a)...); }, ::cxxdefer::detail::value_arg{x}}}; "
            "h(); }");
}

TEST(Print, GuardSlotUnderCxx14BindsThroughAFunction) {
  PlanBuilder B("void f(int x) { __defer(g(x)); h(); }");
  B.function().Cxx17 = false;
  B.topLevel("__defer");
  B.topLevel("h();");
  SitePlan &S = B.slot("g(x)", Exit::Guard);
  planCallOfG(B, S);
  std::string Out = B.print();
  EXPECT_NE(
      Out.find("auto&& cxxdefer_d1 = "
               "::cxxdefer::detail::open_coded<::cxxdefer::detail::guard>("
               "::cxxdefer::detail::bind([](auto&&... cxxdefer_a)"),
      std::string::npos)
      << Out;
}

TEST(Print, ASlotThatMayThrowOpensATryRegionToTheEndOfTheBody) {
  PlanBuilder B("void f(int x) { __defer(g(x)); h(); }");
  B.topLevel("__defer");
  B.topLevel("h();");
  SitePlan &S = B.slot("g(x)", Exit::Handled);
  planCallOfG(B, S);
  std::string Out = B.print();
  EXPECT_NE(Out.find("::cxxdefer::detail::open_slot cxxdefer_d1{"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("}}; try { h(); } catch (...) { cxxdefer_d1.unwind(); "
                     "::cxxdefer::detail::rethrow(); } }"),
            std::string::npos)
      << Out;
}

TEST(Print, ALiteralMovesIntoTheCaller) {
  PlanBuilder B("void f(int x) { __defer(g(\"hi\", x)); }");
  B.topLevel("__defer");
  SitePlan &S = B.slot("g(\"hi\", x)", Exit::Guard);
  S.Call.Shape = CallShape::NamedFunction;
  S.Call.Callee = "g";
  S.Call.CalleeText = {PlanBuilder::at(B.find("g(")),
                       PlanBuilder::at(B.find("g(") + 1)};
  OperandPlan Literal;
  Literal.Text = B.span("\"hi\"");
  Literal.How = Keep::Spelled;
  Literal.Spelling = "\"hi\"";
  OperandPlan X;
  X.Text = B.span("x)", B.find("\"hi\""));
  X.Text.End = PlanBuilder::at(X.Text.Begin.Text.Offset + 1);
  X.How = Keep::Value;
  S.Call.Operands = {Literal, X};
  std::string Out = B.print();
  EXPECT_NE(Out.find("[](auto&& cxxdefer_a0) { (void)g(\"hi\", "
                     "static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, "
                     "::cxxdefer::detail::value_arg{x}}}"),
            std::string::npos)
      << Out;
}

TEST(Print, AReleasedCapabilityIsHeldUntilExit) {
  PlanBuilder B("void f() { mu.Lock(); __defer(mu.Unlock()); x = 1; }");
  B.topLevel("mu.Lock");
  B.topLevel("__defer");
  B.topLevel("x = 1");
  SitePlan &S = B.slot("mu.Unlock()", Exit::Guard);
  S.Call.Shape = CallShape::Member;
  S.Call.Callee = ".Unlock";
  size_t Object = B.find("mu.Unlock");
  S.Call.CalleeText = {PlanBuilder::at(Object + 2),
                       PlanBuilder::at(Object + 9)};
  S.Call.NotAnalysed = true;
  OperandPlan Mu;
  Mu.Text = {PlanBuilder::at(Object), PlanBuilder::at(Object + 2)};
  Mu.How = Keep::Reference;
  S.Call.Operands.push_back(Mu);
  HeldCapability Held;
  Held.Spelling = "mu";
  Held.Name = "cxxdefer_held1";
  S.Held.push_back(Held);
  std::string Out = B.print();
  EXPECT_NE(Out.find(") CXXDEFER_NO_THREAD_SAFETY_ANALYSIS { (void)"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("::cxxdefer::detail::ref_arg{mu}}}; "
                     "::cxxdefer::detail::held_until_exit cxxdefer_held1(mu); "
                     "x = 1; }"),
            std::string::npos)
      << Out;
}

} // namespace
