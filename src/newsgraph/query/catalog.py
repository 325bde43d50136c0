"""The query catalog: ``queries/*.rq`` files, their grlc headers and BASIL parameters."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..resources import queries_dir

XSD = "http://www.w3.org/2001/XMLSchema#"

# ---------------------------------------------------------------------------
# The catalog


@dataclass(frozen=True)
class Param:
    """A query parameter, from a BASIL variable of the query text.

    ``name`` is the bare name (``speaker`` for ``?__speaker_iri``), ``variable``
    the SPARQL variable without its ``?``.
    """

    name: str
    required: bool
    is_iri: bool
    variable: str = ""
    datatype: str | None = None
    description: str = ""

    def __post_init__(self) -> None:
        if not self.variable:
            prefix = "_" if self.required else "__"
            suffix = "_iri" if self.is_iri else ""
            object.__setattr__(self, "variable", f"{prefix}{self.name}{suffix}")

    @property
    def sparql_variable(self) -> str:
        return "?" + self.variable


@dataclass(frozen=True)
class CannedQuery:
    """A SPARQL query with the metadata of its grlc header."""

    name: str
    path: Path | None
    text: str
    summary: str = ""
    description: str = ""
    tags: list[str] = field(default_factory=list)
    params: list[Param] = field(default_factory=list)

    @property
    def source(self) -> str:
        """What to name in error messages: the file, or the name."""
        return str(self.path) if self.path is not None else self.name

    def param(self, key: str) -> Param | None:
        """The parameter called ``key`` (bare name or variable, with or without ``?``)."""
        key = key.strip().lstrip("?$")
        for param in self.params:
            if key in (param.name, param.variable, param.variable.lstrip("_")):
                return param
        return None


def list_queries() -> list[CannedQuery]:
    """Every query of the catalog (``queries/*.rq``), sorted by name."""
    return [_read_query_file(path) for path in sorted(queries_dir().glob("*.rq"))]


def load_query(name_or_path: str | Path) -> CannedQuery:
    """A query by catalog name (``accusations``) or by path to a ``.rq`` file."""
    text = str(name_or_path)
    looks_like_path = (
        isinstance(name_or_path, Path) or "/" in text or "\\" in text or text.endswith(".rq")
    )
    if looks_like_path:
        path = Path(name_or_path)
        if path.is_file():
            return _read_query_file(path)
        catalog_file = queries_dir() / path.name
        if path.parent == Path(".") and catalog_file.is_file():
            return _read_query_file(catalog_file)
        raise InputError(text, "no such query file")
    catalog_file = queries_dir() / f"{text}.rq"
    if text and re.fullmatch(r"[\w.-]+", text) and catalog_file.is_file():
        return _read_query_file(catalog_file)
    known = ", ".join(path.stem for path in sorted(queries_dir().glob("*.rq")))
    raise InputError(text, f"unknown query (known queries: {known})")


def parse_query_text(text: str, name: str = "query", path: Path | None = None) -> CannedQuery:
    """Build a :class:`CannedQuery` from SPARQL text with an optional grlc header."""
    header = _parse_header(text)
    tags = _as_list(header.get("tags"))
    declared = _parse_param_declarations(header.get("params"))
    params = []
    for variable in _basil_variables(text):
        param = _param_from_variable(variable)
        info = declared.get(variable)
        if info is not None:
            datatype, description = info
            param = Param(
                name=param.name,
                required=param.required,
                is_iri=param.is_iri,
                variable=param.variable,
                datatype=None if param.is_iri else (datatype or param.datatype),
                description=description,
            )
        params.append(param)
    return CannedQuery(
        name=name,
        path=path,
        text=text,
        summary=_as_text(header.get("summary")),
        description=_as_text(header.get("description")),
        tags=tags,
        params=params,
    )


def _read_query_file(path: Path) -> CannedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read query: {exc}") from exc
    return parse_query_text(text, name=path.stem, path=path)


# -- header ------------------------------------------------------------------

_KEY_LINE = re.compile(r"^ ?([A-Za-z_][\w-]*):(?:\s+(.*?))?\s*$")
_ITEM_LINE = re.compile(r"^\s+-\s+(.*?)\s*$")


def _parse_header(text: str) -> dict[str, Any]:
    """The ``#+ key: value`` lines before the query (a YAML-like subset, as grlc reads).

    A key takes an inline value, ``  - item`` lines (a list) and indented
    continuation lines.
    """
    header: dict[str, Any] = {}
    key: str | None = None
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped.startswith("#+"):
            if not stripped or stripped.startswith("#"):
                continue
            break
        line = stripped[2:].rstrip()
        key_match = _KEY_LINE.match(line)
        if key_match:
            key = key_match.group(1)
            value = key_match.group(2)
            header[key] = _unquote(value) if value else ""
            continue
        if key is None or not line.strip():
            continue
        item_match = _ITEM_LINE.match(line)
        current = header[key]
        if item_match:
            if not isinstance(current, list):
                current = [current] if current else []
            current.append(_unquote(item_match.group(1)))
            header[key] = current
        elif isinstance(current, list) and current:
            current[-1] = f"{current[-1]} {line.strip()}"
        else:
            header[key] = f"{current} {line.strip()}".strip()
    return header


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    return str(value)


def _as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    text = str(value).strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    return [part.strip().strip("\"'") for part in text.split(",") if part.strip()]


_DECLARATION = re.compile(r"[?$](\w+)\s*(?:\(([^)]*)\))?\s*(.*)", re.S)
_DATATYPES = {
    "integer",
    "decimal",
    "double",
    "float",
    "boolean",
    "date",
    "datetime",
    "string",
    "gyear",
    "nonnegativeinteger",
}


def _parse_param_declarations(value: Any) -> dict[str, tuple[str | None, str]]:
    """``#+ params`` entries: variable -> (datatype IRI or None, description)."""
    if isinstance(value, list):
        entries = value
    elif value:
        # Inline form: ``?_a (optional) text ?__b_iri (IRI) text``.
        entries = re.split(r"\s*[;,]?\s*(?=[?$]_)", str(value))
    else:
        entries = []
    declared: dict[str, tuple[str | None, str]] = {}
    for entry in entries:
        match = _DECLARATION.match(entry.strip())
        if not match:
            continue
        variable, flags, description = match.groups()
        datatype = None
        for flag in re.split(r"[,\s]+", flags or ""):
            local = flag.lower().removeprefix("xsd:")
            if local in _DATATYPES:
                datatype = XSD + _XSD_CASE.get(local, local)
        declared[variable] = (datatype, description.strip())
    return declared


_XSD_CASE = {"datetime": "dateTime", "gyear": "gYear", "nonnegativeinteger": "nonNegativeInteger"}


# -- BASIL variables -----------------------------------------------------------

_TOKENS = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<long_string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*''')
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<variable>[?$](?P<name>[A-Za-z0-9_\u00b7\u00c0-\uffff]+))
    """,
    re.X,
)


def _basil_variables(text: str) -> list[str]:
    """Variables named ``_...`` in the query (outside comments, strings and IRIs), in order."""
    seen: list[str] = []
    for match in _TOKENS.finditer(text):
        name = match.group("name")
        if name and name.startswith("_") and len(name.lstrip("_")) > 0 and name not in seen:
            seen.append(name)
    return seen


def _param_from_variable(variable: str) -> Param:
    required = not variable.startswith("__")
    rest = variable[1:] if required else variable[2:]
    is_iri = False
    datatype = None
    if rest.endswith("_iri") and len(rest) > 4:
        is_iri = True
        rest = rest[:-4]
    else:
        typed = re.fullmatch(r"(.+?)_xsd_([A-Za-z]+)", rest)
        if typed:
            rest, datatype = typed.group(1), XSD + typed.group(2)
        elif rest.endswith("_literal") and len(rest) > 8:
            rest = rest[:-8]
    return Param(name=rest, required=required, is_iri=is_iri, variable=variable, datatype=datatype)
