"""Start-up timings of the kg command: ``kg --help``, ``kg --version`` and ``kg query`` against a
running embedded server (in a temporary KG_HOME, holding a one-node graph), each also as a ratio
to the peer measured in the same run: the bare interpreter starting (``python -c pass``).
Targets (not asserted in tests): ``--help`` <= 0.3 s, ``kg query`` <= 0.5 s.

    .venv/bin/python scripts/bench_cli.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KG = str(Path(sys.executable).with_name("kg"))


def timed(argv: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "KG_HOME": home}
        env.pop("NEO4J_URI", None)
        subprocess.run([KG, "db", "start"], env=env, check=True, stdout=subprocess.DEVNULL)
        try:
            made = [KG, "query", "--write", "CREATE (:Paper {id: 'p1', title: 'One'})"]
            subprocess.run(made, env=env, check=True, capture_output=True)
            peer = timed([sys.executable, "-c", "pass"], env, args.runs)
            print(f"peer: python -c pass {peer:.3f} s")
            rows = [
                ("kg --help", [KG, "--help"], 0.3),
                ("kg --version", [KG, "--version"], 0.3),
                ("kg query", [KG, "query", "MATCH (p:Paper) RETURN p.title"], 0.5),
            ]
            print(f"{'command':24} {'median s':>9} {'× peer':>7} {'target':>7}")
            for name, argv, target in rows:
                took = timed(argv, env, args.runs)
                mark = "ok" if took <= target else "over"
                print(f"{name:24} {took:9.3f} {took / peer:7.1f} {target:7.1f}  {mark}")
        finally:
            subprocess.run([KG, "db", "stop"], env=env, stdout=subprocess.DEVNULL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
