"""The product serves any partnership: outside the demo's own plans (demo/) and the
tests, no template, stylesheet, script or Python file names the county it was first
written for, so no hint, label, help text, email or message can."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLACE_NAMES = re.compile(r"Buckinghamshire|Bucks|Aylesbury|Wycombe|Chiltern|Thames Valley")
SKIPPED = {"demo", "tests", "migrations", "node_modules", "dist", "var"}
CHECKED = {".py", ".html", ".txt", ".js", ".mjs", ".scss", ".css"}


def checked_files() -> list[Path]:
    return [
        path
        for path in ROOT.rglob("*")
        if path.suffix in CHECKED
        and path.is_file()
        and not any(part in SKIPPED or part.startswith(".") for part in path.relative_to(ROOT).parts)
    ]


def test_the_files_checked_include_the_apps_templates_and_settings():
    names = {path.relative_to(ROOT).as_posix() for path in checked_files()}
    for expected in (
        "templates/base.html",
        "templates/registration/password_reset_email.html",
        "plans/forms.py",
        "plans/templates/plans/plan_detail.html",
        "priorities/forms.py",
        "funding/forms.py",
        "saferbucks/settings.py",
        "static/src/app.scss",
    ):
        assert expected in names
    assert not any(name.startswith(("demo/", "tests/")) or "/migrations/" in name for name in names)


def test_nothing_outside_the_demo_names_the_county_the_product_was_first_written_for():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in checked_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if PLACE_NAMES.search(line)
    ]
    assert found == []
