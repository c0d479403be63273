"""The partnership a request is about, resolved once per request from its URL: a
partnership's own pages name it (``<partnership>``), a plan's pages name the plan
(``plans/<slug>``) and the plan names its partnership. Nothing is read from the
database until a view's access policy first asks, so a cached public page costs no
query."""

from functools import cached_property

from django.http import Http404

from plans.access import membership
from plans.models import Partnership, Plan


class Tenancy:
    def __init__(self, user, *, partnership_slug: str | None = None, plan_slug: str | None = None):
        self.user = user
        self.partnership_slug = partnership_slug
        self.plan_slug = plan_slug

    @cached_property
    def plan(self) -> Plan | None:
        """The plan the URL names, with its partnership; None if the URL names none;
        404 if it names one that does not exist."""
        if self.plan_slug is None:
            return None
        plan = Plan.objects.with_partnership().filter(slug=self.plan_slug).first()
        if plan is None:
            raise Http404("No such plan")
        return plan

    @cached_property
    def partnership(self) -> Partnership | None:
        if self.plan_slug is not None:
            return self.plan.partnership
        if self.partnership_slug is None:
            return None
        partnership = Partnership.objects.filter(slug=self.partnership_slug).first()
        if partnership is None:
            raise Http404("No such partnership")
        return partnership

    @property
    def membership(self):
        """The person's membership of that partnership, or None."""
        partnership = self.partnership
        return membership(self.user, partnership.pk) if partnership else None


class TenancyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        plan_slug = view_kwargs.get("slug") if match and match.app_name == "plans" else None
        request.tenancy = Tenancy(
            request.user, partnership_slug=view_kwargs.get("partnership"), plan_slug=plan_slug
        )
        return None
