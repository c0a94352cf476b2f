"""The worker processes of a running `kg serve`, read from /proc (Linux)."""

from __future__ import annotations

from pathlib import Path


def children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def worker_pids(server_pid: int) -> list[int]:
    """The query workers (multiprocessing's spawned children, not its resource tracker), alive ones only."""
    pids = []
    for pid in children(server_pid):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmdline and state(pid) not in ("Z", "X", None):
            pids.append(pid)
    return sorted(pids)


def state(pid: int) -> str | None:
    """R, S, D, Z (a zombie: dead, not reaped)...; None when the process is gone (reaped)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


def cpu_ticks(pids: list[int]) -> int:
    """User + system CPU time of these processes, in clock ticks (1/100 s)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError):
            continue
    return total
