// fork-header.test: includes a fork site that ends in a backslash.
#include "fork-site-backslash.h"
#include <cstdio>

int main() { std::printf("backslash %d\n", ends_in_backslash()); }
