"""Child processes that never outlive the process that started them.

The reasoner's JVM, the build's forked steps and ``zonekg serve``'s Oxigraph server each run
beside a Python process that may be killed with SIGKILL; Linux's ``PR_SET_PDEATHSIG`` makes the
kernel signal the child then, so no ``java`` or server is left running."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable

PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGKILL) -> Callable[[], None]:
    """A function to call in the child right after the fork (a ``preexec_fn``, or the first step of
    a forked worker): the child gets ``sig`` when this process dies, and exits at once if it died
    already. libc is loaded here, in the parent, so the child does no loading between fork and exec."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    parent = os.getpid()

    def in_child() -> None:
        libc.prctl(PR_SET_PDEATHSIG, sig)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return in_child


class Forked:
    """``fn(*args)`` in a forked child that sends the bytes it returns back through a pipe.

    One home for what the query worker (:func:`zonekg.sparql._in_worker`: a time limit) and the
    build's overlapping steps (:class:`zonekg.overlap.Child`: several at once, joined later)
    both need. A bare ``os.fork`` and pipe rather than multiprocessing, whose import costs about
    as much as a quick query. The child never returns into the caller's code: it leaves through
    ``os._exit`` whatever happens. Both standard streams are flushed before the fork and again
    when the child ends, so nothing the parent had buffered is written twice and what the child
    printed is not lost. ``in_child`` runs first in the child (e.g. :func:`die_with_parent`'s
    function). The caller must :meth:`answer` or :meth:`stop`, which reap the child."""

    def __init__(self, fn: Callable[..., bytes], *args: object,
                 in_child: Callable[[], None] | None = None) -> None:
        import sys

        read, write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            status = 1
            try:
                os.close(read)
                if in_child is not None:
                    in_child()
                data = fn(*args)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                status = 0
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
        os.close(write)
        self.pid: int | None = pid
        self._read: int | None = read
        #: The child's wait status, once it has been reaped.
        self.status: int | None = None

    def answer(self, timeout: float | None = None) -> bytes:
        """The bytes the child sent (empty if it died without answering), once it has closed the
        pipe; the child is then reaped. At the time limit (seconds), or on any interruption, the
        child is killed and reaped and the exception (``TimeoutError`` for the limit) raised."""
        import select

        if self.pid is None or self._read is None:
            raise RuntimeError("the child was already reaped")
        pid, read = self.pid, self._read
        try:
            if timeout is not None:
                poller = select.poll()
                poller.register(read, select.POLLIN)  # also wakes when the child dies (POLLHUP)
                if not poller.poll(timeout * 1000):
                    raise TimeoutError(f"no answer within {timeout:g} s")
            with os.fdopen(read, "rb", closefd=False) as pipe:
                data = pipe.read()  # to the end: the child closes the pipe when it has written all
        except BaseException:  # the time limit, or Ctrl-C
            self.stop()
            raise
        self._close()
        _, self.status = os.waitpid(pid, 0)
        self.pid = None
        return data

    def stop(self) -> None:
        """Kill the child if it still runs, and reap it (a no-op once answered or stopped)."""
        self._close()
        if self.pid is None:
            return
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _, self.status = os.waitpid(self.pid, 0)
        self.pid = None

    def _close(self) -> None:
        if self._read is not None:
            os.close(self._read)
            self._read = None
