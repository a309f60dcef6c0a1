//===- examples/copy.cpp - The SPEC's copy(), as a program to run ---------===//
//
// Part of cxxdefer: Go's defer, panic and recover for C++, through Clang.
//
//===----------------------------------------------------------------------===//
//
// Build and run it (scripts/build.sh does this):
//
//   clang++-19 -std=c++17 -fplugin=build/lib/CxxDefer.so examples/copy.cpp -o copy
//   ./copy
//
// It writes a small file into a new temporary directory, copies it three
// times (a missing source, a destination that cannot be opened, a real copy)
// and prints each step, so you can see when and in which order the deferred
// calls run. The output it must print is at the end of this file;
// test/examples/copy.test checks the program against that text.
//
// __recover() and __result are still in progress, so this version of the
// SPEC's example uses only __defer.
//
//===----------------------------------------------------------------------===//

#include <cxxdefer.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

/// Closes \p File and says which one it was.
void closeFile(std::FILE *File, const char *Name) {
  std::printf("  close %s\n", Name);
  std::fclose(File);
}

/// Prints \p What followed by \p Bytes.
void say(const char *What, long Bytes) { std::printf("  %s%ld bytes\n", What, Bytes); }

/// What went through one copy().
struct Stats {
  long Bytes = 0;
};

/// Copies the file \p From to \p To.
/// \returns 0 on success, -1 when \p From cannot be opened, -2 when \p To
/// cannot be opened.
int copy(const char *From, const char *To, bool Verbose) {
  std::FILE *In = std::fopen(From, "rb");
  if (!In)
    return -1;                    // nothing deferred yet: nothing runs
  __defer(closeFile(In, "in"));   // a plain call; In and "in" are evaluated now

  std::FILE *Out = std::fopen(To, "wb");
  if (!Out)
    return -2;                    // runs closeFile(In, "in")
  __defer(closeFile(Out, "out"));

  Stats S;
  __defer(say("at the defer statement: ", S.Bytes)); // S.Bytes is read now: 0
  __defer([&] { say("the closure sees ", S.Bytes); }()); // runs at exit, sees the end
  if (Verbose) {
    __defer(std::puts("  verbose: deferred in the if"));
  }                               // the if ends here; its deferred call waits for the return
  std::puts("  the if is over");

  char Buffer[16];
  for (std::size_t N; (N = std::fread(Buffer, 1, sizeof Buffer, In)) > 0;) {
    std::fwrite(Buffer, 1, N, Out);
    S.Bytes += static_cast<long>(N);
  }
  std::puts("  return 0");
  return 0;                       // then the deferred calls, last deferred first
}

/// Copies \p From to \p To, both relative to \p Dir, and prints the result.
void run(const std::string &Dir, const char *From, const char *To, bool Verbose) {
  std::printf("copy %s -> %s%s\n", From, To, Verbose ? " (verbose)" : "");
  int Result = copy((Dir + "/" + From).c_str(), (Dir + "/" + To).c_str(), Verbose);
  std::printf("  result %d\n", Result);
}

/// Returns the whole content of the file \p Path ("" if it cannot be read).
std::string readAll(const std::string &Path) {
  std::string Content;
  std::FILE *File = std::fopen(Path.c_str(), "rb");
  if (!File)
    return Content;
  __defer(std::fclose(File));
  for (int C; (C = std::fgetc(File)) != EOF;)
    Content.push_back(static_cast<char>(C));
  return Content;
}

/// Removes the file or empty directory \p Path and says which one it was.
void removePath(const char *Path, const char *Name) {
  std::printf("  remove %s\n", Name);
  if (std::remove(Path) != 0)
    std::printf("  (could not remove %s)\n", Name);
}

/// A new, empty directory under $TMPDIR (or /tmp).
struct TempDir {
  std::string Path;

  bool create() {
    const char *Tmp = std::getenv("TMPDIR");
    Path = std::string(Tmp && *Tmp ? Tmp : "/tmp") + "/cxxdefer-copy-XXXXXX";
    return mkdtemp(&Path[0]) != nullptr;
  }
  void remove() const { removePath(Path.c_str(), "the directory"); }
};

} // namespace

int main() {
  TempDir Tmp;
  if (!Tmp.create()) {
    std::perror("mkdtemp");
    return 1;
  }
  __defer(Tmp.remove());          // a member call; runs last
  const std::string &Dir = Tmp.Path;

  const std::string From = Dir + "/from.txt";
  const std::string To = Dir + "/to.txt";
  {
    std::FILE *File = std::fopen(From.c_str(), "wb");
    if (!File)
      return 1;
    std::fputs("hello, deferred world\n", File);
    std::fclose(File);
  }
  __defer(removePath(From.c_str(), "from.txt"));

  run(Dir, "missing.txt", "to.txt", false);
  run(Dir, "from.txt", "missing/to.txt", false);
  run(Dir, "from.txt", "to.txt", true);
  __defer(removePath(To.c_str(), "to.txt"));

  std::printf("to.txt equals from.txt: %s\n", readAll(To) == readAll(From) ? "yes" : "no");
  std::puts("main returns");
  return 0;
}

// EXPECTED OUTPUT:
// copy missing.txt -> to.txt
//   result -1
// copy from.txt -> missing/to.txt
//   close in
//   result -2
// copy from.txt -> to.txt (verbose)
//   the if is over
//   return 0
//   verbose: deferred in the if
//   the closure sees 22 bytes
//   at the defer statement: 0 bytes
//   close out
//   close in
//   result 0
// to.txt equals from.txt: yes
// main returns
//   remove to.txt
//   remove from.txt
//   remove the directory
