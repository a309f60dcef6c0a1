// -verify works through the plugin: Clang's own diagnostics and cxxdefer's
// are matched to the expected-* comments of the user's file. (The plugin
// then reports its findings in the file Clang compiles, whose lines are the
// user's, instead of in a copy of the original text, which -verify could
// not match to this file.)
//
// RUN: %plugin_cxx -std=c++17 -fsyntax-only -Wunused-variable -Xclang -verify %s

#include <cxxdefer.h>

void show(const int &V);

void loop() {
  for (int I = 0; I < 2; ++I) {
    int V = I; // expected-note {{'V' declared here}}
    __defer(show(V)); // expected-warning {{the deferred call keeps a reference to 'V', which is destroyed before the function returns}}
  }
  int Unused = 0; // expected-warning {{unused variable 'Unused'}}
}
