from django.urls import path

from tonus.web.outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("clients/<int:client_id>/progress-report.pdf", views.progress_report_view,
         name="progress-report"),
    path("visits/<int:visit_id>/<slug:instrument>/", views.questionnaire_record_view,
         name="record"),
]
