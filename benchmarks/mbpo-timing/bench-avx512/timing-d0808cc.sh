#!/usr/bin/env bash
# Quiet-machine timing for issue 5 with OpenBLAS's AVX-512 kernels. Usage: timing.sh CLONE OUT
set -u
C=$1; O=$2; mkdir -p $O
cd $C
log() { echo "$(date +%T) load=$(cut -d' ' -f1 /proc/loadavg) $*" | tee -a $O/timing.log; }
log start
OPENBLAS_CORETYPE=SKYLAKEX ./mbpo bench --json > $O/bench-skylakex.json 2>$O/bench-skylakex.err; log bench-skylakex
OPENBLAS_CORETYPE=Haswell ./mbpo bench --json > $O/bench-haswell.json 2>$O/bench-haswell.err; log bench-haswell
/tmp/peer-venv/bin/python /work/shared/peer/torch_bench.py > $O/peer-default-env.json 2>$O/peer.err; log peer
OPENBLAS_CORETYPE=SKYLAKEX ./mbpo train --config pendulum-mbpo-peer -q --out $O/peer-run > $O/peer-run.log 2>&1; log peer-run
OPENBLAS_CORETYPE=SKYLAKEX ./mbpo train -q --out $O/default-run > $O/default-run.log 2>&1; log default-run
log done
