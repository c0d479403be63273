"""``python -m bench``: performance figures, printed (never asserted).

Uses the configured database (``make bench`` sets DEBUG=1, so the embedded
PostgreSQL by default). The demo plans must be loaded (``make demo``); the generated
plan is created inside a transaction that is rolled back, and so is every PDF the
benchmark stores: it leaves the database as it found it. The editor's figures run in
Chromium against a throwaway test database (``bench.entry``).
``python -m bench pages`` (or ``pdf``, ``http-pdf``, ``entry``) runs one part."""

import os
import sys


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferbucks.settings")
    import django

    django.setup()
    from . import entry, http_pdf, pages, pdf

    parts = {"pages": pages.run, "pdf": pdf.run, "http-pdf": http_pdf.run, "entry": entry.run}
    chosen = sys.argv[1:] or list(parts)
    unknown = set(chosen) - set(parts)
    if unknown:
        print(f"Unknown part(s) {sorted(unknown)}: choose from {', '.join(parts)}")
        return 2
    return max(parts[name]() for name in chosen)


if __name__ == "__main__":
    sys.exit(main())
