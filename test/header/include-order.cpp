// <cxxdefer.h> can be included before or after the standard and POSIX
// headers (glibc's <pthread.h> has a member function named __defer).
//
// DEFINE: %{flags} = -fsyntax-only -Wall -Wextra -pedantic -Werror -I %cxxdefer_include %s
// RUN: %clangxx -std=c++14 -DDEFER_FIRST %{flags}
// RUN: %clangxx -std=c++17 -DDEFER_FIRST %{flags}
// RUN: %clangxx -std=c++20 -DDEFER_FIRST %{flags}
// RUN: %clangxx -std=c++14 %{flags}
// RUN: %clangxx -std=c++17 %{flags}
// RUN: %clangxx -std=c++20 %{flags}
// RUN: %if gxx %{ %gxx -std=c++14 -DDEFER_FIRST %{flags} %}
// RUN: %if gxx %{ %gxx -std=c++17 -DDEFER_FIRST %{flags} %}
// RUN: %if gxx %{ %gxx -std=c++20 -DDEFER_FIRST %{flags} %}
// RUN: %if gxx %{ %gxx -std=c++14 %{flags} %}
// RUN: %if gxx %{ %gxx -std=c++17 %{flags} %}
// RUN: %if gxx %{ %gxx -std=c++20 %{flags} %}

#ifdef DEFER_FIRST
#include <cxxdefer.h>
#endif

#include <algorithm>
#include <iostream>
#include <pthread.h>
#include <vector>

#ifndef DEFER_FIRST
#include <cxxdefer.h>
#endif

int sortAndReport(std::vector<int> &Values) {
  __defer(std::cout << "sorted " << Values.size() << '\n');
  __defer(std::sort(Values.begin(), Values.end()));
  return Values.empty() ? -1 : 0;
}
