#!/usr/bin/env bash
# Env step cost of every MuJoCo id against frame_skip bare mj_step calls in C, on the same
# trajectories, measured in alternation (see EnvStepBench.java). Writes OUT_DIR/env-step.csv.
# Usage (from the repository root, alone on the machine):
#   bash benchmarks/mujoco-speed/run.sh OUT_DIR [CHUNKS] [CHUNK_STEPS] [IDS...]
# With MBPO4J_MUJOCO_LIB set to a libmujoco.so.3.14.0 it measures MuJoCo 3.14 (headers from the
# include/ folder beside the library, as in the Python wheel); otherwise Debian's 2.2.2.
set -euo pipefail
OUT="$1"; CHUNKS="${2:-11}"; STEPS="${3:-2000}"; shift $(( $# < 3 ? $# : 3 ))
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$OUT"
./mvnw -q -B -DskipTests package
if [ -n "${MBPO4J_MUJOCO_LIB:-}" ]; then
  LIBDIR="$(dirname "$MBPO4J_MUJOCO_LIB")"
  gcc -O2 -I"$LIBDIR/include" "$HERE/mjstep_bench.c" -o "$OUT/mjstep_bench" "$MBPO4J_MUJOCO_LIB" -Wl,-rpath,"$LIBDIR"
  DOUBLE=0
else
  if [ ! -f /usr/include/mujoco/mujoco.h ]; then
    echo "run.sh: the C harness needs MuJoCo 2.2.2's headers: sudo apt-get install libmujoco-dev" >&2
    exit 2
  fi
  gcc -O2 -I/usr/include "$HERE/mjstep_bench.c" -o "$OUT/mjstep_bench" -l:libmujoco.so.2.2.2
  DOUBLE=1
fi
# One CPU for both (the harness inherits the JVM's affinity): the JVM's own threads and the
# harness then never run beside the timed thread, which otherwise costs it up to 1.4x here.
CPU=$(( $(nproc) - 1 ))
taskset -c "$CPU" java -Djava.awt.headless=true -cp 'target/mbpo4j.jar:target/lib/*' "$HERE/EnvStepBench.java" "$OUT" \
  "$OUT/mjstep_bench" "$DOUBLE" "$CHUNKS" "$STEPS" "$@" 2>/dev/null | tee "$OUT/env-step.txt"
grep -v '^#' "$OUT/env-step.txt" > "$OUT/env-step.csv"
rm -f "$OUT/mjstep_bench"
