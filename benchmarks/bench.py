"""Corpus benchmark (issue #6): newsgraph build against the spaCy-only ceiling.

    .venv/bin/python benchmarks/bench.py            # N = 200
    .venv/bin/python benchmarks/bench.py --n 200 2000 --workers 2

For each N it makes a JSONL corpus of N pairwise different articles from the
seed and ``tests/articles/*.txt`` (country names rotated, numbers shifted),
then measures in the same run:

- the spaCy ceiling: ``nlp.pipe`` over the same texts with the same pipeline
  (the model plus the gazetteer ruler) and the same number of processes;
- the end-to-end ``newsgraph.build`` (ingest -> ... -> validate -> write) with the
  process pool (``--workers``) and on a local Dask cluster of as many worker
  processes (``--scheduler local``), each in a fresh process;
- the share of each stage, by calling the stage functions directly, in one
  process: ingest, nlp, extract, link, map, validate, write;
- peak RSS of the build (its own process: the main process and the largest worker);
- the median latency of each canned query on a store of about a million triples
  (:mod:`query_bench`, ``--triples``).

Prints a table and writes ``benchmarks/results.json``. Never run by ``make test``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = (sorted((ROOT / "seeds").glob("*.txt"))
           + sorted((ROOT / "tests" / "articles").glob("*.txt")))
RESULTS = Path(__file__).resolve().parent / "results.json"
COUNTRIES = ["Armenia", "Azerbaijan", "Russia", "Turkey", "Ukraine", "Syria", "Israel", "Iran",
             "Yemen", "Libya", "Lebanon", "Egypt", "Qatar", "France", "Germany", "Iraq",
             "Jordan", "Sudan", "Ethiopia", "Georgia"]
STAGES = ("ingest", "nlp", "extract", "link", "map", "validate", "write")


def make_corpus(n: int, path: Path) -> list[str]:
    """Write ``n`` varied articles to the JSONL file ``path``; return their texts."""
    bases = [p.read_text(encoding="utf-8") for p in SOURCES]
    pattern = re.compile(r"\b(" + "|".join(COUNTRIES) + r")\b")
    texts: list[str] = []
    seen: set[str] = set()
    for i in range(n):
        base = bases[i % len(bases)]
        shift = i // len(bases)
        text = pattern.sub(lambda m, s=shift: COUNTRIES[(COUNTRIES.index(m.group(1)) + s)
                                                     % len(COUNTRIES)], base)
        text = re.sub(r"\b\d+\b", lambda m, s=shift: str(int(m.group(0)) + s), text)
        while text in seen:  # rotation cycles for large N: make it unique anyway
            text += f"\nThe talks resumed on day {i}."
        seen.add(text)
        texts.append(text)
    with path.open("w", encoding="utf-8") as handle:
        for i, text in enumerate(texts):
            handle.write(json.dumps({"id": f"bench-{i}", "text": text}) + "\n")
    return texts


def spacy_ceiling(texts: list[str], workers: int) -> tuple[float, float]:
    """Seconds and CPU seconds (this process and its workers) of spaCy alone."""
    import resource

    from newsgraph.nlp import load_pipeline

    def cpu() -> float:
        return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
                   for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))

    nlp = load_pipeline()
    start, cpu_start = time.perf_counter(), cpu()
    for _doc in nlp.pipe(texts, n_process=workers, batch_size=16):
        pass
    return time.perf_counter() - start, cpu() - cpu_start


_BUILD = """
import json, resource, sys, time
import newsgraph
corpus, out, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
scheduler = sys.argv[4] if len(sys.argv) > 4 else None
start = time.perf_counter()
result = newsgraph.build([corpus], out, workers=workers, collect=False, scheduler=scheduler)
seconds = time.perf_counter() - start
cpu = sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
          for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
unit = 1 if sys.platform == "darwin" else 1024
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * unit / 2**20
try:  # ru_maxrss also counts the copy of the benchmark's process this one was forked from
    with open("/proc/self/status") as status:
        own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
except OSError:
    pass
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * unit / 2**20
print(json.dumps({"seconds": seconds, "articles": result.articles, "cpu_seconds": cpu,
                  "rss_main": round(own, 1), "rss_worker_max": round(kids, 1)}))
"""


def end_to_end(corpus: Path, out: Path, workers: int,
               scheduler: str | None = None) -> dict[str, float]:
    """``newsgraph.build`` as the CLI runs it (streaming), in a fresh process, so that its
    peak RSS is its own: the main process (with Dask: the client, and the scheduler of
    the local cluster) and the largest worker."""
    args = [sys.executable, "-c", _BUILD, str(corpus), str(out), str(workers)]
    done = subprocess.run(args + ([scheduler] if scheduler else []),
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def stage_times(corpus: Path, out: Path) -> dict[str, float]:
    """Each stage timed on its own, in this process, over the whole corpus, the way a
    worker runs them (:func:`newsgraph.pipeline.pool.process` and ``finish``: nlp.pipe over
    batches of :data:`newsgraph.pipeline.pool.BATCH`; map = triples and their N-Triples
    lines; write = the graph's text in the output format, spooled, then the file)."""
    from newsgraph.extract import extract
    from newsgraph.ingest import reader
    from newsgraph.link.offline import link
    from newsgraph.nlp import load_pipeline
    from newsgraph.pipeline import pool as pipeline
    from newsgraph.pipeline.postprocess import postprocess
    from newsgraph.publish import serialize
    from newsgraph.rdf import rdftext
    from newsgraph.rdf.mapper import DEFAULT_BASE, to_triples
    from newsgraph.validate import validate_ntriples

    times = dict.fromkeys(STAGES, 0.0)
    clock = time.perf_counter
    t = clock()
    articles = [e.article for e in reader.scan([corpus]) if e.article is not None]
    times["ingest"] = clock() - t
    nlp = load_pipeline()
    dump = serialize.DumpWriter(out, base=DEFAULT_BASE)
    writer = serialize.turtle_writer(DEFAULT_BASE)
    for batch in pipeline._batches(articles, pipeline.BATCH):
        t = clock()
        docs = list(nlp.pipe(a.text for a in batch))
        times["nlp"] += clock() - t
        for article, doc in zip(batch, docs, strict=True):
            t = clock()
            extraction = postprocess(extract(doc, article))  # the recipe's extract step
            t1 = clock()
            extraction = link(extraction)
            t2 = clock()
            name, triples = to_triples(extraction)
            lines = rdftext.ntriples(triples)
            t3 = clock()
            validate_ntriples(lines)
            t4 = clock()
            dump.add(serialize.graph_text(str(name), lines, dump.fmt, writer))
            t5 = clock()
            for stage, span in zip(STAGES[2:], (t1 - t, t2 - t1, t3 - t2, t4 - t3, t5 - t4),
                                   strict=True):
                times[stage] += span
    t = clock()
    dump.close()
    times["write"] += clock() - t
    return times


def run(n: int, workers: int, with_stages: bool = True) -> dict[str, object]:
    from newsgraph.nlp import load_pipeline

    load_pipeline()  # model load is start-up, not throughput
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        texts = make_corpus(n, corpus)
        ceiling, ceiling_cpu = spacy_ceiling(texts, workers)
        built = end_to_end(corpus, Path(tmp) / "out.trig", workers)
        build = built["seconds"]
        dask = end_to_end(corpus, Path(tmp) / "dask.trig", workers, "local")
        same = (Path(tmp) / "out.trig").read_bytes() == (Path(tmp) / "dask.trig").read_bytes()
        stages = (stage_times(corpus, Path(tmp) / "stages.trig") if with_stages
                  else dict.fromkeys(STAGES, 0.0))
    staged = sum(stages.values()) or 1.0
    return {
        "n": n, "workers": workers, "chars": sum(map(len, texts)),
        "spacy_seconds": round(ceiling, 3), "build_seconds": round(build, 3),
        "spacy_docs_per_s": round(n / ceiling, 2), "build_docs_per_s": round(n / build, 2),
        "throughput_ratio": round(ceiling / build, 3),
        "dask_seconds": round(dask["seconds"], 3), "dask_docs_per_s": round(n / dask["seconds"], 2),
        "dask_over_pool": round(build / dask["seconds"], 3), "dask_same_bytes": same,
        # CPU seconds (all processes): the ratios a loaded machine distorts least
        "cpu_seconds": {"spacy": round(ceiling_cpu, 2), "build": round(built["cpu_seconds"], 2),
                        "dask": round(dask["cpu_seconds"], 2)},
        "cpu_ratio": round(ceiling_cpu / built["cpu_seconds"], 3),
        "dask_cpu_ratio": round(ceiling_cpu / dask["cpu_seconds"], 3),
        "stage_seconds": {k: round(v, 3) for k, v in stages.items()},
        "stage_share": {k: round(v / staged, 3) for k, v in stages.items()},
        "validation_share": round(stages["validate"] / staged, 3),
        "peak_rss_mib": {"build_main": built["rss_main"],
                         "build_worker_max": built["rss_worker_max"],
                         "dask_client": dask["rss_main"],
                         "dask_worker_max": dask["rss_worker_max"]},
    }


def print_table(results: list[dict]) -> None:
    print(f"\ncores: {os.cpu_count()}  python {platform.python_version()}")
    head = (f"{'N':>6} {'wk':>3} {'spaCy doc/s':>12} {'build doc/s':>12} {'build/spaCy':>12} "
            f"{'validate %':>11} {'RSS MiB':>8} {'worker MiB':>10}")
    print(head)
    print("-" * len(head))
    for r in results:
        rss = r["peak_rss_mib"]
        print(f"{r['n']:>6} {r['workers']:>3} {r['spacy_docs_per_s']:>12} "
              f"{r['build_docs_per_s']:>12} {r['throughput_ratio']:>12} "
              f"{100 * r['validation_share']:>10.1f}% {rss['build_main']:>8} "
              f"{rss['build_worker_max']:>10}")
    for r in results:
        rss = r["peak_rss_mib"]
        print(f"Dask (--scheduler local, {r['workers']} workers) at N={r['n']}: "
              f"{r['dask_docs_per_s']} doc/s, x{r['dask_over_pool']} the pool's, "
              f"x{round(r['spacy_seconds'] / r['dask_seconds'], 3)} spaCy's; client "
              f"{rss['dask_client']} MiB, worker {rss['dask_worker_max']} MiB; "
              f"same bytes as the pool: {r['dask_same_bytes']}")
        print(f"CPU seconds at N={r['n']} (all processes): spaCy {r['cpu_seconds']['spacy']}, "
              f"pool build {r['cpu_seconds']['build']} (spaCy/build {r['cpu_ratio']}), "
              f"Dask build {r['cpu_seconds']['dask']} (spaCy/Dask {r['dask_cpu_ratio']})")
    for r in results:
        shares = "  ".join(f"{k} {100 * v:.1f}%" for k, v in r["stage_share"].items())
        print(f"stage shares at N={r['n']}: {shares}")
    if len(results) > 1:
        a, b = results[0], results[-1]
        scale = b["n"] / a["n"]
        ra, rb = a["peak_rss_mib"], b["peak_rss_mib"]
        print(f"scaling N {a['n']} -> {b['n']} (x{scale:g}): build time "
              f"x{b['build_seconds'] / a['build_seconds']:.2f}, peak RSS "
              f"x{rb['build_main'] / ra['build_main']:.2f} (main), "
              f"x{rb['build_worker_max'] / ra['build_worker_max']:.2f} (largest worker), "
              f"x{rb['dask_client'] / ra['dask_client']:.2f} (Dask client)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[200],
                        help="corpus sizes, smallest first (e.g. --n 200 2000)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes for both spaCy and newsgraph (default: cores)")
    parser.add_argument("--triples", type=int, default=1_000_000,
                        help="store size for the query latencies (0: skip them)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--no-stages", action="store_true",
                        help="skip the per-stage timing (it takes as long as a build)")
    args = parser.parse_args(argv)
    results = [run(n, args.workers, not args.no_stages) for n in sorted(args.n)]
    print_table(results)
    payload = {"cores": os.cpu_count(), "python": platform.python_version(),
               "platform": platform.platform(), "results": results}
    if args.triples:
        import query_bench  # beside this file

        with tempfile.TemporaryDirectory() as tmp:
            latencies = query_bench.query_latencies(Path(tmp) / "store", args.triples)
        print()
        query_bench.print_table(latencies)
        payload["queries"] = latencies
    args.output.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"written {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
