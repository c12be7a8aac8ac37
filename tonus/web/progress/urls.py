from django.urls import path

from tonus.web.progress import views

app_name = "progress"

urlpatterns = [
    path("sessions/<int:visit_id>/", views.session_edit_view, name="session-edit"),
    path("clients/<int:client_id>/", views.client_progress_view, name="client-progress"),
]
