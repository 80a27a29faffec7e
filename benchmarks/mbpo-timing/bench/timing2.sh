#!/usr/bin/env bash
O=/tmp/timing; C=/tmp/timing-clone
log() { echo "$(date +%T) load=$(cut -d' ' -f1 /proc/loadavg) $*" | tee -a $O/timing.log; }
while pgrep -f "hoppersized-mbpo.yaml" > /dev/null; do sleep 5; done
log hopper-run
cd $C
/tmp/peer-venv/bin/python /work/shared/peer/torch_bench.py > $O/peer-default-env.json 2>$O/peer-default-env.err; log peer-default-env
./mbpo bench --json > $O/bench-cpu-3.json 2>$O/bench-cpu-3.err; log bench-cpu-3
log done
