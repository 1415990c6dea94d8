from servicekit.outbox import confirmed_prefix_ids, order_by_subject


def row(subject: str, sequence: int) -> dict[str, object]:
    return {"_id": f"{subject}-{sequence}", "subject": subject, "sequence": sequence}


def test_each_subject_is_put_in_sequence_order_in_the_slots_it_occupies() -> None:
    batch = [row("a", 2), row("b", 1), row("a", 1), row("b", 2), row("c", 1)]

    ordered = order_by_subject(batch)

    assert [r["_id"] for r in ordered] == ["a-1", "b-1", "a-2", "b-2", "c-1"]


def test_only_events_before_a_subjects_first_unconfirmed_one_are_marked_sent() -> None:
    batch = [row("a", 1), row("b", 1), row("a", 2), row("b", 2), row("a", 3)]
    confirmed = [True, False, False, True, True]

    assert confirmed_prefix_ids(batch, confirmed) == ["a-1"]


def test_a_fully_confirmed_batch_is_all_marked_sent() -> None:
    batch = [row("a", 1), row("b", 1)]

    assert confirmed_prefix_ids(batch, [True, True]) == ["a-1", "b-1"]
