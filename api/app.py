"""The FastAPI application: `create_app()` (uvicorn factory) wires routers, errors, lifespan."""

from __future__ import annotations

import importlib

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.deps import install_error_handlers, lifespan
from api.models import ErrorBody
from core import __version__
from core.settings import Settings

ROUTERS = ("health", "items", "outfits", "closets")


def create_app(settings: Settings | None = None) -> FastAPI:
    """A new app bound to the configured Neo4j (the driver is created at startup)."""
    app = FastAPI(
        title="closet API",
        version=__version__,
        description="Outfit recommendations from a Neo4j outfit graph.",
        lifespan=lifespan,
        responses={503: {"model": ErrorBody, "description": "Neo4j is unavailable"}},
    )
    app.state.settings = settings or Settings()
    app.add_middleware(
        CORSMiddleware, allow_origins=["http://127.0.0.1:7860", "http://localhost:7860"]
    )
    install_error_handlers(app)
    for name in ROUTERS:
        try:
            module = importlib.import_module(f"api.routes.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"api.routes.{name}":
                continue  # that resource is not part of this checkout yet
            raise
        app.include_router(module.router)
    return app
