"""Start-up timings of the kg command: ``kg --help``, ``kg --version`` and ``kg query`` against a
running embedded server (in a temporary KG_HOME). Targets (not asserted in tests):
``--help`` <= 0.3 s, ``kg query`` <= 0.5 s.

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
            rows = [
                ("kg --help", [KG, "--help"], 0.3),
                ("kg --version", [KG, "--version"], 0.3),
                ("kg query 'RETURN 1'", [KG, "query", "RETURN 1 AS one"], 0.5),
            ]
            print(f"{'command':24} {'median s':>9} {'target':>7}")
            for name, argv, target in rows:
                took = timed(argv, env, args.runs)
                mark = "ok" if took <= target else "over"
                print(f"{name:24} {took:9.3f} {target:7.1f}  {mark}")
        finally:
            subprocess.run([KG, "db", "stop"], env=env, stdout=subprocess.DEVNULL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
