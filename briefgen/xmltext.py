"""Text for XML, as xml.sax.saxutils writes it, without what that module imports.

xml.sax.saxutils imports urllib.request (and with it http.client, ssl and email),
about 25 ms at start for two small functions; these give the same strings.
"""

from __future__ import annotations


def escape(data: str, entities: dict[str, str] | None = None) -> str:
    """&, < and > as entities, then each key of entities as its value."""
    data = data.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for key, value in (entities or {}).items():
        data = data.replace(key, value)
    return data


def quoteattr(data: str) -> str:
    """data escaped and quoted as an attribute value, quotes included."""
    data = escape(data, {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
    if '"' in data:
        if "'" in data:
            return '"{}"'.format(data.replace('"', "&quot;"))
        return f"'{data}'"
    return f'"{data}"'
