#!/usr/bin/env bash
# Wall time of a 24-hour backfill of the serving-metrics and A/B jobs on simulated data, with each launcher.
#   bench/backfill-24h.sh [workdir] [parallel]
# 1. `lens demo` simulates 24 hours, ingests them (the lake is the ingester's own output) and runs the two jobs
#    once in-process, so every later run finds its input complete;
# 2. the same range again with `lens backfill --force` (a new version of every window), once per launcher.
# Each backfill prints its table and a final "N completed ... in H:MM:SS" line; this script keeps those lines.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

WORKDIR="${1:-/tmp/lens-bench-backfill}"
PARALLEL="${2:-2}"
JOBS=serving-metrics,ab-report
rm -rf "$WORKDIR" && mkdir -p "$WORKDIR"

START=$(date -u -d '-26 hours' +%Y-%m-%dT%H)
LAST=$(date -u -d "${START:0:10} ${START:11:2}:00 UTC + 23 hours" +%Y-%m-%dT%H)
echo "bench: 24 hours ${START} .. ${LAST}, jobs ${JOBS}, parallel ${PARALLEL}, workdir ${WORKDIR}"

./lens demo --workdir "$WORKDIR" --hours 24 --start "$START" --events-per-hour 2000 --jobs "$JOBS" \
    --parallel "$PARALLEL" > "$WORKDIR/demo.txt" 2>&1 || { echo "bench: demo failed, see $WORKDIR/demo.txt"; exit 1; }
grep -E "done in" "$WORKDIR/demo.txt" | sed 's/^/bench: /' || true

for launcher in in-process spark-submit; do
  begin=$(date +%s)
  set +e
  ./lens backfill --workdir "$WORKDIR" --job "$JOBS" --from "$START" --to "$LAST" --parallel "$PARALLEL" --force \
      --launcher "$launcher" > "$WORKDIR/backfill-$launcher.txt" 2>&1
  status=$?
  set -e
  echo "bench: launcher=${launcher}: $(tail -1 "$WORKDIR/backfill-$launcher.txt") (exit ${status}; table in" \
      "$WORKDIR/backfill-$launcher.txt)"
  echo "bench: launcher=${launcher}: command wall time $(( $(date +%s) - begin )) s (includes JVM and broker start)"
done
