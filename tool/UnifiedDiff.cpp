//===- UnifiedDiff.cpp - Unified diffs of rewritten files -----------------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
///
/// \file
/// Myers' O((N+M)D) greedy diff over lines, then GNU-style hunks. A rewrite
/// touches a few lines of a long file, so D is small: the common prefix and
/// suffix are trimmed first, and the search keeps one frontier per edit
/// distance, sized by that distance (O(D^2) memory, not O((N+M)D)).
///
/// Lines keep their '\n', so a last line without one differs from the same
/// line with one, exactly as diff(1) sees it.
///
//===----------------------------------------------------------------------===//

#include "UnifiedDiff.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <vector>

namespace cxxdefer {

namespace {
enum class LineOp : char { Keep, Remove, Add };
} // namespace

/// Splits \p Text into lines, each with its terminating '\n' if it has one.
static std::vector<llvm::StringRef> splitLines(llvm::StringRef Text) {
  std::vector<llvm::StringRef> Lines;
  while (!Text.empty()) {
    size_t Newline = Text.find('\n');
    size_t Length =
        Newline == llvm::StringRef::npos ? Text.size() : Newline + 1;
    Lines.push_back(Text.take_front(Length));
    Text = Text.drop_front(Length);
  }
  return Lines;
}

/// Returns a shortest edit script turning \p A into \p B (Myers 1986).
static std::vector<LineOp>
shortestEditScript(llvm::ArrayRef<llvm::StringRef> A,
                   llvm::ArrayRef<llvm::StringRef> B) {
  const int N = A.size(), M = B.size(), Max = N + M;
  // Frontier[K + Max]: the furthest X reached on diagonal K = X - Y.
  std::vector<int> Frontier(2 * Max + 2, 0);
  // History[D] holds the frontier before step D, diagonals -D..D.
  std::vector<std::vector<int>> History;
  int Distance = -1;
  for (int D = 0; D <= Max && Distance < 0; ++D) {
    History.emplace_back(Frontier.begin() + Max - D,
                         Frontier.begin() + Max + D + 1);
    for (int K = -D; K <= D; K += 2) {
      bool FromAbove =
          K == -D || (K != D && Frontier[Max + K - 1] < Frontier[Max + K + 1]);
      int X = FromAbove ? Frontier[Max + K + 1] : Frontier[Max + K - 1] + 1;
      int Y = X - K;
      while (X < N && Y < M && A[X] == B[Y])
        ++X, ++Y;
      Frontier[Max + K] = X;
      if (X >= N && Y >= M) {
        Distance = D;
        break;
      }
    }
  }

  // Walk back from (N, M), one edit and the snake after it per step.
  std::vector<LineOp> Ops;
  int X = N, Y = M;
  for (int D = Distance; D > 0; --D) {
    const std::vector<int> &Before = History[D];
    int K = X - Y;
    bool FromAbove =
        K == -D || (K != D && Before[K - 1 + D] < Before[K + 1 + D]);
    int PrevK = FromAbove ? K + 1 : K - 1;
    int PrevX = Before[PrevK + D];
    int PrevY = PrevX - PrevK;
    for (; X > PrevX && Y > PrevY; --X, --Y)
      Ops.push_back(LineOp::Keep);
    Ops.push_back(FromAbove ? LineOp::Add : LineOp::Remove);
    X = PrevX;
    Y = PrevY;
  }
  for (; X > 0 && Y > 0; --X, --Y)
    Ops.push_back(LineOp::Keep);
  std::reverse(Ops.begin(), Ops.end());
  return Ops;
}

/// Formats one side of a hunk header: GNU diff writes a single line as
/// `L`, and an empty range as the line before it with count 0.
static void printRange(llvm::raw_ostream &OS, unsigned LinesBefore,
                       unsigned Count) {
  if (Count == 0)
    OS << LinesBefore << ",0";
  else if (Count == 1)
    OS << LinesBefore + 1;
  else
    OS << LinesBefore + 1 << ',' << Count;
}

/// Prints \p Line with its diff prefix, marking a missing final newline.
static void printLine(llvm::raw_ostream &OS, char Prefix,
                      llvm::StringRef Line) {
  OS << Prefix << Line;
  if (!Line.ends_with("\n"))
    OS << "\n\\ No newline at end of file\n";
}

std::string makeUnifiedDiff(llvm::StringRef OldName, llvm::StringRef NewName,
                            llvm::StringRef OldText, llvm::StringRef NewText,
                            unsigned Context) {
  if (OldText == NewText)
    return "";
  std::vector<llvm::StringRef> Old = splitLines(OldText),
                               New = splitLines(NewText);

  // Trim the common ends; only the middle needs the search.
  size_t Prefix = 0;
  while (Prefix < Old.size() && Prefix < New.size() &&
         Old[Prefix] == New[Prefix])
    ++Prefix;
  size_t Suffix = 0;
  while (Suffix < Old.size() - Prefix && Suffix < New.size() - Prefix &&
         Old[Old.size() - 1 - Suffix] == New[New.size() - 1 - Suffix])
    ++Suffix;
  std::vector<LineOp> Ops(Prefix, LineOp::Keep);
  std::vector<LineOp> Middle = shortestEditScript(
      llvm::ArrayRef(Old).slice(Prefix, Old.size() - Prefix - Suffix),
      llvm::ArrayRef(New).slice(Prefix, New.size() - Prefix - Suffix));
  Ops.insert(Ops.end(), Middle.begin(), Middle.end());
  Ops.insert(Ops.end(), Suffix, LineOp::Keep);

  // Line positions before each op, in the old and the new text.
  std::vector<unsigned> OldPos(Ops.size() + 1), NewPos(Ops.size() + 1);
  for (size_t I = 0; I != Ops.size(); ++I) {
    OldPos[I + 1] = OldPos[I] + (Ops[I] != LineOp::Add);
    NewPos[I + 1] = NewPos[I] + (Ops[I] != LineOp::Remove);
  }

  std::string Diff;
  llvm::raw_string_ostream OS(Diff);
  OS << "--- " << OldName << "\n+++ " << NewName << "\n";
  size_t Next = 0;
  while (true) {
    size_t FirstChange = Next;
    while (FirstChange < Ops.size() && Ops[FirstChange] == LineOp::Keep)
      ++FirstChange;
    if (FirstChange == Ops.size())
      break;
    // Extend the hunk over every change whose gap to the previous one is
    // small enough that their contexts would touch.
    size_t LastChange = FirstChange;
    for (size_t I = FirstChange + 1; I < Ops.size(); ++I) {
      if (Ops[I] == LineOp::Keep)
        continue;
      if (I - LastChange - 1 > 2 * Context)
        break;
      LastChange = I;
    }
    size_t Begin = FirstChange - std::min<size_t>(Context, FirstChange - Next);
    size_t End = std::min(Ops.size(), LastChange + 1 + Context);

    OS << "@@ -";
    printRange(OS, OldPos[Begin], OldPos[End] - OldPos[Begin]);
    OS << " +";
    printRange(OS, NewPos[Begin], NewPos[End] - NewPos[Begin]);
    OS << " @@\n";
    for (size_t I = Begin; I != End; ++I) {
      switch (Ops[I]) {
      case LineOp::Keep:
        printLine(OS, ' ', Old[OldPos[I]]);
        break;
      case LineOp::Remove:
        printLine(OS, '-', Old[OldPos[I]]);
        break;
      case LineOp::Add:
        printLine(OS, '+', New[NewPos[I]]);
        break;
      }
    }
    Next = End;
  }
  OS.flush();
  return Diff;
}

} // namespace cxxdefer
