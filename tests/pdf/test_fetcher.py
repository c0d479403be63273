"""WeasyPrint reads the app's own static files from disk and nothing else."""

import pytest
import weasyprint

from plans.pdf.fetcher import RefusedURL, StaticFileFetcher, static_file, static_url
from plans.pdf.render import STYLESHEET, html_to_pdf


def test_the_print_stylesheet_and_its_fonts_are_read_from_disk():
    fetcher = StaticFileFetcher()
    css = fetcher.fetch(static_url(STYLESHEET))
    assert css.content_type == "text/css"
    assert b"@font-face" in css.read()
    font = fetcher.fetch(static_url("dist/fonts/atkinson-hyperlegible-latin-400-normal.woff2"))
    assert font.read().startswith(b"wOF2")


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:8000/static/src/pdf.css",
        "https://example.com/font.woff2",
        "file:///etc/passwd",
        "data:text/css,body{}",
        static_url("../../manage.py"),
        static_url("src/../../manage.py"),
        static_url("src/pdf.css?x=1"),
        static_url("src/app.js"),
        static_url("src/no-such-file.css"),
        "https://static.invalid.example.com/src/pdf.css",
    ],
)
def test_every_other_address_is_refused(url):
    with pytest.raises(RefusedURL):
        static_file(url)


def test_a_render_that_asks_for_anything_else_fails_rather_than_leave_it_out():
    html = '<html lang="en-GB"><title>T</title><link rel="stylesheet" href="http://localhost/x.css"><p>x</p>'
    with pytest.raises(weasyprint.urls.FatalURLFetchingError):
        html_to_pdf(html)


def test_collected_static_files_are_read_when_the_source_folders_are_absent(settings, tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "pdf.css").write_text("p { color: black }")
    settings.STATICFILES_DIRS = []
    settings.STATIC_ROOT = tmp_path
    assert static_file(static_url("src/pdf.css")) == tmp_path / "src" / "pdf.css"
    with pytest.raises(RefusedURL):
        static_file(static_url("dist/app.css"))
