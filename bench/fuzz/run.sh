#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer. Every bench/fuzz/targets/NAME.swift is a target: it is
# compiled together with the ThaksaCore sources (so it can use internal API) into
# bench/fuzz/build/NAME, then run on a copy of its seed corpus bench/fuzz/corpus/NAME/ for a set
# number of executions. A crash leaves bench/fuzz/build/crash-* and makes the script exit 1.
#
#   bash bench/fuzz/run.sh                 # every target, 1,000,000 executions each
#   bash bench/fuzz/run.sh csv rules       # only these targets
#   RUNS=200000 bash bench/fuzz/run.sh     # fewer executions (a busy machine)
#   MAX_TIME=600 bash bench/fuzz/run.sh    # also stop each target after 600 s (-max_total_time)
#   RSS_LIMIT_MB=2048 ...                  # libFuzzer -rss_limit_mb
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${RUNS:-1000000}"
build="$here/build"
mkdir -p "$build"
mapfile -t core < <(find "$root/Sources/ThaksaCore" -name '*.swift' | sort)

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for t in "$here"/targets/*.swift; do targets+=("$(basename "$t" .swift)"); done
fi

status=0
for name in "${targets[@]}"; do
    src="$here/targets/$name.swift"
    [ -f "$src" ] || { echo "no target $src" >&2; exit 2; }
    bin="$build/$name"
    # Rebuilt when the target or any core source is newer than the binary.
    if [ ! -x "$bin" ] || [ -n "$(find "$src" "${core[@]}" -newer "$bin" -print -quit)" ]; then
        echo "== building $name"
        swiftc -O -wmo -sanitize=fuzzer,address -parse-as-library -module-name FuzzTarget \
            "${core[@]}" "$src" -o "$bin"
    fi
    corpus="$build/corpus-$name"
    mkdir -p "$corpus"
    [ -d "$here/corpus/$name" ] && cp -n "$here/corpus/$name"/* "$corpus"/ 2>/dev/null || true
    echo "== running $name: $runs executions (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    log="$build/$name.log"
    start=$(date +%s)
    # No leak checks (-detect_leaks=0 per input, ASAN_OPTIONS at exit): Swift keeps pointers in
    # enum payloads' spare bits, where LeakSanitizer cannot see them, so it reports objects that are
    # still reachable (e.g. a global rule set) as leaks.
    if (cd "$build" && ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" "$bin" -runs="$runs" -max_total_time="${MAX_TIME:-0}" -rss_limit_mb="${RSS_LIMIT_MB:-2048}" -max_len=4096 -detect_leaks=0 \
            -print_final_stats=1 "$corpus" >"$log" 2>&1); then
        result="no crash"
    else
        result="CRASH (see $log and $build/crash-*)"
        status=1
    fi
    end=$(date +%s)
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
    echo "$name: ${execs:-?} executions in $((end - start)) s, coverage ${cov:-?} edges, corpus $(ls "$corpus" | wc -l) inputs: $result"
done
exit $status
