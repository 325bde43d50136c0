"""Number parsing for casualty figures: digits, words, vague quantities, qualifiers.

"19" -> 19, "145,000" -> 145000, "1.5 million" -> 1500000, "twenty-five" -> 25,
"dozens" -> 24 (at least), "hundreds" -> 200 (at least); qualifiers from the
words before the number ("more than", "at least", "some", "nearly", "up to").
"""

from __future__ import annotations

import re

from . import lexicons

UNITS = lexicons.numbers("number_unit")
TENS = lexicons.numbers("number_ten")
SCALES = lexicons.numbers("number_scale")
# Vague plurals: the smallest number they can mean (the row's condition), with its qualifier.
VAGUE: dict[str, tuple[int, str]] = {
    e.entry: (int(e.condition or 0), e.signals or "AtLeast")
    for e in lexicons.entries("vague_number")}
# Qualifier phrases in the order they are tried against the words before a number.
QUALIFIERS: list[tuple[str, str]] = list(lexicons.signals("count_qualifier").items())


def parse_number(text: str) -> tuple[int, str] | None:
    """Parse a number phrase; returns (value, qualifier implied by the words)."""
    words = text.lower().replace("-", " ").replace("\u2009", "").split()
    if not words:
        return None
    phrase = " ".join(words)
    if phrase in VAGUE:
        return VAGUE[phrase]
    if phrase.startswith("a ") and phrase[2:] in SCALES:
        return SCALES[phrase[2:]], "Exactly"
    digits = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?", words[0])
    if digits:
        value = float(words[0].replace(",", ""))
        for word in words[1:]:
            if word in SCALES:
                value *= SCALES[word]
            else:
                return None
        return int(round(value)), "Exactly"
    total = current = 0
    seen = False
    for word in words:
        if word == "and":
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total += current
                current = 0
        else:
            return None
        seen = True
    if not seen:
        return None
    return total + current, "Exactly"


def qualifier_before(words: list[str]) -> str | None:
    """The qualifier named by the words just before a number, if any."""
    words = [w for w in words if w.strip()]
    while words and words[-1].lower() in {"a", "an"}:
        words = words[:-1]  # "well over a million"
    tail = " ".join(w.lower() for w in words[-3:])
    for phrase, qualifier in QUALIFIERS:
        if tail == phrase or tail.endswith(" " + phrase):
            return qualifier
    return None
