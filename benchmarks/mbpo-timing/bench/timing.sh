#!/usr/bin/env bash
# Quiet-machine timing sequence for issue 5. Usage: timing.sh CLONE_DIR OUT_DIR
set -u
C=$1; O=$2; mkdir -p $O
cd $C
log() { echo "$(date +%T) load=$(cut -d' ' -f1 /proc/loadavg) $*" | tee -a $O/timing.log; }
log start
./mbpo bench --json > $O/bench-cpu-1.json 2>$O/bench-cpu-1.err; log bench-cpu-1
./mbpo bench --json --kernels nd4j > $O/bench-nd4j.json 2>$O/bench-nd4j.err; log bench-nd4j
OMP_WAIT_POLICY=passive /tmp/peer-venv/bin/python /work/shared/peer/torch_bench.py > $O/peer.json 2>$O/peer.err; log peer
./mbpo bench --json > $O/bench-cpu-2.json 2>$O/bench-cpu-2.err; log bench-cpu-2
./mbpo train --config pendulum-mbpo-peer -q --out $O/peer-run > $O/peer-run.log 2>&1; log peer-run
./mbpo train -q --out $O/default-run > $O/default-run.log 2>&1; log default-run
./mbpo train --config configs/hoppersized-mbpo.yaml -q --out $O/hopper-run > $O/hopper-run.log 2>&1; log hopper-run
log done
