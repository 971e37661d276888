from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    # The network is named `public_slug`, not `network_slug`: no membership is needed.
    path("wijk/<slug:public_slug>/", views.PublicNetworkView.as_view(), name="page"),
    path("n/<slug:network_slug>/openbare-pagina/", views.SettingsView.as_view(), name="settings"),
]
