// Neither this file nor its user header mentions the extension. <mutex>
// brings glibc's <pthread.h>, which has a member function with the name of
// the defer keyword: a system header counts only when it names cxxdefer.
#include <cstdio>
#include <mutex>
#include "plain.h"

int main() { return twice(21) == 42 ? 0 : 1; }
