"""Plans' PDFs as rendered, kept so that unchanged content is never rendered twice,
and the renders asked of the background worker."""

from django.db import models
from django.db.models.functions import Now

from .base import SHORT_TEXT_MAX_LENGTH, at_most
from .document import Plan


class RenderedPDF(models.Model):
    """One rendering of a plan's PDF (see ``plans.pdf.cache``).

    ``content_hash`` fingerprints the plan's content in the database and
    ``layout_hash`` the templates, stylesheet and fonts that drew it. A draft's PDF is
    looked up by both and replaced when either changes; a published plan's PDF is
    ``pinned``: looked up by its content alone and never replaced, so the document
    the partnership published stays the same, byte for byte.

    ``plan_saved_at`` is the version key of a pinned PDF: the published plan's
    ``updated_at`` when the PDF was found to show its content. A published plan's
    content cannot change, so while its row is not saved again the download finds
    its PDF by this key alone, without fingerprinting the content."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rendered_pdfs")
    content_hash = models.CharField(max_length=64)
    layout_hash = models.CharField(max_length=64)
    pinned = models.BooleanField(
        default=False, help_text="Rendered for a published plan: kept as it is, whatever the layout."
    )
    pdf = models.BinaryField()
    size = models.PositiveIntegerField(help_text="Bytes.")
    created_at = models.DateTimeField(auto_now_add=True)
    plan_saved_at = models.DateTimeField(
        null=True, blank=True, help_text="A pinned PDF: the published plan's last save it shows."
    )

    class Meta:
        verbose_name = "rendered PDF"
        verbose_name_plural = "rendered PDFs"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "content_hash", "layout_hash"],
                name="renderedpdf_unique_rendering",
                violation_error_message="A PDF of this version of the plan has already been made",
                violation_error_code="unique_together",
            ),
        ]

    def __str__(self):
        return f"PDF of {self.plan} ({self.content_hash[:12]})"


class PDFRenderStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for the worker"
    RUNNING = "running", "Being rendered"
    DONE = "done", "Rendered"
    FAILED = "failed", "Failed"
    TIMED_OUT = "timed_out", "Took too long"


class PDFRender(models.Model):
    """One version of a plan's PDF asked of the background worker (see
    ``plans.pdf.tasks``): at most one row, and so one queued task, per plan, content
    and layout. A render that failed or took too long stays so, and the download
    says so, until the content or the layout changes (a new version: a new row)."""

    Status = PDFRenderStatus

    # Deleted with the plan, but not the plan's content: ``plans.content`` takes the
    # tables whose visible relations cascade from Plan for content, and this
    # relation is hidden (``+``), so a render's progress never changes the fingerprint.
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    content_hash = models.CharField(max_length=64)
    layout_hash = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0, help_text="Renders started.")
    task_id = models.CharField(max_length=64, blank=True, help_text="The last task enqueued for it.")
    error = models.TextField(
        max_length=SHORT_TEXT_MAX_LENGTH,
        blank=True,
        help_text="Why it failed (its end), for the people who run the service.",
    )
    # The database's clock, which the worker and every web process share.
    enqueued_at = models.DateTimeField(db_default=Now())
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "PDF render"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "content_hash", "layout_hash"],
                name="pdfrender_one_per_version",
                violation_error_message="This version of the plan's PDF has already been asked for",
                violation_error_code="unique_together",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=PDFRenderStatus.values),
                name="pdfrender_status_valid",
                violation_error_message="Not a status of a PDF render",
                violation_error_code="invalid_choice",
            ),
            at_most("error", SHORT_TEXT_MAX_LENGTH, "pdfrender", "The error"),
        ]

    def __str__(self):
        return f"PDF render of {self.plan} ({self.content_hash[:12]}): {self.get_status_display()}"
