"""Text helpers: locating gold anchors in the stored article text, comparing labels."""

from __future__ import annotations

import re
import unicodedata

Spans = tuple[tuple[int, int], ...]


def locate(anchor: str, text: str) -> Spans:
    """All spans of ``anchor`` in ``text``: exact, else whitespace-normalised, else
    comparing letters and digits only (the stored text may lack debris or bullets
    and may differ in quotes and dashes). Empty when not found."""
    spans = _find_all(anchor, text)
    if spans:
        return tuple((s, s + len(anchor)) for s in spans)
    for keep in (_collapse_space, _alnum_only):
        norm_text, index = keep(text)
        norm_anchor, _ = keep(anchor.strip())
        if not norm_anchor:
            continue
        spans = _find_all(norm_anchor, norm_text)
        if spans:
            return tuple((index[s], index[s + len(norm_anchor) - 1] + 1) for s in spans)
    return ()


def _find_all(needle: str, haystack: str) -> list[int]:
    found, start = [], haystack.find(needle)
    while start != -1:
        found.append(start)
        start = haystack.find(needle, start + 1)
    return found


def _collapse_space(text: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if chars and chars[-1] == " ":
                continue
            ch = " "
        chars.append(ch)
        index.append(i)
    return "".join(chars), index


def _alnum_only(text: str) -> tuple[str, list[int]]:
    pairs = [(ch, i) for i, ch in enumerate(text) if ch.isalnum()]
    return "".join(ch for ch, _ in pairs), [i for _, i in pairs]


def overlaps(a: Spans, b: Spans) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


_TOKEN_SPLIT = re.compile(r"[\W_]+")
_POSSESSIVE = re.compile(r"['’]s\b")
_IGNORED_TOKENS = frozenset({"the"})


def label_tokens(label: str) -> frozenset[str]:
    """Lower-cased word tokens of a label, punctuation dropped, without "the"."""
    text = unicodedata.normalize("NFKC", label).casefold()
    text = _POSSESSIVE.sub("", text)
    return frozenset(t for t in _TOKEN_SPLIT.split(text) if t and t not in _IGNORED_TOKENS)


def labels_match(a: str, b: str) -> bool:
    """Same label up to case, spacing and punctuation, or one label's words contain
    the other's ("Aliyev" ~ "Ilham Aliyev", "Defense Ministry" ~ "Ministry of
    Defense of Azerbaijan")."""
    ta, tb = label_tokens(a), label_tokens(b)
    return bool(ta and tb) and (ta <= tb or tb <= ta)
