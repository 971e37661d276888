from django.urls import include, path

from . import views

app_name = "evaluation"

N = "n/<slug:network_slug>/"

pages = [
    path("evaluatie/", views.EvaluationView.as_view(), name="index"),
    path(
        "evaluatie/reflectie/<int:year>/",
        views.ReflectionView.as_view(),
        name="reflection",
    ),
    path(
        "evaluatie/reflectie/<int:year>/bewerken/",
        views.ReflectionEditView.as_view(),
        name="reflection_edit",
    ),
]

# Mounted under one prefix: the resolver tries it once instead of every pattern in turn.
urlpatterns = [path(N, include(pages))]
