from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = "Funding"

    def ready(self):
        from . import blocks, edit_kinds

        blocks.register()
        edit_kinds.register_kinds()
