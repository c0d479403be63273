from django.apps import AppConfig


class PrioritiesConfig(AppConfig):
    name = "priorities"
    verbose_name = "Priorities"

    def ready(self):
        from . import blocks, edit_kinds

        blocks.register()
        edit_kinds.register_kinds()
