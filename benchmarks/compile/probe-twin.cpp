// The hand-written twin of probe-defer.cpp (scripts/bench-compile.sh): the
// same functions, with the cleanup that each defer statement does written
// the way C++ without cxxdefer writes it (RAII objects, a try block).
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
  std::unique_ptr<std::FILE, int (*)(std::FILE *)> Close(F, &std::fclose);
  std::lock_guard<std::mutex> Lock(M);
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
  try {
    for (std::string L; std::getline(In, L);)
      Lines.push_back(L);
  } catch (...) {
    std::cerr << "read " << Lines.size() << " lines\n";
    throw;
  }
  std::cerr << "read " << Lines.size() << " lines\n";
  return Lines;
}

int report(std::ostream &OS) {
  auto Saved = OS.flags();
  struct Restore {
    std::ostream &OS;
    std::ios_base::fmtflags Flags;
    ~Restore() { OS.flags(Flags); }
  } Restorer{OS, Saved};
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
