#include "closer.h"

int main() {
  std::FILE *f = std::fopen(__FILE__, "r");
  if (!f)
    return 1;
  CLOSE_LATER(f);
  return 0;
}
