"""Text from data files and from the command line, made safe to show in a terminal.

Control characters (ESC above all) could drive the terminal; bidi overrides and isolates
(U+202A–U+202E, U+2066–U+2069) and other invisible format characters could make text read
differently from what it is ("Trojan Source"). Human output shows each of them as a visible
escape such as <U+202E>; machine output (JSON) keeps every string exactly. No Rich here: error
messages and `validate` use it too.
"""

from __future__ import annotations

import re
import unicodedata

# Kept as they are: line breaks and tabs are layout, not hidden content.
_LAYOUT = frozenset("\n\t")
# Unicode categories shown escaped: controls, format characters, line and paragraph separators.
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp"})


def is_hidden(char: str) -> bool:
    return char not in _LAYOUT and unicodedata.category(char) in _HIDDEN


def visible(text: str) -> str:
    """`text` with every control or invisible format character written as <U+XXXX>."""
    if text.isprintable():  # the fast path: printable text has none of them
        return text
    return "".join(f"<U+{ord(c):04X}>" if is_hidden(c) else c for c in text)


_FORMAT_ONLY = frozenset({"Cf", "Zl", "Zp"})


def without_hidden_format(rendered: str) -> str:
    """Rendered terminal output with any format character escaped, its ESC sequences kept.

    A last guard for output already laid out: Rich's own escape sequences must survive, and data
    files cannot contain control characters (the loader refuses them), so only the invisible
    format characters are looked for here.
    """
    if rendered.isascii():
        return rendered
    return _NOT_ASCII.sub(_escaped_if_format, rendered)


_NOT_ASCII = re.compile(r"[^\x00-\x7f]")  # only these can be format characters


def _escaped_if_format(match: re.Match[str]) -> str:
    char = match.group(0)
    return f"<U+{ord(char):04X}>" if unicodedata.category(char) in _FORMAT_ONLY else char
