from django.urls import path

from tonus.web.clients import erasure_views, views

app_name = "clients"

urlpatterns = [
    path("", views.client_list_view, name="client-list"),
    path("new/", views.client_create_view, name="client-create"),
    path("<int:client_id>/", views.client_detail_view, name="client-detail"),
    path("<int:client_id>/edit/", views.client_update_view, name="client-update"),
    path("<int:client_id>/screening/", views.client_screening_view, name="client-screening"),
    path("<int:client_id>/consent/", views.client_consent_view, name="client-consent"),
    path("<int:client_id>/erase/", erasure_views.client_erase_view, name="client-erase"),
    path("visits/<int:visit_id>/delete/", erasure_views.visit_delete_view, name="visit-delete"),
]
