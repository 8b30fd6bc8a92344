"""A notebook's kernel, run quietly and stopped cleanly by Ctrl-C.

- The kernel listens on local IPC sockets, files in a private folder per run: nothing on a TCP
  port (and no warning about running over TCP without encryption), and kernels started side by
  side (``make -j2``) never pick the same socket file.
- A finished notebook's kernel is asked to shut down without the SIGINT jupyter_client sends
  first, which races with the idle kernel's last message and prints 'KeyboardInterrupt caught in
  kernel'.
- Papermill runs in a worker thread and Ctrl-C stays with the main thread (nbclient handles
  SIGINT itself only on the main thread, by asking a busy kernel to shut down, which then prints
  tracebacks): the kernel is killed at once and KeyboardInterrupt goes on. Nothing the kernel
  computed is kept.
- Where a warm server runs (a build step run through :mod:`helpers.build.warm`, or after
  :func:`helpers.build.warm.enable`), the kernel is forked by it, its libraries already imported;
  if it refuses, the kernel starts cold.
"""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

from helpers import paths
from helpers.build import warm


class KernelMissing(RuntimeError):
    """The project's Jupyter kernel is not installed; the message says how to install it."""


def check_kernel(kernel_name: str = paths.KERNEL_NAME) -> None:
    """Fail early, with the fix, if the project's Jupyter kernel is not installed."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(kernel_name)
    except NoSuchKernel as exc:
        raise KernelMissing(
            f"Jupyter kernel {kernel_name!r} is not installed in this environment; "
            "run `make` (it installs the kernel into .venv with --sys-prefix)"
        ) from exc


def kernel_config(socket_dir: str):
    """IPC transport, the sockets being files ``socket_dir/kernel-N``."""
    from traitlets.config import Config

    return Config({"KernelManager": {"transport": "ipc", "ip": str(Path(socket_dir) / "kernel")}})


class Kernels:
    """The kernels of one run, so that Ctrl-C can stop them: a kernel is launched only while the
    run is not cancelled, under a lock that :meth:`cancel` takes too (no kernel slips through
    between its process starting and its manager knowing it)."""

    def __init__(self) -> None:
        self.managers: list = []
        self.cancelled = False
        self.lock = threading.Lock()

    def cancel(self) -> None:
        """Launch no more kernels; kill those that run, and wait for them."""
        with self.lock:
            self.cancelled = True
            for manager in self.managers:
                process = getattr(manager.provisioner, "process", None) if manager.provisioner else None
                if process is not None and process.poll() is None:
                    process.kill()
                    process.wait()

    def manager_class(self):
        """jupyter_client's kernel manager, minus the SIGINT before a shutdown request, its
        kernels known to this run."""
        from jupyter_client.manager import AsyncKernelManager

        kernels = self

        class QuietKernelManager(AsyncKernelManager):
            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                kernels.managers.append(self)

            async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
                with kernels.lock:
                    if kernels.cancelled:
                        raise RuntimeError("the run was interrupted before its kernel started")
                    if warm.OWNER is not None:
                        fork_from_warm_server(self.provisioner)
                    await super()._async_launch_kernel(kernel_cmd, **kw)

            async def _async_interrupt_kernel(self) -> None:
                if not self.shutting_down:
                    await super()._async_interrupt_kernel()

            interrupt_kernel = _async_interrupt_kernel

        return QuietKernelManager


def fork_from_warm_server(provisioner) -> None:
    """Make ``provisioner`` (jupyter_client's local provisioner) ask the warm server for its kernel,
    and launch it itself, as before, if the server refuses. The forked kernel gets what the local
    launch gives a kernel: the environment, folder and command asked for, and this process as its
    parent (``JPY_PARENT_PID``)."""
    launch_cold = provisioner.launch_kernel

    async def launch_kernel(cmd: list[str], **kw):
        env = dict(kw.get("env") or os.environ)
        env["JPY_PARENT_PID"] = str(os.getpid())
        cwd = str(kw.get("cwd") or os.getcwd())
        try:
            process = warm.launch_kernel([os.path.expanduser(s) for s in cmd], env, cwd)
        except warm.Refused:
            return await launch_cold(cmd, **kw)
        provisioner.process, provisioner.pid, provisioner.pgid, provisioner.cwd = process, process.pid, process.pid, cwd
        return provisioner.connection_info

    provisioner.launch_kernel = launch_kernel


def close_event_loop() -> None:
    """Close the event loop jupyter_core made for this thread (it leaves it open, and a worker
    thread's loop would be collected unclosed)."""
    from jupyter_core.utils import ensure_event_loop

    loop = ensure_event_loop()
    if not loop.is_closed():
        loop.close()


def run_notebook(notebook: Path, parameters: dict, kernel_name: str = paths.KERNEL_NAME):
    """Execute ``notebook`` with papermill in memory, in its own folder; return the executed
    notebook. Papermill's errors (a failing cell) propagate; Ctrl-C kills the kernel first."""
    import papermill

    check_kernel(kernel_name)
    kernels = Kernels()
    outcome: dict = {}
    with tempfile.TemporaryDirectory(prefix="kernel-") as socket_dir:

        def work() -> None:
            try:
                outcome["nb"] = papermill.execute_notebook(
                    str(notebook),
                    None,
                    parameters=parameters,
                    kernel_name=kernel_name,
                    cwd=str(notebook.parent),
                    progress_bar=False,
                    log_output=False,
                    config=kernel_config(socket_dir),
                    kernel_manager_class=kernels.manager_class(),
                )
            except BaseException as exc:  # handed to the main thread
                outcome["error"] = exc
            finally:
                close_event_loop()

        worker = threading.Thread(target=work, name="papermill", daemon=True)
        worker.start()
        try:
            while worker.is_alive():
                worker.join(0.1)
        except KeyboardInterrupt:
            kernels.cancel()
            raise
    if "error" in outcome:
        raise outcome["error"]
    return outcome["nb"]
