"""core's own pages. The view mixins every app uses live in core/mixins.py."""

from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from . import health


@never_cache
def healthz(request):
    """Liveness and readiness for load balancers and monitoring: JSON, no login, no data.
    200 when every check passes, else 503; the body names each check and whether it passed."""
    ok, checks = health.run_checks()
    return JsonResponse(
        {"status": "ok" if ok else "fail", "checks": checks}, status=200 if ok else 503
    )
