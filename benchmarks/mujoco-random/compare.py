"""Sets ./mbpo eval's random-policy statistics (mbpo4j.jsonl) beside Gymnasium's (gymnasium.jsonl):
mean return and length with their standard errors, and the difference in standard errors of the
difference. Writes compare.csv and prints a markdown table."""
import json
import math

gym = {j["env"]: j for j in map(json.loads, open("gymnasium.jsonl"))}
ours = {}
for j in map(json.loads, open("mbpo4j.jsonl")):
    n = j["episodes"]
    lengths = j["lengths"]
    ml = sum(lengths) / n
    sl = math.sqrt(sum((x - ml) ** 2 for x in lengths) / n)
    ours[j["env"]] = {"mean_return": j["mean_return"], "std_return": j["std_return"], "mean_length": ml,
                      "std_length": sl, "episodes": n}

def z(a, b, key):
    se = math.sqrt(a["std_" + key] ** 2 / a["episodes"] + b["std_" + key] ** 2 / b["episodes"])
    return (a["mean_" + key] - b["mean_" + key]) / se if se > 0 else 0.0

rows = []
print("| env | Gymnasium return | mbpo4j return | z | Gymnasium length | mbpo4j length | z |")
print("|---|---|---|---|---|---|---|")
for env, g in gym.items():
    o = ours[env]
    zr, zl = z(o, g, "return"), z(o, g, "length")
    rows.append((env, g["mean_return"], o["mean_return"], zr, g["mean_length"], o["mean_length"], zl))
    print(f"| {env} | {g['mean_return']:.1f} +- {g['std_return'] / 10:.1f} | {o['mean_return']:.1f} +- "
          f"{o['std_return'] / 10:.1f} | {zr:+.2f} | {g['mean_length']:.1f} | {o['mean_length']:.1f} | {zl:+.2f} |")
with open("compare.csv", "w") as f:
    f.write("env,gym_mean_return,mbpo4j_mean_return,z_return,gym_mean_length,mbpo4j_mean_length,z_length\n")
    for r in rows:
        f.write(",".join([r[0]] + [f"{v:.6g}" for v in r[1:]]) + "\n")
