"""Editing pages for every registered kind of plan content (see ``registry``): the
plan's task list, and add, change, delete, move, history and restore for each item.
Every change is made by a function of ``services``."""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from .. import access
from ..figures import FigureBook
from ..markdown import render_markdown
from ..models import Block
from . import history, registry, services, visibility
from .forms import show_errors


def _kind(request, plan, name: str) -> registry.EditableKind:
    kind = registry.get(name, plan)
    if kind is None:
        raise Http404("No such kind of content")
    if kind.area_field is None and not access.can_edit_plan(request.user, plan):
        raise PermissionDenied("You can read this plan but not change this part of it.")
    return kind


def _item(request, plan, kind, pk):
    item = get_object_or_404(kind.in_plan(plan), pk=pk)
    if kind.area_field:
        access.require_area(request.user, getattr(item, kind.area_field))
    return item


def _parent(request, plan, kind):
    if kind.parent_kind is None:
        return None
    parent_id = _whole_number(request.POST.get("parent") or request.GET.get("parent"))
    if parent_id is None:
        raise Http404("Say what to add this to")
    return get_object_or_404(registry.get(kind.parent_kind).in_plan(plan), pk=parent_id)


def _whole_number(raw) -> int | None:
    """A whole number written in ASCII digits ("²" and "٣" are digits to isdigit())."""
    raw = raw or ""
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 12 else None


def item_url(plan, kind_name: str, pk: int, action: str = "") -> str:
    name = f"plans:edit_item_{action}" if action else "plans:edit_item"
    return reverse(name, kwargs={"slug": plan.slug, "kind": kind_name, "pk": pk})


def _back_url(plan, kind, parent) -> str:
    if parent is not None:
        parent_kind = registry.get(kind.parent_kind)
        return item_url(plan, parent_kind.name, parent.pk)
    if kind.model is type(plan):
        return reverse("plans:edit", kwargs={"slug": plan.slug})
    return reverse("plans:edit_list", kwargs={"slug": plan.slug, "kind": kind.name})


def _after_save(plan, kind, item, parent) -> str:
    """An item with content of its own (a section's blocks, a fund's lines) stays
    open after saving; anything else returns to its list."""
    if kind.children:
        return item_url(plan, kind.name, item.pk)
    return _back_url(plan, kind, parent)


def _form(request, plan, kind, instance, data=None):
    return kind.form_class(data, instance=instance, plan=plan, user=request.user)


def _figure_list(plan, form) -> list[dict]:
    """The plan's figures as text shows them, to copy into a text: {{key}}, what it
    is, and what it shows now. Only for forms with text that can show figures."""
    if not form.markdown_fields:
        return []
    figures = FigureBook.for_plan(plan)
    rows = [
        {"code": "{{" + key + "}}", "label": stat.label, "shows": figures.text(key)}
        for key, stat in sorted(figures.statistics.items())
    ]
    for series_key, points in sorted(figures.points.items()):
        rows += [
            {
                "code": f"{{{{{series_key}@{year}{f'q{quarter}' if quarter else ''}}}}}",
                "label": f"{series_key} in {figures.period_name(series_key, year, quarter)}",
                "shows": f"{value:,}",
            }
            for (year, quarter), value in sorted(
                points.items(), key=lambda item: (item[0][0], item[0][1] or 0)
            )
        ]
    return rows


def _preview(plan, form) -> list[tuple[str, str]]:
    figures = FigureBook.for_plan(plan)
    return [
        (form.fields[name].label, render_markdown(form.cleaned_data.get(name, ""), figures))
        for name in form.markdown_fields
        if name in form.fields
    ]


@require_safe
@access.area_editor
def plan_edit(request, plan):
    """The plan's parts as a GOV.UK task list, each Not started, In progress,
    Completed or Not needed (``plans.tasks``), in a fixed number of queries. An area
    lead sees only the parts they can change."""
    from .. import tasks

    progress = tasks.progress_of([plan], tasks.parts_for(request.user, plan.partnership_id))[plan.pk]
    by_kind = {task.kind.name: task for task in progress.tasks}
    groups = []
    for title, kinds in registry.task_groups(plan).items():
        rows = [
            {"task": by_kind[kind.name], "url": tasks.part_url(plan, kind)}
            for kind in kinds
            if kind.name in by_kind
        ]
        if rows:
            groups.append({"title": title, "rows": rows})
    context = {
        "plan": plan,
        "groups": groups,
        "progress": progress,
        "can_mark": access.can_edit_plan(request.user, plan),
    }
    return render(request, "plans/edit/plan_edit.html", context)


@require_safe
@access.area_editor
def kind_list(request, plan, kind):
    kind = _kind(request, plan, kind)
    items = kind.in_plan(plan)
    if kind.area_field and not access.can_edit_plan(request.user, plan):
        items = items.filter(**{f"{kind.area_field}__in": access.editable_areas(request.user, plan)})
    if kind.list_filter:
        items = items.filter(**dict(kind.list_filter))
    if kind.model is Block:
        # A block that shows an item of its own (a fund) is named and edited by it.
        items = items.select_related(*(related for _, related in registry.BLOCK_CONTENT.values()))
    return render(
        request, "plans/edit/kind_list.html", {"plan": plan, "kind": kind, "rows": _rows(plan, kind, items)}
    )


def _rows(plan, kind, items) -> list[dict]:
    """The rows of a list page, each knowing whether it is first or last in its own
    list (a local priority counts within its area), for the move buttons."""
    rows = [_row(plan, kind, item) for item in items]
    if kind.positioned:
        last_in_scope = {}
        for row in rows:
            scope = tuple(getattr(row["item"], kind.model._meta.get_field(f).attname) for f in kind.scope)
            row["first"] = row["item"].position == 1
            last_in_scope[scope] = max(last_in_scope.get(scope, 0), row["item"].position)
            row["scope"] = scope
        for row in rows:
            row["last"] = row["item"].position == last_in_scope[row.pop("scope")]
    return rows


def _row(plan, kind, item) -> dict:
    edit_kind, edit_pk = registry.block_editor(item) if kind.model is Block else (kind.name, item.pk)
    return {
        "item": item,
        "summary": kind.summary(item),
        "edit_url": item_url(plan, edit_kind, edit_pk),
        "delete_url": item_url(plan, kind.name, item.pk, "delete") if kind.deletable else None,
        "move_url": item_url(plan, kind.name, item.pk, "move") if kind.positioned else None,
        "history_url": item_url(plan, edit_kind, edit_pk, "history"),
        # The row's id: where "Move up" and "Move down" return to. The kind is in it
        # as a section's page lists its text and its subsections, whose ids can meet.
        "anchor": f"item-{kind.name}-{item.pk}",
    }


def _children(plan, kind, item) -> list[dict]:
    sections = []
    for name in kind.children:
        child = registry.get(name, plan)
        items = child.in_plan(plan).filter(**{child.parent_field: item})
        if child.model is Block:
            related = [related_name for _, related_name in registry.BLOCK_CONTENT.values()]
            items = items.select_related(*related)
        section = {"kind": child, "rows": _rows(plan, child, items), "add_kinds": _add_kinds(plan, child)}
        if kind.nests_children and child.children:
            section["nested"] = _grandchildren(plan, child, section["rows"])
        sections.append(section)
    return sections


def _grandchildren(plan, child, rows) -> registry.EditableKind:
    """Each row's own items under it (a priority's themes, each with its actions), in
    one query for them all."""
    grandchild = registry.get(child.children[0], plan)
    attname = grandchild.model._meta.get_field(grandchild.parent_field).attname
    items = grandchild.in_plan(plan).filter(**{f"{attname}__in": [row["item"].pk for row in rows]})
    by_parent: dict[int, list] = {}
    for item in items:
        by_parent.setdefault(getattr(item, attname), []).append(item)
    for row in rows:
        row["children"] = _rows(plan, grandchild, by_parent.get(row["item"].pk, []))
    return grandchild


def _add_kinds(plan, child) -> list[registry.EditableKind]:
    """What can be added to a list: for a section's content, every kind that hangs
    on a section as a block of its own."""
    if child.name != "block":
        return [child]
    return [
        k for k in registry.all_kinds(plan).values() if k.parent_kind == "section" and k.name != "subsection"
    ]


@access.area_editor
def item_add(request, plan, kind):
    kind = _kind(request, plan, kind)
    if not kind.addable:
        raise Http404("This cannot be added")
    parent = _parent(request, plan, kind)
    form = _form(request, plan, kind, kind.model(), request.POST if request.method == "POST" else None)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = _preview(plan, form)
        else:
            try:
                item = services.item_create(
                    kind=kind, plan=plan, parent=parent, data=form.cleaned_data, actor=request.user
                )
            except ValidationError as exc:
                show_errors(form, exc)
            else:
                _added_message(request, plan, kind, item)
                return redirect(_after_save(plan, kind, item, parent))
    context = {
        "plan": plan,
        "kind": kind,
        "form": form,
        "parent": parent,
        "preview": preview,
        "not_shown": visibility.not_shown(kind, plan),
        "figure_list": _figure_list(plan, form),
        "back_url": _back_url(plan, kind, parent),
        "adding": True,
    }
    return render(request, "plans/edit/item_form.html", context)


def _added_message(request, plan, kind, item) -> None:
    warning = visibility.not_shown(kind, plan, item)
    if warning:
        messages.warning(request, f"Added the {kind.singular}. {warning}")
    else:
        messages.success(request, f"Added the {kind.singular}.")


@access.area_editor
def item_edit(request, plan, kind, pk):
    kind = _kind(request, plan, kind)
    item = _item(request, plan, kind, pk)
    parent = registry.parent_of(kind, item)
    version = item.edit_version
    form = _form(request, plan, kind, item, request.POST if request.method == "POST" else None)
    preview = conflict = None
    if request.method == "POST":
        version = _whole_number(request.POST.get("edit_version"))
        if version is None:
            version = -1
        if form.is_valid():
            if "preview" in request.POST:
                preview = _preview(plan, form)
            else:
                try:
                    services.item_update(
                        kind=kind,
                        plan=plan,
                        pk=item.pk,
                        data=form.cleaned_data,
                        actor=request.user,
                        based_on_version=version,
                    )
                except services.EditConflict as exc:
                    conflict = _conflict(form, exc)
                    version = exc.current.edit_version
                except ValidationError as exc:
                    show_errors(form, exc)
                else:
                    messages.success(request, f"Saved the {kind.singular}.")
                    return redirect(_after_save(plan, kind, item, parent))
    context = {
        "plan": plan,
        "kind": kind,
        "item": item,
        "form": form,
        "parent": parent,
        "preview": preview,
        "conflict": conflict,
        "edit_version": version,
        "facts": kind.facts(item) if kind.facts else [],
        "not_shown": visibility.not_shown(kind, plan, item),
        "figure_list": _figure_list(plan, form),
        "children": _children(plan, kind, item),
        "back_url": _back_url(plan, kind, parent),
    }
    return render(request, "plans/edit/item_form.html", context)


def _conflict(form, exc: services.EditConflict) -> dict:
    who = exc.changed_by or "Someone else"
    form.add_error(
        None,
        f"{who} changed this while you were editing it. Their version is shown beside yours: "
        "check it, then save again to keep your text.",
    )
    from . import diff, values

    rows = []
    for name, field in form.fields.items():
        yours = form.cleaned_data[name] if name in form.cleaned_data else form[name].value()
        row = {
            "label": field.label or name,
            "theirs": _shown(field, getattr(exc.current, name, "")),
            "yours": _shown(field, yours),
        }
        # What differs, word by word: struck through in theirs, underlined in yours.
        row["theirs_marked"], row["yours_marked"] = diff.sides(
            "" if row["theirs"] == values.EMPTY else row["theirs"],
            "" if row["yours"] == values.EMPTY else row["yours"],
            removed="only in their version: ",
            added="only in your version: ",
        )
        row["differs"] = row["theirs"] != row["yours"]
        rows.append(row)
    return {"who": who, "rows": rows, "marked": any(row["differs"] for row in rows)}


def _shown(field, value) -> str:
    """A value as the person reads it: a chosen item's name, not its id; money as
    £50,000.00; Yes or No; a choice by its label; nothing as "–"."""
    from . import values

    if isinstance(field, forms.ModelMultipleChoiceField):
        chosen = value.all() if hasattr(value, "all") else value or []
        ids = [item for item in chosen if not isinstance(item, models.Model)]
        named = [item for item in chosen if isinstance(item, models.Model)]
        if ids:
            named += list(field.queryset.filter(pk__in=[i for i in ids if str(i).isdigit()]))
        return ", ".join(str(item) for item in named) or values.EMPTY
    if isinstance(field, forms.ModelChoiceField) and not isinstance(value, models.Model):
        chosen = field.queryset.filter(pk=value).first() if str(value).isdigit() else None
        return str(chosen) if chosen else values.EMPTY
    if value is None or value == "":
        return values.EMPTY
    return values.readable(value, form_field=field)


@access.area_editor
def item_delete(request, plan, kind, pk):
    kind = _kind(request, plan, kind)
    if not kind.deletable:
        raise Http404("This cannot be deleted")
    item = _item(request, plan, kind, pk)
    parent = registry.parent_of(kind, item)
    if request.method == "POST":
        try:
            services.item_delete(kind=kind, plan=plan, pk=item.pk, actor=request.user)
        except services.ItemInUse as exc:
            messages.error(
                request,
                exc.message
                or f"This {kind.singular} is used elsewhere in the plan, so it cannot be deleted yet.",
            )
            return redirect(item_url(plan, kind.name, item.pk))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(item_url(plan, kind.name, item.pk))
        messages.success(
            request, f"Deleted the {kind.singular}. You can bring it back from the plan's history."
        )
        return redirect(_back_url(plan, kind, parent))
    context = {
        "plan": plan,
        "kind": kind,
        "item": item,
        "summary": kind.summary(item),
        "refused": services.deletion_refused(kind, item),
        "back_url": _back_url(plan, kind, parent),
    }
    return render(request, "plans/edit/item_delete.html", context)


@require_POST
@access.area_editor
def item_move(request, plan, kind, pk):
    kind = _kind(request, plan, kind)
    item = _item(request, plan, kind, pk)
    direction = request.POST.get("direction")
    if not kind.positioned or direction not in {"up", "down"}:
        raise Http404("This cannot be moved")
    moved = services.item_move(kind=kind, plan=plan, pk=item.pk, actor=request.user, direction=direction)
    summary = kind.summary(item)
    if moved:
        messages.success(request, f"Moved the {kind.singular} “{summary}” {direction}.")
    else:
        where = "first" if direction == "up" else "last"
        messages.info(request, f"The {kind.singular} “{summary}” is already {where} in its list.")
    back = (
        request.POST.get("next")
        if _safe_next(request)
        else _back_url(plan, kind, registry.parent_of(kind, item))
    )
    # Back to the moved item's row, which the page focuses (static/src/app.js).
    return redirect(f"{back.split('#')[0]}#item-{kind.name}-{item.pk}")


def _safe_next(request) -> bool:
    return url_has_allowed_host_and_scheme(request.POST.get("next"), allowed_hosts={request.get_host()})


@require_safe
@access.area_editor
def item_history(request, plan, kind, pk):
    kind = _kind(request, plan, kind)
    item = _item(request, plan, kind, pk)
    rows = history.item_history(kind, item, plan)
    context = {
        "plan": plan,
        "kind": kind,
        "item": item,
        "rows": rows,
        "label": history.item_label(kind, item, plan),
        "marked": any(change.diff for row in rows for change in row.changes),
        "back_url": item_url(plan, kind.name, item.pk),
    }
    return render(request, "plans/edit/item_history.html", context)


@require_POST
@access.area_editor
def item_restore(request, plan, kind, pk, event_id):
    kind = _kind(request, plan, kind)
    item = _item(request, plan, kind, pk)
    event = get_object_or_404(item.events, pgh_id=event_id)
    version = _whole_number(request.POST.get("edit_version"))
    try:
        services.item_restore(
            kind=kind,
            plan=plan,
            pk=item.pk,
            event=event,
            actor=request.user,
            based_on_version=item.edit_version if version is None else version,
        )
    except services.EditConflict as exc:
        messages.error(
            request,
            f"{exc.changed_by or 'Someone else'} changed this since you opened its history. "
            "Check the latest version below before restoring an older one.",
        )
    except ValidationError as exc:
        messages.error(request, "That version cannot be restored: " + " ".join(exc.messages))
    else:
        messages.success(
            request, f"Restored the {kind.singular} as it was on {event.pgh_created_at:%-d %B %Y at %H:%M}."
        )
    return redirect(item_url(plan, kind.name, item.pk))


@require_safe
@access.plan_reader
def plan_history(request, plan):
    """The changes made to the plan, newest first, a page at a time, and (on the page
    of the latest changes) what was deleted."""
    if not request.user.is_authenticated:
        raise Http404("No history to show")
    cursors = {}
    for name in ("before", "after"):
        if name in request.GET:
            cursors[name] = history.Position.parse(request.GET[name])
            if cursors[name] is None:
                raise Http404("No such page of changes")
    page = history.plan_changes_page(plan, **cursors)
    for row in page.entries:
        if row.still_there and row.kind.model is not type(plan):
            row.url = item_url(plan, row.kind.name, row.obj_id, "history")
    deleted = []
    if page.latest and access.can_open_editor(request.user, plan):
        deleted = history.recently_deleted(plan)
        if not access.can_edit_plan(request.user, plan):
            deleted = [d for d in deleted if d.kind.area_field]
    marked = any(change.diff for row in page.entries for change in row.changes)
    context = {
        "plan": plan,
        "page": page,
        "page_size": history.PAGE_SIZE,
        "rows": page.entries,
        "deleted": deleted,
        "marked": marked,
    }
    return render(request, "plans/edit/plan_history.html", context)


@require_POST
@access.area_editor
def deletion_restore(request, plan, context_id):
    try:
        context_id = uuid.UUID(context_id)
    except ValueError:
        raise Http404("No such deletion") from None
    try:
        kind, item = services.deletion_restore(plan=plan, context_id=context_id, actor=request.user)
    except services.NotAllowed:
        raise Http404("No such deletion") from None
    except ValidationError as exc:
        messages.error(request, "It cannot be brought back: " + " ".join(exc.messages))
        return redirect("plans:history", slug=plan.slug)
    messages.success(request, f"Brought back the {kind.singular}, where it was.")
    edit_kind, edit_pk = registry.block_editor(item) if kind.model is Block else (kind.name, item.pk)
    return redirect(item_url(plan, edit_kind, edit_pk))
