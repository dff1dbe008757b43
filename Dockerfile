# Routewijzer as a container image. Build: docker build -t routewijzer .
# Run:   docker run --rm -p 8000:8000 routewijzer        (README.md, "Container image")
# Checked by hadolint in `make test` (tests/test_deploy.py); it cannot be built on the project's machines.

# Stage 1: wheels for the service and every dependency. durable-rules compiles a C extension, so gcc
# and the C headers are here, and only here.
FROM python:3.11-slim-bookworm AS build
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Exactly the locked versions, each checked against its hashes (make lock writes both files): first pip
# and setuptools, then the service's dependencies, none of the test tools. durable-rules comes as source
# and is built with the locked setuptools, without build isolation, so nothing unpinned is fetched.
COPY requirements-build.lock requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements-build.lock \
    && pip wheel --no-cache-dir --require-hashes --no-build-isolation --wheel-dir /wheels -r requirements.lock
COPY pyproject.toml README.md ./
COPY service service
COPY schemas schemas
RUN pip wheel --no-cache-dir --no-deps --no-build-isolation --wheel-dir /wheels .

# Stage 2: what runs: no compiler, no build files, a user without a shell or a home.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    ROUTEWIJZER_RULES=/app/rules \
    ROUTEWIJZER_FEATURES=/app/features
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-cache-dir --no-index /wheels/*.whl \
    && groupadd --system --gid 10001 routewijzer \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin routewijzer
WORKDIR /app
# The rulebook the image serves by default; mount another directory over /app/rules (read-only is
# enough) or point ROUTEWIJZER_RULES elsewhere. The master reloads when the files change.
COPY rules rules
COPY features features
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/v1/ready' % os.environ['PORT'], timeout=4)"]
CMD ["gunicorn", "-c", "python:routewijzer.gunicorn_conf", "routewijzer.web.app:create_app()"]
