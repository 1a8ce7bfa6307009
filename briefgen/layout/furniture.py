"""The page around the text: its geometry, the classification banners and the logo."""

from __future__ import annotations

from pathlib import Path

from briefgen.layout import page as p
from briefgen.layout.contrast import banner_text
from briefgen.layout.images import logo as load_logo
from briefgen.layout.page import tw
from briefgen.layout.theme import Theme
from briefgen.render import model


def geometry(theme: Theme) -> p.Geometry:
    width, height = theme.page
    return p.Geometry(
        width,
        height,
        theme.margin_top,
        theme.margin_right,
        theme.margin_bottom,
        theme.margin_left,
        theme.banner_distance,
    )


def banner(doc: model.Document, theme: Theme) -> p.Banner | None:
    if doc.banner is None:
        return None
    fill = theme.banner_color(doc.banner.text)
    return p.Banner(
        doc.banner.text,
        theme.banner_size,
        theme.banner_height,
        fill,
        banner_text(theme, fill),
        theme.margin_left,
        theme.frame[0],
        theme.banner_distance,
    )


def folio(theme: Theme, pages: int, banner: bool) -> p.Folio | None:
    """ "Page N of M" in the theme's muted colour, a size and a half under the banner's,
    between the bottom banner and the text; None where the bottom margin has no room."""
    size = max(6.0, theme.banner_size - 1.5)
    leading = tw(size * 1.2)
    gap = tw(1.5)
    bottom = theme.banner_distance + (theme.banner_height if banner else 0.0)
    if bottom + (leading + gap) / 20 > theme.margin_bottom:
        return None
    return p.Folio(pages, round(size * 2), leading, theme.color("muted"), gap, bottom)


def logo(theme: Theme) -> p.Logo | None:
    """The theme's logo at the top right, its height the theme's, under the banner."""
    if not theme.logo:
        return None
    picture = load_logo(Path(theme.logo))
    height = theme.logo_height
    width = picture.width_for(height)
    return p.Logo(
        picture.data,
        picture.kind,
        (picture.width, picture.height),
        width,
        height,
        theme.page[0] - theme.margin_right - width,
        theme.logo_top,
        tw(theme.logo_top - theme.banner_distance - theme.banner_height),
        alt=theme.logo_alt.strip(),
    )
