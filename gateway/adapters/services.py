"""Calls to the services' own GraphQL APIs over HTTP: kept-alive connections per service
(``service_http.py``, aiohttp) for GraphQL calls, httpx for multipart uploads and streamed downloads.

Every call carries the caller's identity signed with the internal secret and the request's
correlation id. A service's expected errors (with ``extensions.code``) reach the client unchanged;
a service that is down or slow becomes ``SERVICE_UNAVAILABLE``.
"""

from __future__ import annotations

import json
import time
from collections import Counter as CallCounter
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
import orjson
from cachetools import TTLCache
from prometheus_client import Counter, Histogram

from gateway.adapters.service_http import Answer, CallFailed, ServiceHttp
from servicekit.i18n import LOCALE_HEADER, current_locale
from servicekit.identity import IDENTITY_HEADER, Identity, sign_identity
from servicekit.logs import CORRELATION_HEADER, correlation_id, get_logger

log = get_logger(__name__)

SERVICE_CALLS = Counter("gateway_service_calls_total", "Calls to services", ["service", "outcome"])
SERVICE_LATENCY = Histogram("gateway_service_call_seconds", "Service call latency", ["service"])

_IDENTITY_TTL = timedelta(minutes=5)
_RESIGN_AFTER_SECONDS = 120.0
# graphql-core stops at the first error that nulls the answer, so each retry learns of one or
# a few failing aliases; past this many tries the rest are reported unavailable.
_ALIASED_ATTEMPTS = 3


class ServiceError(Exception):
    """An expected error a service returned; carries its code so the gateway passes it on."""

    def __init__(self, code: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details


class ServiceUnavailable(ServiceError):
    def __init__(self, service: str) -> None:
        super().__init__("SERVICE_UNAVAILABLE", f"The {service} service is not answering; try again shortly.")


class _IdentitySigner:
    """Signs each identity once every couple of minutes instead of on every call; the signature
    stays valid for longer than it is reused, so a service never sees an expired one."""

    def __init__(self, secret: str, clock: Callable[[], float] = time.monotonic) -> None:
        self._secret = secret
        self._signed: TTLCache[Identity, str] = TTLCache(10_000, _RESIGN_AFTER_SECONDS, timer=clock)

    def header(self, identity: Identity) -> str:
        token = self._signed.get(identity)
        if token is None:
            token = self._signed[identity] = sign_identity(identity, self._secret, ttl=_IDENTITY_TTL)
        return token


class ServiceClient:
    """One service's GraphQL endpoint. ``calls`` counts requests made (tests read it)."""

    def __init__(
        self, name: str, url: str, http: httpx.AsyncClient, signer: _IdentitySigner, calls: ServiceHttp
    ) -> None:
        self.name = name
        self.url = url
        self.http = http
        """For uploads and streamed downloads; GraphQL calls go over ``calls``."""
        self._calls = calls
        self._signer = signer
        self.calls: CallCounter[str] = CallCounter()
        self.slow_timeout: float | None = None
        """The time-out of calls made ``slow`` (None: the usual one)."""
        self.after_mutation: list[Callable[[str], None]] = []
        """Called with each mutation document once it was sent, whatever its outcome (it may have
        been applied even when the answer was lost): the catalogue cache forgets what it may
        change."""

    async def execute(
        self, query: str, variables: dict[str, Any] | None, identity: Identity, *, slow: bool = False
    ) -> dict[str, Any]:
        """The ``data`` of a query; the first error the service reports is raised. ``slow``: a
        call that may rightly take long (a bulk assignment of 10,000) gets ``slow_timeout``."""
        response = await self._post(query, variables, identity, timeout=self.slow_timeout if slow else None)
        return self._result(response)

    async def execute_aliased(
        self, call: str, ids: list[str], selection: str, identity: Identity
    ) -> list[Any]:
        """One root field asked for many ids in one document, an alias each:
        ``query($v0: ID!, ...) { a0: pendingAlerts(opportunityId: $v0) { ... } ... }``.

        ``call`` is the field with its argument, e.g. ``pendingAlerts(opportunityId: $)``; the ids
        travel as variables, so a batch of the same size is the same document (a service's parse
        cache answers it) and no id is ever spliced into the text.

        Returns, per id, its data or the ``ServiceError`` it failed with. An error in a non-null
        root field nulls the whole answer, so the aliases that failed are dropped and the rest
        asked again: a few calls at most, whatever the batch size.
        """
        results: dict[int, Any] = {}
        pending = list(range(len(ids)))
        for _attempt in range(_ALIASED_ATTEMPTS):
            if not pending:
                break
            declared = ", ".join(f"$v{i}: ID!" for i in pending)
            fields = " ".join(f"a{i}: {call.replace('$', f'$v{i}')} {{ {selection} }}" for i in pending)
            response = await self._post(
                f"query({declared}) {{ {fields} }}", {f"v{i}": ids[i] for i in pending}, identity
            )
            body = self._json(response)
            failed = {int(alias[1:]): error for alias, error in self._alias_errors(body).items()}
            results.update(failed)
            data = body.get("data") or {}
            results.update({i: data[f"a{i}"] for i in pending if f"a{i}" in data and i not in failed})
            pending = [i for i in pending if i not in results]
        for i in pending:
            results[i] = ServiceUnavailable(self.name)
        SERVICE_CALLS.labels(self.name, "ok").inc()
        return [results[i] for i in range(len(ids))]

    async def execute_listed(
        self, query: str, variables: dict[str, Any], field: str, count: int, identity: Identity
    ) -> list[Any]:
        """A root ``field`` answering a list of ``count`` ids with one item each, in order.

        Returns, per index, its item or the ``ServiceError`` the service reported at that index
        (``path: [field, i]``); an error about the whole call is raised as ``execute`` does.
        """
        body = self._json(await self._post(query, variables, identity))
        items = (body.get("data") or {}).get(field)
        if not isinstance(items, list) or len(items) != count:
            # Not the per-item answer (the whole call failed): report it the usual way.
            self._data(body, failed=True)
            raise ServiceUnavailable(self.name)
        failed: dict[int, ServiceError] = {}
        for error in body.get("errors") or []:
            path = error.get("path") or []
            code = (error.get("extensions") or {}).get("code", "INTERNAL_ERROR")
            if len(path) != 2 or not isinstance(path[1], int) or code == "INTERNAL_ERROR":
                log.error("service refused a gateway query", service=self.name, error=error)
                raise RuntimeError(f"{self.name}: {error.get('message')}")
            failed[path[1]] = ServiceError(code, str(error.get("message", "")))
        SERVICE_CALLS.labels(self.name, "ok").inc()
        return [failed.get(i, item) for i, item in enumerate(items)]

    def _alias_errors(self, body: dict[str, Any]) -> dict[str, ServiceError]:
        failures: dict[str, ServiceError] = {}
        for error in body.get("errors") or []:
            path = error.get("path") or []
            code = (error.get("extensions") or {}).get("code", "INTERNAL_ERROR")
            if not path or code in ("INTERNAL_ERROR", "GRAPHQL_VALIDATION_FAILED"):
                log.error("service refused a gateway query", service=self.name, error=error)
                raise RuntimeError(f"{self.name}: {error.get('message')}")
            failures[str(path[0])] = ServiceError(code, str(error.get("message", "")))
        return failures

    async def execute_upload(
        self,
        query: str,
        variables: dict[str, Any],
        files: dict[str, tuple[str, bytes, str]],
        identity: Identity,
    ) -> dict[str, Any]:
        """A GraphQL multipart request: ``files`` maps a variable path (``variables.files.0``)
        to (filename, bytes, content type)."""
        operations = {"query": query, "variables": variables}
        keys = list(files)
        form = {
            "operations": json.dumps(operations),
            "map": json.dumps({str(i): [k] for i, k in enumerate(keys)}),
        }
        parts = {str(i): files[k] for i, k in enumerate(keys)}
        headers = self._headers(identity)
        self.calls["total"] += 1
        try:
            response = await self.http.post(self.url, data=form, files=parts, headers=headers)
        except httpx.HTTPError as exc:
            SERVICE_CALLS.labels(self.name, "unavailable").inc()
            raise ServiceUnavailable(self.name) from exc
        finally:
            self._sent(query)
        return self._result(response)

    def _sent(self, query: str) -> None:
        if self.after_mutation and query.lstrip().startswith("mutation"):
            for hook in self.after_mutation:
                hook(query)

    def _headers(self, identity: Identity) -> dict[str, str]:
        # The language travels beside the identity, unsigned: it grants nothing, and a request
        # with no identity (a sign-in refused) still has one, from its Accept-Language.
        headers = {IDENTITY_HEADER: self._signer.header(identity), LOCALE_HEADER: current_locale.get()}
        if cid := correlation_id.get():
            headers[CORRELATION_HEADER] = cid
        return headers

    async def _post(
        self,
        query: str,
        variables: dict[str, Any] | None,
        identity: Identity,
        *,
        timeout: float | None = None,
    ) -> Answer:
        headers = list(self._headers(identity).items())
        body = orjson.dumps({"query": query, "variables": variables or {}})
        self.calls["total"] += 1
        started = time.perf_counter()
        mutation = query.lstrip().startswith("mutation")
        try:
            # A read may be sent again if a kept-alive connection was found closed; a mutation not.
            answer = await self._calls.post(body, headers, retry_stale=not mutation, timeout=timeout)
        except CallFailed as exc:
            SERVICE_CALLS.labels(self.name, "unavailable").inc()
            log.warning("service call failed", service=self.name, error=str(exc))
            raise ServiceUnavailable(self.name) from exc
        finally:
            SERVICE_LATENCY.labels(self.name).observe(time.perf_counter() - started)
            self._sent(query)
        return answer

    def _json(self, answer: Answer | httpx.Response) -> dict[str, Any]:
        status = answer.status if isinstance(answer, Answer) else answer.status_code
        try:
            body = orjson.loads(answer.body if isinstance(answer, Answer) else answer.content)
        except ValueError as exc:
            SERVICE_CALLS.labels(self.name, "bad_response").inc()
            log.error("service answered non-JSON", service=self.name, status=status)
            raise ServiceUnavailable(self.name) from exc
        if not isinstance(body, dict):
            raise ServiceUnavailable(self.name)
        return body

    def _result(self, answer: Answer | httpx.Response) -> dict[str, Any]:
        status = answer.status if isinstance(answer, Answer) else answer.status_code
        return self._data(self._json(answer), failed=status >= 400)

    def _data(self, body: dict[str, Any], *, failed: bool) -> dict[str, Any]:
        """The ``data`` of an answer, or its first error raised (see ``execute``)."""
        errors = body.get("errors")
        if errors:
            first = errors[0]
            extensions = first.get("extensions") or {}
            code = extensions.get("code", "INTERNAL_ERROR")
            SERVICE_CALLS.labels(self.name, "error").inc()
            if code == "INTERNAL_ERROR" or code == "GRAPHQL_VALIDATION_FAILED":
                # The gateway sent a query the service does not accept, or the service failed:
                # a bug on our side, not something the user can act on.
                log.error("service refused a gateway query", service=self.name, error=first)
                raise RuntimeError(f"{self.name}: {first.get('message')}")
            raise ServiceError(code, str(first.get("message", "")), extensions.get("details"))
        if failed or body.get("data") is None:
            SERVICE_CALLS.labels(self.name, "unavailable").inc()
            raise ServiceUnavailable(self.name)
        SERVICE_CALLS.labels(self.name, "ok").inc()
        data: dict[str, Any] = body["data"]
        return data


class ServiceClients:
    """The three services, opened together in the gateway's lifespan."""

    def __init__(
        self, urls: dict[str, str], secret: str, timeout: float, slow_timeout: float | None = None
    ) -> None:
        self._http = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 3.0)),
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
        )
        self._calls = {
            name: ServiceHttp(url, timeout=timeout, connect_timeout=min(timeout, 3.0))
            for name, url in urls.items()
        }
        signer = _IdentitySigner(secret)
        self.by_name = {
            name: ServiceClient(name, url, self._http, signer, self._calls[name])
            for name, url in urls.items()
        }
        for client in self.by_name.values():
            client.slow_timeout = slow_timeout

    @property
    def opportunity(self) -> ServiceClient:
        return self.by_name["opportunity"]

    @property
    def notifications(self) -> ServiceClient:
        return self.by_name["notifications"]

    @property
    def reporting(self) -> ServiceClient:
        return self.by_name["reporting"]

    async def aclose(self) -> None:
        for calls in self._calls.values():
            await calls.aclose()
        await self._http.aclose()
