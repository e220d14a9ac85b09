"""The one definition of "the same English rendering", shared by validation and matching.

Case, curly vs straight quotes, hyphens and dashes vs spaces, and runs of white space (line
breaks included) do not make two renderings different: "High quality  development" and
"high-quality development" normalize to the same key.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'",
                         "\u201c": '"', "\u201d": '"', "\u201f": '"', "\u2033": '"'})
# ASCII hyphen, the Unicode hyphens and dashes, and the minus sign all separate words like a space.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212\u00ad]+")


def normalize_english(text: str) -> str:
    """Key under which two spellings of one rendering compare equal."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return _SEPARATORS.sub(" ", text).strip()
