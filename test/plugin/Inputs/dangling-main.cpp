#include "dangling.h"

int main() {
  headerLoop();
  return 0;
}
