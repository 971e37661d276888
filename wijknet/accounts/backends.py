"""The authentication backend: Django's ModelBackend, with a cheaper `get_user`.

`get_user` runs on every request of a logged-in user. ModelBackend builds and compiles
`User.objects.get(pk=…)` each time, about a third of a millisecond of Python for a 0.2 ms
query; here the query is written once per process (core/joined.py). Passwords, permissions
and `user_can_authenticate` are ModelBackend's own.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from wijknet.core import joined


class UserBackend(ModelBackend):
    def get_user(self, user_id):
        user = joined.get(get_user_model(), user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


# The dotted path, for `login(…, backend=PATH)` where a view logs a user in without a password
# (an accepted invitation, a resident's link); settings.AUTHENTICATION_BACKENDS names it too.
PATH = f"{__name__}.{UserBackend.__qualname__}"
