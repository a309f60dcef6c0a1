//===- AnalysisTest.cpp - Classification and call planning, as data -------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// What Classify.cpp and the call planner (PlanCall.h) decide, read off the
/// typed plan of a parsed snippet (AnalysisFixture.h): one decision per
/// test, each named for the rule it holds to. Last, what PlanInvariants.h
/// says of a plan analysis made, and of the same plan broken by hand. The lit
/// tests check the rewritten text and the program's behaviour; these check the
/// decision itself, so that a change in it fails here with the rule's name.
///
//===----------------------------------------------------------------------===//

#include "AnalysisFixture.h"
#include "PlanInvariants.h"
#include "cxxdefer/SystemCode.h"
#include "gtest/gtest.h"

using namespace cxxdefer;
using namespace cxxdefer::test;

namespace {

/// \p Count defer statements of `g()` in one function, each at top level.
std::string defers(unsigned Count) {
  std::string Code =
      "#include <cxxdefer.h>\nvoid g() noexcept {}\nvoid f() {\n";
  for (unsigned I = 0; I < Count; ++I)
    Code += "  __defer(g());\n";
  return Code + "}\n";
}

/// The entry of a dependent call's table whose key is \p Key; null if none.
const InstantiationPlan *entry(const CallPlan &Call, const std::string &Key) {
  for (const InstantiationPlan &Entry : Call.Instantiations)
    if (keyOf(Entry) == Key)
      return &Entry;
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Classification: Go's tiers, all or nothing per function (Classify.cpp)
//===----------------------------------------------------------------------===//

TEST(Classify, OneDeferIsOpenCodedInASlotAtItsStatement) {
  Analysis A = analyse(defers(1));
  ASSERT_EQ(A.Functions.size(), 1u);
  EXPECT_EQ(A.site(0).Class, Tier::OpenCoded);
  EXPECT_EQ(A.site(0).Where, Storage::Slot);
  EXPECT_EQ(A.site(0).SlotIndex, 0u);
  EXPECT_EQ(A.reason(0), "");
  EXPECT_TRUE(A.Functions[0].Frames.empty());
  EXPECT_TRUE(A.Functions[0].BitsName.empty());
}

TEST(Classify, EightDefersAreStillOpenCoded) {
  Analysis A = analyse(defers(8));
  ASSERT_EQ(A.Functions.size(), 1u);
  for (const SitePlan &S : A.Functions[0].Sites)
    EXPECT_EQ(S.Class, Tier::OpenCoded);
}

TEST(Classify, NineDefersAreStackAllocated) {
  Analysis A = analyse(defers(9));
  ASSERT_EQ(A.Functions.size(), 1u);
  for (const SitePlan &S : A.Functions[0].Sites) {
    EXPECT_EQ(S.Class, Tier::StackAllocated);
    EXPECT_EQ(S.Where, Storage::StackRecord);
  }
  EXPECT_EQ(A.reason(0), "the function has 9 defer statements, more than 8");
  EXPECT_EQ(A.findings(DiagId::StackAllocated).size(), 9u);
}

TEST(Classify, MaxOpenDefersIsAnOption) {
  RewriteOptions Opts;
  Opts.MaxOpenDefers = 1;
  Analysis A = analyse(defers(2), {"-std=c++17"}, Opts);
  EXPECT_EQ(A.site(1).Class, Tier::StackAllocated);
  EXPECT_EQ(A.reason(1), "the function has 2 defer statements, more than 1");
}

TEST(Classify, MaxOpenDefersAboveEightCountsAsEight) {
  // deferBits is one byte: a ninth open-coded defer would have no bit.
  RewriteOptions Opts;
  Opts.MaxOpenDefers = 20;
  Opts.MaxReturnsTimesDefers = 100;
  Analysis A = analyse(defers(9), {"-std=c++17"}, Opts);
  EXPECT_EQ(A.site(8).Class, Tier::StackAllocated);
  EXPECT_EQ(A.reason(8), "the function has 9 defer statements, more than 8");
}

TEST(Classify, ReturnsTimesDefersAboveFifteenIsStackAllocated) {
  // 4 returns x 4 defer statements = 16 > 15.
  Analysis A = analyse(R"(#include <cxxdefer.h>
void g() noexcept {}
int f(int n) {
  __defer(g()); __defer(g()); __defer(g()); __defer(g());
  if (n == 1) return 1;
  if (n == 2) return 2;
  if (n == 3) return 3;
  return 4;
}
)");
  EXPECT_EQ(A.site(0).Class, Tier::StackAllocated);
  EXPECT_EQ(A.reason(0), "4 returns x 4 defer statements is more than 15");
}

TEST(Classify, ReturnsTimesDefersOfFifteenIsOpenCoded) {
  // 5 returns x 3 defer statements = 15, the limit itself.
  Analysis A = analyse(R"(#include <cxxdefer.h>
void g() noexcept {}
int f(int n) {
  __defer(g()); __defer(g()); __defer(g());
  if (n == 1) return 1;
  if (n == 2) return 2;
  if (n == 3) return 3;
  if (n == 4) return 4;
  return 5;
}
)");
  EXPECT_EQ(A.site(2).Class, Tier::OpenCoded);
}

TEST(Classify, DeferInLoopIsHeapAndTheRestOfTheFunctionStack) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
void g() noexcept {}
void f(int n) {
  __defer(g());
  for (int i = 0; i < n; ++i) {
    __defer(g());
  }
}
)");
  ASSERT_EQ(A.Functions.size(), 1u);
  EXPECT_EQ(A.site(0).Class, Tier::StackAllocated);
  EXPECT_EQ(A.site(0).Where, Storage::StackRecord);
  EXPECT_EQ(A.reason(0), "the function has a defer statement in a loop");
  EXPECT_EQ(A.site(1).Class, Tier::HeapAllocated);
  EXPECT_EQ(A.site(1).Where, Storage::HeapRecord);
  EXPECT_EQ(A.reason(1), "the defer statement is in a loop");
  // No declaration between them: one frame, before the first.
  EXPECT_EQ(A.Classes[0].FrameSlotIndex, std::vector<unsigned>{0});
  EXPECT_EQ(A.site(1).Frame, 0u);
}

TEST(Classify, DeferAfterALabelAGotoJumpsBackToIsInALoop) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
void g() noexcept {}
void f(int n) {
again:
  __defer(g());
  if (--n > 0)
    goto again;
}
)");
  EXPECT_EQ(A.site(0).Class, Tier::HeapAllocated);
  EXPECT_EQ(A.reason(0), "the defer statement is in a loop");
}

TEST(Classify, AGotoForwardOverASlotHoistsItAboveTheGoto) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
void g() noexcept {}
void f(bool c) {
  if (c)
    goto out;
  __defer(g());
out:
  g();
}
)");
  ASSERT_EQ(A.Functions.size(), 1u);
  EXPECT_EQ(A.site(0).Class, Tier::OpenCoded);
  EXPECT_EQ(A.site(0).Where, Storage::HoistedSlot);
  EXPECT_EQ(A.site(0).SlotIndex, 0u) << "before the `if` that holds the goto";
  EXPECT_EQ(A.site(0).Bit, 0u);
  EXPECT_TRUE(A.Classes[0].UsesBits);
}

TEST(Classify, NestedDefersAreHoistedWithOneBitEach) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
void g() noexcept {}
void f(bool c) {
  __defer(g());
  if (c) {
    __defer(g());
  }
  {
    __defer(g());
  }
}
)");
  ASSERT_EQ(A.Functions.size(), 1u);
  EXPECT_EQ(A.site(0).Where, Storage::Slot);
  EXPECT_EQ(A.site(1).Where, Storage::HoistedSlot);
  EXPECT_EQ(A.site(1).SlotIndex, 1u);
  EXPECT_EQ(A.site(1).Bit, 0u);
  EXPECT_EQ(A.site(2).Where, Storage::HoistedSlot);
  EXPECT_EQ(A.site(2).SlotIndex, 2u);
  EXPECT_EQ(A.site(2).Bit, 1u);
  EXPECT_FALSE(A.Functions[0].BitsName.empty());
}

TEST(Classify, ADeclarationBetweenDefersStartsANewFrame) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
void g() noexcept {}
void h(int) noexcept {}
void f(int n) {
  for (int i = 0; i < n; ++i) {
    __defer(g());
  }
  __defer(g());
  int x = n;
  __defer(h(x));
}
)");
  ASSERT_EQ(A.Functions.size(), 1u);
  EXPECT_EQ(A.Classes[0].FrameSlotIndex, (std::vector<unsigned>{0, 3}));
  ASSERT_EQ(A.Functions[0].Frames.size(), 2u);
  EXPECT_EQ(A.Functions[0].Frames[1].SlotIndex, 3u);
  EXPECT_EQ(A.site(0).Frame, 0u);
  EXPECT_EQ(A.site(1).Frame, 0u);
  EXPECT_EQ(A.site(2).Frame, 1u);
}

TEST(Classify, ForceTierStackTakesEveryFunctionOffOpenCoding) {
  RewriteOptions Opts;
  Opts.ForceTier = ForcedTier::Stack;
  Analysis A = analyse(defers(1), {"-std=c++17"}, Opts);
  EXPECT_EQ(A.site(0).Class, Tier::StackAllocated);
  EXPECT_EQ(A.site(0).Where, Storage::StackRecord);
  EXPECT_EQ(A.reason(0), "forced by the force-tier option");
}

TEST(Classify, ForceTierHeapKeepsTheLoopAsTheReason) {
  RewriteOptions Opts;
  Opts.ForceTier = ForcedTier::Heap;
  Analysis A = analyse(R"(#include <cxxdefer.h>
void g() noexcept {}
void f(int n) {
  __defer(g());
  while (n--) {
    __defer(g());
  }
}
)",
                       {"-std=c++17"}, Opts);
  EXPECT_EQ(A.site(0).Class, Tier::HeapAllocated);
  EXPECT_EQ(A.site(0).Where, Storage::HeapRecord);
  EXPECT_EQ(A.reason(0), "the function has a defer statement in a loop");
}

TEST(Classify, TheDeferInLoopWarningIsAnOption) {
  std::string Code = R"(#include <cxxdefer.h>
void g() noexcept {}
void f(int n) {
  while (n--) {
    __defer(g());
  }
}
)";
  EXPECT_TRUE(analyse(Code).findings(DiagId::DeferInLoop).empty());
  RewriteOptions Opts;
  Opts.WarnDeferInLoop = true;
  EXPECT_EQ(analyse(Code, {"-std=c++17"}, Opts).only(DiagId::DeferInLoop).Line,
            5u);
}

TEST(Classify, TheLanguageDoesNotChangeTheClass) {
  for (const char *Std : {"-std=c++14", "-std=c++17", "-std=c++20"}) {
    Analysis A = analyse(defers(9), {Std});
    EXPECT_EQ(A.site(8).Class, Tier::StackAllocated) << Std;
    EXPECT_EQ(A.Functions[0].Cxx17, std::string(Std) != "-std=c++14") << Std;
  }
}

//===----------------------------------------------------------------------===//
// What runs a deferred call when an exception leaves (Reach.h, Analyze.cpp)
//===----------------------------------------------------------------------===//

TEST(Exit, ACallThatCannotThrowRunsFromADestructor) {
  EXPECT_EQ(analyse(defers(1)).site(0).OnException, Exit::Guard);
}

TEST(Exit, ACallThatMayThrowRunsFromAHandler) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
void g(int x) { if (x) throw x; }
void f(int x) { __defer(g(x)); }
)");
  EXPECT_EQ(A.site(0).OnException, Exit::Handled);
}

TEST(Exit, ACallThatReachesRecoverRunsUnderAPanicScope) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
void catcher() { (void)__recover(); }
void f() { __defer(catcher()); }
)");
  EXPECT_EQ(A.site(0).OnException, Exit::Recovering);
}

TEST(Exit, AnErrdeferAlwaysHasAHandler) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
void g() noexcept {}
void f() { __errdefer(g()); }
)");
  EXPECT_TRUE(A.site(0).Err);
  EXPECT_EQ(A.site(0).OnException, Exit::Handled);
}

TEST(Exit, WithoutExceptionsEveryCallIsAGuard) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
void unknown();
void f() { __defer(unknown()); }
)",
                       {"-std=c++17", "-fno-exceptions"});
  EXPECT_FALSE(A.Functions[0].Exceptions);
  EXPECT_EQ(A.site(0).OnException, Exit::Guard);
}

TEST(Exit, AFrameTakesTheStrongestExitOfItsRecords) {
  RewriteOptions Opts;
  Opts.ForceTier = ForcedTier::Stack;
  Analysis A = analyse(R"(#include <cxxdefer.h>
void g() noexcept {}
void catcher() { (void)__recover(); }
void f() {
  __defer(g());
  __defer(catcher());
}
)",
                       {"-std=c++17"}, Opts);
  ASSERT_EQ(A.Functions[0].Frames.size(), 1u);
  EXPECT_EQ(A.site(0).OnException, Exit::Guard);
  EXPECT_EQ(A.Functions[0].Frames[0].OnException, Exit::Recovering);
}

//===----------------------------------------------------------------------===//
// Call planning: how each operand travels to the call (PlanCall.h)
//===----------------------------------------------------------------------===//

TEST(PlanCall, AReferenceParameterKeepsTheObjectAByValueOneTheValue) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
int g();
void f(int, int &);
void t(int x) { __defer(f(g(), x)); }
)");
  const CallPlan &Call = A.site(0).Call;
  EXPECT_EQ(Call.Shape, CallShape::NamedFunction);
  EXPECT_EQ(Call.Callee, "f");
  ASSERT_EQ(Call.Operands.size(), 2u);
  EXPECT_EQ(A.text(A.operand(0).Text), "g()");
  EXPECT_EQ(A.operand(0).How, Keep::Value);
  EXPECT_EQ(A.text(A.operand(1).Text), "x");
  EXPECT_EQ(A.operand(1).How, Keep::Reference);
  EXPECT_FALSE(Call.PerInstantiation);
}

TEST(PlanCall, AConvertingConstructorRunsAtTheDeferStatement) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
struct Meters { Meters(double); };
void walk(Meters);
void walkRef(const Meters &);
void t(double d) {
  __defer(walk(d));
  __defer(walkRef(2.5));
}
)");
  EXPECT_EQ(A.operand(0, 0).How, Keep::Conversion);
  EXPECT_EQ(A.operand(0, 0).Type, "::Meters");
  // A temporary of another type, for a reference parameter: converted now.
  EXPECT_EQ(A.operand(0, 1).How, Keep::Conversion);
  EXPECT_EQ(A.operand(0, 1).Type, "::Meters");
}

TEST(PlanCall, ATemporaryBoundToAReferenceParameterIsKeptByValue) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
struct Big { int v[8]; };
Big make();
void use(const Big &);
void count(const long &);
void t(int n) {
  __defer(use(make()));
  __defer(count(n + 1));
}
)");
  EXPECT_EQ(A.operand(0, 0).How, Keep::Value);
  EXPECT_EQ(A.operand(0, 1).How, Keep::Value) << "a scalar conversion";
}

TEST(PlanCall, AStringLiteralForAPointerMovesToTheCallAtExit) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
void say(const char *);
void t() { __defer(say("bye")); }
)");
  EXPECT_EQ(A.operand(0).How, Keep::Spelled);
  EXPECT_EQ(A.operand(0).Spelling, "\"bye\"");
}

TEST(PlanCall, ABitFieldIsReadNowIntoItsType) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
struct Flags { unsigned on : 1; };
void set(unsigned);
void t(Flags fl) { __defer(set(fl.on)); }
)");
  EXPECT_EQ(A.operand(0).How, Keep::BitField);
  EXPECT_EQ(A.operand(0).Type, "unsigned int");
  EXPECT_EQ(A.text(A.operand(0).Text), "fl.on");
}

TEST(PlanCall, ABracedArgumentIsBuiltInPlaceAsTheParameterType) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
struct P { int x, y; };
void at(P);
void t(int a) { __defer(at({a, 2})); }
)");
  EXPECT_EQ(A.operand(0).How, Keep::InPlace);
  EXPECT_EQ(A.operand(0).Type, "::P");
  EXPECT_EQ(A.text(A.operand(0).Text), "{a, 2}");
  EXPECT_FALSE(A.site(0).Call.BuildInPlace) << "P can be moved";
}

TEST(PlanCall, AnInitializerListKeepsEachElement) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
#include <initializer_list>
void sum(std::initializer_list<long>);
void t(int a) { __defer(sum({a, 2, 3})); }
)");
  const OperandPlan &List = A.operand(0);
  EXPECT_EQ(List.How, Keep::InitializerList);
  EXPECT_EQ(List.Type, "long");
  ASSERT_EQ(List.Elements.size(), 3u);
  EXPECT_EQ(A.text(List.Elements[0].Text), "a");
  EXPECT_EQ(List.Elements[0].How, Keep::InPlace);
  EXPECT_EQ(A.text(List.Elements[2].Text), "3");
}

const char *Pinned = R"(#include <cxxdefer.h>
struct Pinned {
  Pinned(int);
  Pinned(const Pinned &) = delete;
};
void look(const Pinned &);
void t() { __defer(look({1})); }
)";

TEST(PlanCall, ANonMovableTemporaryIsBuiltInPlaceUnderCxx17) {
  Analysis A = analyse(Pinned, {"-std=c++17"});
  EXPECT_EQ(A.operand(0).How, Keep::InPlace);
  EXPECT_EQ(A.operand(0).Type, "::Pinned");
  EXPECT_TRUE(A.site(0).Call.BuildInPlace);
}

TEST(PlanCall, ANonMovableTemporaryIsAnErrorUnderCxx14) {
  Analysis A = analyse(Pinned, {"-std=c++14"});
  EXPECT_TRUE(A.Functions.empty()) << "a function with an error has no plan";
  SeenFinding E = A.only(DiagId::InPlaceNeedsCxx17);
  EXPECT_EQ(E.Line, 7u);
  EXPECT_EQ(E.Args, std::vector<std::string>{"::Pinned"});
}

TEST(PlanCall, ANonMovableByValueParameterCannotBeDeferred) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
struct Pinned {
  Pinned(int);
  Pinned(const Pinned &) = delete;
};
void keep(Pinned p);
void t() { __defer(keep(1)); }
)");
  EXPECT_TRUE(A.Functions.empty());
  EXPECT_EQ(A.only(DiagId::NotMovableByValue).Args,
            (std::vector<std::string>{"p", "::Pinned"}));
}

TEST(PlanCall, ADefaultArgumentWithEffectsIsEvaluatedNow) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
int next();
void put(int a, int b = next(), int c = 3);
void t() { __defer(put(1)); }
)");
  const CallPlan &Call = A.site(0).Call;
  ASSERT_EQ(Call.Operands.size(), 2u) << "c keeps its default at exit";
  EXPECT_FALSE(A.operand(0).isDefaultArgument());
  EXPECT_TRUE(A.operand(1).isDefaultArgument());
  EXPECT_EQ(A.operand(1).DefaultArgument, "::next()");
  EXPECT_EQ(A.operand(1).How, Keep::Value);
}

TEST(PlanCall, AMemberCallKeepsItsObjectAsTheFirstOperand) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
struct W { void f(int) const; };
W make();
void t(W &w, W *p) {
  __defer(w.f(1));
  __defer(p->f(2));
  __defer(make().f(3));
}
)");
  const CallPlan &OnLvalue = A.site(0).Call;
  EXPECT_EQ(OnLvalue.Shape, CallShape::Member);
  EXPECT_EQ(OnLvalue.Callee, ".f");
  EXPECT_FALSE(OnLvalue.Arrow);
  EXPECT_EQ(A.text(A.operand(0, 0).Text), "w");
  EXPECT_EQ(A.operand(0, 0).How, Keep::Reference);
  EXPECT_EQ(A.operand(1, 0).How, Keep::Value);

  const CallPlan &OnPointer = A.site(1).Call;
  EXPECT_EQ(OnPointer.Callee, "->f");
  EXPECT_TRUE(OnPointer.Arrow);
  EXPECT_EQ(A.operand(0, 1).How, Keep::Value) << "the pointer is copied";

  EXPECT_EQ(A.text(A.operand(0, 2).Text), "make()");
  EXPECT_EQ(A.operand(0, 2).How, Keep::Value) << "a temporary object";
}

TEST(PlanCall, ASmartPointerRunsItsArrowNowUnlessItIsATemporary) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
struct W { void f() const; };
struct Ptr { W *operator->() const; };
Ptr fresh();
void t(Ptr sp) {
  __defer(sp->f());
  __defer(fresh()->f());
}
)");
  EXPECT_EQ(A.text(A.operand(0, 0).Text), "sp");
  EXPECT_EQ(A.operand(0, 0).How, Keep::Arrow);
  EXPECT_EQ(A.text(A.operand(0, 1).Text), "fresh()");
  EXPECT_EQ(A.operand(0, 1).How, Keep::Value) << "it owns the object";
}

TEST(PlanCall, ImplicitThisIsKeptWithoutAnOperandExplicitThisByValue) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
struct C {
  void g(int);
  void run() {
    __defer(g(1));
    __defer(this->g(2));
  }
};
)");
  const CallPlan &Implicit = A.site(0).Call;
  EXPECT_EQ(Implicit.Shape, CallShape::ImplicitThisMember);
  EXPECT_EQ(Implicit.Callee, "g");
  ASSERT_EQ(Implicit.Operands.size(), 1u);
  EXPECT_EQ(A.text(A.operand(0, 0).Text), "1");

  const CallPlan &Explicit = A.site(1).Call;
  EXPECT_EQ(Explicit.Shape, CallShape::Member);
  EXPECT_EQ(A.text(A.operand(0, 1).Text), "this");
  EXPECT_EQ(A.operand(0, 1).How, Keep::Value);
}

TEST(PlanCall, ACalleeValueIsCopiedIfAPointerAndBoundIfAnObject) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
void (*fp)(int);
struct Fn { void operator()(int) const; };
void t(Fn fn, int x) {
  __defer(fp(x));
  __defer(fn(x));
  __defer([&] { ++x; }());
}
)");
  for (size_t I = 0; I < 3; ++I)
    EXPECT_EQ(A.site(I).Call.Shape, CallShape::CalleeValue) << I;
  EXPECT_EQ(A.text(A.operand(0, 0).Text), "fp");
  EXPECT_EQ(A.operand(0, 0).How, Keep::Value);
  EXPECT_EQ(A.text(A.operand(0, 1).Text), "fn");
  EXPECT_EQ(A.operand(0, 1).How, Keep::Reference);
  EXPECT_EQ(A.operand(0, 2).How, Keep::Value) << "a closure is a prvalue";
}

TEST(PlanCall, APointerToMemberCallKeepsObjectAndMemberPointer) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
struct W { void f(int) const; };
void t(W &w, W *p, void (W::*pm)(int) const) {
  __defer((w.*pm)(1));
  __defer((p->*pm)(2));
}
)");
  const CallPlan &Dot = A.site(0).Call;
  EXPECT_EQ(Dot.Shape, CallShape::PointerToMember);
  EXPECT_FALSE(Dot.Arrow);
  ASSERT_EQ(Dot.Operands.size(), 3u);
  EXPECT_EQ(A.operand(0, 0).How, Keep::Reference);
  EXPECT_EQ(A.text(A.operand(1, 0).Text), "pm");
  EXPECT_EQ(A.operand(1, 0).How, Keep::Value);
  EXPECT_TRUE(A.site(1).Call.Arrow);
  EXPECT_EQ(A.operand(0, 1).How, Keep::Value);
}

TEST(PlanCall, AnOverloadedOperatorKeepsItsOperands) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
struct V {
  V &operator+=(const V &);
  V operator++(int);
};
void t(V a, V b) {
  __defer(a += b);
  __defer(a++);
}
)");
  const CallPlan &Compound = A.site(0).Call;
  EXPECT_EQ(Compound.Shape, CallShape::Operator);
  EXPECT_EQ(Compound.Op, clang::OO_PlusEqual);
  ASSERT_EQ(Compound.Operands.size(), 2u);
  EXPECT_EQ(A.operand(0, 0).How, Keep::Reference) << "the object";
  EXPECT_EQ(A.operand(1, 0).How, Keep::Reference) << "a const V& parameter";

  const CallPlan &Postfix = A.site(1).Call;
  EXPECT_TRUE(Postfix.Postfix);
  EXPECT_EQ(Postfix.Operands.size(), 1u) << "not Sema's unwritten 0";
}

TEST(PlanCall, MoreThanSixteenOperandsAreAnError) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
void many(int, int, int, int, int, int, int, int,
          int, int, int, int, int, int, int, int, int);
void t() { __defer(many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17)); }
)");
  EXPECT_TRUE(A.Functions.empty());
  EXPECT_EQ(A.only(DiagId::TooManyOperands).Args,
            (std::vector<std::string>{"17", "16"}));
}

TEST(PlanCall, SixteenOperandsAreKept) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
struct S { void many(int, int, int, int, int, int, int, int,
                     int, int, int, int, int, int, int); };
void t(S s) { __defer(s.many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)); }
)");
  ASSERT_EQ(A.Functions.size(), 1u) << "the object counts: 16 operands";
  EXPECT_EQ(A.site(0).Call.Operands.size(), 16u);
}

TEST(PlanCall, ANonCallIsAnErrorAtTheDeferStatement) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
void t(int x) {
  __defer(x + 1);
}
)");
  EXPECT_TRUE(A.Functions.empty());
  EXPECT_EQ(A.only(DiagId::DeferNotCall).Line, 3u);
}

TEST(PlanCall, AReferenceToALocalOfAnInnerBlockWarnsOfDangling) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
void keep(const int &);
void t(bool c) {
  int outer = 0;
  __defer(keep(outer));
  if (c) {
    int local = 1;
    __defer(keep(local));
  }
}
)");
  ASSERT_EQ(A.Functions.size(), 1u) << "a warning: still rewritten";
  SeenFinding W = A.only(DiagId::DanglingReference);
  EXPECT_EQ(W.Line, 8u);
  EXPECT_EQ(W.Args, std::vector<std::string>{"local"});
  EXPECT_EQ(A.only(DiagId::DeclaredHere).Line, 7u);
}

TEST(PlanCall, AClosureCapturingAnInnerLocalByReferenceWarns) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
void t() {
  {
    int n = 0;
    __defer([&n] { ++n; }());
  }
}
)");
  SeenFinding W = A.only(DiagId::DanglingCapture);
  EXPECT_EQ(W.Line, 5u);
  EXPECT_EQ(W.Args, std::vector<std::string>{"n"});
}

//===----------------------------------------------------------------------===//
// Dependent calls: one binding per instantiation
//===----------------------------------------------------------------------===//

TEST(DependentCall, EachInstantiationGetsItsOwnBinding) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
struct Big { int v[8]; };
void show(int);
void show(const Big &);
template <class T> void t(T x) { __defer(show(x)); }
void use() { t(1); t(Big{}); }
)");
  const CallPlan &Call = A.site(0).Call;
  EXPECT_TRUE(Call.PerInstantiation);
  EXPECT_TRUE(A.operand(0).PerInstantiation);
  ASSERT_EQ(Call.Instantiations.size(), 2u);
  const InstantiationPlan *Int = entry(Call, "int &");
  ASSERT_NE(Int, nullptr);
  EXPECT_EQ(Int->Bindings, std::vector<Keep>{Keep::Value});
  const InstantiationPlan *Class = entry(Call, "::Big &");
  ASSERT_NE(Class, nullptr);
  EXPECT_EQ(Class->Bindings, std::vector<Keep>{Keep::Reference});
}

TEST(DependentCall, InstantiationsWithTheSameKeyShareOneEntry) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
void show(int);
template <class T, int N> void t(T x) { __defer(show(x + N)); }
void use() { t<int, 1>(1); t<int, 2>(2); t<long, 3>(3); }
)");
  const CallPlan &Call = A.site(0).Call;
  ASSERT_EQ(Call.Instantiations.size(), 2u);
  EXPECT_NE(entry(Call, "int"), nullptr) << "x + N is a prvalue";
  EXPECT_NE(entry(Call, "long"), nullptr);
}

TEST(DependentCall, ANamedObjectIsKeptByReferenceInEveryInstantiation) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
struct W { void f(int) const; };
template <class T> void t(T obj, int n) { __defer(obj.f(n)); }
void use() { t(W{}, 1); }
)");
  const CallPlan &Call = A.site(0).Call;
  EXPECT_TRUE(Call.PerInstantiation);
  EXPECT_FALSE(A.operand(0).PerInstantiation) << "the object";
  EXPECT_EQ(A.operand(0).How, Keep::Reference);
  EXPECT_TRUE(A.operand(1).PerInstantiation) << "the argument";
  ASSERT_EQ(Call.Instantiations.size(), 1u);
  const InstantiationPlan &Entry = Call.Instantiations[0];
  EXPECT_EQ(Entry.KeyTypes, (std::vector<std::string>{"", "int &"}));
  EXPECT_EQ(Entry.Bindings, (std::vector<Keep>{Keep::Reference, Keep::Value}));
}

TEST(DependentCall, ACallThatDoesNotDependNeedsNoTable) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
void show(int);
template <class T> void t(T, int n) { __defer(show(n)); }
void use() { t(1.0, 1); t('c', 2); }
)");
  EXPECT_FALSE(A.site(0).Call.PerInstantiation);
  EXPECT_TRUE(A.site(0).Call.Instantiations.empty());
  EXPECT_EQ(A.operand(0).How, Keep::Value);
}

TEST(DependentCall, ABracedArgumentIsAnError) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
template <class T> void show(T);
template <class T> void t(T x) {
  __defer(show({x}));
}
)");
  EXPECT_TRUE(A.Functions.empty());
  EXPECT_EQ(A.only(DiagId::DependentBracedArgument).Line, 4u);
}

TEST(DependentCall, AnInstantiationWithAnUnnamableTypeIsAnError) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
template <class F> void call(F f) { f(); }
template <class T> void t(T x) { __defer(call(x)); }
void use() { t([] {}); }
)");
  EXPECT_TRUE(A.Functions.empty());
  SeenFinding E = A.only(DiagId::DependentOperandNotSpellable);
  EXPECT_EQ(E.Line, 3u);
  ASSERT_EQ(E.Args.size(), 2u);
  EXPECT_EQ(E.Args[0], "1");
  EXPECT_NE(E.Args[1].find("lambda"), std::string::npos) << E.Args[1];
}

TEST(DependentCall, AnotherKindOfCallInAnInstantiationIsAnError) {
  // T::f(1) is a static member's call for S, a call on `this` for B.
  Analysis A = analyse(R"(#include <cxxdefer.h>
struct B { void f(int); };
struct S { static void f(int); };
template <class T> struct D : T {
  void run() { __defer(T::f(1)); }
};
void use() { D<S>().run(); D<B>().run(); }
)");
  EXPECT_TRUE(A.Functions.empty());
  SeenFinding E = A.only(DiagId::DependentCallShape);
  EXPECT_EQ(E.Line, 5u);
  EXPECT_EQ(E.Args, (std::vector<std::string>{"a call of a named function",
                                              "a member call on 'this'"}));
}

TEST(DependentCall, ADefaultArgumentOfAnInstantiationIsAnErrorNamingIt) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
int next();
void put(int a, int b = next());
template <class T> void t(T x) { __defer(put(x)); }
void use() { t(1); }
)");
  EXPECT_TRUE(A.Functions.empty());
  EXPECT_EQ(A.only(DiagId::DependentDefaultArgument).Args,
            std::vector<std::string>{"b"});
}

TEST(DependentCall, TheTableIsTheSameUnderCxx14) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
struct Big { int v[8]; };
void show(int);
void show(const Big &);
template <class T> void t(T x) { __defer(show(x)); }
void use() { t(1); t(Big{}); }
)",
                       {"-std=c++14"});
  const CallPlan &Call = A.site(0).Call;
  ASSERT_EQ(Call.Instantiations.size(), 2u);
  const InstantiationPlan *Class = entry(Call, "::Big &");
  ASSERT_NE(Class, nullptr);
  EXPECT_EQ(Class->Bindings, std::vector<Keep>{Keep::Reference});
}

//===----------------------------------------------------------------------===//
// What the printer assumes of a plan (PlanInvariants.h)
//===----------------------------------------------------------------------===//

/// A stack-allocated function with a record, a member call and a table.
Analysis planToBreak() {
  RewriteOptions Opts;
  Opts.ForceTier = ForcedTier::Stack;
  return analyse(R"(#include <cxxdefer.h>
struct W { void f(int) const; };
void show(int);
void show(const W &);
template <class T> void t(W &w, T x) {
  __defer(w.f(1));
  __defer(show(x));
}
void use(W &w) { t(w, 1); }
)",
                 {"-std=c++17"}, Opts);
}

/// The first broken assumption of \p F as a function of \p A's snippet.
std::string broken(const Analysis &A, const FunctionPlan &F) {
  FilePlan File;
  File.Original = A.Original;
  return brokenInvariant(F, File);
}

TEST(PlanInvariants, APlanAnalysisMadeHoldsThem) {
  Analysis A = planToBreak();
  ASSERT_EQ(A.Functions.size(), 1u);
  ASSERT_TRUE(A.site(1).Call.PerInstantiation);
  EXPECT_EQ(broken(A, A.Functions[0]), "");
}

TEST(PlanInvariants, ARecordInAFrameThatDoesNotExist) {
  Analysis A = planToBreak();
  ASSERT_EQ(A.Functions.size(), 1u);
  FunctionPlan F = A.Functions[0];
  F.Sites[0].Frame = F.Frames.size();
  EXPECT_EQ(broken(A, F), "a record in a frame that does not exist");
}

TEST(PlanInvariants, OneClassPerFunction) {
  Analysis A = planToBreak();
  ASSERT_EQ(A.Functions.size(), 1u);
  FunctionPlan F = A.Functions[0];
  F.Sites[1].Class = Tier::OpenCoded;
  F.Sites[1].Where = Storage::Slot;
  EXPECT_EQ(broken(A, F),
            "open-coded and other defer statements in one function");
}

TEST(PlanInvariants, OperandsInOrderInsideTheirStatement) {
  Analysis A = planToBreak();
  ASSERT_EQ(A.Functions.size(), 1u);
  FunctionPlan F = A.Functions[0];
  std::swap(F.Sites[0].Call.Operands[0], F.Sites[0].Call.Operands[1]);
  EXPECT_EQ(broken(A, F), "an operand outside its statement, or before the "
                          "one it follows");
  F = A.Functions[0];
  F.Sites[0].Call.Operands[1].Text.End.Text.Offset = A.Original.size() + 1;
  EXPECT_EQ(broken(A, F), "a position past the end of its text");
}

TEST(PlanInvariants, ATableBindsEveryOperand) {
  Analysis A = planToBreak();
  ASSERT_EQ(A.Functions.size(), 1u);
  FunctionPlan F = A.Functions[0];
  ASSERT_EQ(F.Sites[1].Call.Instantiations.size(), 1u);
  F.Sites[1].Call.Instantiations[0].Bindings.pop_back();
  EXPECT_EQ(broken(A, F), "a table entry that does not bind every operand");
}

TEST(PlanInvariants, EveryGeneratedLocalHasItsOwnName) {
  Analysis A = planToBreak();
  ASSERT_EQ(A.Functions.size(), 1u);
  FunctionPlan F = A.Functions[0];
  F.Sites[1].Name = F.Sites[0].Name;
  EXPECT_EQ(broken(A, F), "two generated locals share a name");
}

TEST(PlanInvariants, AHoistedSlotNeedsItsBitAndByte) {
  Analysis A = analyse(R"(#include <cxxdefer.h>
void g() noexcept {}
void f(bool c) {
  if (c) {
    __defer(g());
  }
}
)");
  ASSERT_EQ(A.Functions.size(), 1u);
  FunctionPlan F = A.Functions[0];
  ASSERT_EQ(F.Sites[0].Where, Storage::HoistedSlot);
  EXPECT_EQ(broken(A, F), "");
  F.Sites[0].Bit = 8;
  EXPECT_EQ(broken(A, F), "a deferBits bit beyond its byte");
  F = A.Functions[0];
  F.BitsName.clear();
  EXPECT_EQ(broken(A, F), "a hoisted slot without a deferBits byte");
}

TEST(SystemCode, AHeaderIsTheUsersWhenItsTextHasTheWordCxxdefer) {
  auto Rewrite = [](llvm::StringRef Text) {
    return isSystemHeaderToRewrite("/usr/include/lib/lib.h", Text);
  };
  EXPECT_TRUE(Rewrite("#include <cxxdefer.h>\nvoid f() { __defer(g()); }"));
  EXPECT_TRUE(Rewrite("cxxdefer __errdefer"));
  EXPECT_TRUE(Rewrite("__defer(x); // cxxdefer"));
  // Only whole words count, wherever they are in the text.
  EXPECT_FALSE(Rewrite("xcxxdefer __defer"));
  EXPECT_FALSE(Rewrite("cxxdefer_h __defer"));
  EXPECT_TRUE(Rewrite("cxxdefer_h cxxdefers acxxdefer cxxdefer\n__defer"));
  EXPECT_FALSE(Rewrite("cxxdefer __defer_ __deferred x__errdefer"));
  EXPECT_FALSE(Rewrite("cxxdefer"));
  EXPECT_FALSE(Rewrite("__defer"));
  EXPECT_FALSE(Rewrite("xx"));
  EXPECT_FALSE(Rewrite(""));
  // The runtime's own headers are never rewritten.
  EXPECT_FALSE(isSystemHeaderToRewrite("/usr/include/cxxdefer/slots.h",
                                       "cxxdefer __defer"));
}

} // namespace
