from django.conf import settings


def product(request) -> dict:
    """The product's own name (``settings.PRODUCT_NAME``) as ``PRODUCT_NAME``."""
    return {"PRODUCT_NAME": settings.PRODUCT_NAME}
