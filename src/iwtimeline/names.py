"""Folding names and text so that 'Kata'ib', 'KATAIB' and 'Kataʾib' compare equal."""

from __future__ import annotations

import re
import unicodedata

# Apostrophes and the letters used to transliterate ayn/hamza vanish; other punctuation
# (hyphens in 'al-Sadr', dots in 'U.S.') separates words.
_VANISHING = dict.fromkeys(map(ord, "'’‘`´ʼʻʾʿ"), None)
_SEPARATORS = re.compile(r"[^\w]+|_")


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of text, words separated by one space."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_VANISHING))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_SEPARATORS.sub(" ", bare.casefold()).split())


def starts_at_word(query: str, name: str) -> bool:
    """True when the folded query begins at a word boundary of the folded name.

    'badr' and 'badr corps' start at a word of 'badr corps'; 'hakim' starts at a word of
    'mohammad baqir al hakim'; 'adr' does not start a word of 'badr'.
    """
    return bool(query) and f" {query}" in f" {name}"
