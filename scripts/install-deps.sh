#!/usr/bin/env bash
#===- scripts/install-deps.sh - Debian 12 packages cxxdefer needs ---------===#
#
# Installs, with apt, whatever of the build and test dependencies is missing.
# Used by scripts/build.sh (README command 1) and .ci/run. Fast when nothing
# is missing: it only asks dpkg, and runs apt-get only for what is absent.
# Needs root (or sudo) when something has to be installed; works with no TTY.
#
#===----------------------------------------------------------------------===#
set -euo pipefail

PACKAGES=(
  # Clang/LLVM 19: the compiler the plugin loads into, the libraries the
  # plugin and tool build against, and lit/FileCheck/not/split-file.
  clang-19 llvm-19-dev libclang-19-dev libclang-cpp19-dev llvm-19-tools
  # Build.
  cmake ninja-build g++ python3 git
  # Tests and benchmarks (libclang-rt-19-dev: the ASan/TSan runtimes that
  # the pool and thread tests link; only a Recommends of clang-19).
  valgrind libbenchmark-dev libclang-rt-19-dev
  # test/realcode: leveldb's own tests link GoogleTest and Google Benchmark
  # from Debian; its source package is unpacked and patched with patch(1).
  libgtest-dev libgmock-dev patch
  # The compiler cache test/plugin/ccache.test runs the plugin behind.
  ccache
  # test/format.test: the tooling's formatting.
  clang-format-19
  # The reference of the differential fuzzer (test/fuzz, scripts/fuzz.sh):
  # the same programs in Go must print what the C++ builds print.
  golang-go
)

is_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  is_installed "$pkg" || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -n)
  else
    echo "install-deps: missing ${missing[*]}; run as root (or install sudo)" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
  --no-install-recommends "${missing[@]}" </dev/null
