"""One-off migrations: opportunities whose customer is only a name become linked to accounts,
then accounts and contacts without current search keys get them.

    python -m services.opportunity.entrypoints.migrate --dry-run   # print what it would do
    python -m services.opportunity.entrypoints.migrate             # do it

One account per distinct customer (names compared normalised: width, case, spacing, company
suffixes), an existing account of that name reused. The search keys are back-filled after (so the
accounts the first step creates are keyed like every other). Idempotent: a second run changes
nothing.
Uses the API's settings (MONGODB_URL, OPPORTUNITY_DATABASE). Exit status 0 done, 1 failed.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

from servicekit.identity import Identity
from servicekit.logs import configure_logging
from servicekit.mongo import open_client
from services.opportunity.adapters.search_backfill import BackfillReport, backfill_search_keys
from services.opportunity.application.migrate_customers import MigrationReport, migrate_customers
from services.opportunity.bootstrap import prepare, wire
from services.opportunity.domain.errors import DomainError
from services.opportunity.settings import OpportunitySettings

MIGRATION = Identity(user_id="system:customer-migration", role="ADMIN", name="Customer migration")


def report_lines(report: MigrationReport) -> list[str]:
    verb = "would link" if report.dry_run else "linked"
    lines = [
        f"{verb} {len(m.opportunity_ids)} opportunit{'y' if len(m.opportunity_ids) == 1 else 'ies'} to "
        f"{'new' if m.new_account else 'existing'} account {m.name!r} ({m.account_id})"
        for m in report.moves
    ]
    lines.append(
        f"{'dry run: ' if report.dry_run else ''}{report.opportunities_linked} opportunities, "
        f"{report.accounts_created} new accounts, {len(report.moves) - report.accounts_created} existing"
    )
    return lines


def backfill_lines(report: BackfillReport) -> list[str]:
    verb = "would key" if report.dry_run else "keyed"
    counts = " and ".join(f"{n} {name}" for name, n in report.keyed.items())
    return [f"{'dry run: ' if report.dry_run else ''}{verb} {counts} for search"]


async def run(dry_run: bool, settings: OpportunitySettings) -> int:
    client = open_client(settings.mongodb_url)
    try:
        wiring = wire(settings, client)
        await prepare(wiring)
        report = await migrate_customers(wiring.work.accounts, MIGRATION, wiring.ports.clock, dry_run=dry_run)
        print("\n".join(report_lines(report)))
        keyed = await backfill_search_keys(wiring.db, dry_run=dry_run)
        print("\n".join(backfill_lines(keyed)))
        return 0
    except DomainError as exc:
        print(f"{exc.code}: {exc.message}", file=sys.stderr)
        return 1
    finally:
        await client.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="migrate", description="Link customer names to accounts.")
    parser.add_argument("--dry-run", action="store_true", help="print what would be done, change nothing")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    settings = OpportunitySettings()
    configure_logging("opportunity-migrate", "WARNING", json=settings.log_json)
    return asyncio.run(run(args.dry_run, settings))


if __name__ == "__main__":
    sys.exit(main())
