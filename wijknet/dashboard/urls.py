from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("n/<slug:network_slug>/", views.DashboardView.as_view(), name="index"),
]
