"""A worker process that cannot reach the network and cannot take the machine's memory.

The query engine (pyoxigraph) follows ``SERVICE`` calls out to the network and has no switch to
stop it; the queries are checked before they run (:mod:`zonekg.queries.guard`), and this is what
holds if that check ever has a gap.  :func:`isolate`, called first thing in a freshly forked or
started worker (while it has one thread), does what the kernel allows, in this order:

1. **a network namespace of its own** (``unshare(CLONE_NEWNET)``; as root directly, otherwise
   inside a new user namespace, which most Linux kernels allow unprivileged users): the worker
   sees only a loopback interface that is down, so no address, not even this machine's
   127.0.0.1, can be reached;
2. **a seccomp filter** (``PR_SET_NO_NEW_PRIVS``, then ``PR_SET_SECCOMP``; needs no privilege):
   ``socket()`` of any family but ``AF_UNIX``, and ``io_uring_setup`` (which can make sockets
   without ``socket()``), fail with ``EACCES``.  On x86-64 and arm64 only; elsewhere it is skipped;
3. **a memory ceiling**: ``RLIMIT_AS`` (address space, so the ceiling counts what is reserved, not
   only what is touched; allocations past it fail and the engine aborts, which its parent sees as
   a dead worker), malloc arenas limited to two so that threads do not reserve 64 MiB each, and no
   core files.

What was applied is returned (:class:`Isolation`), so that a caller can say so; a step that the
kernel refuses is left out rather than failing the worker: the seccomp filter alone already stops
every Internet socket (docs/servers.md, "Without root"). On another system than Linux nothing is
applied (the query check is then the only line).
"""

from __future__ import annotations

import ctypes
import os
import platform
import resource
import struct
from dataclasses import dataclass

CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000
PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
M_ARENA_MAX = -8
AF_UNIX = 1
EACCES = 13

# Classic BPF as the kernel reads it (linux/filter.h, linux/seccomp.h).
_LD_ABS_W = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_RET_K = 0x06
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
#: (audit architecture, socket, io_uring_setup, first x32 syscall or None) by machine.
_ARCHES = {
    "x86_64": (0xC000003E, 41, 425, 0x40000000),
    "aarch64": (0xC00000B7, 198, 425, None),
}
#: Where ``struct seccomp_data`` holds the syscall number, the architecture and the first argument.
_NR, _ARCH, _ARG0 = 0, 4, 16

#: Which way :func:`isolate` cut the network, for tests and messages (``ZONEKG_SANDBOX=none``
#: turns isolation off, for a debugger; ``seccomp`` skips the namespace, to test the fallback).
SANDBOX_ENV = "ZONEKG_SANDBOX"


@dataclass(frozen=True)
class Isolation:
    """What :func:`isolate` applied: the namespace (``"root"``, ``"user"`` or ``None``), whether the
    socket filter is on, and the address-space ceiling in bytes (``None``: none)."""

    namespace: str | None
    seccomp: bool
    memory: int | None

    @property
    def offline(self) -> bool:
        """True when the worker can reach no network address by any of the two means."""
        return self.namespace is not None or self.seccomp


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def new_network_namespace(libc: ctypes.CDLL) -> str | None:
    """Move this (single-threaded) process into a new network namespace: ``"root"`` when allowed
    directly, ``"user"`` inside a new user namespace, ``None`` when the kernel refuses both."""
    if libc.unshare(CLONE_NEWNET) == 0:
        return "root"
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0:
        return "user"
    return None


def socket_filter_program(machine: str | None = None) -> bytes | None:
    """The seccomp program (``struct sock_filter`` array) that refuses non-Unix sockets and
    io_uring on this machine's architecture, or None where it is not known."""
    arch = _ARCHES.get(machine or platform.machine())
    if arch is None:
        return None
    audit, sys_socket, sys_uring, x32 = arch

    def op(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
        return struct.pack("HBBI", code, jt, jf, k)

    deny, allow = 9, 8  # indexes of the two returns below; a jump is relative to the next instruction
    prog = [
        op(_LD_ABS_W, _ARCH),
        op(_JEQ_K, audit, 0, deny - 2),
        op(_LD_ABS_W, _NR),
        op(_JGE_K, x32 if x32 is not None else 0xFFFFFFFF, deny - 4, 0),
        op(_JEQ_K, sys_uring, deny - 5, 0),
        op(_JEQ_K, sys_socket, 0, allow - 6),
        op(_LD_ABS_W, _ARG0),
        op(_JEQ_K, AF_UNIX, allow - 8, deny - 8),
        op(_RET_K, _RET_ALLOW),
        op(_RET_K, _RET_ERRNO | EACCES),
    ]
    return b"".join(prog)


def install_socket_filter(libc: ctypes.CDLL) -> bool:
    """Install :func:`socket_filter_program` on this process (and the threads it starts later)."""
    program = socket_filter_program()
    if program is None:
        return False
    count = len(program) // 8
    buffer = ctypes.create_string_buffer(program, len(program))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(count, ctypes.addressof(buffer))
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) == 0


def isolate(memory: int | None) -> Isolation:
    """Cut this process off the network and set its memory ceiling (bytes; None for none).

    Call it in a new worker before it starts any thread (a user namespace needs a process with
    one thread); see the module's description for what each step does."""
    import sys

    mode = os.environ.get(SANDBOX_ENV, "")
    if mode == "none" or sys.platform != "linux":  # namespaces, seccomp and /proc's sizes are Linux's
        return Isolation(None, False, None)
    libc = _libc()
    namespace = None if mode == "seccomp" else new_network_namespace(libc)
    filtered = install_socket_filter(libc)
    libc.mallopt(M_ARENA_MAX, 2)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if memory is not None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    return Isolation(namespace, filtered, memory)
