#!/usr/bin/env bash
# Every benchmark figure of docs/BENCHMARKS.md, printed in order: the JMH hot paths, replay
# throughput, tick to order, resident memory with 10 symbols, start to first decision.
# Usage: scripts/bench.sh [--quick]   (--quick: shorter JMH runs and replays, for a smoke check)
# Builds what it needs (mvn -DskipTests package); takes about 12 minutes on 2 cores (2 with --quick).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=${1:-}
java=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)
java=${JAVA25:-$java}
[ -x "$java" ] || { echo "bench.sh: no JDK 25 under /usr/lib/jvm; set JAVA25 to its bin/java" >&2; exit 1; }
jar=benchmarks/target/benchmarks.jar
image=app/target/image

if [ ! -f "$jar" ] || [ ! -x "$image/bin/tradehost" ] || [ "${BENCH_BUILD:-1}" = 1 ]; then
  echo "== build (mvn -q -DskipTests package)"
  mvn -q -B --no-transfer-progress -DskipTests -Dpit.skip package
fi

jmh=(-wi 3 -i 5 -w 1 -r 1)
events=2000000 rounds=3 orders=200000
if [ "$quick" = --quick ]; then
  jmh=(-wi 1 -i 2 -w 1 -r 1) events=300000 rounds=1 orders=30000
fi
quiet=(-DTRADEHOST_LOG_LEVEL=ERROR --enable-native-access=ALL-UNNAMED)

echo "== machine"
echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
"$java" -version 2>&1 | head -1

echo "== JMH: value arithmetic, plugin calls, the order path's pieces (ns/op, bytes allocated per op)"
"$java" "${quiet[@]}" -jar "$jar" "${jmh[@]}" -prof gc -jvmArgs "${quiet[*]}" 2>/dev/null \
  | grep -E '^(Benchmark|[A-Za-z]+Benchmark\.)' | grep -vE 'gc\.(alloc\.rate |churn|count|time)|:p0\.(00|90|95|9999)|:p1\.00'

echo "== replay throughput (one kernel thread)"
"$java" "${quiet[@]}" -cp "$jar" io.tradehost.benchmarks.host.ReplayThroughput "$events" "$rounds" 2>/dev/null

echo "== tick to order (paper venue)"
"$java" "${quiet[@]}" -cp "$jar" io.tradehost.benchmarks.host.TickToOrder "$orders" 2>/dev/null

echo "== resident memory: the image backtesting 10 symbols (peak RSS)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$java" -cp "$jar" io.tradehost.benchmarks.host.GenerateQuotes "$tmp/ten.csv" "$events" 10
/usr/bin/time -f "%M" -o "$tmp/rss" "$image/bin/tradehost" backtest --data "$tmp/ten.csv" --report "$tmp/report" \
  >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
echo "  default JVM flags:      $(( $(cat "$tmp/rss") / 1024 )) MB peak RSS, $events quotes over 10 symbols"
TRADEHOST_JAVA_OPTS="-Xmx64m -XX:+UseSerialGC" /usr/bin/time -f "%M" -o "$tmp/rss" "$image/bin/tradehost" backtest \
  --data "$tmp/ten.csv" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
echo "  -Xmx64m -XX:+UseSerialGC: $(( $(cat "$tmp/rss") / 1024 )) MB peak RSS"

echo "== start to first decision (the image, paper venue)"
scripts/measure-startup.sh 9 "$image"
