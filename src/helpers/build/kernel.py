"""A notebook's kernel, run quietly and stopped cleanly by Ctrl-C, through public APIs only.

- The kernel listens on local IPC sockets in a private folder per run: no TCP port, and kernels
  started side by side (``make -j2``) never share a socket file.
- Its stderr goes to a file of the run (jupyter_client interrupts a kernel before stopping it: it
  prints 'KeyboardInterrupt caught in kernel'); if it dies, its last line there is the cause.
- After the last cell it is stopped at once, not asked to shut down: ipykernel 7.4 can deadlock
  in that request (1 run in 10) until jupyter_client kills it 3.5 s later.
- Papermill runs in a worker thread; Ctrl-C stays with the main thread, which kills the run's
  processes (psutil). A kernel still starting exits by itself (it watches ``JPY_PARENT_PID``).
"""

from __future__ import annotations

import logging
import sys
import tempfile
import threading
from pathlib import Path

from helpers import paths


class KernelMissing(RuntimeError):
    """The notebooks' kernel is not installed or runs another Python; the message says the fix."""


class KernelDied(RuntimeError):
    """The kernel process ended while the notebook ran; the message names the cause it printed."""


def check_kernel(kernel_name: str = paths.KERNEL_NAME, specs=None) -> None:
    """Fail early, with the fix, unless ``kernel_name`` runs this environment's Python: ``python`` is
    ``sys.executable`` (as jupyter_client starts it), another command must be in its ``bin`` (a
    ``python3`` in ``~/.local/share/jupyter`` comes first). ``specs``: a ``KernelSpecManager``."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = (specs or KernelSpecManager()).get_kernel_spec(kernel_name)
    except NoSuchKernel as exc:
        raise KernelMissing(f"Jupyter kernel {kernel_name!r} is not installed in this environment; run `make`") from exc
    bin_dir = Path(spec.argv[0]).parent.resolve()
    if spec.argv[0] not in ("python", "python3") and bin_dir != Path(sys.executable).parent.resolve():
        raise KernelMissing(
            f"Jupyter kernel {kernel_name!r} ({spec.resource_dir}) runs {spec.argv[0]}, not this environment's Python "
            f"({sys.executable}); remove that kernelspec or set JUPYTER_PREFER_ENV_PATH=1"
        )


def manager_class(log):
    """jupyter_client's kernel manager, its kernel's stderr written to ``log``."""
    from jupyter_client.manager import AsyncKernelManager

    class QuietKernelManager(AsyncKernelManager):
        async def start_kernel(self, **kw):
            await super().start_kernel(**kw, stderr=log)

    return QuietKernelManager


def last_words(log) -> str:
    """The last line the kernel wrote to its stderr (the cause of its death), or a guess."""
    log.flush()
    lines = [line.strip() for line in Path(log.name).read_text(encoding="utf-8", errors="replace").splitlines()]
    lines = [line for line in lines if line and "KeyboardInterrupt caught in kernel" not in line]
    return lines[-1] if lines else "it printed nothing (killed by a signal or out of memory?)"


def kill_children() -> None:
    """Kill every process this one started (the kernel), and wait for them."""
    import psutil

    children = psutil.Process().children(recursive=True)
    for child in children:
        child.kill()
    psutil.wait_procs(children, timeout=10)


def run_notebook(notebook: Path, parameters: dict, kernel_name: str = paths.KERNEL_NAME):
    """Execute ``notebook`` with papermill in memory, in its own folder; return the executed
    notebook. A failing cell raises papermill's error, a dead kernel :class:`KernelDied`."""
    import papermill
    from jupyter_core.utils import ensure_event_loop
    from nbclient.exceptions import DeadKernelError
    from traitlets.config import Config

    check_kernel(kernel_name)
    logging.getLogger("papermill").setLevel(logging.CRITICAL)  # it repeats what this run says in one line
    outcome: dict = {}
    with tempfile.TemporaryDirectory(prefix="kernel-") as run_dir, open(Path(run_dir) / "stderr", "w+") as log:
        config = Config({"KernelManager": {"transport": "ipc", "ip": str(Path(run_dir) / "kernel")}})

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
                    shutdown_kernel="immediate",
                    config=config,
                    kernel_manager_class=manager_class(log),
                )
            except BaseException as exc:  # noqa: BLE001 -- handed to the main thread, which re-raises it
                outcome["error"] = exc
            finally:  # jupyter_core leaves this thread's event loop open
                ensure_event_loop().close()

        worker = threading.Thread(target=work, name="papermill", daemon=True)
        worker.start()
        try:
            while worker.is_alive():
                worker.join(0.1)
        except KeyboardInterrupt:
            kill_children()
            raise
        if isinstance(outcome.get("error"), DeadKernelError):
            raise KernelDied(f"the kernel died while the notebook ran: {last_words(log)}") from outcome["error"]
    if "error" in outcome:
        raise outcome["error"]
    return outcome["nb"]
