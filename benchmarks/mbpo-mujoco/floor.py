#!/usr/bin/env python3
"""Arithmetic floor of an MBPO run: the floating-point work each phase did, per 1,000 env steps.

Reads a run directory's metrics.csv (phase seconds, rollout rows) and model-train.csv (epochs,
training and holdout rows of every model training), counts the multiply-adds of the dense layers
(the products: everything else is a few percent of the work), and prints, per epoch of the run
and in total, the GFLOP each phase did, the seconds it took, the GFLOP/s it reached, and the
seconds it would take at PEAK GFLOP/s. With PEAK the machine's measured product peak on all its
cores, the last column is a lower bound on that phase's time, whatever the implementation.

    python3 floor.py RUN_DIR PEAK_GFLOPS [--from STEPS] [--csv OUT.csv]

The network sizes are Hopper-v4's at the hopper-mbpo preset (change them below for another
preset): observation 11, action 3; model 7 members of 4 x 200 predicting 11 deltas and the
reward (mean and log-variance); SAC actor and twin critics 256 x 256, batch 256, G = 20, SAC
updates from 5,000 env steps on.
Standard library only.
"""
import csv
import math
import sys

OBS, ACT = 11, 3
MEMBERS, M_HIDDEN, M_LAYERS, M_OUT = 7, 200, 4, 2 * (OBS + 1)
SAC_HIDDEN, SAC_BATCH, G = 256, 256, 20
INIT_STEPS = 5000  # random env steps before the first SAC update


def mlp_flops(sizes):
    """Forward multiply-adds x 2 of one row through dense layers of the given widths."""
    return 2 * sum(a * b for a, b in zip(sizes, sizes[1:]))


MODEL_FWD = mlp_flops([OBS + ACT] + [M_HIDDEN] * M_LAYERS + [M_OUT])
ACTOR_FWD = mlp_flops([OBS, SAC_HIDDEN, SAC_HIDDEN, 2 * ACT])
CRITIC_FWD = 2 * mlp_flops([OBS + ACT, SAC_HIDDEN, SAC_HIDDEN, 1])  # twin critics
# one SAC update, per batch row: the critic loss (actor on s', target critics, critics forward and
# backward: backward ~ 2x forward) and the actor loss (actor forward and backward, critics forward
# and backward to their inputs only)
SAC_ROW = ACTOR_FWD + CRITIC_FWD + 3 * CRITIC_FWD + 3 * ACTOR_FWD + 2 * CRITIC_FWD
SAC_UPDATE = SAC_ROW * SAC_BATCH
# one model training epoch: every member forward and backward on its bootstrap of the training
# rows, then every member forward on the holdout rows
def model_epoch(train_rows, holdout_rows):
    return MEMBERS * (3 * train_rows + holdout_rows) * MODEL_FWD
# one rollout row-step: one member's forward (one member per row) and the policy's
ROLLOUT_ROW = MODEL_FWD + ACTOR_FWD


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    run, peak = argv[1], float(argv[2])
    start = int(argv[argv.index("--from") + 1]) if "--from" in argv else 0
    out = argv[argv.index("--csv") + 1] if "--csv" in argv else None
    with open(f"{run}/metrics.csv") as f:
        metrics = list(csv.DictReader(f))
    with open(f"{run}/model-train.csv") as f:
        trainings = list(csv.DictReader(f))
    rows, prev = [], None
    for m in metrics:
        steps = int(m["env_steps"])
        if prev is not None and steps > start:
            lo = int(prev["env_steps"])
            d = lambda key: float(m[key] or 0) - float(prev[key] or 0)
            here = [t for t in trainings if lo < int(t["env_steps"]) <= steps]
            model_gf = sum(model_epoch(int(t["train_rows"]), int(t["holdout_rows"])) * int(t["epochs"])
                           for t in here) / 1e9
            roll_rows = float(m["rollout_transitions"] or 0) * len(here)  # the last rollout's rows, per training
            updates = (steps - max(lo, INIT_STEPS)) * G if steps > INIT_STEPS else 0
            rows.append({
                "env_steps": steps,
                "k": m["rollout_length"],
                "model_epochs": sum(int(t["epochs"]) for t in here),
                "model_train_gflop": model_gf,
                "model_train_s": d("phase_model_train_s"),
                "rollout_gflop": roll_rows * ROLLOUT_ROW / 1e9,
                "rollout_s": d("phase_rollout_s"),
                "sac_gflop": updates * SAC_UPDATE / 1e9,
                "sac_s": d("phase_policy_update_s"),
                "wall_s": d("wall_s"),
            })
        prev = m
    cols = ["env_steps", "k", "model_epochs", "model_train_gflop", "model_train_s", "rollout_gflop",
            "rollout_s", "sac_gflop", "sac_s", "wall_s", "floor_s"]
    for r in rows:
        r["floor_s"] = (r["model_train_gflop"] + r["rollout_gflop"] + r["sac_gflop"]) / peak
    if out:
        with open(out, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=cols)
            w.writeheader()
            for r in rows:
                w.writerow({c: (f"{r[c]:.3f}" if isinstance(r[c], float) else r[c]) for c in cols})
    n = len(rows)
    if n == 0:
        sys.exit(f"no epochs after {start} env steps in {run}")
    tot = {c: sum(r[c] for r in rows) for c in cols if c not in ("env_steps", "k")}
    print(f"one SAC update {SAC_UPDATE / 1e9:.3f} GFLOP; one model step (7 x 256 rows) "
          f"{MEMBERS * 256 * 3 * MODEL_FWD / 1e9:.3f} GFLOP; peak taken {peak:.0f} GFLOP/s")
    print(f"{n} epochs from {rows[0]['env_steps'] - 1000} to {rows[-1]['env_steps']} env steps, per 1,000 steps:")
    print("| phase | GFLOP | seconds | GFLOP/s reached | seconds at the peak |")
    print("|---|---|---|---|---|")
    for name, g, s in (("model training", "model_train_gflop", "model_train_s"),
                       ("rollouts", "rollout_gflop", "rollout_s"),
                       ("SAC updates", "sac_gflop", "sac_s")):
        print(f"| {name} | {tot[g] / n:,.0f} | {tot[s] / n:.1f} | {tot[g] / tot[s] if tot[s] else math.nan:.0f} "
              f"| {tot[g] / n / peak:.1f} |")
    print(f"| whole run (wall) | {(tot['model_train_gflop'] + tot['rollout_gflop'] + tot['sac_gflop']) / n:,.0f} "
          f"| {tot['wall_s'] / n:.1f} | | {tot['floor_s'] / n:.1f} |")


if __name__ == "__main__":
    main(sys.argv)
