# One image for every process; the command picks the process, e.g.
#   docker run pipewise python -m services.opportunity.entrypoints.api
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN useradd --create-home --uid 10001 pipewise

COPY requirements.lock pyproject.toml ./
RUN pip install -r requirements.lock

COPY contracts ./contracts
COPY servicekit ./servicekit
COPY services ./services
COPY gateway ./gateway
COPY scripts ./scripts
RUN pip install --no-deps . && python -c "import gateway, services, servicekit, contracts"

USER pipewise
# Inside a container every process listens on all interfaces; the probes answer on their ports.
ENV LISTEN_HOST=0.0.0.0
EXPOSE 8000
CMD ["python", "-m", "gateway.entrypoints.app"]
