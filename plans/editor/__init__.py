"""The plan editor: one framework that edits every kind of a plan's content.

- ``registry``: the editable kinds (a section, a partner, a budget line...), each
  described once with its model, form, parent and place in the plan. ``plans``,
  ``priorities`` and ``funding`` register their own kinds, so this package never
  imports those apps.
- ``services``: the one write path. Keyword-only functions taking plain data and the
  acting person; each runs in one transaction, locks the plan and checks it is a
  draft, checks the person's right to the item, validates the whole item (its
  database rules included, in plain English) and records who changed what.
  Views, the demo loader and any importer call them.
- ``forms``: the base form and field types every kind's form builds on.
- ``views``: task list, list, add, change, delete, move, history and restore pages.
- ``history``: reading the history the database triggers record, told in people's
  words: ``values`` (a value as people read it) and ``diff`` (text compared word by
  word, also on the two-person conflict page).
- ``titles``: how an editing page names its item ("Text in 4.1 The Police & Crime
  Plan").
- ``figures`` and ``visibility``: what a text's {{figures}} refer to, and whether an
  item shows on the plan's page at all.
"""
