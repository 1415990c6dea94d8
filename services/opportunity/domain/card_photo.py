"""A contact's business-card photo: a file checked like any evidence attachment, which must also
be an image (``accounts.with_card_photo`` points the contact at it)."""

from __future__ import annotations

from services.opportunity.domain.attachments import (
    AttachmentError,
    AttachmentPolicy,
    CheckedFile,
    check_upload,
)


def check_card_photo(
    *, filename: str, claimed_type: str | None, data: bytes, policy: AttachmentPolicy
) -> CheckedFile:
    checked = check_upload(
        filename=filename, claimed_type=claimed_type, data=data, policy=policy, files_already_attached=0
    )
    if not checked.content_type.startswith("image/"):
        raise AttachmentError(
            "NOT_AN_IMAGE",
            f"A business card is kept as a photo; {checked.filename!r} is {checked.content_type}.",
            {"field": "file", "detected": checked.content_type},
        )
    return checked
