"""Who receives an alert: the owner and, per the policy, the owner's manager and the admins."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from services.notifications.domain.model import AlertPolicy, UserCopy


def recipients_for(
    owner_id: str,
    users: Mapping[str, UserCopy],
    admins: Sequence[UserCopy],
    policy: AlertPolicy,
) -> list[str]:
    """User ids in a stable order, without duplicates and without deactivated users.

    The owner is always a recipient, even when no user event has been seen yet (the copy fills
    in later). When the owner has left and nobody else qualifies, the admins receive the alert
    so that an opportunity never drifts unwatched.
    """
    owner = users.get(owner_id)
    chosen: list[str] = []
    if owner is None or owner.active:
        chosen.append(owner_id)
    if policy.notify_manager and owner is not None and owner.manager_id:
        manager = users.get(owner.manager_id)
        if manager is None or manager.active:
            chosen.append(owner.manager_id)
    active_admins = [a.id for a in admins if a.active]
    if policy.notify_admins or not chosen:
        chosen.extend(active_admins)
    return list(dict.fromkeys(chosen))
