"""Two-factor pages: set up an authenticator app (QR code as inline SVG), enter a code, and see
or remove the second factor."""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from . import twofactor
from .twofactor_forms import PasswordConfirmForm, TokenForm


def safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, request) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    url = reverse(name)
    return url + "?" + urlencode({"next": target}) if target else url


def qr_svg(text: str) -> str:
    """The QR code as inline SVG markup (the CSP allows no inline script, but inline SVG)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    svg = svg.replace(
        "<svg ",
        '<svg class="qr" role="img" aria-labelledby="qr-title" ',
        1,
    )
    start = svg.index(">") + 1
    title = '<title id="qr-title">' + _("QR-code voor de authenticator-app") + "</title>"
    background = '<rect width="100%" height="100%" fill="#fff"/>'
    return mark_safe(svg[:start] + title + background + svg[start:])  # noqa: S308 - our markup


def grouped_secret(device) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@method_decorator(never_cache, name="dispatch")
class TwoFactorSetupView(LoginRequiredMixin, View):
    template_name = "accounts/twofactor_setup.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and twofactor.confirmed_device(request.user):
            # Adding another device needs the first one: verify, then reset from the overview.
            if request.user.is_verified():
                return redirect("accounts:twofactor")
            return redirect(_with_next("accounts:twofactor_verify", request))
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, device, form, error=""):
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "qr": qr_svg(device.config_url),
                "secret": grouped_secret(device),
                "next": request.POST.get("next") or request.GET.get("next", ""),
                "error": error,
            },
        )

    def get(self, request):
        device = twofactor.device_for_setup(request.user)
        return self.render(request, device, TokenForm())

    def post(self, request):
        device = twofactor.device_for_setup(request.user)
        form = TokenForm(request.POST)
        if not form.is_valid():
            return self.render(request, device, form)
        blocked = twofactor.throttle_message(device)
        if blocked:
            return self.render(request, device, form, blocked)
        if not twofactor.device_confirm(
            acting_user=request.user,
            request=request,
            device=device,
            token=form.cleaned_data["code"],
        ):
            return self.render(request, device, form, _WRONG_CODE())
        messages.success(request, _("Tweestapsverificatie staat aan."))
        return redirect(safe_next(request))


def _WRONG_CODE() -> str:  # noqa: N802 - reads like a constant, translated per request
    return _(
        "Deze code klopt niet of is al gebruikt. Wacht op de volgende code in de app en "
        "controleer de tijd op je telefoon."
    )


@method_decorator(never_cache, name="dispatch")
class TwoFactorVerifyView(LoginRequiredMixin, View):
    template_name = "accounts/twofactor_verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not twofactor.confirmed_device(request.user):
            return redirect(_with_next("accounts:twofactor_setup", request))
        return super().dispatch(request, *args, **kwargs)

    def render(self, request, form, error=""):
        next_url = request.POST.get("next") or request.GET.get("next", "")
        return render(request, self.template_name, {"form": form, "next": next_url, "error": error})

    def get(self, request):
        if request.user.is_verified():
            return redirect(safe_next(request))
        return self.render(request, TokenForm())

    def post(self, request):
        form = TokenForm(request.POST)
        if not form.is_valid():
            return self.render(request, form)
        device = twofactor.confirmed_device(request.user)
        blocked = twofactor.throttle_message(device)
        if blocked:
            return self.render(request, form, blocked)
        if not twofactor.session_verify(request=request, token=form.cleaned_data["code"]):
            return self.render(request, form, _WRONG_CODE())
        return redirect(safe_next(request))


@method_decorator(never_cache, name="dispatch")
class TwoFactorView(LoginRequiredMixin, View):
    """Whether the second factor is on; removing it (a verified session and the password)."""

    template_name = "accounts/twofactor.html"

    def render(self, request, form=None):
        device = twofactor.confirmed_device(request.user)
        return render(
            request,
            self.template_name,
            {
                "device": device,
                "verified": request.user.is_verified(),
                "form": form or PasswordConfirmForm(user=request.user),
            },
        )

    def get(self, request):
        return self.render(request)

    def post(self, request):
        if not twofactor.confirmed_device(request.user) or not request.user.is_verified():
            return redirect(_with_next("accounts:twofactor_verify", request))
        form = PasswordConfirmForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render(request, form)
        twofactor.devices_remove(acting_user=request.user)
        messages.success(
            request,
            _(
                "Tweestapsverificatie is verwijderd. Stel hem opnieuw in om weer bij "
                "cliëntgegevens te kunnen."
            ),
        )
        return redirect("accounts:twofactor")
