from django.urls import path

from . import health, task_views, views
from .editor import bulk_views
from .editor import views as edit_views
from .pdf import views as pdf_views

app_name = "plans"
item = "plans/<slug:slug>/edit/<slug:kind>/<int:pk>/"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("plans/<slug:slug>/", views.plan_detail, name="detail"),
    path("plans/<slug:slug>/pdf/", pdf_views.plan_pdf, name="pdf"),
    path("plans/<slug:slug>/history/", edit_views.plan_history, name="history"),
    path(
        "plans/<slug:slug>/history/deleted/<str:context_id>/restore/",
        edit_views.deletion_restore,
        name="deletion_restore",
    ),
    path("plans/<slug:slug>/edit/", edit_views.plan_edit, name="edit"),
    path("plans/<slug:slug>/edit/publish/", task_views.plan_publish, name="publish"),
    path("plans/<slug:slug>/edit/<slug:kind>/", edit_views.kind_list, name="edit_list"),
    path("plans/<slug:slug>/edit/<slug:kind>/add/", edit_views.item_add, name="edit_add"),
    path("plans/<slug:slug>/edit/<slug:kind>/finished/", task_views.task_mark, name="edit_task"),
    path("plans/<slug:slug>/edit/<slug:kind>/add-list/", bulk_views.items_paste, name="edit_paste"),
    path(item, edit_views.item_edit, name="edit_item"),
    path(item + "delete/", edit_views.item_delete, name="edit_item_delete"),
    path(item + "table/", bulk_views.item_table, name="edit_item_table"),
    path(item + "move/", edit_views.item_move, name="edit_item_move"),
    path(item + "history/", edit_views.item_history, name="edit_item_history"),
    path(item + "history/<int:event_id>/restore/", edit_views.item_restore, name="edit_item_restore"),
]
