// The compile-time probe (scripts/bench-compile.sh): a translation unit of
// ordinary size, heavy standard headers and three functions that defer.
// Its twin, probe-twin.cpp, is the same code with the cleanup written by
// hand; both must print the same.
#include <cxxdefer.h>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <string>
#include <vector>

static std::mutex M;
static std::map<std::string, int> Counts;

int countWords(const char *Path) {
  std::FILE *F = std::fopen(Path, "r");
  if (!F)
    return -1;
  __defer(std::fclose(F));
  M.lock();
  __defer(M.unlock());
  char Buf[256];
  std::regex Word("[A-Za-z]+");
  while (std::fgets(Buf, sizeof Buf, F)) {
    std::string Line(Buf);
    for (auto It = std::sregex_iterator(Line.begin(), Line.end(), Word);
         It != std::sregex_iterator(); ++It)
      ++Counts[It->str()];
  }
  return static_cast<int>(Counts.size());
}

std::vector<std::string> readLines(const std::string &Path) {
  std::vector<std::string> Lines;
  std::ifstream In(Path);
  __defer([&] { std::cerr << "read " << Lines.size() << " lines\n"; }());
  for (std::string L; std::getline(In, L);)
    Lines.push_back(L);
  return Lines;
}

int report(std::ostream &OS) {
  auto Saved = OS.flags();
  __defer(OS.flags(Saved));
  OS << std::hex;
  for (const auto &[W, N] : Counts)
    OS << W << ' ' << N << '\n';
  return 0;
}

int main(int argc, char **argv) {
  if (argc > 1) {
    countWords(argv[1]);
    readLines(argv[1]);
  }
  return report(std::cout);
}
