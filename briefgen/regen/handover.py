"""Briefs made by worker processes (jobs > 1), written by threads, reported in order.

The build process loads and compares each brief (briefs.Run.plan), hands the
briefs to build to the workers (parallel.py), a few ahead of the one awaited,
takes what each made, and has a few threads write it (its files, edition and
manifest entry: mostly waiting for fsync) while it goes on loading. A brief laid
out in this process (before workers start, or where none can) is laid out and
written here, one at a time: reportlab is not made for threads.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import BriefgenError, display_path
from briefgen.project import Project

if TYPE_CHECKING:  # worker processes are only imported when a build uses them
    from concurrent.futures import Future, ThreadPoolExecutor

    from briefgen.regen.briefs import Plan, Result, Run
    from briefgen.regen.job import Made
    from briefgen.regen.parallel import Pool

AHEAD = 4  # briefs handed to the workers ahead of the one awaited, per worker
WRITERS = 4  # threads writing briefs' files: their fsyncs wait on the disk together


def results(run: Run, sources: list[Path]) -> Iterator[Result]:
    """Every brief's result, in the order of sources, briefs made by jobs workers."""
    from concurrent.futures import ThreadPoolExecutor

    from briefgen.regen import briefs

    planned: deque[Plan] = deque()  # in order, until handed to the writing thread
    unsent: deque[Plan] = deque()  # with a job no worker has yet
    handed: deque[Future[Result]] = deque()  # being written, in order
    pool: Pool | None = None
    tried = False
    # threads write and fsync the briefs' files, editions and manifest entries while
    # this one loads the next briefs and keeps the workers busy
    writer = ThreadPoolExecutor(WRITERS, thread_name_prefix="briefgen-write")
    try:
        for source in sources:
            plan = run.plan(source)
            planned.append(plan)
            if plan.job is not None:
                unsent.append(plan)
            if not tried and len(unsent) >= briefs.START:
                pool, tried = _pool(run.project, min(run.jobs, len(sources))), True
            _send(run, pool, planned, unsent)
            _hand(run, writer, pool, planned, handed)
            while handed and handed[0].done():
                yield handed.popleft().result()
        while planned:
            _send(run, pool, planned, unsent)
            _hand(run, writer, pool, planned, handed, front=True)
            while handed and handed[0].done():
                yield handed.popleft().result()
        while handed:
            yield handed.popleft().result()
    except BaseException:
        if pool is not None:
            pool.stop()  # Ctrl-C, SIGTERM or a closed generator: end the workers now
        raise
    finally:
        writer.shutdown(wait=True, cancel_futures=True)  # no write left half done
    if pool is not None:
        pool.close()


def _send(run: Run, pool: Pool | None, planned: deque[Plan], unsent: deque[Plan]) -> None:
    """Keep each worker busy, with a few briefs ahead of the one being awaited."""
    if pool is None:
        return
    sent = sum(1 for p in planned if p.future is not None and not p.future.done())
    while unsent and sent < AHEAD * run.jobs:
        plan = unsent.popleft()
        assert plan.job is not None
        plan.future = pool.submit(plan.job)
        sent += 1


def _hand(
    run: Run,
    writer: ThreadPoolExecutor,
    pool: Pool | None,
    planned: deque[Plan],
    handed: deque[Future[Result]],
    front: bool = False,
) -> None:
    """Hand each brief made, in order, to the writing threads; with front, also the
    first one still being made, once it is (waiting here: see Pool.result). Only
    writing happens in those threads: a brief is laid out in this one or a worker."""
    from concurrent.futures import Future

    while planned and (planned[0].ready or front):
        front = False
        plan = planned.popleft()
        made = _made_by(run, plan, pool)
        if made is not None:
            handed.append(writer.submit(run.finish, plan, made))
        else:  # up to date, failed, or to be made here: in this thread, one at a time
            done: Future[Result] = Future()
            done.set_result(run.finish(plan, None))
            handed.append(done)


def _made_by(run: Run, plan: Plan, pool: Pool | None) -> Made | None:
    """What a worker made of the brief; None: nothing, or it failed (its error is set)."""
    made: list[Made] = []
    if plan.future is not None and pool is not None:
        future = plan.future
        run.guard(plan.result, lambda: made.append(_outcome(pool, future, plan.result)))
    return made[0] if made else None


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
