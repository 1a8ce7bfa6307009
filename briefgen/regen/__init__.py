"""regen."""
