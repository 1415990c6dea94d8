from servicekit.outbox import confirmed_prefix, order_by_subject


def row(subject: str, sequence: int) -> dict[str, object]:
    return {"_id": f"{subject}-{sequence}", "subject": subject, "sequence": sequence}


def test_each_subject_is_put_in_sequence_order_in_the_slots_it_occupies() -> None:
    batch = [row("a", 2), row("b", 1), row("a", 1), row("b", 2), row("c", 1)]

    ordered = order_by_subject(batch)

    assert [r["_id"] for r in ordered] == ["a-1", "b-1", "a-2", "b-2", "c-1"]


def test_the_checkpoint_stops_before_the_first_unconfirmed_event() -> None:
    assert confirmed_prefix([True, True, False, True]) == 2
    assert confirmed_prefix([False, True]) == 0


def test_a_fully_confirmed_batch_is_checkpointed_to_its_end() -> None:
    assert confirmed_prefix([True, True, True]) == 3
    assert confirmed_prefix([]) == 0
