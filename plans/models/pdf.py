"""Plans' PDFs as rendered, kept so that unchanged content is never rendered twice."""

from django.db import models

from .document import Plan


class RenderedPDF(models.Model):
    """One rendering of a plan's PDF (see ``plans.pdf.cache``).

    ``content_hash`` fingerprints the plan's content in the database and
    ``layout_hash`` the templates, stylesheet and fonts that drew it. A draft's PDF is
    looked up by both and replaced when either changes; a published plan's PDF is
    ``pinned``: looked up by its content alone and never replaced, so the document
    the partnership published stays the same, byte for byte."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rendered_pdfs")
    content_hash = models.CharField(max_length=64)
    layout_hash = models.CharField(max_length=64)
    pinned = models.BooleanField(
        default=False, help_text="Rendered for a published plan: kept as it is, whatever the layout."
    )
    pdf = models.BinaryField()
    size = models.PositiveIntegerField(help_text="Bytes.")
    created_at = models.DateTimeField(auto_now_add=True)

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
