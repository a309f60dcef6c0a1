// A string literal passed to a pointer parameter has nothing to evaluate at
// the defer statement, so its text moves to the call at exit: the compiler
// sees `printf("...", args)` there as it would without the rewrite, checks
// the format against the kept arguments (-Wformat), and has no reason for
// -Wformat-security's "format string is not a string literal". Anything
// else stays kept as usual (SPEC 2.3).
//
// RUN: %check_cxxdefer --std=c++14,c++17 %s %t -- -Wformat=2
// RUN: %cxxdefer %s -- -std=c++17 > %t.fmt.cpp
// RUN: %gxx -std=c++17 -Wall -Wextra -Wformat=2 -Werror -fsyntax-only -I%cxxdefer_include %t.fmt.cpp
//
// A wrong format is found at the user's line:
// RUN: not %plugin_cxx -std=c++17 -Werror -fsyntax-only -DWRONG_FORMAT %s 2>&1 | %FileCheck %s --check-prefix=WRONG

#include <cxxdefer.h>

#include <cstdio>
#include <string>

static void say(const char *What) { std::printf("say %s\n", What); }

struct Log {
  void line(const char *Text, int N) { std::printf("%s %d\n", Text, N); }
};

static int count(int N) {
  // CHECK: ::cxxdefer::detail::call{[](auto&& cxxdefer_a0) { (void)std::printf("count %d\n", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::value_arg{N}}
  __defer(std::printf("count %d\n", N));
  // CHECK: { (void)say("a literal " "in two parts"); }}
  __defer(say("a literal " "in two parts"));
  Log L;
  // CHECK: { (void)static_cast<decltype(cxxdefer_o)&&>(cxxdefer_o).line("line", static_cast<decltype(cxxdefer_a0)&&>(cxxdefer_a0)); }, ::cxxdefer::detail::ref_arg{L}, ::cxxdefer::detail::value_arg{N + 1}}
  __defer(L.line("line", N + 1));
  std::string S = "kept";
  // A literal converted to a class is still made now.
  // CHECK: ::cxxdefer::detail::as<std::basic_string<char>>("made now")
  __defer([](const std::string &A, const std::string &B) {
    std::printf("%s %s\n", A.c_str(), B.c_str());
  }(S, "made now"));
  N = 100;
  return N;
}

#if defined(WRONG_FORMAT)
void wrong(int N) {
  // WRONG: string-literal-argument.cpp:[[@LINE+1]]:{{[0-9]+}}: error: format specifies type 'char *' but the argument has type 'int'
  __defer(std::printf("%s\n", N));
}
#endif

int main() {
  // EXEC: kept made now
  // EXEC-NEXT: line 8
  // EXEC-NEXT: say a literal in two parts
  // EXEC-NEXT: count 7
  // EXEC-NEXT: 100
  std::printf("%d\n", count(7));
}
