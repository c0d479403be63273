"""The product's own name where no request's context is at hand: the error pages
Django renders bare (400, 500) and emails (``{% load product %}{% product_name %}``).
Pages rendered with a request have it as ``PRODUCT_NAME``."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def product_name() -> str:
    return settings.PRODUCT_NAME
