from django.urls import include, path

from . import views

app_name = "roadmap"

BASE = "n/<slug:network_slug>/stappenplan/"

pages = [
    path("", views.RoadmapView.as_view(), name="overview"),
    path("<slug:step_key>/", views.StepView.as_view(), name="step"),
]

# Mounted under one prefix: the resolver tries it once instead of every pattern in turn.
urlpatterns = [path(BASE, include(pages))]
