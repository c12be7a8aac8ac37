from django.urls import path

from tonus.web.plans import views

app_name = "plans"

urlpatterns = [
    path("client/<int:client_id>/", views.plan_detail_view, name="plan-detail"),
    path("client/<int:client_id>/seed/", views.plan_seed_view, name="plan-seed"),
    path("client/<int:client_id>/muscles/add/", views.muscle_add_view, name="muscle-add"),
    path("client/<int:client_id>/muscles/<int:index>/move/", views.muscle_move_view,
         name="muscle-move"),
    path("client/<int:client_id>/muscles/<int:index>/remove/", views.muscle_remove_view,
         name="muscle-remove"),
    path("client/<int:client_id>/muscles/<int:index>/", views.muscle_update_view,
         name="muscle-update"),
    path("client/<int:client_id>/lines/", views.lines_update_view, name="lines-update"),
    path("visit/<int:visit_id>/handout.pdf", views.handout_pdf_view, name="handout-pdf"),
    path("visit/<int:visit_id>/referral/<int:index>.pdf", views.referral_letter_pdf_view,
         name="referral-letter-pdf"),
    path("visit/<int:visit_id>/red-flag/<int:index>.pdf", views.red_flag_letter_pdf_view,
         name="red-flag-letter-pdf"),
]
