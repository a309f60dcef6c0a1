#!/usr/bin/env bash
#===- scripts/build.sh - README command 1: install, configure, build ------===#
#
# On a fresh Debian 12 machine (as root): installs the packages cxxdefer
# needs, configures build/ with Ninja in Release mode, builds the plugin
# (build/lib/CxxDefer.so), the batch tool (build/bin/cxxdefer) and everything
# else, then compiles examples/copy.cpp with the plugin and runs it.
# Works from any directory. CXXDEFER_BUILD_DIR overrides build/.
#
#===----------------------------------------------------------------------===#
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${CXXDEFER_BUILD_DIR:-$ROOT/build}"

bash "$ROOT/scripts/install-deps.sh"

cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build "$BUILD_DIR"

# The SPEC's example, compiled the way a user would: clang 19 + the plugin,
# no -I and no library (the plugin finds the runtime header itself).
echo "build.sh: examples/copy.cpp with the plugin"
clang++-19 -std=c++17 -fplugin="$BUILD_DIR/lib/CxxDefer.so" \
  "$ROOT/examples/copy.cpp" -o "$BUILD_DIR/bin/copy-example"
"$BUILD_DIR/bin/copy-example"
