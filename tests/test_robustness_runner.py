"""The robustness runner counts failures by reason, names the articles, and
exits 1 when any article fails (so CI can run it over a directory)."""

from __future__ import annotations

import importlib.util
import json

from .conftest import ROOT

_spec = importlib.util.spec_from_file_location("robustness", ROOT / "benchmarks" / "robustness.py")
assert _spec is not None and _spec.loader is not None
robustness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(robustness)


def test_failures_are_grouped_by_reason_with_their_articles(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("Riverton said on Monday that the bridge would reopen.\n")
    for name in ("empty1.txt", "empty2.txt"):
        (tmp_path / name).write_text("   \n")
    report = tmp_path / "summary.json"
    assert robustness.main([str(tmp_path), "--workers", "1", "--json", str(report)]) == 1
    (summary,) = json.loads(report.read_text())
    assert (summary["built"], summary["failed"]) == (1, 2)
    (reason, paths), = summary["reasons"].items()
    assert "empty article" in reason
    assert [p.rsplit("/", 1)[1] for p in paths] == ["empty1.txt", "empty2.txt"]
    assert "2  " in capsys.readouterr().out


def test_a_directory_that_builds_exits_zero(tmp_path):
    (tmp_path / "a.txt").write_text("A north Turkey said the talks had failed.\n")
    assert robustness.main([str(tmp_path), "--workers", "1"]) == 0
