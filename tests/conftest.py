"""Shared fixtures: repository paths, the seed build, golden files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_497c8b1f4ab63ad2.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files in tests/golden/ from the current output "
             "(`make goldens` passes it to the tests that use the golden fixture)",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests that compare golden files, so that `-m golden` selects them all."""
    for item in items:
        if "golden" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.golden)


class Goldens:
    """Expected output kept in tests/golden/, compared by content.

    A test never writes the file it compares against: a missing golden file is a
    failure, and only ``--regen-golden`` (``make goldens``) rewrites them, after an
    intended change whose diff is then reviewed.
    """

    def __init__(self, regen: bool) -> None:
        self.regen = regen

    def text(self, path: Path, produced: str) -> str:
        """The expected text of ``path`` (first rewritten from ``produced`` when regenerating)."""
        if self.regen:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(produced, encoding="utf-8")
        elif not path.exists():
            pytest.fail(f"golden file {path.relative_to(ROOT)} is missing: `make goldens` "
                        "writes it from the current output (review it before committing)")
        return path.read_text(encoding="utf-8")

    def records(self, path: Path, records: list[dict]) -> list[dict]:
        """The expected query rows of the JSON file ``path``."""
        produced = json.dumps(records, indent=2, ensure_ascii=False) + "\n"
        return json.loads(self.text(path, produced))


@pytest.fixture(scope="session")
def golden(request: pytest.FixtureRequest) -> Goldens:
    return Goldens(bool(request.config.getoption("--regen-golden")))


@pytest.fixture(scope="session")
def seed_build():
    """The seed article built once per test session (no output file)."""
    import newsgraph

    return newsgraph.build([SEED])
