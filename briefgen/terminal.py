"""Text for the terminal: what came from a file is shown, never obeyed.

Content, table headers, JSON keys, sheet and file names reach error messages
and change lines. Control and escape characters in them could move the cursor,
rewrite the line, retitle the window or hide text (bidirectional overrides);
here each is shown as an escape (``\\x1b``, ``\\u202e``) instead.
"""

from __future__ import annotations

import re

_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """text with every control, escape and direction-changing character made visible."""
    return _HIDDEN.sub(_escape, text)
