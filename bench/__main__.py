"""``python -m bench``: performance figures, printed (never asserted).

Uses the configured database (``make bench`` sets DEBUG=1, so the embedded
PostgreSQL by default). The demo plans must be loaded (``make demo``); the generated
plan is created inside a transaction that is rolled back, and so is every PDF the
benchmark stores: it leaves the database as it found it."""

import os
import sys


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferbucks.settings")
    import django

    django.setup()
    from .pdf import run

    return run()


if __name__ == "__main__":
    sys.exit(main())
