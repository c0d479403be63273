"""Performance figures for Safer Bucks Plan (``make bench``, i.e. ``python -m bench``)."""
