from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Plans"

    def ready(self):
        from . import blocks, edit_kinds

        blocks.register_builtin()
        edit_kinds.register_builtin()
