"""The one way a page that shows personal data logs its reads (NEN 7513).

`LoggedReadMixin` loads the page's subject (a 404 when the viewer may not see it), writes the
access-log record and renders the response in ONE transaction: when the record cannot be
written, the page fails with it; when the page fails after all (403, 404 of a sub-object), the
record rolls back with it. Only GET/HEAD requests of views that have a `get()` are logged here —
exactly one record per read; POSTs are logged by the service that writes.

Used by casework (clients), volunteering (help-seekers) and referrals (referred residents).
Put it after OTPRequiredMixin and NetworkViewMixin, so the second factor and the role's
permission are checked before anything is loaded or logged.
"""

from django.db import transaction

from .models import Action
from .services import record_access


class LoggedReadMixin:
    log_category = ""
    log_action = Action.READ

    def load_subject(self, request, *args, **kwargs) -> None:
        """Load what the page shows (set attributes on self); raise Http404 when the viewer may
        not see it."""
        raise NotImplementedError(f"{type(self).__name__} must define load_subject()")

    def log_subject_uuid(self):
        """The UUID the access log keys this person by (see docs/privacy.md)."""
        raise NotImplementedError(f"{type(self).__name__} must define log_subject_uuid()")

    def log_consent(self):
        return None

    def log_detail(self) -> str:
        return ""

    def log_read(self, request) -> None:
        record_access(
            user=request.user,
            network=self.network,
            client_uuid=self.log_subject_uuid(),
            action=self.log_action,
            category=self.log_category,
            consent=self.log_consent(),
            request=request,
            detail=self.log_detail(),
        )

    def dispatch(self, request, *args, **kwargs):
        with transaction.atomic():
            self.load_subject(request, *args, **kwargs)
            if request.method in ("GET", "HEAD") and hasattr(self, "get"):
                self.log_read(request)
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
            return response
