from django.urls import path

from tonus.web.intake import views

app_name = "intake"

urlpatterns = [
    path("client/<int:client_id>/new/", views.intake_link_create_view, name="link-create"),
    path("link/<int:link_id>/revoke/", views.intake_link_revoke_view, name="link-revoke"),
    path("review/<int:submission_id>/", views.intake_review_view, name="review"),
    # the public form: the token is the only credential (kept last: it matches anything)
    path("<str:token>/", views.intake_form_view, name="form"),
]
