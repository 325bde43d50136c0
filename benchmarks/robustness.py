"""Build every article of some directories and count the failures by reason.

    python benchmarks/robustness.py DIR... [--workers N] [--json FILE]

A corpus build stops at its first bad article; this runner keeps going
(``keep_going=True``), writes nothing, and prints one row per failure reason
(the reason with its entity IRIs and values cut away, so that one cause is one
row), with how many articles it cost and the first few of them. ``make
robustness DIR=...`` runs it. Exit status 0 when every article built, 1 when
any failed: usable in CI over a directory of real articles.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import newsgraph
from newsgraph.api import Failure, NothingBuilt

SHOWN = 5
# what varies between articles with the same cause: IRIs, quoted values, numbers
_VARYING = re.compile(
    r"<[^>]*>|https?://[^\s)>\]]+|\[value: [^\]]*\]|'[^']*'|\"[^\"]*\"|\b\d+\b")


def reason_of(failure: Failure) -> str:
    """The cause of a failure, without what is particular to the article."""
    return re.sub(r"\s+", " ", _VARYING.sub("…", failure.reason)).strip()


def run(directory: Path, workers: int) -> dict[str, object]:
    """Build one directory; its article count, time and failures by reason."""
    started = time.perf_counter()
    try:
        result = newsgraph.build([directory], keep_going=True, collect=False, workers=workers)
        failures, built = result.failures, result.articles
    except NothingBuilt as exc:
        failures, built = exc.failures, 0
    by_reason: dict[str, list[str]] = defaultdict(list)
    for failure in failures:
        by_reason[reason_of(failure)].append(str(failure.source))
    return {"directory": str(directory), "built": built, "failed": len(failures),
            "seconds": round(time.perf_counter() - started, 1),
            "reasons": {reason: sorted(paths) for reason, paths in sorted(
                by_reason.items(), key=lambda item: -len(item[1]))}}


def show(summary: dict) -> None:
    print(f"{summary['directory']}: {summary['built']} built, {summary['failed']} failed "
          f"({summary['seconds']} s)")
    for reason, paths in summary["reasons"].items():
        more = f" (+{len(paths) - SHOWN} more)" if len(paths) > SHOWN else ""
        print(f"  {len(paths):5d}  {reason}")
        for path in paths[:SHOWN]:
            print(f"         {path}")
        if more:
            print(f"        {more}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directories", nargs="+", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the summaries here")
    args = parser.parse_args(argv)
    summaries = [run(directory, args.workers) for directory in args.directories]
    for summary in summaries:
        show(summary)
    if args.json:
        args.json.write_text(json.dumps(summaries, indent=2) + "\n", encoding="utf-8")
    return 1 if any(s["failed"] for s in summaries) else 0


if __name__ == "__main__":
    sys.exit(main())
