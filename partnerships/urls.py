from django.urls import path

from . import views

app_name = "partnerships"
one = "partnerships/<slug:partnership>/"
urlpatterns = [
    path("partnerships/", views.partnership_list, name="list"),
    path("partnerships/new/", views.partnership_new, name="new"),
    path(one, views.partnership_detail, name="detail"),
    path(one + "details/", views.partnership_settings, name="settings"),
    path(one + "areas/", views.area_list, name="areas"),
    path(one + "areas/<int:pk>/", views.area_edit, name="area_edit"),
    path(one + "areas/<int:pk>/delete/", views.area_delete, name="area_delete"),
    path(one + "people/", views.people, name="people"),
    path(one + "people/invite/", views.person_invite, name="invite"),
    path(one + "people/record/", views.people_log, name="people_log"),
    path(one + "people/<int:pk>/", views.person_edit, name="person_edit"),
    path(one + "people/<int:pk>/remove/", views.person_remove, name="person_remove"),
    path(one + "invitations/<int:pk>/withdraw/", views.invitation_withdraw, name="invitation_withdraw"),
    path(one + "plans/new/", views.plan_new, name="plan_new"),
    path("invitations/<str:token>/", views.accept, name="accept"),
]
