"""Word-by-word differences (plans.editor.diff) and values as people read them
(plans.editor.values): no database needed."""

import datetime
import re
from decimal import Decimal

from django import forms
from django.utils.safestring import SafeString

from funding.forms import BudgetLineForm
from funding.models import BudgetLine
from plans.editor import diff, values
from plans.forms import ComponentBlockForm, SurveyForm
from plans.models import Block, Section, Statistic, Survey
from priorities.models import AreaPriority


def marks(html: str) -> list[tuple[str, str]]:
    """The marked words: ("ins", words) or ("del", words), hidden words left out."""
    html = re.sub(r'<span class="govuk-visually-hidden">[^<]*</span>', "", html)
    return re.findall(r'<(ins|del) class="app-diff__\w+">([^<]*)</\1>', html)


def text_of(html: str) -> str:
    """What the page shows, marks and hidden words taken out."""
    html = re.sub(r'<span class="govuk-visually-hidden">[^<]*</span>', "", html)
    return re.sub(r"<[^>]+>", "", html)


def test_a_changed_word_is_marked_removed_then_added_where_it_was():
    html = diff.inline("We will support victims", "We will help victims")
    assert marks(html) == [("del", "support"), ("ins", "help")]
    assert text_of(html) == "We will support help victims"
    assert "removed: </span>support</del>" in html and "added: </span>help</ins>" in html


def test_words_added_at_the_end_and_removed_from_the_start():
    assert marks(diff.inline("a b c", "a b c d e")) == [("ins", "d e")]
    assert marks(diff.inline("Old start stays", "start stays")) == [("del", "Old")]
    assert text_of(diff.inline("a b", "a")) == "a b"  # a space between the kept and the removed


def test_nothing_is_marked_when_only_spacing_changes():
    html = diff.inline("one  two\nthree", "one two\nthree")
    assert marks(html) == []
    assert not diff.differs("one  two", "one two")
    assert diff.differs("one two", "one three")


def test_line_breaks_and_spaces_are_kept_as_typed():
    before = "Para one.\n\n- item one\n- item two\n"
    after = "Para one.\n\n- item one\n- item 2\n\nNew para.\n"
    html = diff.inline(before, after)
    assert text_of(html) == "Para one.\n\n- item one\n- item two 2\n\nNew para.\n"
    assert marks(html) == [("del", "two"), ("ins", "2\n\nNew para.")]
    # A removed line's break is not kept: the new text's line breaks stand.
    assert text_of(diff.inline("a b\nc", "a\nc")) == "a\nb c"


def test_typed_text_is_escaped_never_trusted():
    html = diff.inline('<script>alert("x")</script> & more', "<img src=x onerror=alert(1)> & more")
    assert isinstance(html, SafeString)
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&amp; more" in html
    left, right = diff.sides("<b>theirs</b>", "<i>yours</i>")
    assert "<b>" not in left and "<i>" not in right


def test_side_by_side_marks_each_sides_own_words_with_the_words_a_screen_reader_says():
    left, right = diff.sides(
        "Buckinghamshire Fire & Rescue Service",
        "Bucks Fire and Rescue",
        removed="only in theirs: ",
        added="only in yours: ",
    )
    assert marks(left) == [("del", "Buckinghamshire"), ("del", "&amp;"), ("del", "Service")]
    assert marks(right) == [("ins", "Bucks"), ("ins", "and")]
    assert text_of(left) == "Buckinghamshire Fire &amp; Rescue Service"
    assert text_of(right) == "Bucks Fire and Rescue"
    assert "only in theirs: " in left and "only in yours: " in right


def test_the_same_text_is_returned_unmarked():
    assert diff.sides("Same words", "Same words") == ("Same words", "Same words")
    assert diff.inline("Same words", "Same words") == "Same words"


def test_text_added_to_nothing_or_taken_away_entirely():
    assert marks(diff.inline("", "New text")) == [("ins", "New text")]
    assert marks(diff.inline("Old text", "")) == [("del", "Old text")]
    assert marks(diff.inline(None, "x")) == [("ins", "x")]


def test_long_unchanged_text_is_cut_around_the_change_when_asked():
    words = [f"w{i}" for i in range(200)]
    changed = list(words)
    changed[100] = "CHANGED"
    full = diff.inline(" ".join(words), " ".join(changed))
    cut = diff.inline(" ".join(words), " ".join(changed), context=5)
    assert "w0 " in full and "w199" in full and "…" not in full
    assert text_of(cut) == "… w95 w96 w97 w98 w99 w100 CHANGED w101 w102 w103 w104 w105 …"
    assert "(unchanged text left out)" in cut
    assert marks(cut) == [("del", "w100"), ("ins", "CHANGED")]


def test_a_long_text_with_scattered_changes_is_compared_quickly():
    words = [f"word{i % 50} and the" for i in range(1500)]
    changed = list(words)
    for i in range(0, 1500, 50):
        changed[i] = "different words here"
    html = diff.inline(" ".join(words), " ".join(changed))
    assert html.count("<ins") >= 1 and "different words here" in html


# Values as people read them -------------------------------------------------------


def field(model, name):
    return model._meta.get_field(name)


def test_money_has_pounds_pence_and_thousands():
    assert values.money(Decimal("50000")) == "£50,000.00"
    assert values.money(Decimal("85910.5")) == "£85,910.50"
    amount = field(BudgetLine, "amount")
    money_field = BudgetLineForm.base_fields["amount"]
    # As the history records it (a JSON number) and as a model holds it: the same.
    assert (
        values.readable(values.typed(amount, 55000.0), model_field=amount, form_field=money_field)
        == "£55,000.00"
    )
    assert values.readable(Decimal("55000.00"), model_field=amount, form_field=money_field) == "£55,000.00"


def test_yes_no_choices_by_label_and_empty_as_a_dash():
    assert values.readable(True, model_field=field(Section, "numbered")) == "Yes"
    assert values.readable(False, model_field=field(Section, "numbered")) == "No"
    assert values.readable("percent_change", model_field=field(Statistic, "unit")) == "Percentage change"
    assert values.readable("", model_field=field(Statistic, "qualifier")) == "Exactly"
    assert values.readable(None, model_field=field(Statistic, "value")) == values.EMPTY == "–"
    assert values.readable("", model_field=field(Statistic, "source")) == "–"
    # A choice the form offers but the model does not (the month a survey ran).
    assert values.readable(
        3, model_field=field(Survey, "month"), form_field=SurveyForm.base_fields["month"]
    ) == ("March")
    # A kind the component form no longer offers still reads by the model's label.
    kind = field(Block, "kind")
    assert values.readable("fund", model_field=kind, form_field=ComponentBlockForm.base_fields["kind"]) == (
        "Fund and budget lines"
    )


def test_a_chosen_item_reads_by_its_name_not_its_id():
    area = field(AreaPriority, "area")
    chiltern = type("Named", (), {"__str__": lambda self: "Chiltern"})()
    names = {(area.related_model, 7): chiltern}
    assert values.readable(7, model_field=area, names=names) == "Chiltern"
    assert values.readable(8, model_field=area, names=names) == "a deleted area"
    assert values.readable(values.typed(area, "7"), model_field=area, names=names) == "Chiltern"


def test_dates_and_plain_numbers():
    published = field(Statistic._meta.get_field("plan").related_model, "published_on")
    assert values.readable(values.typed(published, "2020-04-01"), model_field=published) == "1 April 2020"
    assert values.readable(datetime.date(2020, 4, 1)) == "1 April 2020"
    assert values.readable(2015, model_field=field(Survey, "year")) == "2015"  # a year has no comma
    assert (
        values.readable(values.typed(field(Statistic, "value"), 12.5), model_field=field(Statistic, "value"))
        == "12.50"
    )


def test_field_labels_are_the_forms_without_typing_hints():
    assert values.field_label(field(BudgetLine, "amount"), BudgetLineForm) == "Amount"
    assert values.field_label(field(BudgetLine, "description"), BudgetLineForm) == "What it pays for"
    assert values.field_label(field(BudgetLine, "description")) == "Description"


def test_what_counts_as_typed_text():
    assert values.is_text(field(Block, "body"))
    assert not values.is_text(field(Block, "kind"))  # a choice
    assert not values.is_text(field(BudgetLine, "amount"))
    assert values.is_text(None, forms.CharField())
    assert not values.is_text(field(Block, "kind"), ComponentBlockForm.base_fields["kind"])
    assert not values.is_text(field(BudgetLine, "amount"), BudgetLineForm.base_fields["amount"])


def test_changed_words_is_none_when_only_spacing_changed():
    assert diff.changed_words("Line one\r\nLine two", "Line one\nLine two") is None
    assert marks(diff.changed_words("a b", "a c")) == [("del", "b"), ("ins", "c")]
