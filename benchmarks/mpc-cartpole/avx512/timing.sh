#!/usr/bin/env bash
# Quiet: CEM-MPC on cart-pole, 5 seeds, OpenBLAS's AVX-512 kernels, final code. Usage: timing.sh CLONE OUT
set -u
C=$1; O=$2; mkdir -p $O
cd $C
export OPENBLAS_CORETYPE=SKYLAKEX
log() { echo "$(date +%T) load=$(cut -d' ' -f1 /proc/loadavg) $*" | tee -a $O/timing.log; }
log start
./mbpo bench --json > $O/bench-skylakex.json 2>$O/bench.err; log bench
OMP_WAIT_POLICY=passive java -Xmn64m -XX:+UseParallelGC -cp "target/mbpo4j.jar:target/lib/*:/tmp/pp5" PlanProfile 30 > $O/planprofile.txt 2>/dev/null; log planprofile
./mbpo compare --configs benchmarks/mpc-cartpole/cem.yaml --seeds 5 --threshold 190 --out $O/cem5 > $O/cem5.log 2>&1; log cem5
log done
