"""Account and contact ↔ MongoDB document, with the keys their matching and search use:
``name_key`` (the normalised name), ``phone_keys`` (E.164), ``email_keys`` (case-folded) and
``search_keys`` / ``search_text`` (what a search finds them by: name, tax number, phones' digits
and, for contacts, e-mail addresses; see ``domain/search_keys.py``)."""

from __future__ import annotations

from typing import Any

from services.opportunity.domain.accounts import Account, AccountOrigin, Contact
from services.opportunity.domain.contact_points import Phone, email_key
from services.opportunity.domain.search_keys import VERSION, record_keys

Doc = dict[str, Any]


def _phones(phones: tuple[Phone, ...]) -> list[Doc]:
    return [{"e164": p.e164, "extension": p.extension} for p in phones]


def _unphones(docs: list[Doc]) -> tuple[Phone, ...]:
    return tuple(Phone(d["e164"], d.get("extension")) for d in docs)


def search_fields(*texts: str) -> Doc:
    keys = record_keys(*texts)
    return {"search_keys": keys.keys, "search_text": keys.text, "search_version": VERSION}


def account_search_texts(d: Doc) -> list[str]:
    """The texts an account document is searched by (as ``account_to_doc`` keys them)."""
    return [d["name"], d.get("tax_number") or "", *(p["e164"].lstrip("+") for p in d.get("phones", []))]


def contact_search_texts(d: Doc) -> list[str]:
    return [d["name"], *d.get("emails", []), *(p["e164"].lstrip("+") for p in d.get("phones", []))]


def account_to_doc(a: Account) -> Doc:
    doc = {
        "_id": a.id, "name": a.name, "name_key": a.name_key, "tax_number": a.tax_number,
        "industry": a.industry, "segment": a.segment, "address": a.address, "phones": _phones(a.phones),
        "phone_keys": sorted({p.e164 for p in a.phones}), "website": a.website, "owner_id": a.owner_id,
        "team": a.team, "origin": a.origin.value, "source_id": a.source_id, "merged_into": a.merged_into,
        "created_at": a.created_at, "updated_at": a.updated_at, "created_by": a.created_by,
        "version": a.version,
    }  # fmt: skip
    return doc | search_fields(*account_search_texts(doc))


def doc_to_account(d: Doc) -> Account:
    return Account(
        id=d["_id"], name=d["name"], owner_id=d["owner_id"], team=d.get("team"),
        origin=AccountOrigin(d["origin"]), created_at=d["created_at"], updated_at=d["updated_at"],
        created_by=d.get("created_by", ""), tax_number=d.get("tax_number"), industry=d.get("industry"),
        segment=d.get("segment"), address=d.get("address"), phones=_unphones(d.get("phones", [])), website=d.get("website"),
        source_id=d.get("source_id"), merged_into=d.get("merged_into"), version=d["version"],
    )  # fmt: skip


def contact_to_doc(c: Contact) -> Doc:
    doc = {
        "_id": c.id, "account_id": c.account_id, "name": c.name, "name_key": c.name_key, "title": c.title,
        "emails": list(c.emails), "email_keys": sorted({email_key(e) for e in c.emails}),
        "phones": _phones(c.phones), "phone_keys": sorted({p.e164 for p in c.phones}), "notes": c.notes,
        "do_not_contact": c.do_not_contact, "card_attachment_id": c.card_attachment_id,
        "owner_id": c.owner_id, "team": c.team, "origin": c.origin.value, "merged_into": c.merged_into,
        "created_at": c.created_at, "updated_at": c.updated_at, "created_by": c.created_by,
        "version": c.version,
    }  # fmt: skip
    return doc | search_fields(*contact_search_texts(doc))


def doc_to_contact(d: Doc) -> Contact:
    return Contact(
        id=d["_id"], account_id=d["account_id"], name=d["name"], owner_id=d["owner_id"], team=d.get("team"),
        origin=AccountOrigin(d["origin"]), created_at=d["created_at"], updated_at=d["updated_at"],
        created_by=d.get("created_by", ""), title=d.get("title"), emails=tuple(d.get("emails", [])),
        phones=_unphones(d.get("phones", [])), notes=d.get("notes"),
        do_not_contact=bool(d.get("do_not_contact")), card_attachment_id=d.get("card_attachment_id"),
        merged_into=d.get("merged_into"), version=d["version"],
    )  # fmt: skip
