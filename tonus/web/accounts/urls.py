"""Log in, log out, change and reset a password: Django's own views with our templates."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from tonus.web.accounts import clinic, team_views, token_views

app_name = "accounts"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(
            success_url=reverse_lazy("accounts:password-change-done")
        ),
        name="password-change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password-change-done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            success_url=reverse_lazy("accounts:password-reset-done"),
            email_template_name="registration/password_reset_email.txt",
        ),
        name="password-reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password-reset-complete")
        ),
        name="password-reset-confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("clinic/", clinic.clinic_settings_view, name="clinic-settings"),
    path("api-tokens/", token_views.token_list_view, name="api-tokens"),
    path("api-tokens/new/", token_views.token_create_view, name="api-token-create"),
    path(
        "api-tokens/<int:token_id>/revoke/", token_views.token_revoke_view,
        name="api-token-revoke",
    ),
    path("team/", team_views.team_view, name="team"),
    path("team/<int:user_id>/deactivate/", team_views.member_deactivate_view,
         name="team-deactivate"),
    path("team/<int:user_id>/reactivate/", team_views.member_reactivate_view,
         name="team-reactivate"),
    path("team/<int:user_id>/unlock/", team_views.member_unlock_view, name="team-unlock"),
]
