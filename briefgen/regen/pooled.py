"""A build's briefs made by worker processes, in the order of its content files.

The build process plans each brief (loads it, compares it with its last edition and
build: see briefs.Run.plan), hands what is left to make to the workers (see
parallel.py), a few briefs ahead of the one it waits for, and takes what they
made in order. The first briefs are made here while the workers start.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import BriefgenError, display_path
from briefgen.project import Project
from briefgen.regen.forkserver import START
from briefgen.regen.job import Made

if TYPE_CHECKING:  # worker processes are only imported when a build uses them
    from concurrent.futures import Future

    from briefgen.regen.briefs import Plan, Result, Run
    from briefgen.regen.parallel import Pool

AHEAD = 4  # briefs handed to the workers ahead of the one awaited, per worker


def made(run: Run, sources: list[Path]) -> Iterator[Plan]:
    """Every brief of sources planned and made, in their order: by a worker, or here
    before the workers start (or where they cannot)."""
    planned: deque[Plan] = deque()  # in order, until made
    unsent: deque[Plan] = deque()  # with a job no worker has yet
    pool: Pool | None = None
    tried = False
    try:
        for source in sources:
            plan = run.plan(source)
            planned.append(plan)
            if plan.job is not None:
                unsent.append(plan)
            if not tried and len(unsent) >= START:
                pool, tried = _pool(run.project, min(run.jobs, len(sources))), True
            _send(run.jobs, pool, planned, unsent)
            while planned and planned[0].ready:
                yield _finish(run, planned.popleft(), pool)
        while planned:
            _send(run.jobs, pool, planned, unsent)
            yield _finish(run, planned.popleft(), pool)
    except BaseException:
        if pool is not None:
            pool.stop()  # Ctrl-C, SIGTERM or a closed generator: end the workers now
        raise
    if pool is not None:
        pool.close()


def _send(jobs: int, pool: Pool | None, planned: deque[Plan], unsent: deque[Plan]) -> None:
    """Keep each worker busy, with a few briefs ahead of the one being awaited."""
    if pool is None:
        return
    sent = sum(1 for p in planned if p.future is not None and not p.future.done())
    while unsent and sent < AHEAD * jobs:
        plan = unsent.popleft()
        assert plan.job is not None
        plan.future = pool.submit(plan.job)
        sent += 1


def _finish(run: Run, plan: Plan, pool: Pool | None) -> Plan:
    """The brief, once made: by a worker, or (before workers start) here."""
    if plan.future is not None and pool is not None:
        future = plan.future
        run.guard(plan.result, lambda: run.made(plan, _outcome(pool, future, plan.result)))
    elif plan.job is not None:
        run.guard(plan.result, partial(run.make_here, plan))
    return plan


def _pool(project: Project, jobs: int) -> Pool | None:
    """Worker processes, or None where the system cannot run them (then this process builds)."""
    from briefgen.regen.parallel import Pool

    try:
        return Pool(project, jobs)
    except (OSError, ImportError, NotImplementedError):  # no sem_open or /dev/shm, say
        return None


def _outcome(pool: Pool, future: Future[Made], result: Result) -> Made:
    """What the worker made; a worker that died or never started fails the brief, in one line."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return pool.result(future)
    except BrokenProcessPool:
        why = "a worker process ended abruptly (out of memory, or killed?)"
    except OSError as exc:  # the worker reports its own errors: this is starting one
        why = f"cannot start a worker process: {exc.strerror or exc}"
    raise BriefgenError(
        f"not built: {why}; --jobs 1 builds in one process", file=display_path(result.source)
    )
