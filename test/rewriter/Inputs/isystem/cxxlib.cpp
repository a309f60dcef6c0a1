// The library's own source: the helper its header declares.
#include <cxxlib/guard.h>

void cxxlib::recoverAndLog() {
  if (__recover())
    std::printf("cxxlib: recovered\n");
}
