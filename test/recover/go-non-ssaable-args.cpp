// Mirrors runtime/defer_test.go TestNonSSAableArgs: large arguments of
// deferred closures (a 128-byte array returned by a call with a side
// effect, a struct literal that contains a side-effecting call, a struct
// member, a member of a side-effecting call's result) are evaluated exactly
// once, at the defer statement, and passed by value (SPEC 2.3). The final
// deferred check runs last and prints the saved values and the side-effect
// counts. The C++ deferred calls are immediately invoked lambdas with
// by-value parameters, Go's `defer func(n T) {...}(arg)`.
//
// RUN: %check_cxxdefer %s %t

#include <cxxdefer.h>

#include <array>
#include <cstdint>

#include "Inputs/panic.h"

using NonSSAable = std::array<std::uint8_t, 128>;

struct BigStruct {
  std::int64_t X, Y, Z, W, P, Q;
};

struct ContainsBigStruct {
  BigStruct Element;
};

static int Globint1, Globint2, Globint3;

static NonSSAable mkNonSSAable() {
  ++Globint1;
  NonSSAable A{};
  A[4] = 5;
  return A;
}

static std::int64_t sideEffect(std::int64_t N) {
  ++Globint2;
  return N;
}

static ContainsBigStruct sideEffect2(ContainsBigStruct In) {
  ++Globint3;
  return In;
}

static void testNonSSAableArgs() {
  Globint1 = Globint2 = Globint3 = 0;
  std::uint8_t Save1 = 0;
  std::int64_t Save2 = 0, Save3 = 0, Save4 = 0;

  __defer([&] {
    std::printf("globint1 %d save1 %d globint2 %d save2 %lld save3 %lld "
                "globint3 %d save4 %lld\n",
                Globint1, Save1, Globint2, static_cast<long long>(Save2),
                static_cast<long long>(Save3), Globint3,
                static_cast<long long>(Save4));
  }());

  // A call returning an array.
  __defer([&](NonSSAable N) { Save1 = N[4]; }(mkNonSSAable()));
  // A struct literal with a side-effecting call in it.
  __defer([&](BigStruct B) { Save2 = B.Y; }(BigStruct{1, 2, 3, 4, 5, sideEffect(6)}));

  // A struct member.
  ContainsBigStruct Foo{};
  Foo.Element.Z = 4;
  __defer([&](BigStruct Element) { Save3 = Element.Z; }(Foo.Element));
  // A member of a side-effecting call's result.
  __defer([&](BigStruct Element) { Save4 = Element.Z; }(sideEffect2(Foo).Element));

  // Not in Go's test: the copies were made above, so these changes are not
  // seen, and every side effect has already happened once.
  Foo.Element.Z = 99;
  std::printf("at the end of the body: globint1 %d globint2 %d globint3 %d\n",
              Globint1, Globint2, Globint3);
}

int main() {
  testNonSSAableArgs();
  return 0;
}

// Go's wanted values: globint1..3 are 1, save1 5, save2 2, save3 4, save4 4.
// EXEC:      at the end of the body: globint1 1 globint2 1 globint3 1
// EXEC-NEXT: globint1 1 save1 5 globint2 1 save2 2 save3 4 globint3 1 save4 4
// EXEC-EMPTY:
