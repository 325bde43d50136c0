"""Corpus builds on a Dask cluster: a real scheduler and two worker processes
on 127.0.0.1, started here as the README tells users to start them; the output must be
the bytes of ``--workers 1``, also when a worker is SIGKILLed in the middle of a build;
an unreachable scheduler is one line and exit 1; shards load like the TriG file."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

import newsgraph
from newsgraph.cli import app
from newsgraph.pipeline import pool
from newsgraph.pipeline.cluster import SchedulerError
from newsgraph.publish import shards

from .test_scale import corpus_records

pytestmark = pytest.mark.slow  # a Dask scheduler and workers

ARTICLES = 36
START_TIMEOUT = 90.0  # seconds for the scheduler and workers to come up (a loaded machine)
NEWSGRAPH = Path(sys.executable).with_name("newsgraph")


class Cluster:
    """A ``dask scheduler`` and ``dask worker`` processes, as subprocesses."""

    def __init__(self, directory: Path) -> None:
        self.file = directory / "scheduler.json"
        self.logs = directory
        self.scheduler = self._spawn("dask_scheduler", "scheduler", "--port", "0")
        self._wait_for_file()
        self.address = json.loads(self.file.read_text())["address"]
        self.workers = [self.start_worker(i) for i in range(2)]
        from distributed import Client

        self.monitor = Client(self.address, timeout=START_TIMEOUT)
        self.monitor.wait_for_workers(2, timeout=START_TIMEOUT)

    def _spawn(self, module: str, log: str, *args: str) -> subprocess.Popen:
        with (self.logs / f"{log}.log").open("wb") as out:
            return subprocess.Popen(
                [sys.executable, "-m", f"distributed.cli.{module}", "--host", "127.0.0.1",
                 "--no-dashboard", "--scheduler-file", str(self.file), *args],
                stdout=out, stderr=subprocess.STDOUT)

    def _wait_for_file(self) -> None:
        """Until the scheduler has written its address (bounded; fails if it exits)."""
        for _ in range(int(START_TIMEOUT * 10)):
            if self.file.is_file() and self.file.stat().st_size:
                return
            try:
                code = self.scheduler.wait(timeout=0.1)
            except subprocess.TimeoutExpired:
                continue
            pytest.fail(f"dask scheduler exited with {code}")
        pytest.fail("dask scheduler did not start")

    def start_worker(self, i: int) -> subprocess.Popen:
        # No nanny: the process started here is the worker, so its PID is the one to kill.
        return self._spawn("dask_worker", f"worker{i}", "--nthreads", "1", "--no-nanny",
                           "--name", f"w{i}")

    def stop(self) -> None:
        self.monitor.close()
        for proc in [*self.workers, self.scheduler]:
            proc.terminate()
        for proc in [*self.workers, self.scheduler]:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=30)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory):
    running = Cluster(tmp_path_factory.mktemp("dask"))
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in corpus_records(ARTICLES)),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def serial(articles: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The TriG of ``--workers 1``: what every other way of building must give."""
    out = tmp_path_factory.mktemp("serial") / "serial.trig"
    result = CliRunner().invoke(app, ["build", str(articles), "-o", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_scheduler_build_gives_the_bytes_of_one_worker(cluster: Cluster, articles: Path,
                                                       serial: bytes, tmp_path: Path):
    out = tmp_path / "dask.trig"
    result = CliRunner().invoke(app, ["build", str(articles), "-o", str(out), "--scheduler",
                                      cluster.address, "-q"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == serial
    # both workers took part: the work was distributed, not run by one process
    assert len(cluster.monitor.scheduler_info()["workers"]) == 2


def test_a_local_cluster_gives_the_bytes_of_one_worker(articles: Path, serial: bytes,
                                                      tmp_path: Path):
    """``--scheduler local``: a LocalCluster of ``--workers`` processes, started and
    stopped by the build."""
    out = tmp_path / "local.trig"
    result = CliRunner().invoke(app, ["build", str(articles), "-o", str(out), "--scheduler",
                                      "local", "--workers", "2", "-q"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == serial


def _worker_settings() -> dict[str, object]:
    import dask

    return {"profile": dask.config.get("distributed.worker.profile.enabled"),
            "tick": dask.config.get("distributed.admin.tick.interval"),
            "trim": os.environ.get("MALLOC_TRIM_THRESHOLD_")}


def test_the_local_cluster_workers_run_without_the_profiler_and_with_a_slow_tick():
    """What :data:`newsgraph.pipeline.cluster.WORKER_CONFIG` sets reaches the worker
    processes (through their nannies), and the client's own configuration is left as
    it was."""
    import dask
    import distributed  # noqa: F401 (its configuration's defaults)

    from newsgraph.pipeline.cluster import DaskRunner

    before = dask.config.get("distributed.admin.tick.interval")
    runner = DaskRunner("local", 2)
    try:
        assert runner.client is not None
        settings = list(runner.client.run(_worker_settings).values())
    finally:
        runner.close()
    assert settings == [{"profile": False, "tick": "1s", "trim": None}] * 2
    assert dask.config.get("distributed.admin.tick.interval") == before


def test_shards_load_like_the_trig_file_and_twice_changes_nothing(
        cluster: Cluster, articles: Path, serial: bytes, tmp_path: Path):
    out, shard_dir = tmp_path / "dask.trig", tmp_path / "shards"
    runner = CliRunner()
    built = runner.invoke(app, ["build", str(articles), "-o", str(out), "--scheduler",
                                cluster.address, "--shards", str(shard_dir), "-q"])
    assert built.exit_code == 0, built.output
    assert out.read_bytes() == serial
    manifest = json.loads((shard_dir / shards.MANIFEST).read_text())
    files = sorted(p.name for p in shard_dir.glob("*.nq"))
    assert sorted(s["file"] for s in manifest["shards"]) == files
    assert len(files) == -(-ARTICLES // pool.BATCH)  # one per batch
    assert manifest["articles"] == ARTICLES
    for entry in manifest["shards"]:
        assert entry["file"] == f"{entry['sha256']}.nq"
    for store, source in (("from-shards", shard_dir), ("from-trig", out)):
        loaded = runner.invoke(app, ["load", str(source), "--store", str(tmp_path / store)])
        assert loaded.exit_code == 0, loaded.output
    first = quads(tmp_path / "from-shards")
    assert first == quads(tmp_path / "from-trig")
    assert len(first) == manifest["triples"]
    again = runner.invoke(app, ["load", str(shard_dir), "--store", str(tmp_path / "from-shards")])
    assert again.exit_code == 0 and f"0 new, {ARTICLES} replaced" in again.output
    assert quads(tmp_path / "from-shards") == first


def quads(store_dir: Path) -> set[ox.Quad]:
    store = ox.Store.read_only(str(store_dir))
    found = set(store.quads_for_pattern(None, None, None, None))
    del store
    return found


def test_unreachable_scheduler_is_one_line_and_keeps_the_old_output(articles: Path,
                                                                    tmp_path: Path):
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    out = tmp_path / "out.trig"
    out.write_text("the previous build\n", encoding="utf-8")
    done = subprocess.run([str(NEWSGRAPH), "build", str(articles), "-o", str(out),
                           "--scheduler", f"tcp://127.0.0.1:{port}", "--scheduler-timeout", "2"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"newsgraph: tcp://127.0.0.1:{port}: cannot reach the Dask")
    assert out.read_text(encoding="utf-8") == "the previous build\n"
    with pytest.raises(SchedulerError):
        newsgraph.build([articles], tmp_path / "x.trig", scheduler=f"tcp://127.0.0.1:{port}",
                        scheduler_timeout=1)
    assert not (tmp_path / "x.trig").exists()


def test_a_shard_the_workers_cannot_see_comes_back_to_the_client(tmp_path: Path):
    """Without the client's marker (another host's disk), the shard's text is returned and
    the client writes it; with it, the worker writes the file and returns only its entry."""
    records = corpus_records(3)
    batch = [newsgraph.model.Article(identifier=r["id"], text=r["text"]) for r in records]
    writer = shards.ShardWriter(tmp_path / "shards")
    options = pool.Options(base=newsgraph.api.DEFAULT_BASE, fmt="trig", check=True,
                             keep_nquads=False, shards=str(writer.directory),
                             shard_token="not the client's token")
    away = pool.batch(batch, options)
    assert away.shard is not None and away.shard.text is not None
    assert not list(writer.directory.glob("*.nq"))
    assert all(b.graph.nquads is None for b in away.results)  # not sent twice
    here = pool.batch(batch, options.__class__(**{**options.__dict__,
                                                    "shard_token": writer.token}))
    assert here.shard is not None and here.shard.text is None
    assert here.shard == away.shard.__class__(**{**away.shard.__dict__, "text": None})
    writer.add(away.shard)
    writer.close()
    assert [p.name for p in writer.directory.glob("*.nq")] == [away.shard.file]


def test_an_altered_shard_is_refused_before_the_store_is_touched(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text(corpus_records(1)[0]["text"], encoding="utf-8")
    newsgraph.build([article], shards=tmp_path / "shards")
    shard = next((tmp_path / "shards").glob("*.nq"))
    shard.write_text(shard.read_text() + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["load", str(tmp_path / "shards"), "--store",
                                      str(tmp_path / "store")])
    assert result.exit_code == 2 and "does not match the SHA-256" in result.output
    assert not (tmp_path / "store").exists()


def test_a_worker_killed_mid_build_changes_nothing(cluster: Cluster, articles: Path,
                                                   serial: bytes, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch):
    """SIGKILL one worker (by its PID) once the first batch is back and others are
    running: the scheduler gives its tasks to the other worker, the bytes are the same.
    Last in this file: the cluster has one worker after it."""
    monkeypatch.setattr(pool, "BATCH", 4)  # more batches than the window: some wait
    pids = cluster.monitor.run(os.getpid)
    killed: list[int] = []

    def kill_one(done: int, total: int) -> None:
        if killed:
            return
        busy = [addr for addr, keys in cluster.monitor.processing().items() if keys]
        assert busy, "no batch running when the first came back"
        killed.append(pids[busy[0]])
        os.kill(pids[busy[0]], signal.SIGKILL)

    out = tmp_path / "killed.trig"
    result = newsgraph.build([articles], out, scheduler=cluster.address, collect=False,
                             progress=kill_one)
    assert killed and result.articles == ARTICLES
    victim = next(p for p in cluster.workers if p.pid == killed[0])
    assert victim.wait(timeout=30) == -signal.SIGKILL
    assert out.read_bytes() == serial


def test_a_scheduler_lost_mid_build_fails_and_keeps_the_old_output(
        cluster: Cluster, articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """After the worker test (the cluster is spent): the scheduler is SIGKILLed once the
    first batch is back; the build ends in a SchedulerError and writes nothing."""
    monkeypatch.setattr(pool, "BATCH", 4)
    out = tmp_path / "out.trig"
    out.write_text("the previous build\n", encoding="utf-8")

    def kill_scheduler(done: int, total: int) -> None:
        if cluster.scheduler.poll() is None:
            cluster.scheduler.send_signal(signal.SIGKILL)
            cluster.scheduler.wait(timeout=30)

    with pytest.raises(SchedulerError, match="lost the Dask scheduler"):
        newsgraph.build([articles], out, scheduler=cluster.address, scheduler_timeout=3,
                        progress=kill_scheduler, collect=False)
    assert cluster.scheduler.returncode == -signal.SIGKILL
    assert out.read_text(encoding="utf-8") == "the previous build\n"
