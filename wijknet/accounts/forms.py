from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from wijknet.core.tasks import send_email

from .lockout import normalise_login


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "Deze combinatie van e-mailadres en wachtwoord klopt niet. Let op: het "
            "wachtwoord is hoofdlettergevoelig."
        ),
        "inactive": _("Dit account is niet actief."),
    }

    def clean_username(self):
        # Normalised before authentication, exactly as axes normalises it before counting.
        return normalise_login(self.cleaned_data["username"])


class QueuedPasswordResetForm(PasswordResetForm):
    """Renders the reset mail in the request but leaves the sending to the task worker."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_email.enqueue(subject=subject, body=body, to=[to_email])
