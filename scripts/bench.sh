#!/usr/bin/env bash
#===- scripts/bench.sh - Build and run the benchmarks, print the table ----===#
#
# The one command behind docs/benchmarks.md:
#
#   scripts/bench.sh [--quick] [--no-callgrind] [--no-build] [--opt=-O0]
#
# 1. makes sure the plugin is built (cmake --build <build> --target CxxDefer;
#    configures <build> first if needed), unless --no-build;
# 2. compiles the driver (no plugin), then every benchmarks/scenarios/*.cpp
#    through the plugin at -O2 (or --opt's level, which also selects the
#    goals: -O0's are issue 9's debug-build goals, and the output goes to
#    <build>/benchmarks-O0) with -Rpass=defer, one file at a time: a file
#    that does not compile (a tier the rewriter does not support yet) is
#    skipped with its first error, and the others still run. __recover() is
#    probed first (benchmarks/probes/recover.cpp); the panic scenario's defer
#    version is compiled only when the probe compiles;
# 3. links what compiled into one binary and runs `bench --check`: each
#    defer version and its twin must return the same value and make the same
#    calls in the same order, or the script stops (a fast wrong rewrite is
#    not a result);
# 4. times it with Google Benchmark (median of repetitions, CPU time) and
#    counts instructions with `valgrind --tool=callgrind`, N calls of each
#    function between client requests (bench --callgrind=N);
# 5. prints the markdown table and writes it to <build>/benchmarks/results.md.
#
# CMake is not involved beyond building the plugin: compiling the scenarios
# one by one is what lets a scenario be skipped without failing the rest,
# and it keeps the benchmarks out of the default build and of CI.
# Works from any directory. CXXDEFER_BUILD_DIR overrides build/.
#
#===----------------------------------------------------------------------===#
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${CXXDEFER_BUILD_DIR:-$ROOT/build}"
OUT="$BUILD_DIR/benchmarks"
SRC="$ROOT/benchmarks"

quick=0
opt=-O2
callgrind=1
build=1
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --no-callgrind) callgrind=0 ;;
    --no-build) build=0 ;;
    --opt=-O0|--opt=-O2) opt="${arg#--opt=}" ;;
    -h|--help) sed -n '2,30p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "bench.sh: unknown argument $arg (see --help)" >&2; exit 2 ;;
  esac
done

if ((quick)); then
  GB_FLAGS=(--benchmark_min_time=0.02 --benchmark_repetitions=1)
  CALLS=200
else
  GB_FLAGS=(--benchmark_min_time=0.2 --benchmark_repetitions=5
            --benchmark_report_aggregates_only=true)
  CALLS=5000
fi

CXX="${CXXDEFER_BENCH_CXX:-clang++-19}"
PLUGIN="$BUILD_DIR/lib/CxxDefer.so"
# -gdwarf-4: valgrind 3.19 (Debian 12) cannot read clang 19's DWARF 5.
# Debug info changes no code; it lets callgrind_annotate name lines.
CXXFLAGS=(-std=c++17 "$opt" -gdwarf-4 -I "$SRC")
[[ "$opt" == -O2 ]] || OUT="$OUT$opt"

say() { echo "bench.sh: $*" >&2; }

command -v "$CXX" >/dev/null || { say "needs $CXX (clang 19)"; exit 1; }
[[ -f /usr/include/benchmark/benchmark.h ]] ||
  { say "needs Google Benchmark (apt-get install libbenchmark-dev)"; exit 1; }
if ((callgrind)) && ! command -v valgrind >/dev/null; then
  say "no valgrind: instruction counts are skipped (apt-get install valgrind)"
  callgrind=0
fi

#--- 1. The plugin -----------------------------------------------------------
if ((build)); then
  if [[ ! -f "$BUILD_DIR/build.ninja" && ! -f "$BUILD_DIR/Makefile" ]]; then
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
  fi
  cmake --build "$BUILD_DIR" --target CxxDefer >&2
fi
[[ -f "$PLUGIN" ]] || { say "no plugin at $PLUGIN"; exit 1; }

# Only this script's own output: <build>/benchmarks also holds
# scripts/bench-compile.sh's compile-work (the leveldb download and builds).
rm -rf "$OUT/obj" "$OUT/logs" "$OUT/callgrind"
mkdir -p "$OUT/obj" "$OUT/logs" "$OUT/callgrind"
: > "$OUT/skipped.tsv"

#--- 2. Compile ----------------------------------------------------------------
objs=()
for f in main callees alloc_count; do
  "$CXX" "${CXXFLAGS[@]}" -c "$SRC/$f.cpp" -o "$OUT/obj/$f.o"
  objs+=("$OUT/obj/$f.o")
done

recover_flag=-DCXXDEFER_BENCH_HAVE_RECOVER=0
if "$CXX" "${CXXFLAGS[@]}" -fplugin="$PLUGIN" -c "$SRC/probes/recover.cpp" \
     -o "$OUT/obj/probe-recover.o" > "$OUT/logs/probe-recover.txt" 2>&1; then
  recover_flag=-DCXXDEFER_BENCH_HAVE_RECOVER=1
  say "__recover() compiles: the panic scenarios run with their defer version"
else
  say "__recover() does not compile yet: panic scenarios run their twins only"
fi

for src in "$SRC"/scenarios/*.cpp; do
  base="$(basename "$src" .cpp)"
  log="$OUT/logs/$base.log"
  if "$CXX" "${CXXFLAGS[@]}" -fplugin="$PLUGIN" -Rpass=defer "$recover_flag" \
       -c "$src" -o "$OUT/obj/$base.o" > "$log" 2>&1; then
    objs+=("$OUT/obj/$base.o")
    tiers="$(grep -oE '(open-coded|stack-allocated|heap-allocated) defer' "$log" |
      sort | uniq -c | awk '{printf "%s%s x%s", sep, $2, $1; sep=", "}' || true)"
    say "compiled $base (${tiers:-no defer statement})"
  else
    reason="$(grep -m1 -E 'error:' "$log" | sed -E 's/^[^ ]*:[0-9]+:[0-9]+: error: //' || true)"
    printf '%s\t%s\n' "$base.cpp" "${reason:-see $log}" >> "$OUT/skipped.tsv"
    say "SKIPPED $base: ${reason:-see $log}"
  fi
done

"$CXX" "${CXXFLAGS[@]}" "${objs[@]}" -lbenchmark -lpthread -o "$OUT/bench"
"$OUT/bench" --list > "$OUT/list.tsv"

#--- 3. Same behaviour -----------------------------------------------------------
if ! "$OUT/bench" --check > "$OUT/check.txt"; then
  cat "$OUT/check.txt" >&2
  say "a defer version and its twin disagree; no figures are reported"
  exit 1
fi

#--- 4. Measure ----------------------------------------------------------------
say "Google Benchmark (${GB_FLAGS[*]})"
"$OUT/bench" "${GB_FLAGS[@]}" --benchmark_out="$OUT/gbench.json" \
  --benchmark_out_format=json > "$OUT/gbench.txt" 2> "$OUT/gbench.stderr"
if ((callgrind)); then
  say "callgrind, $CALLS calls of each function"
  # Uncompressed names: each dump stands alone (report.py --breakdown).
  valgrind --tool=callgrind --compress-strings=no --compress-pos=no \
    --callgrind-out-file="$OUT/callgrind/callgrind.out.%p" \
    "$OUT/bench" --callgrind="$CALLS" > "$OUT/callgrind.txt" 2>&1 ||
    { cat "$OUT/callgrind.txt" >&2; say "callgrind failed"; exit 1; }
fi

#--- 5. The table ----------------------------------------------------------------
# The commit of the tree the plugin was built from (and whose runtime header
# it uses), which need not be this script's.
PLUGIN_SRC="$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$BUILD_DIR/CMakeCache.txt" 2>/dev/null || true)"
PLUGIN_SRC="${PLUGIN_SRC:-$ROOT}"
commit="$(git -C "$PLUGIN_SRC" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$PLUGIN_SRC" status --porcelain -- rewriter runtime plugin 2>/dev/null)" ]]; then
  commit="$commit + uncommitted changes in rewriter/, runtime/ or plugin/"
fi
cpu="$(sed -n -E 's/^model name\s*:\s*//p' /proc/cpuinfo | head -n 1)"
header="## cxxdefer benchmarks\\n\\n"
header+="$(date -u +%Y-%m-%d), commit $commit; $cpu ($(nproc) cores); "
header+="$("$CXX" --version | head -n 1); $opt; "
header+="Google Benchmark ${GB_FLAGS[*]}, median CPU time; "
if ((callgrind)); then
  header+="callgrind: $CALLS calls per function."
else
  header+="no callgrind run (instruction columns n/a)."
fi
python3 "$SRC/report.py" --out "$OUT" --opt="$opt" --header "$header" > "$OUT/results.md"
cat "$OUT/results.md"
say "table written to $OUT/results.md"
