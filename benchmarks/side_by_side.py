"""Run one benchmark script in two checkouts, alternately, and print their numbers side by side.

    python benchmarks/side_by_side.py /tmp/old-checkout bot.py --rounds 3 -- --no-kb

``/tmp/old-checkout`` is the baseline (e.g. ``git archive HEAD | tar -x -C /tmp/old-checkout``); this
checkout is the candidate. Each round runs baseline then candidate, so both see the same machine load;
for every number of every output line the best of the rounds is kept (lowest for times, highest for
rates: "steps/s"). Lines are matched by their text with the numbers and spacing taken out.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def run(checkout: Path, script: str, extra: list[str]) -> dict[str, list[float]]:
    """The script's output lines, keyed by their text without numbers, with the numbers of each line."""
    done = subprocess.run([sys.executable, str(checkout / "benchmarks" / script), *extra], cwd=checkout,
                          capture_output=True, text=True, timeout=1800)
    lines = {}
    for line in done.stdout.splitlines():
        if line.startswith("data dir") or not NUMBER.search(line):
            continue
        lines[" ".join(NUMBER.sub("#", line).split())] = [float(n) for n in NUMBER.findall(line)]
    return lines


def best(rounds: list[dict[str, list[float]]], key: str, higher: bool) -> list[float] | None:
    values = [r[key] for r in rounds if key in r]
    if not values:
        return None
    pick = max if higher else min
    return [pick(v[i] for v in values if i < len(v)) for i in range(len(values[0]))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("baseline", type=Path)
    parser.add_argument("script", help="a file in benchmarks/, e.g. bot.py")
    parser.add_argument("--rounds", type=int, default=3)
    args, extra = parser.parse_known_args()
    args.extra = [a for a in extra if a != "--"]  # arguments for the script
    old_rounds, new_rounds = [], []
    for _ in range(args.rounds):
        old_rounds.append(run(args.baseline, args.script, args.extra))
        new_rounds.append(run(HERE, args.script, args.extra))
    keys = list(dict.fromkeys([*new_rounds[0], *old_rounds[0]]))
    print(f"{args.script} {' '.join(args.extra)}: best of {args.rounds} alternating rounds; before → after")
    for key in keys:
        higher = "/s" in key
        old, new = best(old_rounds, key, higher), best(new_rounds, key, higher)
        shown = " | ".join(f"{o:g} → {n:g}" for o, n in zip(old or [], new or []))
        print(f"{key[:60]:60s} {shown or ('only before' if new is None else 'only after')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
