"""A build killed with SIGKILL at any moment leaves the previous output intact.

``newsgraph build`` runs in a subprocess writing over a valid earlier output
and is killed after a seeded random delay (``proc.wait(timeout=...)``; the
test itself never sleeps). Afterwards the output must be byte for byte either
the old file or the complete new one, and parse. ``make test`` kills a few
builds, ``make fuzz`` twenty (``hypothesis_profiles.KILL_RUNS``).

A second test kills the build at the worst moment on purpose: inside
``write_atomic``, after the new content is in the temporary file and before
the rename.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph

import newsgraph

from ..conftest import ROOT, SEED
from ..hypothesis_profiles import KILL_RUNS

pytestmark = pytest.mark.slow  # builds killed in subprocesses

CLI = "from newsgraph.cli import main; main()"
NEW_INPUTS = [SEED]


def run_build(out: Path, *, prelude: str = "") -> subprocess.Popen:
    code = f"{prelude}\n{CLI}" if prelude else CLI
    args = [sys.executable, "-c", code, "build", *map(str, NEW_INPUTS), "-o", str(out)]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> tuple[bytes, bytes, float]:
    """The old output (one article), the complete new one, and how long a build takes."""
    tmp = tmp_path_factory.mktemp("atomic")
    old = tmp / "old.ttl"
    newsgraph.build([ROOT / "tests" / "articles" / "101_ukraine.txt"], old)
    new = tmp / "new.ttl"
    started = time.monotonic()
    proc = run_build(new)
    assert proc.wait(timeout=300) == 0
    return old.read_bytes(), new.read_bytes(), time.monotonic() - started


def intact(out: Path, old: bytes, new: bytes) -> str:
    """Assert ``out`` is the old or the new file, whole, and parses; say which."""
    data = out.read_bytes()
    assert data in (old, new), f"{out} is neither the old nor the new output ({len(data)} B)"
    assert len(Graph().parse(data=data.decode("utf-8"), format="turtle")) > 100
    return "old" if data == old else "new"


def test_sigkill_at_a_random_moment_leaves_the_output_intact(tmp_path, outputs):
    old, new, duration = outputs
    assert old != new
    rng = random.Random(7)
    out = tmp_path / "out.ttl"
    seen, leftovers = [], set()
    for _ in range(KILL_RUNS):
        out.write_bytes(old)
        proc = run_build(out)
        # mostly late in the run, where serialising and writing happen
        delay = duration * rng.choice([rng.uniform(0.1, 1.0), rng.uniform(0.7, 1.1)])
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        seen.append(intact(out, old, new))
        # a killed writer cannot clean up: the next build that writes does
        leftovers.update(p.name for p in tmp_path.glob(".out.*.tmp"))
    assert run_build(out).wait(timeout=300) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl", "out.void.ttl"]
    print(f"SIGKILL runs: {KILL_RUNS}, old output kept: {seen.count('old')}, "
          f"build finished first: {seen.count('new')}, temporary files left by killed "
          f"writers (removed by the next build): {len(leftovers)}")


def test_sigkill_between_writing_and_renaming_keeps_the_old_output(tmp_path, outputs):
    old, new, _ = outputs
    out = tmp_path / "out.ttl"
    out.write_bytes(old)
    # die as soon as the output's temporary file is complete, before os.replace
    prelude = "\n".join([
        "import os, signal",
        "_fsync = os.fsync",
        "def fsync(fd):",
        "    if '.out.ttl.' in os.readlink(f'/proc/self/fd/{fd}'):",
        "        os.kill(os.getpid(), signal.SIGKILL)",
        "    _fsync(fd)",
        "os.fsync = fsync",
    ])
    proc = run_build(out, prelude=prelude)
    assert proc.wait(timeout=300) == -signal.SIGKILL
    assert intact(out, old, new) == "old"
    [partial] = tmp_path.glob(".out.ttl.*.tmp")
    assert partial.read_bytes() == new  # the new content was there, yet never half-visible
