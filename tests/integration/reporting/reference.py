"""Every report computed again, plainly, from the raw events: the yardstick for the service.

Written apart from the service's code (raw event dicts in, dicts out) so a mistake in the
projection or the reports shows up as a difference.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import Any

from contracts.envelope import CloudEvent

MOVES = {"opportunity.stage_changed", "opportunity.won", "opportunity.lost", "opportunity.reopened"}
C = Decimal("0.01")
R = Decimal("0.0001")


def _t(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _cents(x: Decimal) -> Decimal:
    return x.quantize(C, rounding=ROUND_HALF_EVEN)


def _rate(a: int | Decimal, b: int | Decimal) -> Decimal | None:
    return (Decimal(a) / Decimal(b)).quantize(R, rounding=ROUND_HALF_EVEN) if b else None


def _mean(xs: list[int]) -> int | None:
    return int((Decimal(sum(xs)) / len(xs)).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)) if xs else None


def _rank(xs: list[int], p: int) -> int:
    s = sorted(xs)
    return s[max(1, math.ceil(p * len(s) / 100)) - 1]


class World:
    def __init__(self, events: list[CloudEvent]) -> None:
        self.opps: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.stages: dict[str, dict[str, dict[str, Any]]] = {}
        self.sources: dict[str, dict[str, Any]] = {}
        for e in events:
            if e.type.startswith("opportunity."):
                self.opps[e.subject].append({"type": e.type, "seq": e.sequence, **e.data})
            elif e.type.startswith("pipeline."):
                self.stages[e.subject] = {s["key"]: s for s in e.data["pipeline"]["stages"]}
            elif e.type.startswith("source."):
                self.sources[e.subject] = e.data["source"]
        for history in self.opps.values():
            history.sort(key=lambda d: d["seq"])

    def last(self, opp: str) -> dict[str, Any]:
        return self.opps[opp][-1]["opportunity"]

    def owners(self, opp: str) -> list[tuple[str, datetime, datetime | None]]:
        periods: list[list[Any]] = []
        for d in self.opps[opp]:
            s = d["opportunity"]
            if not periods:
                periods.append([s["owner_id"], _t(s["created_at"]), None])
            elif s["owner_id"] != periods[-1][0]:
                periods[-1][2] = _t(s["updated_at"])
                periods.append([s["owner_id"], _t(s["updated_at"]), None])
        last = self.last(opp)
        if last["status"] != "OPEN":
            periods[-1][2] = _t(last["closed_at"])
        return [(p[0], p[1], p[2]) for p in periods]

    def reached(self, opp: str, position: int) -> bool:
        last = self.last(opp)
        if last["status"] == "WON":
            return True
        stages = self.stages[last["pipeline_id"]]
        keys = set()
        for d in self.opps[opp]:
            keys.add(d["opportunity"]["stage"]["key"])
            if d["type"] in MOVES:
                keys |= {d["from_stage"]["key"], d["to_stage"]["key"]}
        return any(stages[k]["kind"] == "OPEN" and stages[k]["position"] >= position for k in keys)


def _in(start: datetime | None, end: datetime | None, t: datetime | None) -> bool:
    return t is not None and (start is None or t >= start) and (end is None or t < end)


def appraisal(
    w: World, start: datetime | None, end: datetime | None, today: date, policy: dict[str, Any]
) -> dict:
    rows: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"owned": set(), "won": 0, "lost": 0, "amount": defaultdict(Decimal), "cycles": [], "overdue": 0,
                 "score": Decimal(0)}
    )  # fmt: skip
    for opp in w.opps:
        s = w.last(opp)
        created = _t(s["created_at"])
        for owner, a, b in w.owners(opp):
            if (end is None or a < end) and (b is None or start is None or b > start):
                rows[owner]["owned"].add(opp)
        if s["status"] == "OPEN":
            if date.fromisoformat(s["expected_close_date"]) < today and (end is None or created < end):
                rows[s["owner_id"]]["overdue"] += 1
            continue
        closed = _t(s["closed_at"])
        if not _in(start, end, closed):
            continue
        row = rows[s["owner_id"]]
        if s["status"] == "LOST":
            row["lost"] += 1
            continue
        row["won"] += 1
        row["amount"][s["value"]["currency"]] += Decimal(s["value"]["amount"])
        row["cycles"].append(int((closed - created).total_seconds()))
        reward = _reward(w, opp, s, policy)
        if policy["shared"]:
            owned: dict[str, int] = defaultdict(int)
            for owner, a, b in w.owners(opp):
                owned[owner] += int(((b or closed) - a).total_seconds())
            total = sum(owned.values())
            for owner, secs in owned.items():
                if secs:
                    rows[owner]["score"] += reward * (Decimal(secs) / Decimal(total))
        else:
            row["score"] += reward
    return {
        rep: (len(r["owned"]), r["won"], r["lost"], _rate(r["won"], r["won"] + r["lost"]),
              {c: _cents(a) for c, a in r["amount"].items()}, _mean(r["cycles"]), r["overdue"], _cents(r["score"]))
        for rep, r in rows.items()
    }  # fmt: skip


def _reward(w: World, opp: str, s: dict[str, Any], policy: dict[str, Any]) -> Decimal:
    """Base × difficulty plus the bonuses. A win with facts gets the policy's difficulty, unless
    a manager set one (any figure but 1); one without keeps the figures it carried."""
    facts = next(d for d in reversed(w.opps[opp]) if d["type"] == "opportunity.won").get("facts")
    difficulty, new_product = Decimal(s["difficulty"]), s["is_new_product"]
    if facts is not None:
        if difficulty == 1 and not s.get("difficulty_by_manager"):
            difficulty = Decimal(1)
            difficulty *= policy.get("segments", {}).get(facts.get("account_segment"), Decimal(1))
            amount, currency = Decimal(s["value"]["amount"]), s["value"]["currency"]
            for band_currency, low, high, factor in policy.get("bands", ()):
                if currency == band_currency and low <= amount and (high is None or amount < high):
                    difficulty *= factor
            difficulty = min(max(difficulty.quantize(C, rounding=ROUND_HALF_UP), Decimal("0.1")), Decimal(5))
        window, won_on = policy.get("window"), _t(s["closed_at"]).date()
        recent = [
            (won_on - date.fromisoformat(launch["launch_date"])).days
            for launch in facts.get("product_launches", [])
            if launch.get("launch_date") and date.fromisoformat(launch["launch_date"]) <= won_on
        ]
        new_product = bool(facts.get("new_product_ids")) or (
            window is not None and any(age <= window for age in recent)
        )
    reward = policy["base"] * difficulty
    reward += policy["customer"] if s["is_new_customer"] else 0
    reward += policy["product"] if new_product else 0
    return reward


def overdue(w: World, start: datetime | None, end: datetime | None, today: date) -> dict:
    rows: dict[str, list[Any]] = defaultdict(lambda: [[], 0, 0, 0, 0])
    for opp in w.opps:
        s = w.last(opp)
        due = date.fromisoformat(s["expected_close_date"])
        in_period = (start is None or due >= start.date()) and (end is None or due < end.date())
        if s["status"] == "OPEN" and due < today and in_period:
            rows[s["owner_id"]][0].append((opp, (today - due).days))
        if s["status"] != "OPEN" and _in(start, end, _t(s["closed_at"])):
            rows[s["owner_id"]][1] += 1
            rows[s["owner_id"]][2] += int(_t(s["closed_at"]).date() > due)
        slips = sum(
            1 for d in w.opps[opp]
            if d["type"] == "opportunity.close_date_changed" and d["new"] > d["old"]
            and _in(start, end, _t(d["opportunity"]["updated_at"]))
        )  # fmt: skip
        if slips:
            rows[s["owner_id"]][3] += slips
            rows[s["owner_id"]][4] += 1
    return {rep: (sorted(r[0]), r[1], r[2], r[3], r[4]) for rep, r in rows.items()}


def stage_times(w: World, start: datetime | None, end: datetime | None) -> dict:
    durations: dict[tuple[str, str], list[int]] = defaultdict(list)
    per_rep: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for opp in w.opps:
        pipeline = w.last(opp)["pipeline_id"]
        for d in w.opps[opp]:
            if d["type"] in MOVES and _in(start, end, _t(d["moved_at"])):
                key = d["from_stage"]["key"]
                if w.stages[pipeline][key]["kind"] != "OPEN":
                    continue
                durations[(pipeline, key)].append(d["seconds_in_previous_stage"])
                per_rep[(pipeline, key, d["opportunity"]["owner_id"])].append(d["seconds_in_previous_stage"])

    def stats(xs: list[int]) -> tuple[int, int | None, int, int]:
        return (len(xs), _mean(xs), _rank(xs, 50), _rank(xs, 90))

    return {
        "overall": {k: stats(v) for k, v in durations.items()},
        "per_rep": {k: stats(v) for k, v in per_rep.items()},
    }


def funnel(w: World, start: datetime | None, end: datetime | None) -> dict:
    result = {}
    for pipeline, stages in w.stages.items():
        cohort = [
            o
            for o in w.opps
            if w.last(o)["pipeline_id"] == pipeline and _in(start, end, _t(w.last(o)["created_at"]))
        ]
        for key, stage in stages.items():
            if stage["kind"] == "OPEN":
                result[(pipeline, key)] = sum(1 for o in cohort if w.reached(o, stage["position"]))
    return result


def calibration(w: World, start: datetime | None, end: datetime | None) -> dict:
    result = {}
    for pipeline, stages in w.stages.items():
        closed = [o for o in w.opps if w.last(o)["pipeline_id"] == pipeline and w.last(o)["status"] != "OPEN"
                  and _in(start, end, _t(w.last(o)["closed_at"]))]  # fmt: skip
        if not closed:
            continue
        for key, stage in stages.items():
            if stage["kind"] == "OPEN":
                reaching = [o for o in closed if w.reached(o, stage["position"])]
                won = sum(1 for o in reaching if w.last(o)["status"] == "WON")
                result[(pipeline, key)] = (len(reaching), won)
    return result


def source_value(w: World, start: datetime | None, end: datetime | None) -> dict:
    rows: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"n": 0, "won": 0, "lost": 0, "rev": defaultdict(Decimal), "open": defaultdict(Decimal),
                 "weighted": defaultdict(Decimal), "cycles": []}
    )  # fmt: skip
    for opp in w.opps:
        s = w.last(opp)
        if not _in(start, end, _t(s["created_at"])):
            continue
        r = rows[s["source_id"] or ""]
        r["n"] += 1
        amount, cur = Decimal(s["value"]["amount"]), s["value"]["currency"]
        if s["status"] == "WON":
            r["won"] += 1
            r["rev"][cur] += amount
            r["cycles"].append(int((_t(s["closed_at"]) - _t(s["created_at"])).total_seconds()))
        elif s["status"] == "LOST":
            r["lost"] += 1
        else:
            r["open"][cur] += amount
            r["weighted"][cur] += amount * s["probability"] / 100
    out = {}
    costs = {source_id: spent for source_id in w.sources if (spent := source_cost(w, source_id, start, end))}
    for source_id in costs:
        _ = rows[source_id]  # a source with a cost in the period shows, leads or not
    for source_id, r in rows.items():
        cost = costs.get(source_id, {})
        money = {}
        for cur in set(r["rev"]) | set(r["open"]) | set(cost):
            c = cost.get(cur, Decimal(0))
            roi = _rate(r["rev"][cur] - c, c) if c else None
            money[cur] = (
                _cents(r["rev"][cur]),
                _cents(r["open"][cur]),
                _cents(r["weighted"][cur]),
                _cents(c),
                roi,
            )
        out[source_id] = (r["n"], r["won"], r["lost"], _mean(r["cycles"]), money)
    return out


def source_cost(w: World, source_id: str, start: datetime | None, end: datetime | None) -> dict[str, Decimal]:
    """Per currency, what the source spent in [start, end): each cost spread evenly over the
    seconds of its days (an old single cost over the source's own days)."""
    source = w.sources[source_id]
    entries = [
        (c["amount"], c["starts_on"], c.get("ends_on") or c["starts_on"]) for c in source.get("costs") or []
    ]
    if not entries and source.get("cost"):
        entries = [(source["cost"], source["starts_on"], source.get("ends_on") or source["starts_on"])]
    spent: dict[str, Decimal] = defaultdict(Decimal)
    for money, first_day, last_day in entries:
        first = datetime.fromisoformat(first_day + "T00:00:00+00:00")
        after = datetime.fromisoformat(last_day + "T00:00:00+00:00") + timedelta(days=1)
        low, high = max(first, start or first), min(after, end or after)
        if high > low:
            share = Decimal(int((high - low).total_seconds() * 1_000_000)) / Decimal(
                int((after - first).total_seconds() * 1_000_000)
            )
            spent[money["currency"]] += Decimal(money["amount"]) * share
    return dict(spent)


def forecast(w: World, start: datetime | None, end: datetime | None) -> dict:
    out: dict[tuple[str, str, str], list[Any]] = defaultdict(lambda: [0, Decimal(0), Decimal(0)])
    for opp in w.opps:
        s = w.last(opp)
        due = date.fromisoformat(s["expected_close_date"])
        if s["status"] != "OPEN" or not (
            (start is None or due >= start.date()) and (end is None or due < end.date())
        ):
            continue
        row = out[(due.strftime("%Y-%m"), s["owner_id"], s["value"]["currency"])]
        row[0] += 1
        row[1] += Decimal(s["value"]["amount"])
        row[2] += Decimal(s["value"]["amount"]) * s["probability"] / 100
    return {k: (v[0], _cents(v[1]), _cents(v[2])) for k, v in out.items()}
