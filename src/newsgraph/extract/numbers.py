"""Number parsing for casualty figures: digits, words, vague quantities, qualifiers.

"19" -> 19, "145,000" -> 145000, "1.5 million" -> 1500000, "twenty-five" -> 25,
"dozens" -> 24 (at least), "hundreds" -> 200 (at least); qualifiers from the
words before the number ("more than", "at least", "some", "nearly", "up to").
"""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
# Vague plurals: the smallest number they can mean, as an "at least" figure.
VAGUE = {"dozen": (12, "Approximately"), "dozens": (24, "AtLeast"), "scores": (40, "AtLeast"),
         "hundreds": (200, "AtLeast"), "thousands": (2000, "AtLeast"),
         "tens of thousands": (20000, "AtLeast"), "millions": (2_000_000, "AtLeast")}

# Qualifier phrases, longest first; matched against the words before a number.
QUALIFIERS = [
    ("more than", "MoreThan"), ("over", "MoreThan"), ("upwards of", "MoreThan"),
    ("in excess of", "MoreThan"),
    ("at least", "AtLeast"), ("no fewer than", "AtLeast"), ("no less than", "AtLeast"),
    ("a minimum of", "AtLeast"),
    ("at most", "AtMost"), ("up to", "AtMost"), ("no more than", "AtMost"),
    ("a maximum of", "AtMost"),
    ("less than", "LessThan"), ("fewer than", "LessThan"), ("under", "LessThan"),
    ("nearly", "LessThan"), ("almost", "LessThan"),
    ("about", "Approximately"), ("around", "Approximately"), ("some", "Approximately"),
    ("roughly", "Approximately"), ("approximately", "Approximately"),
    ("an estimated", "Approximately"), ("estimated", "Approximately"),
    ("close to", "Approximately"),
]


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
