"""Running an export's jobs: without the cycle collector, and in forked processes."""
from __future__ import annotations

import gc
import os
import pickle
from typing import Callable

__all__ = ["can_fork", "run_forked", "fork_job", "ChildDied"]


class ChildDied(OSError):
    """A forked job's process ended without an answer (killed, or out of memory)."""


def can_fork() -> bool:
    """Whether this platform starts processes by fork (else the jobs run here, in turn)."""
    import multiprocessing
    return "fork" in multiprocessing.get_all_start_methods()


def run_forked(jobs: list[Callable[[], object]]) -> list[object]:
    """Run each of ``jobs`` in a forked child (the first in this process, meanwhile) and
    return their results in order (they must pickle); the first error raised by any is
    raised here. Where processes do not fork, the jobs run one after another."""
    if not can_fork():
        return [job() for job in jobs]
    waits = [fork_job(job) for job in jobs[1:]]
    results: list[object] = []
    error: BaseException | None = None
    try:
        results.append(jobs[0]())
    except BaseException as err:  # noqa: BLE001 - raised once the children are done
        error = err
    for wait in waits:
        try:
            results.append(wait())
        except BaseException as err:  # noqa: BLE001 - the first error is raised
            results.append(None)
            error = error or err
    if error is not None:
        raise error
    return results


def fork_job(job: Callable[[], object]) -> Callable[[], object]:
    """Start ``job`` in a forked child; return the function that waits for it and gives
    its result (or raises its error; called again, it gives the same). Where processes do
    not fork, the job runs when that function is first called."""
    if not can_fork():
        return _once(job)
    gc.freeze()  # a child then leaves the parent's objects alone (no copy-on-write for GC)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run the job, send back its result or error, exit at once
        os.close(read)
        try:
            try:
                payload = pickle.dumps((True, job()))
            except BaseException as err:  # noqa: BLE001 - sent to the parent
                payload = pickle.dumps((False, _picklable(err)))
            with os.fdopen(write, "wb") as pipe:
                pipe.write(payload)
        finally:
            os._exit(0)
    os.close(write)
    gc.unfreeze()

    @_once
    def wait() -> object:
        with os.fdopen(read, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
        try:
            ok, value = pickle.loads(payload)
        except Exception:  # noqa: BLE001 - the child died before it could answer
            ok, value = False, ChildDied(f"an export process failed (status {status})")
        if not ok:
            raise value
        return value

    return wait


def _once(job: Callable[[], object]) -> Callable[[], object]:
    """``job`` run on the first call only; later calls give its result or error again."""
    outcome: list[tuple[bool, object]] = []

    def call() -> object:
        if not outcome:
            try:
                outcome.append((True, job()))
            except BaseException as err:  # noqa: BLE001 - kept, raised on each call
                outcome.append((False, err))
        ok, value = outcome[0]
        if not ok:
            raise value
        return value

    return call


def _picklable(err: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(err))
        return err
    except Exception:  # noqa: BLE001
        return OSError(f"{type(err).__name__}: {err}")
