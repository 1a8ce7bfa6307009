"""Security markings: schemes as data, portion marks, the banner derived from them, and
the classification authority and CUI blocks.

- :mod:`briefgen.markings.scheme`: a scheme (levels, controls, blocks) read from TOML;
- :mod:`briefgen.markings.marking`: one marking read in a scheme, written as a portion
  or a banner, and the marking of a whole made of parts;
- :mod:`briefgen.markings.fields`: the content fields (``classification:`` on portions,
  ``summary_classification``, ``default_classification``, ``marking``, ``authority``, ``cui``);
- :mod:`briefgen.markings.portions`: a brief's portions, where each was written;
- :mod:`briefgen.markings.derive`: the banner from the portions, checked against one given;
- :mod:`briefgen.markings.blocks`: the authority and CUI blocks a level requires;
- :mod:`briefgen.markings.apply`: all of it, between loading a brief and rendering it.
"""
