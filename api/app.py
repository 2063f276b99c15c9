"""The FastAPI application: `create_app()` (uvicorn factory) wires routers, errors, lifespan."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.bodylimit import BodyLimits
from api.deps import lifespan
from api.errors import EVERY_ROUTE, install_error_handlers
from api.hosts import TrustedHosts
from api.ratelimit import RateLimits
from api.routes import closets, health, items, outfits
from core import __version__
from core.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    """A new app bound to the configured Neo4j (the driver is created at startup)."""
    app = FastAPI(
        title="closet API",
        version=__version__,
        description="Outfit recommendations from a Neo4j outfit graph.",
        lifespan=lifespan,
        responses=EVERY_ROUTE,
    )
    app.state.settings = settings = settings or Settings()
    app.add_middleware(
        CORSMiddleware, allow_origins=["http://127.0.0.1:7860", "http://localhost:7860"]
    )
    app.add_middleware(
        RateLimits,
        closets_per_minute=settings.closets_per_minute,
        writes_per_minute=settings.writes_per_minute,
    )
    app.add_middleware(BodyLimits)
    app.add_middleware(TrustedHosts, allowed_hosts=list(settings.allowed_hosts))
    install_error_handlers(app)
    for module in (health, items, outfits, closets):
        app.include_router(module.router)
    return app
