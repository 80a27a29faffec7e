#!/bin/bash
# RSS over a 20k-step Hopper-v4 run at the paper's buffer sizes (k = 15 from the first training,
# 100k-row rollouts every 250 steps, 1 epoch retained: 6M rows), G = 1 to reach 20k steps sooner.
# Writes the run and rss.txt ("unix seconds, VmRSS kB, env step of the newest metrics row") under
# /tmp/hopper-rss; rss.csv here is that file with a header. (The recorded run was made from a
# worktree of commit a727cc3, with the same command.)
cd "$(dirname "$0")/../../.."
mkdir -p /tmp/hopper-rss
OUT=/tmp/hopper-rss/run
./mbpo train -c hopper-mbpo --set "mbpo.rollout_schedule=[1, 1, 15, 15]" --set mbpo.updates_per_step=1 \
  --set train.eval_episodes=1 --steps 20000 --out $OUT -q > /tmp/hopper-rss/train.log 2>&1 &
sleep 3
PID=$(pgrep -f "mbpo4j.jar train -c hopper-mbpo" | head -1)
while kill -0 "$PID" 2>/dev/null; do
  rss=$(awk '/VmRSS/{print $2}' /proc/$PID/status 2>/dev/null)
  step=$(tail -1 $OUT/metrics.csv 2>/dev/null | cut -d, -f1)
  echo "$(date +%s) $rss $step" >> /tmp/hopper-rss/rss.txt
  sleep 5
done
