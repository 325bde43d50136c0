"""Query results: :class:`ResultTable`, its renderers, and RDF terms as plain strings."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import BNode, Literal

from ..errors import InputError
from ..vocabulary import WIKIDATA_ENTITY
from .catalog import XSD
from .params import LEXICAL

if TYPE_CHECKING:
    from rich.table import Table


@dataclass
class ResultTable:
    """Rows of plain strings: IRIs as the IRI, literals as their lexical form."""

    columns: list[str]
    rows: list[list[str | None]]

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, str | None]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def to_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow(["" if value is None else value for value in row])
        return buffer.getvalue()

    def to_tsv(self) -> str:
        lines = ["\t".join(self.columns)]
        for row in self.rows:
            lines.append("\t".join(_tsv_cell(value) for value in row))
        return "\n".join(lines) + "\n"

    def to_json(self) -> str:
        """A JSON list of objects keyed by column (unbound -> null), in row order."""
        return json.dumps(self.records(), ensure_ascii=False, indent=2) + "\n"

    def render(self, fmt: str) -> str:
        """``csv``, ``tsv`` or ``json`` as text."""
        renderers = {"csv": self.to_csv, "tsv": self.to_tsv, "json": self.to_json}
        if fmt not in renderers:
            raise InputError(fmt, "unknown result format (csv, tsv, json)")
        return renderers[fmt]()

    def for_terminal(self) -> ResultTable:
        """A narrower table for people: columns that hold only node IRIs are
        dropped (their labels are in other columns) and Wikidata entity IRIs
        are shortened to ``wd:Q…``."""
        keep = [
            i for i, column in enumerate(self.columns)
            if not all(value is None or (_is_iri(value) and not value.startswith(_WD))
                       for value in (row[i] for row in self.rows))
            or not self.rows
        ]
        rows = [[_short(row[i]) for i in keep] for row in self.rows]
        return ResultTable(columns=[self.columns[i] for i in keep], rows=rows)

    def to_rich_table(self, title: str | None = None) -> Table:
        from rich.table import Table
        from rich.text import Text

        table = Table(title=title, show_lines=False, expand=False)
        for column in self.columns:
            table.add_column(column, overflow="fold")
        for row in self.rows:
            # Text objects: values are shown as they are, never read as rich markup.
            table.add_row(
                *(Text("") if value is None else Text(value) for value in row),
            )
        return table


_WD = WIKIDATA_ENTITY


def _is_iri(value: str) -> bool:
    return value.startswith(("http://", "https://", "urn:"))


def _short(value: str | None) -> str | None:
    if value is not None and value.startswith(_WD):
        return "wd:" + value[len(_WD):]
    return value


def _tsv_cell(value: str | None) -> str:
    if value is None:
        return ""
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


_INTEGER_TYPES = {
    XSD + name
    for name in (
        "integer",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}


def _canonical(lexical: str, datatype: str | None) -> str:
    """The canonical lexical form of numbers and booleans, as pyoxigraph stores them.

    rdflib keeps the lexical form it parsed (``"0.80"``); pyoxigraph keeps the
    canonical one (``"0.8"``). Both backends' values go through here so that
    the same data gives the same strings.
    """
    if datatype is None:
        return lexical
    try:
        if datatype in _INTEGER_TYPES:
            if LEXICAL["integer"].fullmatch(lexical):
                return str(int(lexical))
        elif datatype == XSD + "decimal":
            if LEXICAL["decimal"].fullmatch(lexical):
                return _plain_decimal(Decimal(lexical))
        elif datatype in (XSD + "double", XSD + "float"):
            if LEXICAL["double"].fullmatch(lexical) and "N" not in lexical:
                return _plain_decimal(Decimal(repr(float(lexical))))
        elif datatype == XSD + "boolean":
            return {"1": "true", "0": "false"}.get(lexical, lexical)
    except (InvalidOperation, ValueError, OverflowError):
        return lexical
    return lexical


def _plain_decimal(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text


def rdflib_value(term: Any) -> str | None:
    if term is None:
        return None
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype is not None else None
        return _canonical(str(term), datatype)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def oxigraph_value(term: Any) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return _canonical(term.value, term.datatype.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def json_value(binding: dict[str, str] | None) -> str | None:
    """A value of SPARQL JSON results (``{"type": ..., "value": ...}``) as a plain string,
    canonical like the other backends' values."""
    if binding is None:
        return None
    kind, value = binding["type"], binding["value"]
    if kind in ("literal", "typed-literal"):
        return _canonical(value, binding.get("datatype"))
    if kind == "bnode":
        return f"_:{value}"
    return value


def is_output_column(name: str) -> bool:
    """Parameter variables (``?_x``, ``?__x``) are inputs, not result columns."""
    return not name.startswith("_")
