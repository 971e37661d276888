from django.urls import path

from . import views

app_name = "evaluation"

N = "n/<slug:network_slug>/"

urlpatterns = [
    path(f"{N}evaluatie/", views.EvaluationView.as_view(), name="index"),
    path(
        f"{N}evaluatie/reflectie/<int:year>/",
        views.ReflectionView.as_view(),
        name="reflection",
    ),
    path(
        f"{N}evaluatie/reflectie/<int:year>/bewerken/",
        views.ReflectionEditView.as_view(),
        name="reflection_edit",
    ),
]
