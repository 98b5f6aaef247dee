#!/usr/bin/env bash
# `npm run bench:side-by-side`: Byline beside the raw-SQL baseline and PostGraphile (v4 and v5) in ONE run of the
# shared harness (../shared/bench, see its README), on the reference volume. Starts Byline with `npm run bench --
# --serve` (production settings, statement header off), runs the harness against it, prints its tables with the
# ratios against the baseline and the Byline/PostGraphile ratios, and stops Byline.
#
#   npm run bench:side-by-side                       # q1, q1cc, q2; c=32 and c=8; 3 rounds (~15 min)
#   npm run bench:side-by-side -- --rounds 1 --quick # any run.js option passes through
# Env: SHARED_BENCH (default ../shared/bench), BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/byline_bench)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=$(cd "${SHARED_BENCH:-../shared/bench}" && pwd)
db=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/byline_bench}
mkdir -p bench-results
log=bench-results/side-by-side-server.log
# bench.ts itself (not through npm, which would not pass the signal on) stops the server it started on SIGTERM.
node -r @swc-node/register bench/bench.ts --serve --serve-max 5400 >"$log" 2>&1 &
serve=$!
trap 'kill "$serve" 2>/dev/null || true; wait "$serve" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 900); do
  grep -q '^BYLINE_PID=' "$log" && break
  kill -0 "$serve" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 1
done
url=$(sed -n 's/^BYLINE_URL=//p' "$log")
pid=$(sed -n 's/^BYLINE_PID=//p' "$log")
[ -n "$pid" ] || { cat "$log" >&2; exit 1; }
echo "Byline at $url (pid $pid), log $log"
"$shared/run.sh" --target "byline=$url" --query-file "byline=$PWD/bench/byline.js" --target-db "byline=$db" \
  --pid "byline=$pid" --skip-verify "$@"
latest=$(ls -t bench-results/run-*.json | head -n 1)
node bench/ratios.js "$latest"
