// Neither this file nor its user header mentions the extension.
#include <cstdio>
#include "plain.h"

int main() { return twice(21) == 42 ? 0 : 1; }
