# One image for the closet API and the Gradio demo (docker-compose.yml runs both from it):
#   closet serve --host 0.0.0.0            (default command, port 8000)
#   closet ui --host 0.0.0.0 --api URL     (port 7860)
# Neo4j itself runs from the official neo4j image; point NEO4J_URI / NEO4J_PASSWORD at it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CLOSET_CACHE_DIR=/var/cache/closet \
    GRADIO_ANALYTICS_ENABLED=False

WORKDIR /app

# Dependencies first, in a layer of their own (rebuilt only when pyproject.toml changes).
COPY pyproject.toml README.md ./
RUN mkdir closet && touch closet/__init__.py \
    && pip install . \
    && pip uninstall -y closet \
    && rm -rf closet build

# Then the code.
COPY . .
RUN pip install --no-deps . \
    && useradd --system --create-home --home-dir /home/closet closet \
    && mkdir -p "$CLOSET_CACHE_DIR" \
    && chown closet "$CLOSET_CACHE_DIR"

USER closet
EXPOSE 8000 7860
CMD ["closet", "serve", "--host", "0.0.0.0", "--port", "8000"]
