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

    One home for what the query worker (:func:`zonekg.queries.engine._in_worker`: a time limit) and the
    build's overlapping steps (:class:`zonekg.pipeline.parallel.Child`: several at once, joined later)
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
            raise RuntimeError("answer() or stop() was called already")
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


class WorkerDied(Exception):
    """A :class:`Worker` ended without answering; ``status`` is its wait status."""

    def __init__(self, status: int) -> None:
        super().__init__(f"the worker stopped (wait status {status})")
        self.status = status

    @property
    def exit_code(self) -> int:
        return os.waitstatus_to_exitcode(self.status)


def _read_exact(fd: int, size: int) -> bytes:
    chunks = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _write_frame(fd: int, data: bytes) -> None:
    view = memoryview(len(data).to_bytes(8, "big") + data)
    while view:
        view = view[os.write(fd, view):]


class Worker:
    """A forked child that answers requests one at a time, kept warm between them.

    The one-shot :class:`Forked` pays a fork and whatever the child sets up (opening the store)
    for every answer; a notebook or the endpoint asks many small questions, so this child stays
    and serves ``handle(request) -> answer`` (bytes in, bytes out, each framed by its length)
    over two pipes until it is stopped. :meth:`ask` waits for an answer at most ``timeout``
    seconds; past that the child is killed (SIGKILL: its CPU stops at once) and reaped, and
    ``TimeoutError`` raised; a child that dies answering raises :class:`WorkerDied`. Either way
    this worker is then dead (:attr:`alive` is False) and its owner starts a new one.
    ``handle`` must not raise. ``in_child`` runs first in the child (e.g. the sandbox). The child
    writes nothing to the parent's standard streams and leaves through ``os._exit``, so nothing
    the parent had buffered is written twice, and a lock another thread of the parent held at
    the fork is never waited for."""

    def __init__(self, handle: Callable[[bytes], bytes], *, in_child: Callable[[], None] | None = None) -> None:
        import sys

        req_read, req_write = os.pipe()
        ans_read, ans_write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            status = 1
            try:
                os.close(req_write)
                os.close(ans_read)
                if in_child is not None:
                    in_child()
                while True:
                    try:
                        size = int.from_bytes(_read_exact(req_read, 8), "big")
                        request = _read_exact(req_read, size)
                    except EOFError:
                        status = 0
                        break
                    _write_frame(ans_write, handle(request))
            finally:
                os._exit(status)
        os.close(req_read)
        os.close(ans_write)
        self.pid: int | None = pid
        self._requests: int | None = req_write
        self._answers: int | None = ans_read
        #: The child's wait status, once it has been reaped.
        self.status: int | None = None

    @property
    def alive(self) -> bool:
        return self.pid is not None

    def ask(self, request: bytes, timeout: float) -> bytes:
        """Send one request and wait for its answer (see the class)."""
        import select
        import time

        if self._requests is None or self._answers is None:
            raise WorkerDied(self.status or 0)
        deadline = time.monotonic() + timeout
        try:
            _write_frame(self._requests, request)
            poller = select.poll()
            poller.register(self._answers, select.POLLIN)  # also wakes when the child dies (POLLHUP)
            head = b""
            while len(head) < 8:
                left = deadline - time.monotonic()
                if left <= 0 or not poller.poll(left * 1000):
                    raise TimeoutError(f"no answer within {timeout:g} s")
                chunk = os.read(self._answers, 8 - len(head))
                if not chunk:
                    raise EOFError
                head += chunk
            return _read_exact(self._answers, int.from_bytes(head, "big"))
        except (EOFError, BrokenPipeError):
            self.stop()
            raise WorkerDied(self.status or 0) from None
        except BaseException:  # the time limit, or Ctrl-C: the child may be anywhere in its work
            self.stop()
            raise

    def stop(self) -> None:
        """Kill the child if it still runs, and reap it (a no-op once stopped)."""
        for fd in (self._requests, self._answers):
            if fd is not None:
                os.close(fd)
        self._requests = self._answers = None
        if self.pid is None:
            return
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _, self.status = os.waitpid(self.pid, 0)
        self.pid = None
