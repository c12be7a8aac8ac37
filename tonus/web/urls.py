from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="clients:client-list"), name="home"),
    path("accounts/", include("tonus.web.accounts.urls")),
    path("clients/", include("tonus.web.clients.urls")),
    path("audit/", include("tonus.web.audit.urls")),
    path("visits/", include("tonus.web.visits.urls")),
    path("plans/", include("tonus.web.plans.urls")),
    path("api/", include("tonus.web.api")),
    path("posture/", include("tonus.web.posture.urls")),
    path("movement/", include("tonus.web.movement.urls")),
    path("progress/", include("tonus.web.progress.urls")),
    path("intake/", include("tonus.web.intake.urls")),
    path("outcomes/", include("tonus.web.outcomes.urls")),
    path("admin/", admin.site.urls),
]

# Errors under /api/ answer JSON like the rest of the API (tonus.web.api_errors); elsewhere
# the error pages keep the app's navigation (tonus.web.errors).
handler404 = "tonus.web.api_errors.not_found"
handler500 = "tonus.web.api_errors.server_error"
