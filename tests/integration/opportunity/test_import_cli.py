"""The import command line: validates, imports with a progress bar, and resumes a job."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pymongo.asynchronous.database import AsyncDatabase

from servicekit.identity import SYSTEM
from servicekit.mongo import Document, open_client
from services.opportunity.adapters.background import AsyncioBackground
from services.opportunity.adapters.catalog_repositories import MongoUsers
from services.opportunity.application.import_opportunities import (
    StartImport,
    resume_unfinished_imports,
    run_import,
    start_import,
)
from services.opportunity.bootstrap import Wiring, prepare, wire
from services.opportunity.domain.assignment import AssignmentError
from services.opportunity.domain.user import Role, User, deactivate, new_user
from services.opportunity.entrypoints.import_cli import parse_args, run
from services.opportunity.settings import OpportunitySettings
from tests.integration.opportunity._assignment_world import T0

HEADER = "company,contact,title,phone,email,product interest,estimated amount,currency,notes\n"


@dataclass
class World:
    """A wired service on its own database, with one active rep, ``rep-1``."""

    wiring: Wiring
    db: AsyncDatabase[Document]
    rep: User

    async def queue(self, rows: str) -> dict[str, Any]:
        """Queue an import of ``rows`` (CSV lines after the header) for rep-1; not yet run."""
        cmd = StartImport(
            data=(HEADER + rows).encode(), filename="x.csv", to_user_ids=["rep-1"], close_in_days=9
        )
        return await start_import(cmd, SYSTEM, self.wiring.ports, self.wiring.work, max_rows=100)

    async def run(self, job: dict[str, Any]) -> dict[str, Any]:
        return await run_import(job["_id"], self.wiring.ports, self.wiring.work)


@pytest.fixture
async def world(mongodb_url, names) -> AsyncIterator[World]:
    settings = OpportunitySettings(mongodb_url=mongodb_url, database=names.db("opportunity"))
    client = open_client(mongodb_url)
    try:
        wiring = wire(settings, client)
        await prepare(wiring)
        rep = new_user(id="rep-1", name="Rep", email="rep-1@example.com", role=Role.REP, now=T0, team="north")
        await wiring.ports.users.add(rep, [])
        yield World(wiring, client[settings.database], rep)
    finally:
        await client.drop_database(settings.database)
        await client.close()


async def test_the_cli_imports_a_file_and_reports_bad_rows(
    mongodb_url, names, tmp_path: Path, capsys
) -> None:
    settings = OpportunitySettings(mongodb_url=mongodb_url, database=names.db("opportunity"))
    client = open_client(mongodb_url)
    try:
        db = client[settings.database]
        await MongoUsers(client, db).add(
            new_user(id="rep-1", name="Rep", email="rep-1@example.com", role=Role.REP, now=T0, team="north"),
            [],
        )
        rows = "".join(f"Lead {i} Co,C{i},,02-2800-{i:04d},,,{i * 100},TWD,\n" for i in range(40))
        csv = tmp_path / "expo.csv"
        csv.write_bytes((HEADER + rows + ",Nobody,,02-2899-0000,,,1,TWD,\n").encode("utf-8-sig"))
        status = await run(parse_args([str(csv), "--to", "rep-1", "--close-in-days", "45"]), settings)
        assert status == 0
        assert await db["opportunities"].count_documents({"owner_id": "rep-1"}) == 40
        job = await db["import_jobs"].find_one({})
        assert job is not None and job["status"] == "DONE" and job["problems"][0]["line"] == 42
        again = await run(parse_args(["--resume", job["_id"]]), settings)
        assert again == 0
        assert await db["opportunities"].count_documents({}) == 40
        assert "company is required" in capsys.readouterr().err
    finally:
        await client.drop_database(settings.database)
        await client.close()


async def test_an_import_that_fails_part_way_resumes_without_doubling_anything(world, monkeypatch) -> None:
    monkeypatch.setattr("services.opportunity.application.import_opportunities.CHUNK", 10)
    wiring = world.wiring
    job = await world.queue("".join(f"Crash {i} Co,C{i},,02-2700-{i:04d},,,1,TWD,\n" for i in range(35)))
    real_commit = wiring.work.imports.commit_chunk
    calls = 0

    async def die_on_third_chunk(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == 3:
            raise ConnectionError("database went away")
        return await real_commit(*args, **kwargs)

    monkeypatch.setattr(wiring.work.imports, "commit_chunk", die_on_third_chunk)
    with pytest.raises(ConnectionError):
        await world.run(job)
    half = await world.db["import_jobs"].find_one({"_id": job["_id"]})
    assert half is not None and (half["status"], half["processed"]) == ("FAILED", 20)
    assert await world.db["opportunities"].count_documents({}) == 20
    monkeypatch.setattr(wiring.work.imports, "commit_chunk", real_commit)
    done = await world.run(job)
    assert (done["status"], done["created"]) == ("DONE", 35)
    assert await world.db["opportunities"].count_documents({}) == 35
    assert await world.db["outbox"].count_documents({"type": "opportunity.created"}) == 35


async def test_a_rep_who_left_after_the_job_was_queued_receives_nothing(world) -> None:
    job = await world.queue("Late Co,Lee,,02-2600-0001,,,1,TWD,\n")
    await world.wiring.ports.users.save(deactivate(world.rep, T0), world.rep.version, [])
    with pytest.raises(AssignmentError) as err:
        await world.run(job)
    assert err.value.code == "REP_INACTIVE"
    assert await world.db["opportunities"].count_documents({}) == 0
    assert (await world.db["import_jobs"].find_one({"_id": job["_id"]}) or {})["status"] == "FAILED"


async def test_a_rep_who_leaves_while_the_import_runs_receives_nothing_more(world, monkeypatch) -> None:
    monkeypatch.setattr("services.opportunity.application.import_opportunities.CHUNK", 10)
    wiring = world.wiring
    job = await world.queue("".join(f"Long {i} Co,C{i},,02-2400-{i:04d},,,1,TWD,\n" for i in range(25)))
    real_commit = wiring.work.imports.commit_chunk

    async def leave_after_the_first_chunk(*args, **kwargs):
        result = await real_commit(*args, **kwargs)
        rep = await wiring.ports.users.get("rep-1")
        if rep is not None and rep.active:
            await wiring.ports.users.save(deactivate(rep, T0), rep.version, [])
        return result

    monkeypatch.setattr(wiring.work.imports, "commit_chunk", leave_after_the_first_chunk)
    with pytest.raises(AssignmentError) as err:
        await world.run(job)
    assert err.value.code == "REP_INACTIVE"
    assert await world.db["opportunities"].count_documents({"owner_id": "rep-1"}) == 10


async def test_a_job_another_process_is_running_is_left_alone_until_its_runner_goes_quiet(world) -> None:
    job = await world.queue("Busy Co,Bo,,02-2500-0001,,,1,TWD,\n")
    now = world.wiring.ports.clock()
    assert await world.wiring.work.imports.claim(job["_id"], "other-process", now, now - timedelta(minutes=2))
    untouched = await world.run(job)
    assert untouched["status"] == "RUNNING"  # by the other process; nothing was created here
    assert await world.db["opportunities"].count_documents({}) == 0
    await world.db["import_jobs"].update_one(
        {"_id": job["_id"]}, {"$set": {"heartbeat_at": now - timedelta(hours=1)}}
    )
    done = await world.run(job)
    assert (done["status"], done["created"]) == ("DONE", 1)


async def test_jobs_left_queued_by_a_stopped_process_are_carried_on_at_start_up(world) -> None:
    wiring = world.wiring
    job = await world.queue("Left Co,Liz,,02-2400-0001,,,1,TWD,\n")  # queued, never started
    resume_unfinished_imports(await wiring.work.imports.unfinished_ids(), wiring.ports, wiring.work)
    background = wiring.work.background
    assert isinstance(background, AsyncioBackground)
    await background.wait()
    assert (await wiring.work.imports.get_job(job["_id"]) or {})["status"] == "DONE"


async def test_an_import_stopped_at_shutdown_is_queued_again_with_its_progress(world, monkeypatch) -> None:
    monkeypatch.setattr("services.opportunity.application.import_opportunities.CHUNK", 5)
    wiring = world.wiring
    job = await world.queue("".join(f"Stop {i} Co,S{i},,02-2300-{i:04d},,,1,TWD,\n" for i in range(20)))
    first_chunk = asyncio.Event()
    real_commit = wiring.work.imports.commit_chunk

    async def commit_then_signal(*args, **kwargs):
        await real_commit(*args, **kwargs)
        first_chunk.set()
        await asyncio.Event().wait()  # the process is stopped while this chunk's successor waits

    monkeypatch.setattr(wiring.work.imports, "commit_chunk", commit_then_signal)
    wiring.work.background.start(world.run(job), name="import")
    await asyncio.wait_for(first_chunk.wait(), timeout=30)
    await wiring.work.background.close()
    stopped = await wiring.work.imports.get_job(job["_id"]) or {}
    assert (stopped["status"], stopped["processed"]) == ("QUEUED", 5)
    monkeypatch.setattr(wiring.work.imports, "commit_chunk", real_commit)
    done = await world.run(job)
    assert (done["status"], done["created"]) == ("DONE", 20)


async def test_the_cli_shows_the_columns_and_takes_map_choices(
    mongodb_url, names, tmp_path: Path, capsys
) -> None:
    settings = OpportunitySettings(mongodb_url=mongodb_url, database=names.db("opportunity"))
    client = open_client(mongodb_url)
    try:
        db = client[settings.database]
        await MongoUsers(client, db).add(
            new_user(id="rep-1", name="Rep", email="rep-1@example.com", role=Role.REP, now=T0, team="north"),
            [],
        )
        csv = tmp_path / "show.csv"
        csv.write_bytes("org,who,攤位,tel\nAcme,Bob,A12,0912-345-678\n".encode("cp950"))
        base = [str(csv), "--to", "rep-1", "--close-in-days", "45", "--dry-run"]
        assert await run(parse_args(base), settings) == 1  # no contact column found
        assert "CSV_COLUMNS" in capsys.readouterr().err
        mapped = [*base, "--map", "who=contact", "--map", "3=ignore"]
        assert await run(parse_args(mapped), settings) == 0
        shown = capsys.readouterr().err
        assert "contact" in shown and "chosen" in shown and "Ignored: 攤位." in shown
        assert await db["opportunities"].count_documents({}) == 0
        with pytest.raises(SystemExit):
            parse_args([*base, "--map", "who=boss"])
    finally:
        await client.drop_database(settings.database)
        await client.close()
