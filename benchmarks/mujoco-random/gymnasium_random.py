"""Random-policy statistics of Gymnasium's MuJoCo envs, to set beside `./mbpo eval`.

Episode i: reset(seed=SEED + i), then uniform actions from the env's action space seeded with
SEED + i, to the end of the episode (termination or the registered time limit). Prints one JSON
line per id: {"env", "episodes", "mean_return", "std_return", "mean_length", "std_length"}.

  python3 -m venv venv && venv/bin/pip install gymnasium==1.3.0 mujoco==3.14.0 numpy
  venv/bin/python gymnasium_random.py 1000 100 Hopper-v4 HalfCheetah-v4 ...
"""
import json
import sys

import gymnasium as gym
import numpy as np

seed, episodes = int(sys.argv[1]), int(sys.argv[2])
for env_id in sys.argv[3:]:
    env = gym.make(env_id)
    returns, lengths = [], []
    for i in range(episodes):
        env.reset(seed=seed + i)
        env.action_space.seed(seed + i)
        total, n, done = 0.0, 0, False
        while not done:
            _, r, term, trunc, _ = env.step(env.action_space.sample())
            total += float(r)
            n += 1
            done = term or trunc
        returns.append(total)
        lengths.append(n)
    print(json.dumps({"env": env_id, "episodes": episodes, "mean_return": float(np.mean(returns)),
                      "std_return": float(np.std(returns)), "mean_length": float(np.mean(lengths)),
                      "std_length": float(np.std(lengths))}), flush=True)
