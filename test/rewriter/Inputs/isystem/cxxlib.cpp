// The library's own source: the helper its header declares.
#include <cxxlib/recover.h>
#include <cstdio>

void cxxlib::recoverAndLog() {
  if (__recover())
    std::printf("cxxlib: recovered\n");
}
