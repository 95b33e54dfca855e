"""File names made from user text (a project's name, a unit's, a document's title): safe on Linux and
Windows, never an option or a hidden file, never longer than a file system allows."""

from __future__ import annotations

import re
import unicodedata

from perfsheet.text.characters import HIDDEN_LINE_BREAKS, matching

# Bytes, not characters: ext4 and NTFS both allow 255 per name; leave room for a number and a suffix.
MAX_NAME_BYTES = 200


# Path separators, what Windows forbids in a name, control characters, line separators (and, added by
# ``matching``, every invisible character: bidi controls, zero-width characters …).
_UNSAFE = f'\\\\/:*?"<>|\x00-\x1f\x7f-\x9f{HIDDEN_LINE_BREAKS}'


_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.IGNORECASE)


def contains_unsafe_name_characters(text: str) -> bool:
    return bool(matching(_UNSAFE, text).search(text))


def _trimmed(stem: str) -> str:
    """No leading ``-`` or ``.`` (an option, a hidden file), no trailing dot or space (Windows drops
    them), no ``_`` left over at either end; repeated, since removing one can expose another."""
    previous = None
    while stem != previous:
        previous = stem
        stem = stem.strip("_ \t").lstrip("-.").rstrip(".")
    return stem


def safe_file_name(text: str, suffix: str, *, fallback: str, max_bytes: int = MAX_NAME_BYTES) -> str:
    """``text`` as a file name ending in ``suffix``: no separators or characters Windows forbids, no
    leading ``-`` or ``.``, no trailing dots or spaces, no reserved device name, cut (at a character)
    so that the whole name is at most ``max_bytes`` bytes of UTF-8."""
    normalized = unicodedata.normalize("NFC", text)
    stem = matching(_UNSAFE, normalized, "+").sub("_", normalized)
    stem = _trimmed(stem)
    budget = max_bytes - len(suffix.encode("utf-8"))
    encoded = stem.encode("utf-8")
    if len(encoded) > budget:
        stem = _trimmed(encoded[:budget].decode("utf-8", errors="ignore"))
    if not stem:
        stem = fallback
    if _WINDOWS_RESERVED.match(stem):
        stem = "_" + stem
    return stem + suffix
