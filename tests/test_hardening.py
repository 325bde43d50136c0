"""Hardening of the write path.

* a build's data file and its VoID description are replaced together or not
  at all, and a failure names the file that failed;
* concurrent writers of one output are serialised by a lock file;
* temporary files left by killed writers are removed by the next write;
* process-pool workers end when the build's main process is killed;
* every write error is one line on stderr and exit 2 (bad path) or 1 (I/O).

Faults are real where the machine allows it (a directory in the way,
``/dev/full``, a file-size limit set with ``setrlimit`` in a subprocess); one
test makes the second of the two files fail by failing its ``fsync``.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.errors import OutputError
from newsgraph.publish import description, serialize

from .conftest import SEED

pytestmark = pytest.mark.slow  # subprocesses, full disks and killed builds

runner = CliRunner()
CLI = "from newsgraph.cli import main; main()"
OLD_DATA = b"<http://example.org/old> <http://example.org/p> 1 .\n"
OLD_VOID = b"# old description\n"


def newsgraph_cli(*args: object, prelude: str = "", stdout=subprocess.PIPE,
                  timeout: float = 300) -> subprocess.CompletedProcess:
    """``newsgraph ARGS`` in its own process (``prelude`` runs first, e.g. a limit)."""
    code = f"{prelude}\n{CLI}" if prelude else CLI
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], stdout=stdout,
                          stderr=subprocess.PIPE, timeout=timeout, check=False, text=True)


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("newsgraph: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.fixture()
def old_pair(tmp_path) -> tuple[Path, Path]:
    """An earlier output and its description, with contents no build makes."""
    data = tmp_path / "x.trig"
    void = description.description_path(data)
    data.write_bytes(OLD_DATA)
    void.write_bytes(OLD_VOID)
    return data, void


@pytest.fixture(scope="module")
def seed_trig(seed_build, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "seed.trig"
    serialize.write(seed_build.dataset, path)
    return path


# -- 2: the two files are replaced together -----------------------------------------


def test_a_directory_in_the_descriptions_place_leaves_the_data_file_alone(tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    (out / "x.ttl").write_bytes(OLD_DATA)
    (out / "x.void.ttl").mkdir()
    result = runner.invoke(app, ["build", str(SEED), "-o", str(out / "x.ttl")])
    assert result.exit_code == 2, result.output
    line = one_line(result.stderr)
    assert "x.void.ttl" in line and "directory" in line
    assert (out / "x.ttl").read_bytes() == OLD_DATA
    assert sorted(p.name for p in out.iterdir()) == ["x.ttl", "x.void.ttl"]


def test_a_description_that_cannot_be_written_keeps_both_old_files(seed_build, old_pair,
                                                                   monkeypatch):
    data, void = old_pair
    real_fsync = os.fsync

    def full_disk_for_the_description(fd: int) -> None:
        if ".x.void.ttl." in os.readlink(f"/proc/self/fd/{fd}"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_disk_for_the_description)
    with pytest.raises(OutputError) as caught:
        serialize.write(seed_build.dataset, data)
    assert "x.void.ttl" in str(caught.value) and caught.value.exit_code == 1
    assert data.read_bytes() == OLD_DATA and void.read_bytes() == OLD_VOID
    assert [p.name for p in data.parent.glob(".*.tmp")] == []


def test_a_failing_rename_of_the_description_puts_the_old_data_back(seed_build, old_pair,
                                                                    monkeypatch):
    data, void = old_pair
    real_replace = os.replace

    def refuse_the_description(src, dst) -> None:
        if str(dst).endswith(".void.ttl"):
            raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refuse_the_description)
    with pytest.raises(OutputError, match="x.void.ttl"):
        serialize.write(seed_build.dataset, data)
    assert data.read_bytes() == OLD_DATA and void.read_bytes() == OLD_VOID


def test_a_full_disk_during_a_build_is_one_line_exit_1_and_keeps_the_old_files(tmp_path):
    data, void = tmp_path / "x.ttl", tmp_path / "x.void.ttl"  # Turtle: no spool file
    data.write_bytes(OLD_DATA)
    void.write_bytes(OLD_VOID)
    limit = "\n".join(["import resource, signal",  # files beyond 20 kB cannot be written
                       "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)",
                       "resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))"])
    result = newsgraph_cli("build", SEED, "-o", data, prelude=limit)
    assert result.returncode == 1, result.stderr
    assert "x.ttl: cannot write: File too large" in one_line(result.stderr)
    assert data.read_bytes() == OLD_DATA and void.read_bytes() == OLD_VOID


# -- 3: one writer at a time ----------------------------------------------------------


def test_the_output_is_locked_while_its_files_are_written(seed_build, tmp_path):
    out = tmp_path / "c.trig"
    dump = serialize._dump_of(seed_build.dataset, out, None)
    writing, release = threading.Event(), threading.Event()
    chunks = dump.chunks

    def slow_chunks():
        yield from chunks()
        writing.set()
        release.wait(60)

    dump.chunks = slow_chunks  # type: ignore[method-assign]
    writer = threading.Thread(target=dump.close)
    writer.start()
    assert writing.wait(60)
    lock = serialize.lock_path(out)
    with open(lock, "a+b") as handle:
        with pytest.raises(BlockingIOError):  # another writer would wait here
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        release.set()
        writer.join(60)
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free once the writer is done
    assert out.is_file() and description.description_path(out).is_file()


WRITE_ONE = """
import sys
from rdflib import Dataset, Literal, URIRef
from newsgraph.publish import serialize as publish
n = int(sys.argv[2])
ds = Dataset()
g = ds.graph(URIRef("http://example.org/g"))
for i in range(300 * n):
    g.add((URIRef(f"http://example.org/s{i}"), URIRef("http://example.org/p"), Literal(n)))
publish.write(ds, sys.argv[1])
"""


def test_concurrent_writers_leave_a_description_that_matches_the_data(tmp_path):
    out = tmp_path / "c.trig"
    for _ in range(3):
        procs = [subprocess.Popen([sys.executable, "-c", WRITE_ONE, str(out), str(n)])
                 for n in range(1, 5)]
        assert [p.wait(timeout=120) for p in procs] == [0, 0, 0, 0]
        [listed] = description.previous_files(description.description_path(out),
                                           _described_dataset(out))
        assert listed == description.DumpFile.of(out)


def _described_dataset(out: Path):
    from rdflib import Graph
    from rdflib.namespace import DCAT, RDF

    graph = Graph().parse(description.description_path(out), format="turtle")
    return next(graph.subjects(RDF.type, DCAT.Dataset))


# -- 4: stale temporary files -----------------------------------------------------------


def test_temporary_files_of_dead_writers_are_removed(seed_build, tmp_path):
    out = tmp_path / "base.trig"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead_pid = int(dead.stdout)
    stale = [tmp_path / ".base.trig.k3j_x9a2.tmp",  # mkstemp's name, from an older version
             tmp_path / f".base.trig.{dead_pid}-k3j_x9a2.tmp",
             tmp_path / f".base.void.ttl.{dead_pid}-abcdefgh.tmp"]
    alive = tmp_path / f".base.trig.{os.getppid()}-abcdefgh.tmp"  # a running writer's
    others = [tmp_path / ".report.html.k3j_x9a2.tmp", tmp_path / ".base.trig.ttl.x.tmp"]
    for path in [*stale, alive, *others]:
        path.write_bytes(b"partial")
    serialize.write(seed_build.dataset, out)
    assert [p for p in stale if p.exists()] == []
    assert alive.exists() and all(p.exists() for p in others)


# -- 5: workers die with their parent ----------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
        except (OSError, ValueError):
            continue
        fields = stat.rsplit(")", 1)[-1].split()
        if entry.name.isdigit() and fields[1] == str(pid) and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return status.rsplit(")", 1)[-1].split()[0] != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_kill_9_of_the_main_process_ends_the_workers_and_the_resource_tracker(tmp_path):
    corpus = tmp_path / "corpus.jsonl"  # 3 batches of articles: both workers start
    corpus.write_text("".join(
        json.dumps({"id": f"a{i}", "text": f"Officials in the capital said on Monday that "
                    f"talks on the border would resume in round {i}."}) + "\n"
        for i in range(48)), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", CLI, "build", str(corpus), "-o",
                             str(tmp_path / "x.trig"), "--workers", "2", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    children: list[int] = []
    while len(children) < 3 and time.monotonic() < deadline:  # 2 workers + the tracker
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(timeout=0.2)
        children = _children(proc.pid)
    assert len(children) == 3, children
    handles = {pid: os.pidfd_open(pid) for pid in children}  # readable once it has ended
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 30
    try:
        for handle in handles.values():
            select.select([handle], [], [], max(0.0, deadline - time.monotonic()))
    finally:
        for handle in handles.values():
            os.close(handle)
    left = [pid for pid in children if _alive(pid)]
    for pid in left:  # do not leave them behind when the test fails
        os.kill(pid, signal.SIGKILL)
    assert left == []


# -- 7: write errors of every command ---------------------------------------------------


@pytest.mark.parametrize("args", [
    ["query", "statements", "--data", "{seed}"],
    ["query", "statements", "--data", "{seed}", "--format", "csv"],
    ["query", "--list"],
    ["validate", "{seed}"],
    ["build", str(SEED), "-o", "-"],
    ["report", "{seed}", "-o", "-"],
], ids=["query-table", "query-csv", "query-list", "validate", "build-stdout", "report-stdout"])
def test_stdout_on_a_full_device_is_one_line_and_exit_1(args, seed_trig):
    with open("/dev/full", "w") as full:
        result = newsgraph_cli(*[a.format(seed=seed_trig) for a in args], stdout=full)
    assert result.returncode == 1, result.stderr
    assert "standard output" in one_line(result.stderr)


def test_a_closed_pipe_is_one_line_and_exit_1(seed_trig):
    proc = subprocess.Popen([sys.executable, "-c", CLI, "query", "statements", "--data",
                             str(seed_trig), "--format", "csv"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    proc.stdout.close()  # the reader is gone before anything is written (`| true`)
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 1, stderr
    assert one_line(stderr) == "newsgraph: standard output: cannot write: Broken pipe"


def test_report_onto_an_existing_directory_is_one_line_and_exit_2(seed_trig, tmp_path):
    result = runner.invoke(app, ["report", str(seed_trig), "-o", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert "is a directory" in one_line(result.stderr)


def test_report_onto_a_full_disk_is_one_line_and_exit_1(seed_trig, tmp_path):
    limit = "\n".join(["import resource, signal",
                       "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)",
                       "resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))"])
    out = tmp_path / "report.html"
    out.write_bytes(b"old report")
    result = newsgraph_cli("report", seed_trig, "-o", out, prelude=limit)
    assert result.returncode == 1, result.stderr
    assert "report.html" in one_line(result.stderr)
    assert out.read_bytes() == b"old report"
    assert [p.name for p in tmp_path.glob(".*.tmp")] == []


def test_report_under_a_device_is_one_line_and_exit_2(seed_trig):
    result = runner.invoke(app, ["report", str(seed_trig), "-o", "/dev/full/report.html"])
    assert result.exit_code == 2, result.output
    one_line(result.stderr)
