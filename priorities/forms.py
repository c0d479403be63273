from plans.access import can_edit_plan, editable_areas
from plans.editor.forms import FIGURES_HELP, MARKDOWN_HELP, EditForm

from .models import Action, ActionGroup, AreaPriority, CountyPriority


class CountyPriorityForm(EditForm):
    markdown_fields = ("summary", "why")

    class Meta:
        model = CountyPriority
        fields = ["title", "summary", "why"]
        labels = {"summary": "The priority in a sentence or a paragraph", "why": "Why is it a priority?"}
        help_texts = {"summary": MARKDOWN_HELP, "why": MARKDOWN_HELP + FIGURES_HELP}


class ActionGroupForm(EditForm):
    class Meta:
        model = ActionGroup
        fields = ["title"]
        labels = {"title": "Theme (optional)"}


class ActionForm(EditForm):
    markdown_fields = ("text",)

    class Meta:
        model = Action
        fields = ["text"]
        labels = {"text": "We will:"}
        help_texts = {"text": MARKDOWN_HELP}

    required_messages = {"text": "Enter what we will do"}


class AreaPriorityForm(EditForm):
    class Meta:
        model = AreaPriority
        fields = ["area", "text"]
        labels = {"text": "Priority"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.plan is not None and self.user is not None:
            # A lead may only choose the areas they look after.
            self.fields["area"].queryset = editable_areas(self.user, self.plan)
        if self.instance.pk and self.user is not None and not can_edit_plan(self.user, self.plan):
            self.fields["area"].disabled = True

    required_messages = {"text": "Enter the priority"}
