"""Start-up of the command line: wall time of ``relu-varieties --help`` and friends, against a bare interpreter.

Each command runs in a fresh ``python -m implicitize.cli`` process (what the console script does);
the reference is ``python -c pass``, the interpreter's own start-up, which no command can beat.
The figure is the best of ``--repeat`` runs (the machine's noise only ever adds time).
Usage: python benchmarks/cli_startup.py [--repeat 10] [--all]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from timing import best_of

from implicitize.cli.registry import COMMANDS

ROOT = Path(__file__).resolve().parents[1]


def wall(argv: list[str], repeat: int) -> float:
    """Best wall time, in seconds, of running ``argv`` to completion ``repeat`` times."""

    def run() -> None:
        subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)

    return best_of(repeat, run)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--all", action="store_true", help="also every subcommand's --help")
    args = parser.parse_args()
    cases = [["--help"], ["--version"]] + ([[name, "--help"] for name in COMMANDS] if args.all else [])
    reference = wall([sys.executable, "-c", "pass"], args.repeat)
    print(f"{'command':<42} {'seconds':>8} {'python -c pass':>15} {'ratio':>6}")
    for case in cases:
        seconds = wall([sys.executable, "-m", "implicitize.cli", *case], args.repeat)
        print(f"{'relu-varieties ' + ' '.join(case):<42} {seconds:8.3f} {reference:15.3f} {seconds / reference:6.1f}")


if __name__ == "__main__":
    main()
