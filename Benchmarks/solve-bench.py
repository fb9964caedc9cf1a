#!/usr/bin/env python3
"""Weekly-batch solver benchmark (issue 4): `starmatch solve` against Google OR-Tools' SimpleMinCostFlow on
the same seeded instances, in one run. Checks equal objectives (1e-6 relative) and prints time ratios, solve
phase against solve phase and end to end (including JSON parsing).

Usage: Benchmarks/solve-bench.py [--sizes 2000x100x100,50000x2000x300] [--seed 1] [--rounds 3]
       Benchmarks/solve-bench.py --instance FILE [--rounds 3]   (an instance exported by `batch run --export`,
       e.g. the exhaustive audit's: the same checks on the batch's real pairs)
Installs ortools into Benchmarks/.venv when missing (run it with any python3; it re-executes itself there).
"""
import argparse, json, os, random, subprocess, sys, time, statistics

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VENV = os.path.join(HERE, ".venv")
PY = os.path.join(VENV, "bin", "python3")

def ensure_venv():
    if os.path.abspath(sys.prefix) == os.path.abspath(VENV):
        return
    if not os.path.exists(PY):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
    subprocess.check_call([PY, "-m", "pip", "install", "-q", "ortools"])
    os.execv(PY, [PY] + sys.argv)

def make_instance(creators, campaigns, per, seed):
    rnd = random.Random(seed)
    inst = {
        "creators": [{"id": f"c{i}", "capacity": rnd.choice([1, 2, 3])} for i in range(creators)],
        "campaigns": [{"id": f"k{k}", "slots": rnd.randint(5, 60)} for k in range(campaigns)],
        "edges": [],
    }
    # Contention: a quarter of each campaign's candidates come from a shared pool of top creators.
    pool = rnd.sample(range(creators), max(per, creators // 20))
    for k in range(campaigns):
        chosen = set(rnd.sample(pool, per // 4)) | set(rnd.sample(range(creators), per))
        for i in list(chosen)[:per]:
            inst["edges"].append({"creator": f"c{i}", "campaign": f"k{k}", "score": round(rnd.uniform(0.2, 1.0), 4)})
    return inst

def ortools_solve(inst):
    from ortools.graph.python import min_cost_flow
    t0 = time.perf_counter()
    nc, nk = len(inst["creators"]), len(inst["campaigns"])
    ci = {c["id"]: i for i, c in enumerate(inst["creators"])}
    ki = {k["id"]: j for j, k in enumerate(inst["campaigns"])}
    S, T = nc + nk, nc + nk + 1
    smcf = min_cost_flow.SimpleMinCostFlow()
    total = 0
    for i, c in enumerate(inst["creators"]):
        smcf.add_arc_with_capacity_and_unit_cost(S, i, c["capacity"], 0); total += c["capacity"]
    first_pair = None
    for e in inst["edges"]:
        a = smcf.add_arc_with_capacity_and_unit_cost(ci[e["creator"]], nc + ki[e["campaign"]], 1, -int(round(e["score"] * 10000)))
        first_pair = a if first_pair is None else first_pair
    for j, k in enumerate(inst["campaigns"]):
        smcf.add_arc_with_capacity_and_unit_cost(nc + j, T, k["slots"], 0)
    smcf.add_arc_with_capacity_and_unit_cost(S, T, total, 0)  # flow may bypass: maximise weight, not flow
    smcf.set_node_supply(S, total); smcf.set_node_supply(T, -total)
    t1 = time.perf_counter()
    status = smcf.solve()
    t2 = time.perf_counter()
    assert status == smcf.OPTIMAL, status
    return -smcf.optimal_cost() / 10000.0, t2 - t1, t2 - t0

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="2000x100x100,50000x2000x300")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--instance", help="an exported instance file instead of generated sizes")
    args = ap.parse_args()
    ensure_venv()
    binary = os.path.join(ROOT, ".build-release", "release", "starmatch")
    subprocess.check_call(["swift", "build", "-c", "release", "--product", "starmatch", "--scratch-path", os.path.join(ROOT, ".build-release")],
                          cwd=ROOT, stdout=subprocess.DEVNULL)
    out = os.path.join(HERE, "out"); os.makedirs(out, exist_ok=True)
    for size in ([os.path.basename(args.instance)] if args.instance else args.sizes.split(",")):
        if args.instance:
            path = os.path.abspath(args.instance)
            inst = json.load(open(path))
        else:
            nc, nk, per = map(int, size.split("x"))
            inst = make_instance(nc, nk, per, args.seed)
            path = os.path.join(out, f"instance-{size}.json")
            with open(path, "w") as f: json.dump(inst, f)
        ours_solve, ours_total, ref_solve, ref_total = [], [], [], []
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            r = subprocess.run([binary, "solve", path, "--timings", "--output", os.path.join(out, "solution.json")], capture_output=True, text=True, check=True)
            ours_total.append(time.perf_counter() - t0)
            ours_solve.append(float(r.stderr.split("solve ")[1].split(" s")[0]))
            objective = json.load(open(os.path.join(out, "solution.json")))["objective"]
            t0 = time.perf_counter()
            loaded = json.load(open(path))  # end to end for OR-Tools includes reading the same JSON
            ref_objective, solve_time, _ = ortools_solve(loaded)
            ref_total.append(time.perf_counter() - t0)
            ref_solve.append(solve_time)
            assert abs(objective - ref_objective) <= 1e-6 * max(1.0, abs(ref_objective)), (objective, ref_objective)
        m = statistics.median
        print(f"{size} ({len(inst['edges']):,} pairs): objective {objective:.4f} = OR-Tools {ref_objective:.4f}; "
              f"solve {m(ours_solve):.3f} s vs {m(ref_solve):.3f} s (ratio {m(ours_solve)/m(ref_solve):.2f}); "
              f"end to end {m(ours_total):.3f} s vs {m(ref_total):.3f} s (ratio {m(ours_total)/m(ref_total):.2f})")

if __name__ == "__main__":
    main()
