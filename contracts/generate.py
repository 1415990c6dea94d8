"""Write the JSON Schema of every event and the AsyncAPI document next to this module.

Run ``make schemas`` after changing a model; a test fails while the files and the models disagree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from contracts.envelope import CONTENT_TYPE, DEAD_LETTER_EXCHANGE, EXCHANGE, CloudEvent
from contracts.registry import EVENT_TYPES

HERE = Path(__file__).parent
SCHEMA_DIR = HERE / "schemas"
ASYNCAPI_PATH = HERE / "asyncapi.yaml"


def event_schema(event_type: str) -> dict[str, Any]:
    """The envelope's schema with ``data`` replaced by the event's payload schema."""
    entry = EVENT_TYPES[event_type]
    envelope = CloudEvent.model_json_schema(mode="serialization")
    payload = entry.model.model_json_schema(mode="serialization")
    defs = {**envelope.pop("$defs", {}), **payload.pop("$defs", {})}
    envelope["properties"]["type"] = {"const": event_type, "title": "Type"}
    envelope["properties"]["data"] = payload
    envelope["title"] = event_type
    envelope["description"] = entry.summary
    envelope["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    envelope["$id"] = f"urn:pipewise:schema:{event_type}"
    if defs:
        envelope["$defs"] = defs
    return envelope


def asyncapi_document() -> dict[str, Any]:
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for name, entry in EVENT_TYPES.items():
        message_id = name.replace(".", "_")
        messages[message_id] = {
            "name": name,
            "summary": entry.summary,
            "contentType": CONTENT_TYPE,
            "payload": {"$ref": f"./schemas/{name}.json"},
        }
        channels[message_id] = {
            "address": name,
            "messages": {message_id: {"$ref": f"#/components/messages/{message_id}"}},
            "bindings": {
                "amqp": {
                    "is": "routingKey",
                    "exchange": {"name": EXCHANGE, "type": "topic", "durable": True, "autoDelete": False},
                }
            },
        }
        operations[f"publish_{message_id}"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{message_id}"},
            "summary": entry.summary,
        }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Pipewise opportunity events",
            "version": "1.0.0",
            "description": (
                f"Every change to opportunities, pipelines, sources and users, and every notification "
                f"that reaches an inbox, is published to the "
                f"topic exchange `{EXCHANGE}` with the event type as routing key, as a CloudEvents "
                f"1.0 JSON envelope (structured mode). `sequence` is the subject's version after the "
                f"change: order and de-duplicate on it. Delivery is at least once. Subscribers bind "
                f"their own durable queue, e.g. with `opportunity.#`; messages that keep failing "
                f"belong in a dead-letter queue bound to `{DEAD_LETTER_EXCHANGE}`."
            ),
        },
        "defaultContentType": CONTENT_TYPE,
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages},
    }


def render_schema(event_type: str) -> str:
    return json.dumps(event_schema(event_type), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def render_asyncapi() -> str:
    return yaml.safe_dump(asyncapi_document(), sort_keys=False, allow_unicode=True)


def main() -> None:
    SCHEMA_DIR.mkdir(exist_ok=True)
    for stale in SCHEMA_DIR.glob("*.json"):
        if stale.stem not in EVENT_TYPES:
            stale.unlink()
    for name in EVENT_TYPES:
        (SCHEMA_DIR / f"{name}.json").write_text(render_schema(name), encoding="utf-8")
    ASYNCAPI_PATH.write_text(render_asyncapi(), encoding="utf-8")
    print(f"wrote {len(EVENT_TYPES)} schemas and {ASYNCAPI_PATH.name}")


if __name__ == "__main__":
    main()
