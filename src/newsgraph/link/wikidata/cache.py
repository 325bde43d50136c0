"""The on-disk cache of the online linker: what an endpoint answered for a label.

One JSON file, ``wikidata-labels.json``, in the cache directory (``--cache-dir``,
else ``$NEWSGRAPH_CACHE``, else ``~/.cache/newsgraph``), keyed by endpoint and
label as written. Each label maps to the candidates the endpoint returned (item,
how it matched, its classes), or to ``null`` when there were too many to tell
them apart. Type constraints are applied after reading, so one answer serves
every entity type, and a label is asked at most once per endpoint.

Only answers are cached, never failures. The file is written atomically; a
missing, unreadable or corrupt file counts as empty, and a cache directory that
cannot be written to only means the next run asks again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

CACHE_ENV = "NEWSGRAPH_CACHE"
CACHE_FILE = "wikidata-labels.json"
FORMAT_VERSION = 1

# A cached answer: (qid, kinds of match, classes) per candidate item, or None.
Answer = Sequence[tuple[str, tuple[str, ...], tuple[str, ...]]] | None


def default_cache_dir() -> Path:
    """``$NEWSGRAPH_CACHE`` if set, else ``~/.cache/newsgraph``."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    return Path.home() / ".cache" / "newsgraph"


class LabelCache:
    """Answers per (endpoint, label), loaded on first use and saved by :meth:`save`."""

    def __init__(self, directory: str | Path | None = None) -> None:
        self.directory = Path(directory).expanduser() if directory else default_cache_dir()
        self.path = self.directory / CACHE_FILE
        self._data: dict[str, dict[str, Any]] | None = None
        self._dirty = False

    def _load(self) -> dict[str, dict[str, Any]]:
        if self._data is None:
            self._data = {}
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                raw = None
            if isinstance(raw, dict) and raw.get("version") == FORMAT_VERSION:
                endpoints = raw.get("endpoints")
                if isinstance(endpoints, dict):
                    self._data = {k: v for k, v in endpoints.items() if isinstance(v, dict)}
        return self._data

    def __contains__(self, key: tuple[str, str]) -> bool:
        endpoint, label = key
        return label in self._load().get(endpoint, {})

    def get(self, endpoint: str, label: str) -> Answer:
        """The cached answer (``None`` = too many candidates); KeyError when not cached."""
        value = self._load()[endpoint][label]
        if value is None:
            return None
        return [(str(qid), tuple(kinds), tuple(classes)) for qid, kinds, classes in value]

    def put(self, endpoint: str, label: str, answer: Answer) -> None:
        stored = None if answer is None else [
            [qid, list(kinds), list(classes)] for qid, kinds, classes in answer
        ]
        self._load().setdefault(endpoint, {})[label] = stored
        self._dirty = True

    def save(self) -> None:
        """Write the cache if it changed. Raises OSError when the directory is not writable."""
        if not self._dirty or self._data is None:
            return
        from ...publish.serialize import write_atomic

        self.directory.mkdir(parents=True, exist_ok=True)
        payload = {"version": FORMAT_VERSION, "endpoints": self._data}
        write_atomic(self.path, json.dumps(payload, ensure_ascii=False, sort_keys=True,
                                           indent=1) + "\n")
        self._dirty = False
