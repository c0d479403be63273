"""What changed between two versions of a text, word by word, as HTML people can read.

Added words are marked ``<ins>`` and removed words ``<del>``, each run starting with
visually hidden words ("added:", "removed:") so that a screen reader says what the
underline or the strike-through shows. Lines are compared first, then the words of
the lines that changed (``difflib``), so a long narrative with one word changed is
cheap to compare and the marks fall on whole words. Spaces and line breaks are kept
as typed; a change of spacing alone is not marked.

Everything typed is escaped: the HTML is built with ``format_html`` only.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

ADDED = "added: "
REMOVED = "removed: "
#: What stands for a long stretch of unchanged text left out (see ``inline``).
GAP = "…"
#: Two stretches of changed words whose lengths multiply to more than this are
#: compared with difflib's quicker, rougher matching.
LONG = 250_000

_WORD = re.compile(r"(\S+)(\s*)")


@dataclass(frozen=True)
class Piece:
    """A stretch of the texts: the same in both ("="), only before ("-"), only after ("+")."""

    op: str
    before: str = ""
    after: str = ""


def _words(text: str) -> tuple[list[str], list[str]]:
    """The text as comparison keys and as the pieces that rebuild it exactly: the
    leading spaces (key ""), then each word with the spaces after it."""
    leading = text[: len(text) - len(text.lstrip())]
    keys, parts = [""], [leading]
    for match in _WORD.finditer(text, len(leading)):
        keys.append(match.group(1))
        parts.append(match.group(0))
    return keys, parts


def _opcodes(keys_a: list[str], keys_b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes, the common start and end set aside first: a long text with a
    change in one place is compared in a blink."""
    start = 0
    while start < min(len(keys_a), len(keys_b)) and keys_a[start] == keys_b[start]:
        start += 1
    end = 0
    while (
        end < min(len(keys_a), len(keys_b)) - start
        and keys_a[len(keys_a) - 1 - end] == keys_b[len(keys_b) - 1 - end]
    ):
        end += 1
    a, b = keys_a[start : len(keys_a) - end], keys_b[start : len(keys_b) - end]
    # difflib's "popular words are junk" shortcut gives rougher matches: only for
    # long stretches, where comparing every word with every other would be slow.
    middle = difflib.SequenceMatcher(None, a, b, autojunk=len(a) * len(b) > LONG)
    codes = [("equal", 0, start, 0, start)] if start else []
    for op, i1, i2, j1, j2 in middle.get_opcodes():
        codes.append((op, i1 + start, i2 + start, j1 + start, j2 + start))
    if end:
        codes.append(("equal", len(keys_a) - end, len(keys_a), len(keys_b) - end, len(keys_b)))
    return codes


def _word_pieces(before: str, after: str) -> list[Piece]:
    keys_a, parts_a = _words(before)
    keys_b, parts_b = _words(after)
    result = []
    for op, i1, i2, j1, j2 in _opcodes(keys_a, keys_b):
        old, new = "".join(parts_a[i1:i2]), "".join(parts_b[j1:j2])
        if op == "equal":
            result.append(Piece("=", old, new))
        else:
            if old:
                result.append(Piece("-", before=old))
            if new:
                result.append(Piece("+", after=new))
    return result


def _line_key(line: str) -> str:
    return " ".join(line.split())


def pieces(before: str, after: str) -> list[Piece]:
    """The two texts as stretches kept, removed and added: lines compared first, then
    the words of each run of changed lines."""
    before, after = before or "", after or ""
    lines_a, lines_b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    result = []
    for op, i1, i2, j1, j2 in _opcodes([_line_key(x) for x in lines_a], [_line_key(x) for x in lines_b]):
        old, new = "".join(lines_a[i1:i2]), "".join(lines_b[j1:j2])
        if op == "equal":
            result.append(Piece("=", old, new))
        else:
            result.extend(_word_pieces(old, new))
    return _merged(result)


def _merged(items: list[Piece]) -> list[Piece]:
    merged: list[Piece] = []
    for piece in items:
        if not (piece.before or piece.after):
            continue
        if merged and merged[-1].op == piece.op:
            last = merged.pop()
            piece = Piece(piece.op, last.before + piece.before, last.after + piece.after)
        merged.append(piece)
    return merged


def differs(before: str, after: str) -> bool:
    """Whether the words differ (not only the spaces between them)."""
    return any(piece.op != "=" for piece in pieces(before, after))


def _mark(tag: str, hidden: str, text: str) -> tuple[SafeString, str]:
    """The marked words, and the spaces after them (left unmarked)."""
    words = text.rstrip()
    html = format_html(
        '<{} class="app-diff__{}"><span class="govuk-visually-hidden">{}</span>{}</{}>',
        tag,
        tag,
        hidden,
        words,
        tag,
    )
    return html, text[len(words) :]


class _Writer:
    """Joins escaped text and marks, with a space between two words that would
    otherwise touch (a removed word straight before an added one)."""

    def __init__(self):
        self.parts: list[str] = []
        self.ends_in_word = False

    def text(self, text: str) -> None:
        if text:
            self._space_before(text)
            self.parts.append(text)
            self.ends_in_word = not text[-1].isspace()

    def mark(self, tag: str, hidden: str, text: str) -> None:
        if not text.strip():
            self.text(text)
            return
        self._space_before(text)
        html, spaces = _mark(tag, hidden, text)
        self.parts.append(html)
        self.ends_in_word = True
        self.text(spaces)

    def gap(self) -> None:
        self._space_before(GAP)
        self.parts.append(
            format_html(
                '<span class="app-diff__gap">{}<span class="govuk-visually-hidden"> (unchanged text '
                "left out)</span></span>",
                GAP,
            )
        )
        self.ends_in_word = True

    def _space_before(self, text: str) -> None:
        if self.ends_in_word and not text[0].isspace():
            self.parts.append(" ")

    def html(self) -> SafeString:
        return format_html_join("", "{}", ((part,) for part in self.parts))


def _elided(text: str, context: int, first: bool, last: bool) -> tuple[str, str] | None:
    """A long unchanged stretch as the words kept before and after the part left
    out: ``context`` words next to each change. None: short enough to show whole."""
    keys, parts = _words(text)
    keep_start = 0 if first else context
    keep_end = 0 if last else context
    if len(keys) - 1 <= keep_start + keep_end + context:
        return None
    head = "".join(parts[: keep_start + 1])
    tail = "".join(parts[len(parts) - keep_end :]) if keep_end else ""
    return head, tail


def inline(before: str, after: str, *, context: int | None = None) -> SafeString:
    """The new text with the words added marked ``<ins>`` and the words removed
    marked ``<del>`` where they were. With ``context``, long unchanged stretches are
    cut to that many words either side of a change, "…" standing for the rest."""
    return _inline(pieces(before, after), context)


def changed_words(before: str, after: str, *, context: int | None = None) -> SafeString | None:
    """As ``inline``, or None if the words are the same (only spacing changed)."""
    items = pieces(before, after)
    return _inline(items, context) if any(piece.op != "=" for piece in items) else None


def _inline(items: list[Piece], context: int | None) -> SafeString:
    writer = _Writer()
    for index, piece in enumerate(items):
        if piece.op == "-":
            # The new text's spacing stands: a removed word is set in with one space.
            writer.mark("del", REMOVED, piece.before.rstrip())
        elif piece.op == "+":
            writer.mark("ins", ADDED, piece.after)
        else:
            cut = None
            if context is not None and len(items) > 1:
                cut = _elided(piece.after, context, index == 0, index == len(items) - 1)
            if cut is None:
                writer.text(piece.after)
            else:
                writer.text(cut[0])
                writer.gap()
                writer.text(cut[1])
    return writer.html()


def sides(
    before: str, after: str, *, removed: str = REMOVED, added: str = ADDED
) -> tuple[SafeString, SafeString]:
    """Both texts in full, side by side: the first with the words the second does not
    have marked ``<del>``, the second with the words the first does not have marked
    ``<ins>``. ``removed`` and ``added`` are what a screen reader says before each."""
    left, right = _Writer(), _Writer()
    for piece in pieces(before, after):
        if piece.op == "=":
            left.text(piece.before)
            right.text(piece.after)
        elif piece.op == "-":
            left.mark("del", removed, piece.before)
        else:
            right.mark("ins", added, piece.after)
    return left.html(), right.html()
