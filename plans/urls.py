from django.urls import path

from . import pdf_views, views

app_name = "plans"
urlpatterns = [
    path("", views.home, name="home"),
    path("plans/<slug:slug>/", views.plan_detail, name="detail"),
    path("plans/<slug:slug>/pdf/", pdf_views.plan_pdf, name="pdf"),
]
