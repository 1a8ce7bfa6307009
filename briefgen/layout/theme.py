"""Theme: every size, colour, font and margin both writers use, from one place.

A template folder's ``theme.toml`` sets these keys; ``briefgen.toml`` may
override any of them in a ``[theme]`` table. All lengths are in points
(1/72 inch). Sizes are the sizes at full scale: fitting shrinks them together.
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from briefgen import files
from briefgen.errors import BriefgenError, display_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

PDF_STANDARDS = ("ua-1", "a-2b+ua-1", "none")
#: a theme's section order, hidden sections, headings and pages (see briefgen.render.arrange)
ARRANGE_KEYS = ("order", "hide", "headings", "pages")
PAGE_SIZES = {"a4": (595.2756, 841.8898), "letter": (612.0, 792.0)}
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")

#: the Noto families briefgen[scripts] installs (Arimo itself draws Hebrew)
FALLBACK_FONTS = (
    "noto-sans-devanagari",
    "noto-sans-arabic",
    "noto-sans-thai",
    "noto-cjk-sans-otc",
)

DEFAULT_COLORS = {
    "text": "#1a1a1a",
    "muted": "#5f6368",
    "accent": "#1f3864",
    "rule": "#b7c0cc",
    "header-fill": "#e8edf3",
    "stripe": "#f5f7fa",
    "link": "#1f4e99",
    "banner-text": "#ffffff",
    "planned": "#5f6368",
    "agreed": "#1f4e99",
    "in-progress": "#b36200",
    "done": "#2e7d32",
    "blocked": "#c62828",
    "overdue": "#c62828",
    "changed": "#8e24aa",
    "stage-past": "#7a90b2",
    "stage-now": "#1f3864",
    "stage-next": "#dfe4ea",
    "stage-marker": "#1f3864",
}
DEFAULT_BANNERS = {
    "UNCLASSIFIED": "#007a33",
    "CUI": "#502b85",
    "CONFIDENTIAL": "#0033a0",
    "SECRET": "#c8102e",
    "TOP SECRET": "#ff8c00",
    "*": "#5f6368",
}


@dataclass(frozen=True)
class Theme:
    description: str = ""
    page_size: str = "a4"
    orientation: str = "portrait"
    margin_top: float = 50.0
    margin_bottom: float = 46.0
    margin_left: float = 54.0
    margin_right: float = 54.0
    font_docx: str = "Arial"
    base_size: float = 10.0
    floor_size: float = 7.5
    title_size: float = 17.0
    heading_size: float = 11.0
    lead_size: float = 10.5
    small_size: float = 8.0
    banner_size: float = 9.0
    banner_distance: float = 18.0
    leading: float = 1.2
    paragraph_after: float = 3.0
    heading_before: float = 9.0
    heading_after: float = 3.0
    title_after: float = 2.0
    cell_pad_x: float = 3.5
    cell_pad_y: float = 1.5
    list_indent: float = 12.0
    quote_indent: float = 9.0
    safety: float = 0.03
    #: TrueType files for the PDF (paths relative to the project); empty: Arimo
    font_regular: str = ""
    font_bold: str = ""
    font_italic: str = ""
    font_bold_italic: str = ""
    #: fonts for the characters the PDF font lacks, tried in order: font packages
    #: (those briefgen[scripts] installs) or TrueType files
    fallback_fonts: tuple[str, ...] = FALLBACK_FONTS
    #: a PNG or JPEG drawn at the top right of the page, under the banner, in both formats
    logo: str = ""
    #: the logo's alternative text, what a screen reader says for it; required with a logo
    logo_alt: str = ""
    logo_height: float = 30.0
    #: explicit page size in points, overriding page_size when both are set
    page_width: float = 0.0
    page_height: float = 0.0
    #: a Word file whose styles, page set-up and header/footer the DOCX takes
    reference_docx: str = ""
    #: the standards the PDF claims and is made to: ua-1 (tagged, accessible), a-2b+ua-1
    #: (archivable as well) or none (untagged)
    pdf_standard: str = "ua-1"
    colors: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COLORS))
    banners: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_BANNERS))

    @property
    def page(self) -> tuple[float, float]:
        w, h = PAGE_SIZES[self.page_size]
        if self.page_width and self.page_height:
            w, h = self.page_width, self.page_height
        return (h, w) if self.orientation == "landscape" else (w, h)

    @property
    def frame(self) -> tuple[float, float]:
        """Width and height of the text area."""
        w, h = self.page
        return (
            w - self.margin_left - self.margin_right,
            h - self.margin_top - self.margin_bottom,
        )

    @property
    def logo_top(self) -> float:
        """Distance from the page's top edge to the top of the logo."""
        return self.banner_distance + self.banner_height + 4.0

    @property
    def banner_height(self) -> float:
        """Height of the classification bar (a whole number of twips, as Word stores it)."""
        return round(self.banner_size * 1.5 * 20) / 20

    def color(self, name: str) -> str:
        try:
            return self.colors[name]
        except KeyError:
            hint = difflib.get_close_matches(name, self.colors, n=1)
            more = f"; did you mean '{hint[0]}'?" if hint else ""
            raise BriefgenError(f"the theme has no colour '{name}'{more}") from None

    def banner_color(self, marking: str) -> str:
        """Colour for a classification marking: the longest level it starts with."""
        level = self.banner_level(marking)
        if level is not None:
            return self.banners[level]
        return self.banners.get("*", DEFAULT_BANNERS["*"])

    def banner_level(self, marking: str) -> str | None:
        """The longest of [banners]' levels the marking starts with, if any."""
        upper = marking.upper()
        levels = sorted((k for k in self.banners if k != "*"), key=len, reverse=True)
        for level in levels:
            if upper == level or upper.startswith((level + "/", level + " ")):
                return level
        return None


_FIELDS = {f.name: f for f in fields(Theme)}
_NUMBERS = {n for n, f in _FIELDS.items() if f.type == "float"}


MAX_TOML_BYTES = 1_000_000  # a theme or briefgen.toml is a few kilobytes


def read_toml(path: Path) -> dict[str, Any]:
    display = display_path(path)
    try:
        text = files.read_bytes(path, display, most=MAX_TOML_BYTES).decode("utf-8")
        data: dict[str, Any] = tomllib.loads(text)
        return data
    except UnicodeDecodeError as exc:
        raise BriefgenError(f"not UTF-8 text (byte {exc.start})", file=display) from None
    except OSError as exc:
        raise BriefgenError(f"cannot read: {exc.strerror}", file=display) from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        message = str(exc).split(" (at line")[0]
        raise BriefgenError(f"invalid TOML: {message}", file=display, line=line) from None


PATH_KEYS = (
    "font_regular",
    "font_bold",
    "font_italic",
    "font_bold_italic",
    "logo",
    "reference_docx",
)


@dataclass(frozen=True)
class Layer:
    """Theme keys from one file; relative paths in it are looked up from folder."""

    origin: str
    folder: Path
    data: dict[str, Any]


def build(layers: list[Layer], root: Path) -> Theme:
    """Theme from layers of keys, later layers winning; each named for errors.

    A path is looked up relative to the project root first, then to the folder of
    the file that names it (so a template folder can carry its own fonts and logo).
    """
    values: dict[str, Any] = {}
    colors = dict(DEFAULT_COLORS)
    banners = dict(DEFAULT_BANNERS)
    from briefgen.layout import letterpage

    for layer in letterpage.with_letterhead(layers, root):
        origin = layer.origin
        for key, value in layer.data.items():
            if key in ("extends", "description", *ARRANGE_KEYS) and key not in _FIELDS:
                continue  # not the page's look: read by templating (and render.arrange)
            if key in ("colors", "banners"):
                target = colors if key == "colors" else banners
                target.update(_color_table(origin, key, value))
                continue
            if key not in _FIELDS:
                hint = difflib.get_close_matches(key, _FIELDS, n=1)
                more = f"; did you mean '{hint[0]}'?" if hint else ""
                raise BriefgenError(f"unknown theme key{more}", file=origin, field=key)
            values[key] = _check(origin, key, value)
            if key == "fallback_fonts":
                values[key] = tuple(
                    resolve(origin, key, v, (root, layer.folder))
                    if v.lower().endswith((".ttf", ".otf"))
                    else v
                    for v in values[key]
                )
            if key in PATH_KEYS and values[key]:
                values[key] = resolve(origin, key, values[key], (root, layer.folder))
    last = layers[-1].origin if layers else "theme"
    if values.get("logo") and not values.get("logo_alt", "").strip():
        origin = next(x.origin for x in reversed(layers) if x.data.get("logo"))
        raise BriefgenError(
            "a logo needs its alternative text, what a screen reader says for it "
            '(e.g. logo_alt = "Ministry of Defence")',
            file=origin,
            field="logo_alt",
        )
    if values.get("logo"):
        # Room under the banner for the logo, whatever the theme's top margin says.
        probe = Theme(**values)
        values["margin_top"] = max(probe.margin_top, probe.logo_top + probe.logo_height + 8.0)
    if values.get("reference_docx"):
        letterpage.clear_letterhead(values)
    theme = Theme(**values, colors=colors, banners=banners)
    if theme.floor_size > theme.base_size:
        raise BriefgenError("floor_size is larger than base_size", file=last)
    fw, fh = theme.frame
    if fw < 144 or fh < 144:
        raise BriefgenError("margins leave less than 2 inches for text", file=last)
    return theme


def resolve(origin: str, key: str, value: str, folders: tuple[Path, ...]) -> str:
    """The file a theme path names, which must lie inside the project (or the template
    folder that names it, symlinks followed) and be a regular file."""
    roots = [folder.resolve() for folder in folders]
    for folder in folders:
        candidate = (folder / value).resolve()
        if not candidate.exists():
            continue
        if not any(candidate.is_relative_to(root) for root in roots):
            raise BriefgenError(
                f"'{value}' is outside the project folder; a theme reads only files inside it",
                file=origin,
                field=key,
            )
        if not candidate.is_file():
            raise BriefgenError(f"'{value}' is not a regular file; refused", file=origin, field=key)
        return str(candidate)
    raise BriefgenError(f"no such file: {value}", file=origin, field=key)


def _check(origin: str, key: str, value: Any) -> Any:
    def bad(message: str) -> BriefgenError:
        return BriefgenError(message, file=origin, field=key)

    if key in _NUMBERS:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise bad(f"expected a number of points, got {value!r}")
        return float(value)
    if key == "fallback_fonts":
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise bad(f"expected a list of font packages or files, got {value!r}")
        return tuple(value)
    if not isinstance(value, str):
        raise bad(f"expected text, got {value!r}")
    if key == "description":
        return value
    if key == "page_size" and value.lower() not in PAGE_SIZES:
        raise bad(f"'{value}' is not one of {', '.join(PAGE_SIZES)}")
    if key == "pdf_standard" and value not in PDF_STANDARDS:
        raise bad(f"'{value}' is not one of {', '.join(PDF_STANDARDS)}")
    if key == "orientation" and value not in ("portrait", "landscape"):
        raise bad(f"'{value}' is not one of portrait, landscape")
    return value.lower() if key == "page_size" else value


def _color_table(origin: str, key: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise BriefgenError(f'[{key}] must be a table of name = "#rrggbb"', file=origin)
    for name, color in value.items():
        if not isinstance(color, str) or not _HEX.match(color):
            raise BriefgenError(
                f'{color!r} is not a colour; write "#rrggbb"', file=origin, field=f"{key}.{name}"
            )
    return dict(value)
