"""Query parameters: ``NAME=VALUE`` pairs, and their values as RDF terms."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from ..errors import InputError
from .catalog import XSD, CannedQuery, Param


def parse_params(pairs: Iterable[str]) -> dict[str, str]:
    """``["speaker=http://...", "type=Denial"]`` -> ``{"speaker": ..., "type": ...}``."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name:
            raise InputError(pair, "a query parameter must be given as NAME=VALUE")
        if name in values:
            raise InputError(pair, f"parameter {name!r} given twice")
        values[name] = value
    return values


# An absolute IRI (RFC 3987): a scheme, then no character that IRIs forbid.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"{}|^`\\\x00-\x20\x7f-\x9f]+")


def bind_params(query: CannedQuery, values: Mapping[str, Any] | None) -> dict[str, Identifier]:
    """Turn parameter values into RDF terms, keyed by SPARQL variable name (no ``?``).

    IRI parameters must be absolute IRIs without characters that IRIs forbid;
    literal parameters become plain literals, or typed literals when the
    variable or the ``#+ params`` header gives a datatype. Raises
    :class:`InputError` for an unknown parameter, a missing required one or a
    bad value.
    """
    values = dict(values or {})
    bindings: dict[str, Identifier] = {}
    for key, raw in values.items():
        param = query.param(str(key))
        if param is None:
            known = ", ".join(p.name for p in query.params) or "none"
            raise InputError(query.source, f"unknown parameter {key!r} (this query takes: {known})")
        if param.variable in bindings:
            raise InputError(query.source, f"parameter {param.name!r} given twice")
        value = str(raw)
        if param.is_iri:
            if not _IRI.fullmatch(value):
                raise InputError(
                    query.source,
                    f"parameter {param.name!r} must be an absolute IRI, got {value!r}",
                )
            bindings[param.variable] = URIRef(value)
        else:
            bindings[param.variable] = _typed_literal(query, param, value)
    for param in query.params:
        if param.required and param.variable not in bindings:
            kind = "an IRI" if param.is_iri else "a value"
            raise InputError(query.source, f"missing required parameter {param.name!r} ({kind})")
    return bindings


_SERVICE_VARIABLE = re.compile(r"\bSERVICE(\s+SILENT)?\s+[?$](\w+)", re.IGNORECASE)


def bind_service_iris(query: CannedQuery, bindings: Mapping[str, Identifier]) -> CannedQuery:
    """Write IRI parameters used as ``SERVICE ?_name_iri`` endpoints into the query text.

    rdflib cannot evaluate ``SERVICE ?var`` (it reads the endpoint from the query
    text and silently returns nothing), so such a parameter becomes an IRI term in
    the text. This is the one place a value enters the text: only an absolute
    ``http``/``https`` IRI that :func:`bind_params` accepted (none of the characters
    that could close the ``<...>`` term) is written, as ``SERVICE <iri>``; anything
    else is an :class:`InputError`. Other occurrences of the variable stay bound as
    usual.
    """

    def replace(match: re.Match[str]) -> str:
        name = match.group(2)
        term = bindings.get(name)
        if term is None:
            return match.group(0)
        iri = str(term)
        if (not isinstance(term, URIRef) or not _IRI.fullmatch(iri)
                or not iri.lower().startswith(("http://", "https://"))):
            param = query.param(name)
            shown = param.name if param is not None else name
            raise InputError(query.source, f"parameter {shown!r} is a SERVICE endpoint and "
                                           f"must be an http(s) IRI, got {iri!r}")
        silent = " SILENT" if match.group(1) else ""
        return f"SERVICE{silent} <{iri}>"

    text = _SERVICE_VARIABLE.sub(replace, query.text)
    return query if text == query.text else dataclasses.replace(query, text=text)


LEXICAL = {
    "integer": re.compile(r"[+-]?\d+"),
    "nonNegativeInteger": re.compile(r"\+?\d+|-0+"),
    "decimal": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)"),
    "double": re.compile(r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF)|NaN"),
    "float": re.compile(r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF)|NaN"),
    "boolean": re.compile(r"true|false|1|0"),
}


def _typed_literal(query: CannedQuery, param: Param, value: str) -> Literal:
    if param.datatype is None or param.datatype == XSD + "string":
        return Literal(value)
    local = param.datatype.removeprefix(XSD)
    pattern = LEXICAL.get(local)
    valid = True
    if pattern is not None:
        valid = pattern.fullmatch(value) is not None
    elif local == "date":
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            valid = False
    if not valid:
        raise InputError(query.source, f"parameter {param.name!r} must be an xsd:{local}")
    return Literal(value, datatype=URIRef(param.datatype))
