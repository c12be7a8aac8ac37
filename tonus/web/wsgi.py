"""WSGI entry point (``gunicorn tonus.web.wsgi``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tonus.web.settings")

application = get_wsgi_application()
