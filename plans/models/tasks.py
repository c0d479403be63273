"""What people have decided about the parts of a draft plan on its task list: a part
is finished, or the plan does not need it. Not the plan's content: what is in a part
is computed from the content itself (see ``plans.tasks``)."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Now

from .document import Plan


class TaskState(models.TextChoices):
    COMPLETED = "completed", "Completed"
    NOT_NEEDED = "not_needed", "Not needed"


class PlanTask(models.Model):
    """A board officer's mark on one part of a plan's task list (a part is an editable
    kind with a ``task_group``, named by the kind's name). "Completed" holds until
    the part changes after ``marked_at``; "Not needed" while the part is empty."""

    State = TaskState

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    part = models.CharField(max_length=40)
    state = models.CharField(max_length=20, choices=State.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The database's clock, as the history's triggers use: the two are compared.
    marked_at = models.DateTimeField(db_default=Now())

    class Meta:
        verbose_name = "plan task mark"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "part"],
                name="plantask_unique_part",
                violation_error_message="This part of the plan is already marked",
                violation_error_code="unique_together",
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=TaskState.values),
                name="plantask_state_valid",
                violation_error_message="Choose whether the part is completed or not needed",
                violation_error_code="invalid_choice",
            ),
        ]

    def __str__(self):
        return f"{self.part}: {self.get_state_display()} ({self.plan})"
