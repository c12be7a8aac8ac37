from django.urls import path

from tonus.web.visits import views

app_name = "visits"

urlpatterns = [
    path("new/<int:client_id>/", views.visit_create_view, name="visit-create"),
    path("<int:visit_id>/", views.visit_detail_view, name="visit-detail"),
    path("<int:visit_id>/drawing/", views.visit_drawing_view, name="visit-drawing"),
    path("<int:visit_id>/findings/<slug:kind>/", views.visit_finding_add_view,
         name="finding-add"),
    path("<int:visit_id>/findings/<slug:kind>/<int:index>/remove/",
         views.visit_finding_remove_view, name="finding-remove"),
    path("<int:visit_id>/charts/<int:rank>.svg", views.hypothesis_chart_view,
         name="hypothesis-chart"),
]
