import pytest

from plans.markdown import figure_keys, render_inline, render_markdown


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ("<style>body{display:none}</style>", "<style"),
        ('<a href="#" onclick="steal()">x</a>', "onclick"),
        ("[click](javascript:alert(1))", "javascript:"),
        ("![tracker](https://example.com/pixel.png)", "<img"),
        ('<img src="https://example.com/x.png">', "<img"),
        ('<iframe src="https://example.com"></iframe>', "<iframe"),
    ],
)
def test_markdown_never_lets_active_or_remote_content_through(source, forbidden):
    assert forbidden not in render_markdown(source)


def test_markdown_keeps_ordinary_formatting():
    html = render_markdown("Some **bold** text\n\n- one\n- two\n\n[link](https://example.org)")
    assert "<strong>bold</strong>" in html
    assert "<li>one</li>" in html
    assert 'href="https://example.org"' in html


def test_inline_markdown_drops_the_single_paragraph():
    assert render_inline("Just *this*.") == "Just <em>this</em>."


def test_figure_keys_lists_statistics_but_not_series_points():
    assert figure_keys("{{a}} and {{b:signed}} and {{crime@2018}}") == ["a", "b"]


class _Figures:
    def text(self, key, style="", start=True):
        return {"a": "5%", "evil": "<b>x</b>"}.get(key, f"[unknown figure: {key}]") + (style and "!")

    def point(self, key, year, quarter=None):
        return f"{key}-{year}" + (f"q{quarter}" if quarter else "")


def test_figures_are_substituted_and_escaped():
    html = render_inline("Down {{a}}, {{a:signed}}, {{evil}}, {{crime@2018}}", _Figures())
    assert html == "Down 5%, 5%!, &lt;b&gt;x&lt;/b&gt;, crime-2018"
