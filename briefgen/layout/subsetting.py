"""A font cut to the characters a brief draws (and what shaping them needs): fontTools'
subsetter with the options every cut briefgen makes shares."""

from __future__ import annotations

from typing import Any


def cut(font: Any, text: str, features: list[str]) -> None:
    """Cut font (a fontTools TTFont) in place to text's characters and a space, keeping
    the layout features named ("*" for all), every name and the .notdef outline."""
    from fontTools import subset

    options = subset.Options()
    options.layout_features = features
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + " ")
    subsetter.subset(font)
