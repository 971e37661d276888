from django.urls import path

from . import views

app_name = "roadmap"

urlpatterns = [
    path("n/<slug:network_slug>/stappenplan/", views.RoadmapView.as_view(), name="overview"),
    path(
        "n/<slug:network_slug>/stappenplan/<slug:step_key>/", views.StepView.as_view(), name="step"
    ),
]
