"""Pages for entering many items at once (see ``bulk``): paste a list, or edit a
table of rows, each saved through the services in one transaction."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from .. import access
from . import bulk, registry, services
from .forms import show_errors
from .views import _back_url, _item, _kind, _parent, item_url


@access.area_editor
def items_paste(request, plan, kind):
    """Add many items of a kind at once, one a line, with a preview of each line."""
    kind = _kind(request, plan, kind)
    if not kind.addable or kind.paste is None:
        raise Http404("This cannot be added as a list")
    parent = _parent(request, plan, kind)
    data = request.POST if request.method == "POST" else None
    shared = bulk.shared_form(kind, plan, request.user, data)
    text = request.POST.get("lines", "") if data else ""
    lines, problem = [], ""
    if data is not None and shared.is_valid():
        lines = bulk.check_lines(kind, plan, request.user, text, _raw(shared), parent)
        if not lines:
            problem = f"Enter at least one {kind.singular}, one a line"
        elif "preview" not in request.POST and not any(line.errors for line in lines):
            rows = [services.RowChange(pk=None, data=line.data) for line in lines]
            try:
                services.items_save_many(kind=kind, plan=plan, rows=rows, actor=request.user, parent=parent)
            except services.RowErrors as exc:
                for index, error in exc.errors.items():
                    lines[index].errors = _messages(error)
            else:
                what = kind.singular if len(lines) == 1 else kind.plural.lower()
                messages.success(request, f"Added {len(lines)} {what}.")
                return redirect(_back_url(plan, kind, parent))
    context = {
        "plan": plan,
        "kind": kind,
        "parent": parent,
        "shared": shared,
        "text": text,
        "lines": lines,
        "problem": problem,
        "line_errors": [line for line in lines if line.errors],
        "back_url": _back_url(plan, kind, parent),
    }
    return render(request, "plans/edit/items_paste.html", context)


def _raw(form) -> dict:
    """What was typed in the shared fields, to send with every line (a list for a
    field choosing many, such as supporting partners)."""
    return {
        name: field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        for name, field in form.fields.items()
    }


def _messages(error: Exception) -> list[str]:
    if isinstance(error, ValidationError):
        return error.messages
    if isinstance(error, services.EditConflict):
        return [f"{error.changed_by or 'Someone else'} changed this row while you were editing it"]
    return ["This is used elsewhere in the plan, so it cannot be deleted yet"]


@access.area_editor
def item_table(request, plan, kind, pk):
    """An item's rows (a fund's budget lines, a series' figures) edited as one table."""
    kind = _kind(request, plan, kind)
    item = _item(request, plan, kind, pk)
    if kind.table_of is None:
        raise Http404("This has no table")
    child = registry.get(kind.table_of, plan)
    rows = child.in_plan(plan).filter(**{child.parent_field: item})
    formset = bulk.table_formset(
        child, plan, request.user, rows, request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and formset.is_valid():
        changes = _changes(child, formset)
        try:
            services.items_save_many(
                kind=child, plan=plan, rows=[change for _, change in changes], actor=request.user, parent=item
            )
        except services.RowErrors as exc:
            for index, error in exc.errors.items():
                form = changes[index][0]
                if isinstance(error, ValidationError):
                    show_errors(form, error)
                else:
                    form.add_error(None, _messages(error)[0])
        else:
            messages.success(request, f"Saved the {child.plural.lower()}.")
            return redirect(item_url(plan, kind.name, item.pk))
    context = {
        "plan": plan,
        "kind": kind,
        "child": child,
        "item": item,
        "formset": formset,
        "row_errors": [form for form in formset.forms if form.errors],
        "back_url": item_url(plan, kind.name, item.pk),
    }
    return render(request, "plans/edit/item_table.html", context)


def _changes(child, formset) -> list[tuple[object, services.RowChange]]:
    """(row form, change) for every row someone added, changed or ticked to delete."""
    fields = child.form_class._meta.fields
    changes = []
    for form in formset.forms:
        deleting = bool(form.cleaned_data.get("DELETE"))
        if not form.has_changed() or (form.instance.pk is None and deleting):
            continue
        data = {name: form.cleaned_data[name] for name in fields if name in form.cleaned_data}
        changes.append(
            (
                form,
                services.RowChange(
                    pk=form.instance.pk,
                    data=data,
                    delete=deleting,
                    based_on_version=form.cleaned_data.get("edit_version"),
                ),
            )
        )
    return changes
