from django.urls import include, path

from . import views

app_name = "initiatives"

N = "n/<slug:network_slug>/initiatieven/"
ONE = "<uuid:initiative_uuid>/"

pages = [
    path("", views.ListPage.as_view(), name="list"),
    path("nieuw/", views.CreatePage.as_view(), name="create"),
    path("reactietermijn/", views.SettingsPage.as_view(), name="settings"),
    path(ONE, views.DetailPage.as_view(), name="detail"),
    path(f"{ONE}bewerken/", views.EditPage.as_view(), name="edit"),
    path(f"{ONE}steunen/", views.SupportPage.as_view(), name="support"),
    path(f"{ONE}steun-intrekken/", views.WithdrawSupportPage.as_view(), name="withdraw_support"),
    path(f"{ONE}reageren/", views.RespondPage.as_view(), name="respond"),
    path(f"{ONE}doel-maken/", views.AdoptPage.as_view(), name="adopt"),
]

# Mounted under one prefix: the resolver tries it once instead of every pattern in turn.
urlpatterns = [path(N, include(pages))]
