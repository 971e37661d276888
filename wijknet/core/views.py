"""View mixins shared by all network pages."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied


class NetworkViewMixin(LoginRequiredMixin):
    """A page inside one network. The middleware already checked current membership and
    activated the scope; this mixin checks the role's permission for this page.

    `permission` names a permission of `networks.roles`; a member whose role lacks it gets 403
    (they know the network exists, so this reveals nothing).
    """

    permission: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if request.membership is None:  # pragma: no cover - the middleware guarantees it
            raise PermissionDenied
        if not self.permission or not request.membership.can(self.permission):
            raise PermissionDenied
        self.network = request.network
        self.membership = request.membership
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["network"] = self.network
        context["membership"] = self.membership
        return context
