"""A classification that names no banner level: with no marking scheme, the banner is
printed as typed and coloured by the theme's ``[banners]`` level it begins with, so a
misspelt one (``UNCLASIFIED``) is built with the colour for none. It is a warning, as
the brief itself may be right: the theme may simply not list its level."""

from __future__ import annotations

import difflib
import re

from briefgen.content.schema import Brief
from briefgen.errors import BriefgenError
from briefgen.layout.theme import Theme


def unknown(brief: Brief, theme: Theme) -> str | None:
    """'file:line: classification: ...' where the brief's classification begins with
    none of the theme's banner levels, naming the nearest; else None."""
    text = brief.classification
    if not text or theme.banner_level(text) is not None:
        return None
    levels = [k for k in theme.banners if k != "*"]
    if not levels:
        return None
    head = re.split(r"/| \(", text.upper(), maxsplit=1)[0].strip()  # SECRT//NOFORN: SECRT
    near = difflib.get_close_matches(head, levels, n=1, cutoff=0.8)  # not OFFICIAL: CONFIDENTIAL
    more = (
        f"did you mean '{near[0]}'?"
        if near
        else f"the theme's levels are {', '.join(levels)} (add one to [banners] in theme.toml)"
    )
    where = brief.where(("classification",))
    message = (
        f"'{text}' is none of the theme's banner levels, so the banner has the colour "
        f"for others; {more}"
    )
    return BriefgenError(message, file=where.file, line=where.line, field=where.field).headline()
