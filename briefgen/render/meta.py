"""A document's ``<meta name=... content=...>`` elements -> the model's metadata."""

from __future__ import annotations

import datetime as dt
import re

from briefgen.render import model
from briefgen.render.tables import Fail

NAMES = frozenset({"title", "subject", "author", "keywords", "language", "date"})
#: a BCP 47 language tag, as Word, PDF and HTML take it
_LANGUAGE = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")


def check(name: str, value: str, fail: Fail) -> None:
    """Refuse, where it is read, a language that is not a language tag."""
    if name == "language" and value and not _LANGUAGE.match(value):
        raise fail(f"<meta name='language'> {value[:40]!r} is not a language tag (e.g. en, en-GB)")


def read(values: dict[str, str], fail: Fail) -> model.Meta:
    """The metadata the document's meta elements give (US English when none is given)."""
    unknown = set(values) - NAMES
    if unknown:
        raise fail(f"<meta name={sorted(unknown)[0]!r}> is not a known name")
    when = None
    if values.get("date"):
        try:
            when = dt.date.fromisoformat(values["date"])
        except ValueError:
            raise fail(f"<meta name='date'> {values['date']!r} is not YYYY-MM-DD") from None
    return model.Meta(
        title=values.get("title", ""),
        subject=values.get("subject", ""),
        author=values.get("author", ""),
        keywords=values.get("keywords", ""),
        language=values.get("language") or "en-US",
        date=when,
    )
