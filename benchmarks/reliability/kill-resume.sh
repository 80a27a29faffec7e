#!/bin/bash
# kill -9 a training at random moments (2-8 s apart), resume until it completes, and compare with an
# uninterrupted run: eval.csv, the final checkpoint's files (CRC-32C) and agent state. Usage: kill-resume.sh [WORK_DIR]
M="$(cd "$(dirname "$0")/../.." && pwd)/mbpo"
T=${1:-/tmp/kt}; rm -rf $T; mkdir -p $T
ARGS="-c pendulum-mbpo --steps 1500 --seed 3 --set train.epoch_length=100 --set train.checkpoint_every=1 --set train.keep_checkpoints=2 --set train.eval_episodes=1 --set mbpo.init_steps=300 --set mbpo.updates_per_step=2 --set mbpo.rollout_batch_size=2000 --set sac.hidden=[32,32] --set sac.batch_size=64 --set model.members=3 --set model.elites=2 --set model.hidden=32 --set model.hidden_layers=2 --set model.weight_decay=[1e-5] --set model.batch_size=64 --set model.max_epochs=5 -q"
$M train $ARGS --out $T/whole > /dev/null 2>&1
kills=0
$M train $ARGS --out $T/killed > /dev/null 2>&1 &
pid=$!
RANDOM=7
while true; do
  sleep $(awk -v r=$RANDOM 'BEGIN{printf "%.2f", 2 + r/32767*6}')
  if kill -0 $pid 2>/dev/null; then
    pkill -9 -P $pid 2>/dev/null; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
    kills=$((kills+1))
    echo "kill $kills: after $(tail -1 $T/killed/eval.csv 2>/dev/null | cut -d, -f1) steps evaluated; checkpoints: $(ls $T/killed/checkpoints | tr '\n' ' ')"
    if [ -f $T/killed/config.yaml ]; then
      $M train --resume $T/killed -q >> $T/resume.log 2>&1 &
    else
      echo "  (killed before the run directory was made: starting it again)"; rm -rf $T/killed
      $M train $ARGS --out $T/killed > /dev/null 2>&1 &
    fi
    pid=$!
  else
    wait $pid; echo "finished after $kills kills (exit $?)"; break
  fi
done
grep -h "mbpo train" $T/resume.log | sort | uniq -c | head
cmp $T/whole/eval.csv $T/killed/eval.csv && echo "eval.csv identical ($(wc -l < $T/whole/eval.csv) lines)"
T="$T" python3 - <<'PY'
import json, os
T = os.environ['T']
a=json.load(open(T + '/whole/checkpoints/step-0000001500.json'))
b=json.load(open(T + '/killed/checkpoints/step-0000001500.json'))
print("final checkpoint files identical:", a['files']==b['files'], "agent state identical (timings aside):",
      {k:v for k,v in a['state']['agent'].items() if k!='phase_s'}=={k:v for k,v in b['state']['agent'].items() if k!='phase_s'})
PY
find $T/killed -name "*.tmp" | wc -l | sed 's/^/tmp files left: /'
ls $T/killed/checkpoints
