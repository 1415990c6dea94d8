"""Files attached to an activity: safe names, allowed types, size limits, and the type read from
the bytes themselves (a claimed type or an extension is only believed when the bytes agree)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

import filetype

from services.opportunity.domain.errors import DomainError

# Content type → the extensions a file of that type may carry.
KNOWN_TYPES: dict[str, tuple[str, ...]] = {
    "image/jpeg": ("jpg", "jpeg"),
    "image/png": ("png",),
    "image/gif": ("gif",),
    "image/webp": ("webp",),
    "image/heic": ("heic", "heif"),
    "application/pdf": ("pdf",),
    "application/msword": ("doc",),
    "application/vnd.ms-excel": ("xls",),
    "application/vnd.ms-powerpoint": ("ppt",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("xlsx",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ("pptx",),
    "application/vnd.oasis.opendocument.text": ("odt",),
    "application/vnd.oasis.opendocument.spreadsheet": ("ods",),
    "application/vnd.oasis.opendocument.presentation": ("odp",),
}
DEFAULT_ALLOWED = frozenset(KNOWN_TYPES)

# Old Office formats share one container (OLE2); a sniffer cannot always tell them apart.
_OLE2_TYPES = frozenset({"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"})
_GENERIC_CLAIMS = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_RESERVED = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_MAX_NAME = 150


class AttachmentError(DomainError):
    def __init__(self, code: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message, details)
        self.code = code


@dataclass(frozen=True)
class AttachmentPolicy:
    max_bytes: int = 20 * 1024 * 1024
    max_files_per_activity: int = 10
    allowed_types: frozenset[str] = DEFAULT_ALLOWED


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed every check, with what is stored beside it."""

    filename: str
    content_type: str
    size: int
    sha256: str


def sanitise_filename(raw: str) -> str:
    """A name safe to store and to put in a download header: no directories, no control or
    reserved characters, no leading dots, at most 150 characters with the extension kept.
    Chinese and other letters stay as they are."""
    name = unicodedata.normalize("NFC", raw or "")
    name = name.replace("\\", "/").split("/")[-1]
    name = _RESERVED.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    if not name:
        return "file"
    if len(name) > _MAX_NAME:
        suffix = PurePosixPath(name).suffix[:16]
        name = name[: _MAX_NAME - len(suffix)].rstrip(" .") + suffix
    return name


def sniff(data: bytes) -> str | None:
    kind = filetype.guess(data[:8192])
    return kind.mime if kind is not None else None


def check_upload(
    *,
    filename: str,
    claimed_type: str | None,
    data: bytes,
    policy: AttachmentPolicy,
    files_already_attached: int,
) -> CheckedFile:
    """Everything that must hold before a file is stored; raises with a stable code otherwise."""
    if files_already_attached >= policy.max_files_per_activity:
        raise AttachmentError(
            "TOO_MANY_FILES",
            f"An activity holds at most {policy.max_files_per_activity} files.",
            {"limit": policy.max_files_per_activity},
        )
    if not data:
        raise AttachmentError("EMPTY_FILE", "The file is empty.", {"field": "file"})
    if len(data) > policy.max_bytes:
        raise AttachmentError(
            "FILE_TOO_LARGE",
            f"Files are limited to {policy.max_bytes} bytes; this one has {len(data)}.",
            {"limit": policy.max_bytes, "size": len(data)},
        )
    safe_name = sanitise_filename(filename)
    sniffed = sniff(data)
    if sniffed is None or sniffed not in policy.allowed_types:
        raise AttachmentError(
            "FILE_TYPE_NOT_ALLOWED",
            f"{safe_name!r} is {sniffed or 'of an unknown type'}; allowed are photos, PDFs and office documents.",
            {"detected": sniffed, "allowed": sorted(policy.allowed_types)},
        )
    claimed = (claimed_type or "").split(";")[0].strip().lower()
    if claimed not in _GENERIC_CLAIMS and not _same_type(claimed, sniffed):
        raise AttachmentError(
            "FILE_TYPE_MISMATCH",
            f"{safe_name!r} claims to be {claimed} but its content is {sniffed}.",
            {"claimed": claimed, "detected": sniffed},
        )
    extension = PurePosixPath(safe_name).suffix.lower().lstrip(".")
    if extension and not _extension_fits(extension, sniffed):
        raise AttachmentError(
            "FILE_TYPE_MISMATCH",
            f"{safe_name!r} is named .{extension} but its content is {sniffed}.",
            {"extension": extension, "detected": sniffed},
        )
    return CheckedFile(
        filename=safe_name, content_type=sniffed, size=len(data), sha256=hashlib.sha256(data).hexdigest()
    )


def _same_type(claimed: str, sniffed: str) -> bool:
    if claimed == sniffed or (claimed == "image/jpg" and sniffed == "image/jpeg"):
        return True
    return claimed in _OLE2_TYPES and sniffed in _OLE2_TYPES


def _extension_fits(extension: str, sniffed: str) -> bool:
    if extension in KNOWN_TYPES.get(sniffed, ()):
        return True
    if sniffed in _OLE2_TYPES:
        return any(extension in KNOWN_TYPES[t] for t in _OLE2_TYPES)
    return False
