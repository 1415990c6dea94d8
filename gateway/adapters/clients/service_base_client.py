"""The base class ariadne-codegen copies into each generated package (see ``calls.py``)."""

from gateway.adapters.clients.calls import ServiceCalls


class ServiceBaseClient(ServiceCalls):
    """The generated ``Client`` of one service, bound to one caller."""
