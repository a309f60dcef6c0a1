// A user macro that defers. Files that use it never write __defer.
#include <cxxdefer.h>
#include <cstdio>
#define CLOSE_LATER(f) __defer(std::fclose(f))
