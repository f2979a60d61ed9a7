#!/usr/bin/env bash
# tradehost against a peer on the same data, whole process, in one interleaved run: ta4j 0.18 (a
# one-thread indicator library) and tradehost's image each backtest the SMA(5) / SMA(20) crossover
# (long on the cross up, flat on the cross down, one decision per trade) over 2 000 000 real
# trades: 20 time-shifted copies of the 100 000 Bitstamp BTC/USD trades ta4j-examples ships.
# tradehost runs the whole host (guards, sizing, the simulated venue, the journal, the report),
# with only the runtime guards' halts relaxed (daily loss, drawdown) so that it trades the whole
# file; ta4j runs its BarSeriesManager on one bar per trade. Prints each round's wall time and peak
# RSS, the medians and the ratio.
# Usage: scripts/bench-peer.sh [ROUNDS] (default 3; COPIES=20 rows x 100 000)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
copies=${COPIES:-20}
java=${JAVA25:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || true)}
[ -x "$java" ] || { echo "bench-peer.sh: no JDK 25 under /usr/lib/jvm; set JAVA25 to its bin/java" >&2; exit 1; }
image=app/target/image
peer=benchmarks/target/peer.classpath
if [ ! -x "$image/bin/tradehost" ] || [ ! -f "$peer" ] || [ "${BENCH_BUILD:-1}" = 1 ]; then
  echo "== build (mvn -q -DskipTests package)"
  mvn -q -B --no-transfer-progress -DskipTests -Dpit.skip package
fi
classpath="benchmarks/target/test-classes:$(cat "$peer")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$java" -cp "$classpath" io.tradehost.benchmarks.peer.PeerData "$tmp/trades.csv" "$copies"
rows=$((copies * 100000))

tradehost=(backtest --data "$tmp/trades.csv" --format trades --symbol BTC-USD --strategy ma-crossover
  --set 'strategy.config.ma-crossover.trailing_stop="0"'
  --set 'runtime_guards.config.daily-loss.max_loss="100000000"'
  --set 'runtime_guards.config.drawdown.max_drawdown="0.99"')
field() { grep -o "\"$1\" *: *[0-9.]*" "$2" | head -1 | sed 's/.*: *//'; }

echo "== $rows rows, $rounds interleaved rounds (wall time of the whole process, peak RSS)"
th=() ta=()
for round in $(seq "$rounds"); do
  rm -rf "$tmp/report"
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$image/bin/tradehost" "${tradehost[@]}" --report "$tmp/report" \
    >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  read -r seconds rss <"$tmp/time"
  th+=("$seconds")
  echo "  round $round tradehost: ${seconds} s, $((rss / 1024)) MB, $(field events "$tmp/report/report.json") events," \
    "$(field fills "$tmp/report/report.json") fills, replay $(field events_per_second "$tmp/report/report.json") events/s"
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$java" -cp "$classpath" io.tradehost.benchmarks.peer.Ta4jSmaCrossover \
    "$tmp/trades.csv" >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  read -r seconds rss <"$tmp/time"
  ta+=("$seconds")
  echo "  round $round ta4j:      ${seconds} s, $((rss / 1024)) MB, $(cat "$tmp/out")"
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
mt=$(median "${th[@]}") ma=$(median "${ta[@]}")
echo "median: tradehost $mt s ($(awk -v r="$rows" -v s="$mt" 'BEGIN {printf "%.0f", r / s}') rows/s)," \
  "ta4j $ma s ($(awk -v r="$rows" -v s="$ma" 'BEGIN {printf "%.0f", r / s}') rows/s);" \
  "tradehost is $(awk -v a="$ma" -v t="$mt" 'BEGIN {printf "%.2f", a / t}')x ta4j's speed"
