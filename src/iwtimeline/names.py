"""Names as people type them: folding, matching and "did you mean", for actors, places and ids.

One home for every look-up by name, so that `--actor`, `--place`, `--tag`, `show ID` and
`actors NAME` find things the same way and fail the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import TypeVar

from .errors import AmbiguousName, Candidate, UnknownName

# Apostrophes and the letters used to transliterate ayn/hamza vanish; other punctuation
# (hyphens in 'al-Sadr', dots in 'U.S.') separates words.
_VANISHING = dict.fromkeys(map(ord, "'’‘`´ʼʻʾʿ"), None)
_SEPARATORS = re.compile(r"[^\w]+|_")
# already folded: lower-case ASCII letters and digits, words apart by one space
_FOLDED = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")

# Prefix matching on one or two letters ('a', 'al') would match half the registry.
MIN_PREFIX = 3

T = TypeVar("T")


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of text, words separated by one space."""
    if text.isascii():  # nothing to decompose: the common case, and four times faster
        lowered = text.lower()
        if _FOLDED.fullmatch(lowered):  # most names ("Badr Corps"): three times faster again
            return lowered
        return " ".join(_SEPARATORS.sub(" ", text.translate(_VANISHING).casefold()).split())
    decomposed = unicodedata.normalize("NFKD", text.translate(_VANISHING))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_SEPARATORS.sub(" ", bare.casefold()).split())


def starts_at_word(query: str, name: str) -> bool:
    """True when the folded query begins at a word boundary of the folded name.

    'badr' and 'badr corps' start at a word of 'badr corps'; 'hakim' starts at a word of
    'mohammad baqir al hakim'; 'adr' does not start a word of 'badr'.
    """
    return bool(query) and f" {query}" in f" {name}"


def matching(candidates: Iterable[T], names: Callable[[T], Iterable[str]], wanted: str) -> list[T]:
    """The candidates called `wanted`, ignoring case, accents and punctuation.

    An exact name (or id, or alias) wins; otherwise every candidate with a name in which `wanted`
    starts a word, for at least MIN_PREFIX letters. Empty when nothing matches.
    """
    folded = fold(wanted)
    pool = list(candidates)
    exact = [c for c in pool if any(fold(n) == folded for n in names(c))]
    if exact or len(folded) < MIN_PREFIX:
        return exact
    return [c for c in pool if any(starts_at_word(folded, fold(n)) for n in names(c))]


def find_one(
    what: str,
    candidates: Sequence[T],
    names: Callable[[T], Sequence[str]],
    wanted: str,
) -> T:
    """The one candidate `wanted` names; `names(c)[0]` is its id, `names(c)[1]` its label.

    Raises UnknownName (with close names) when nothing matches, and AmbiguousName (with every
    candidate) when `wanted` is only the start of several names, as git does for a short hash.
    """
    found = matching(candidates, names, wanted)
    if len(found) == 1:
        return found[0]
    if found:
        choices = tuple(Candidate(names(c)[0], names(c)[1]) for c in found)
        raise AmbiguousName(what, wanted, choices)
    raise UnknownName(what, wanted, suggest(candidates, names, wanted))


def closest(wanted: str, options: Iterable[str], limit: int = 3) -> tuple[str, ...]:
    """Up to `limit` of `options` that look like a misspelt `wanted`, closest first."""
    import difflib  # only an error needs it

    return tuple(difflib.get_close_matches(wanted, list(options), n=limit, cutoff=0.6))


def suggest(
    candidates: Sequence[T], names: Callable[[T], Sequence[str]], wanted: str, limit: int = 3
) -> tuple[str, ...]:
    """Up to `limit` labels (names(c)[1]) close to a misspelt `wanted`, for 'did you mean'."""
    owner: dict[str, T] = {}
    for candidate in candidates:
        for name in names(candidate):
            owner.setdefault(fold(name), candidate)
    close = closest(fold(wanted), owner, limit=limit * 2)
    return tuple(dict.fromkeys(names(owner[c])[1] for c in close))[:limit]


def find_id(
    what: str,
    ids: Collection[str],
    wanted: str,
    label: Callable[[str], str] = str,
) -> str:
    """An id typed in any case, or a unique prefix of one; an ambiguous prefix lists candidates.

    `label(id)` is what to call an id in a list of candidates (asked only when there is one).
    """
    typed = wanted.strip().casefold()
    if typed in ids:
        return typed
    found = [i for i in ids if i.startswith(typed)] if typed else []
    if len(found) == 1:
        return found[0]
    if found:
        raise AmbiguousName(what, wanted, tuple(Candidate(i, label(i)) for i in found))
    close = list(closest(typed, ids))
    if not close:  # ids begin with a year, so a fragment of the slug is a fair guess too
        close = [i for i in ids if typed and typed in i][:3]
    raise UnknownName(what, wanted, tuple(close))
