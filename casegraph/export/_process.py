"""Running an export's jobs: without the cycle collector, and in forked processes."""
from __future__ import annotations

import gc
import os
import pickle
from typing import Callable

__all__ = ["can_fork", "run_forked"]


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
    gc.freeze()  # a child then leaves the parent's objects alone (no copy-on-write for GC)
    children = []
    for job in jobs[1:]:
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
        children.append((pid, read))
    results: list[object] = []
    error: BaseException | None = None
    try:
        results.append(jobs[0]())
    except BaseException as err:  # noqa: BLE001 - raised once the children are done
        error = err
    for pid, read in children:
        with os.fdopen(read, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
        try:
            ok, value = pickle.loads(payload)
        except Exception:  # noqa: BLE001 - the child died before it could answer
            ok, value = False, OSError(f"an export process failed (status {status})")
        if not ok and error is None:
            error = value
        results.append(value)
    gc.unfreeze()
    if error is not None:
        raise error
    return results


def _picklable(err: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(err))
        return err
    except Exception:  # noqa: BLE001
        return OSError(f"{type(err).__name__}: {err}")
