#!/usr/bin/env bash
# The kernel figures of issue 16, one sequence on a quiet machine: the PyTorch peer, then
# `./mbpo bench --json` of the new build and of the session's starting build, then the Pendulum
# run at mbrl-lib's sizes. Usage: timing.sh OUT NEW_CHECKOUT OLD_CHECKOUT PEER_PYTHON
set -euo pipefail
OUT="$1"; NEW="$2"; OLD="$3"; PY="$4"
PEER="$(dirname "$NEW")/shared/peer/torch_bench.py"
[ -f "$PEER" ] || PEER="$NEW/../shared/peer/torch_bench.py"
mkdir -p "$OUT"
export OPENBLAS_CORETYPE=SKYLAKEX
{ date -u +%FT%TZ; cat /proc/loadavg; } > "$OUT/start.txt"
"$PY" "$PEER" > "$OUT/peer.json" 2> "$OUT/peer.err"
(cd "$NEW" && ./mbpo bench --json > "$OUT/bench-new.json" 2> /dev/null)
(cd "$OLD" && ./mbpo bench --json > "$OUT/bench-old.json" 2> /dev/null)
(cd "$NEW" && rm -rf "$OUT/pendulum-peer" && ./mbpo train -c pendulum-mbpo-peer --steps 3500 --out "$OUT/pendulum-peer" -q > "$OUT/pendulum-peer.log" 2>&1)
date -u +%FT%TZ > "$OUT/end.txt"
