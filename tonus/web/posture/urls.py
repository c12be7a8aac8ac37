from django.urls import path

from tonus.web.posture import views

app_name = "posture"

urlpatterns = [
    path("visits/<int:visit_id>/photos/", views.visit_photos_view, name="visit-photos"),
    path("visits/<int:visit_id>/photos/<str:view>/", views.photo_upload_view, name="photo-upload"),
    path("visits/<int:visit_id>/height/", views.session_height_view, name="session-height"),
    path("photos/<int:photo_id>/status/", views.photo_status_view, name="photo-status"),
    path("photos/<int:photo_id>/image.jpg", views.photo_image_view, name="photo-image"),
    path("photos/<int:photo_id>/", views.photo_landmarks_view, name="photo-landmarks"),
    path("photos/<int:photo_id>/landmark/", views.landmark_move_view, name="landmark-move"),
    path("photos/<int:photo_id>/use/", views.measures_use_view, name="measures-use"),
]
