#include "greet/greet.h"

int main() {
  __defer(say("main returns"));
  int Framed = framed("world");
  int More = more();
  return Framed + More - 3;
}
