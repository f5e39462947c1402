"""The Flask application factory."""

from __future__ import annotations

from typing import Any

from flask import Flask

from govrules.config import load_config
from govrules.web.views import (
    compare,
    dumps,
    health,
    linked_data,
    questions,
    search,
    sparql,
    validate,
)
from govrules.web.views import store as writes_view


def create_app(config: dict[str, Any] | None = None, *, store=None) -> Flask:
    """Create the service: defaults → ``GOVRULES_*`` environment → *config*.

    :param store: an open :class:`govrules.store.Store` to serve instead of opening one.
    """
    app = Flask(__name__)
    settings = load_config(config)
    app.config.update({"GOVRULES": settings})
    app.config["MAX_CONTENT_LENGTH"] = settings["max_body_bytes"]
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    from govrules.web import errors, service

    service.init_app(app, store=store)
    errors.init_app(app)
    app.register_blueprint(sparql.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(linked_data.bp)
    app.register_blueprint(questions.bp)
    app.register_blueprint(compare.bp)
    app.register_blueprint(dumps.bp)
    app.register_blueprint(validate.bp)
    app.register_blueprint(search.bp)
    app.register_blueprint(writes_view.bp)
    return app
