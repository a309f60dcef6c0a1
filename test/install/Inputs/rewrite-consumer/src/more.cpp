#include "greet/greet.h"

int more() {
  __defer(say("more returns"));
  return 2;
}
