from django.urls import path

from . import views

app_name = "mywork"

urlpatterns = [
    path("n/<slug:network_slug>/mijn-werk/", views.MyWorkView.as_view(), name="home"),
]
