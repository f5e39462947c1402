"""The WSGI entry point for production servers: ``gunicorn govrules.web.wsgi:app``."""

from govrules.web.app import create_app

app = create_app()
