"""Performance figures for the product (``make bench``, i.e. ``python -m bench``)."""
