#!/usr/bin/env bash
# Every figure of docs/BENCHMARKS.md, printed in order: the machine, the image (size, start-up,
# --version, --help), resident memory of a 10-symbol paper host on the launcher's defaults, the JMH
# hot paths (allocation included), replay throughput in process, tick to order, and the peer
# comparison with ta4j over 2 000 000 real trades (scripts/bench-peer.sh: wall time and peak RSS).
# Usage: scripts/bench.sh [--quick]   (--quick: shorter runs, for a smoke check)
# Builds what it needs (mvn -DskipTests package) unless BENCH_BUILD=0; about 9 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=${1:-}
java=${JAVA25:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || true)}
[ -x "$java" ] || { echo "bench.sh: no JDK 25 under /usr/lib/jvm; set JAVA25 to its bin/java" >&2; exit 1; }
jar=benchmarks/target/benchmarks.jar
image=app/target/image
started=$(date +%s)

if [ ! -f "$jar" ] || [ ! -x "$image/bin/tradehost" ] || [ "${BENCH_BUILD:-1}" = 1 ]; then
  echo "== build (mvn -q -DskipTests package)"
  mvn -q -B --no-transfer-progress -DskipTests -Dpit.skip package
fi

jmh=(-wi 2 -i 3 -w 1 -r 1 -f 1)
events=1000000 rounds=2 orders=200000 paper=60s peer=3
if [ "$quick" = --quick ]; then
  jmh=(-wi 1 -i 1 -w 1 -r 1 -f 1) events=200000 rounds=1 orders=30000 paper=10s peer=1
fi
quiet=(-DTRADEHOST_LOG_LEVEL=ERROR --enable-native-access=ALL-UNNAMED)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== machine"
echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
"$java" -version 2>&1 | head -1

echo "== the image"
echo "  size: $(du -sh "$image" | cut -f1) ($(du -sh "$image/lib/tradehost.aot" | cut -f1) of it the AOT cache)"
scripts/measure-startup.sh 9 "$image" | sed 's/^/  /'
for args in --version --help; do
  times=()
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e" -o "$tmp/t" "$image/bin/tradehost" "$args" >/dev/null 2>&1
    times+=("$(cat "$tmp/t")")
  done
  echo "  tradehost $args: $(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p) s median of 5"
done

echo "== resident memory: a 10-symbol paper host for $paper on the launcher's defaults (peak RSS)"
(cd "$tmp" && /usr/bin/time -f "%M" -o "$tmp/rss" "$OLDPWD/$image/bin/tradehost" run --duration "$paper" \
  --set 'host.symbols=["BTC-USD","ETH-USD","SOL-USD","BTC-PERP","ETH-PERP","ADA-USD","XRP-USD","DOGE-USD","LTC-USD","AVAX-USD"]' \
  --set 'admin.listen="127.0.0.1:0"' --summary-json summary.json >/dev/null 2>"$tmp/err") \
  || { cat "$tmp/err" >&2; exit 1; }
echo "  $(( $(cat "$tmp/rss") / 1024 )) MB, $(grep -o '"filled" *: *[0-9]*' "$tmp/summary.json" | head -1 | sed 's/.*: *//') orders filled"

echo "== JMH: value arithmetic, plugin calls, the order path's pieces, an event-api callback (ns/op, B/op)"
"$java" "${quiet[@]}" -jar "$jar" "${jmh[@]}" -prof gc -jvmArgs "${quiet[*]}" 2>/dev/null \
  | grep -E '^(Benchmark|[A-Za-z]+Benchmark\.)' | grep -vE 'gc\.(alloc\.rate |churn|count|time)|:p0\.(00|90|95|9999)|:p1\.00'

echo "== replay throughput in process (one kernel thread)"
"$java" "${quiet[@]}" -cp "$jar" io.tradehost.benchmarks.host.ReplayThroughput "$events" "$rounds" 2>/dev/null

echo "== tick to order (paper venue): the journal as a live host has it (normal, then full), in memory, on PostgreSQL"
for journal in normal full memory postgresql; do
  n=$orders
  [ "$journal" = full ] && n=$(( orders / 20 )) # an msync per order
  [ "$journal" = memory ] && n=$(( orders / 4 ))
  [ "$journal" = postgresql ] && n=$(( orders / 10 )) # a commit on the server per order
  "$java" "${quiet[@]}" -cp "$jar" io.tradehost.benchmarks.host.TickToOrder "$n" "$journal" 2>/dev/null
done

echo "== the peer: ta4j 0.18 and the image over 2 000 000 real trades"
BENCH_BUILD=0 scripts/bench-peer.sh "$peer"
echo "== bench.sh took $(( $(date +%s) - started )) s"
