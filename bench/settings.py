"""Settings for the HTTP benchmark's server: the project's settings plus the bench-hello/ view."""

from wijknet.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
