"""Waiting for observable state, never for a fixed time: a background `pgpattern` and polling helpers."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from conftest import PGPATTERN

T = TypeVar("T")


def wait_until(condition: Callable[[], T], timeout: float = 30.0, what: str = "the condition",
               interval: float = 0.05) -> T:
    """Poll condition until it returns something true; its value, or AssertionError at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout:g} s (last seen: {value!r})")
        time.sleep(interval)


class CliProcess:
    """`pgpattern ARGS` in the background, its stderr collected line by line as it comes."""

    def __init__(self, *args: str, env: dict | None = None):
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        full_env.update(env or {})
        self.proc = subprocess.Popen([PGPATTERN, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, env=full_env)
        self.lines: list[str] = []
        self.stdout = ""
        self._readers = [threading.Thread(target=self._read_stderr, daemon=True),
                         threading.Thread(target=self._read_stdout, daemon=True)]
        for reader in self._readers:
            reader.start()

    def _read_stderr(self) -> None:
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))

    def _read_stdout(self) -> None:
        self.stdout = self.proc.stdout.read()

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def stderr(self) -> str:
        return "\n".join(self.lines)

    def wait_for_line(self, text: str, timeout: float = 30.0) -> str:
        """The first stderr line containing text; AssertionError if the process ends or time runs out first."""
        def seen():
            found = next((line for line in self.lines if text in line), None)
            if found is None and self.proc.poll() is not None and not self._readers[0].is_alive():
                raise AssertionError(f"the command ended (exit {self.proc.returncode}) without a line "
                                     f"containing {text!r}; it wrote:\n{self.stderr}")
            return found
        return wait_until(seen, timeout, f"a line containing {text!r} (stderr so far: {self.stderr!r})")

    def finish(self, timeout: float = 120.0) -> int:
        """Wait for the command to end; its exit code, with all of its output read."""
        code = self.proc.wait(timeout=timeout)
        for reader in self._readers:
            reader.join(timeout=10)
        return code

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.proc.kill()
        self.finish()
