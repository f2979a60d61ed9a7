#!/usr/bin/env bash
# Start-up time of the runtime image: from launching bin/tradehost to the strategy coordinator's
# "first decision" log line, median of N runs (default 9). Usage: scripts/measure-startup.sh [N] [IMAGE]
set -euo pipefail
runs=${1:-9}
image=${2:-"$(dirname "$0")/../app/target/image"}
launcher="$(cd "$image" 2>/dev/null && pwd)/bin/tradehost"
[ -x "$launcher" ] || { echo "no image at $image: run 'mvn -DskipTests package' first" >&2; exit 1; }
# a working directory of its own (a plugins/ folder where it is started from would be scanned), with a
# data directory kept across the runs as an operator's would be; removed at the end
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
data="$work/data"

times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  elapsed=""
  while IFS= read -r line; do
    if [ -z "$elapsed" ] && [[ "$line" == *"first decision"* ]]; then
      elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
    fi
  done < <("$launcher" run --duration 2s --data-dir "$data" --set 'admin.listen="127.0.0.1:0"' 2>&1 >/dev/null)
  [ -n "$elapsed" ] || { echo "no 'first decision' line seen" >&2; exit 1; }
  times+=("$elapsed")
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(printf '%s\n' "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
echo "start to first decision over $runs runs (ms): $(echo $sorted | tr '\n' ' ')"
echo "median: ${median} ms"
