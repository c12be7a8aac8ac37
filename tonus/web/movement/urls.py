from django.urls import path

from tonus.web.movement import views

app_name = "movement"

urlpatterns = [
    path("visits/<int:visit_id>/movement/", views.visit_movement_view, name="visit-movement"),
    path("visits/<int:visit_id>/movement/<str:slot>/", views.clip_upload_view,
         name="clip-upload"),
    path("clips/<int:clip_id>/status/", views.clip_status_view, name="clip-status"),
    path("clips/<int:clip_id>/clip.mp4", views.clip_video_view, name="clip-video"),
    path("clips/<int:clip_id>/", views.clip_review_view, name="clip-review"),
    path("clips/<int:clip_id>/decide/", views.decide_view, name="clip-decide"),
    path("decisions/<int:decision_id>/undo/", views.decision_undo_view, name="decision-undo"),
]
