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
