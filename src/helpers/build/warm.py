"""A warm build: the libraries imported once per build, a process forked for each step and kernel.

Cold, each notebook pays a Python start, its kernel's imports (IPython, zmq, debugpy: ~0.7 s) and
its own (pandas, matplotlib, scipy, statsmodels: ~3 s) before its first computation, and each
build step pays the imports of its tool (papermill, nbconvert: ~1.2 s). A *warm server* imports
the third-party libraries of all of them once (:data:`WARM_MODULES`, never the project's code) and
forks, from that state:

- a *worker* per build step (``python -m helpers.build.warm --owner PID render notebooks/x.ipynb``,
  what the Makefile runs): the worker runs the tool (``python -m helpers.build.<tool>``) with the
  client's folder, environment, arguments and standard streams, so its lines and files are the
  cold tool's; the client forwards Ctrl-C to it and exits with its status;
- a *kernel* per notebook (:func:`launch_kernel`, used by :mod:`helpers.build.kernel`): the fork
  runs ``ipykernel_launcher`` as the kernel command would, in the folder, environment and
  arguments the kernel manager asked for, in a session of its own; the requester sees it as a
  process (:class:`ForkedKernel`).

Safety:

- One server per owner (make's process for a build, a pytest worker for a test session) and per
  environment: the socket's name holds both, the server exits once its owner has, and it refuses
  (the caller then runs cold) a request from another environment, a kernel command other than
  ``<its own interpreter and options> -m ipykernel_launcher``, or a folder holding a
  ``matplotlibrc`` (matplotlib read the server's folder's at import).
- A request whose client disconnects is stopped: a worker gets Ctrl-C (as the cold tool would),
  a kernel is killed. When the server goes, it kills what it forked.
- Outputs are byte-identical to a cold run: tests/test_warm.py renders notebooks both ways; the
  pipeline's clean builds, one warm and one cold, both equal the committed reports.

Nothing here is needed: without a server (another OS, a failed start), every step runs cold.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import json
import os
import selectors
import signal
import socket
import sys
import time
from pathlib import Path

#: Third-party modules the server imports before it forks, by what needs them. Only libraries
#: that read nothing of the project. Left to each kernel: ipykernel (it reads its environment at
#: import) and matplotlib_inline's backend (importing it inside a kernel is what hooks figures into
#: the notebook).
DATA_MODULES = ("numpy", "pandas", "pycountry")
RENDER_MODULES = (
    "nbformat",
    "papermill",
    "nbclient",
    "jupyter_client.manager",
    "nbconvert",
    "nbconvert.exporters.html",
    "mistune",
    "IPython",
    "IPython.display",
)
KERNEL_MODULES = ("IPython.core.pylabtools", "zmq", "tornado.ioloop", "debugpy.server.api", "psutil")
NOTEBOOK_MODULES = (
    "numpy",
    "pandas",
    "matplotlib",
    "matplotlib.pyplot",
    "matplotlib.ticker",
    "babel",
    "babel.numbers",
    "scipy.stats",
    "scipy.optimize",
    "statsmodels.stats.proportion",
    "statsmodels.genmod.generalized_linear_model",
    "statsmodels.genmod.families",
    "statsmodels.stats.diagnostic",
    "statsmodels.tsa.exponential_smoothing.ets",
)
WARM_MODULES = tuple(dict.fromkeys(DATA_MODULES + RENDER_MODULES + KERNEL_MODULES + NOTEBOOK_MODULES))
#: What a request waits for before it is forked (nothing is imported twice, by the server and by
#: the fork), and whether it starts the server importing everything: data and render steps are
#: followed by renders and kernels; the index is the last step of a build.
NEEDS = {
    "data": (DATA_MODULES, True),
    "render": (RENDER_MODULES, True),
    "index": (("pandas", "nbformat"), False),
    "kernel": (WARM_MODULES, True),
}
#: Modules that look at import whether they run in a Jupyter kernel (pandas: ``get_ipython().kernel``
#: makes ``display.max_columns`` 20 rather than 0, ``sys.stdout.encoding`` is ``display.encoding``):
#: the server imports them as a kernel would.
KERNEL_AWARE = ("pandas",)
#: Build steps a worker runs (``helpers.build.<tool>``).
TOOLS = ("data", "render", "index")
#: Variables that differ between the requests of one build and are read only at run time: a
#: request differing in these alone is served.
VOLATILE_ENV = ("JPY_PARENT_PID", "JPY_SESSION_NAME", "PYTEST_CURRENT_TEST")
#: The backend ipykernel sets for the notebooks before they import matplotlib.
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
#: The server exits after this long without a request or a child, even if its owner lives on.
IDLE_SECONDS = 600.0
#: How long a client waits for a server it started to listen.
CONNECT_SECONDS = 30.0
#: Set in a worker (and by :func:`enable`): the owner whose server kernels are requested from.
OWNER: int | None = None


class InKernel:
    """What ``get_ipython()`` returns in a Jupyter kernel, as far as :data:`KERNEL_AWARE` modules look."""

    kernel = True


class KernelStdout:
    """What ``sys.stdout`` is in a Jupyter kernel (ipykernel's OutStream), as far as
    :data:`KERNEL_AWARE` modules look."""

    encoding = "UTF-8"


class Refused(RuntimeError):
    """The server cannot serve this request warm (or there is no server); run it cold."""


# ---- Messages: one JSON object per line, file descriptors passed alongside (SCM_RIGHTS) ---------


def send(sock: socket.socket, message: dict, fds: tuple[int, ...] = ()) -> None:
    data = json.dumps(message).encode() + b"\n"
    if fds:
        sent = socket.send_fds(sock, [data], list(fds))
        data = data[sent:]
    if data:
        sock.sendall(data)


class Reader:
    """Messages from a socket, with the file descriptors the first one carried."""

    def __init__(self, sock: socket.socket):
        self.sock, self.buffer, self.fds, self.closed = sock, b"", [], False

    def feed(self) -> bool:
        """Read what is there (the socket may block); False at end of file."""
        data, fds, _flags, _addr = socket.recv_fds(self.sock, 65536, 3)
        self.fds += fds
        self.buffer += data
        self.closed = not data
        return bool(data)

    def message(self) -> dict | None:
        """The next complete message, or None."""
        if b"\n" not in self.buffer:
            return None
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)

    def wait(self) -> dict | None:
        """Block until a message arrives; None at end of file."""
        while (found := self.message()) is None:
            if not self.feed():
                return None
        return found


# ---- Where a server listens ------------------------------------------------------------------


def environment_digest(env: dict[str, str]) -> str:
    stable = sorted((k, v) for k, v in env.items() if k not in VOLATILE_ENV)
    return hashlib.sha256(json.dumps(stable).encode()).hexdigest()[:16]


def address(owner: int, env: dict[str, str] | None = None) -> str:
    """The server's socket: in Linux's abstract namespace (no file, no length limit of a path)."""
    return f"\0helpers-warm/{os.getuid()}/{owner}/{environment_digest(dict(os.environ if env is None else env))}"


def supported() -> bool:
    return sys.platform.startswith("linux") and hasattr(socket, "send_fds")


def connect(owner: int, start: bool = True) -> socket.socket:
    """A connection to the owner's server for this environment, started if needed; Refused if none."""
    if not supported():
        raise Refused("a warm server needs Linux")
    name = address(owner)
    for attempt in range(2):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(name)
            return sock
        except (ConnectionRefusedError, FileNotFoundError):
            sock.close()
        if not start or attempt:
            break
        spawn(owner)
    raise Refused("no warm server")


def spawn(owner: int) -> None:
    """Start a server for ``owner`` in this folder and environment, detached (its own session, no
    terminal, output discarded: a build's output is its steps'); return once it listens (or
    another one does). Refused if it failed."""
    import subprocess

    from helpers.paths import KERNEL_NAME

    try:
        started = subprocess.run(
            [sys.executable, "-m", "helpers.build.warm", "--serve", "--owner", str(owner), "--kernel", KERNEL_NAME],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env=dict(os.environ),  # os.environ, not the C environment (readline adds LINES and COLUMNS there)
            timeout=CONNECT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise Refused(f"the warm server did not start: {exc}") from exc
    if started.returncode != 0:
        raise Refused(f"the warm server did not start (status {started.returncode})")


# ---- The server -----------------------------------------------------------------------------


def kernel_prefix(kernel_name: str) -> list[str] | None:
    """The interpreter and its options in the kernel's command (``argv`` before ``-m
    ipykernel_launcher``), or None for a kernel that is not started that way."""
    from jupyter_core.paths import jupyter_path

    for folder in jupyter_path("kernels"):
        spec = Path(folder) / kernel_name / "kernel.json"
        if spec.is_file():
            argv = json.loads(spec.read_text(encoding="utf-8")).get("argv", [])
            at = argv.index("-m") if "-m" in argv else -1
            return argv[:at] if at > 0 and argv[at + 1 : at + 2] == ["ipykernel_launcher"] else None
    return None


def own_prefix() -> list[str]:
    """This interpreter and its options, as it was started."""
    argv = list(sys.orig_argv)
    return argv[: argv.index("-m")] if "-m" in argv else [sys.executable]


class Server:
    """Listens, imports what its requests need, forks workers and kernels."""

    def __init__(self, owner: int, listener: socket.socket):
        self.owner, self.listener = owner, listener
        self.start_env = dict(os.environ)
        self.start_cwd = os.getcwd()  # ``python -m`` put it first on sys.path
        self.digest = environment_digest(self.start_env)
        self.prefix = own_prefix()
        self.selector = selectors.DefaultSelector()
        self.wakeup_r, self.wakeup_w = os.pipe()
        os.set_blocking(self.wakeup_r, False)
        os.set_blocking(self.wakeup_w, False)
        self.readers: dict[socket.socket, Reader] = {}
        self.waiting: list[tuple[socket.socket, dict, list[int]]] = []  # requests whose modules are not imported yet
        self.children: dict[int, tuple[socket.socket, str]] = {}  # pid -> (client, kind)
        self.client_child: dict[socket.socket, int] = {}
        self.kill_at: dict[int, float] = {}
        self.queue: list[str] = []  # modules to import, next first
        self.imported: set[str] = set()  # imported, or tried
        self.import_env: dict[str, str] = {}
        self.last_activity = time.monotonic()

    # -- what a fork must leave behind
    def close_all(self) -> None:
        for sock in [*self.readers, *self.client_child, *(w[0] for w in self.waiting)]:
            with contextlib.suppress(OSError):
                sock.close()
        for _sock, _request, fds in self.waiting:
            for fd in fds:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self.selector.close()
        self.listener.close()
        signal.set_wakeup_fd(-1)
        os.close(self.wakeup_r)
        os.close(self.wakeup_w)

    def import_next(self) -> None:
        import builtins
        import importlib

        name = self.queue.pop(0)
        before = dict(os.environ)
        stdout = sys.stdout
        if name in KERNEL_AWARE:
            builtins.get_ipython, sys.stdout = (lambda: InKernel), KernelStdout()
        try:
            importlib.import_module(name)
        except Exception:  # noqa: S110  (whoever needs a module that failed here imports it, and fails, as cold)
            pass
        finally:
            if name in KERNEL_AWARE:
                del builtins.get_ipython
                sys.stdout = stdout
        self.imported.add(name)
        for key, value in os.environ.items():  # e.g. debugpy sets PYDEVD_USE_FRAME_EVAL; a kernel would too
            if before.get(key) != value and key != "MPLBACKEND":
                self.import_env[key] = value

    def schedule(self, kind: str, ahead: bool = True) -> tuple[str, ...]:
        """Queue what a request of ``kind`` needs first, then (if ``kind`` is followed by other
        steps and the client did not say it is alone) everything; return what it waits for."""
        needs, everything = NEEDS[kind]
        everything = everything and ahead
        missing = tuple(m for m in needs if m not in self.imported)
        rest = [m for m in self.queue if m not in missing]
        if everything:
            rest += [m for m in WARM_MODULES if m not in self.imported and m not in missing and m not in rest]
        self.queue = [*missing, *rest]
        return missing

    def owner_alive(self) -> bool:
        """The owner runs (a zombie, dead but not yet collected by its parent, does not)."""
        try:
            stat = Path(f"/proc/{self.owner}/stat").read_text()
        except OSError:
            return False
        return not stat.rsplit(") ", 1)[1].startswith("Z")

    def run(self):
        """Serve until the owner is gone; in a forked child, return what the child must run."""
        gc.disable()  # no collection leaves holes in the pages the children share
        signal.signal(signal.SIGCHLD, lambda *_: None)
        signal.signal(signal.SIGTERM, lambda *_: self.stop_children())
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # not on a terminal; Ctrl-C reaches the clients
        signal.set_wakeup_fd(self.wakeup_w)
        os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)  # as ipykernel sets it before any notebook runs
        self.listener.setblocking(False)
        self.selector.register(self.listener, selectors.EVENT_READ)
        self.selector.register(self.wakeup_r, selectors.EVENT_READ)
        while True:
            events = self.selector.select(0 if self.queue else 0.5)
            for key, _ in events:
                child = self.on_event(key.fileobj)
                if child is not None:
                    return child
            self.reap()
            self.enforce_kill_deadlines()
            if not self.owner_alive():
                self.stop_children()
                return None
            if not events and self.queue:
                self.import_next()
                child = self.fork_ready()
                if child is not None:
                    return child
            elif not self.children and time.monotonic() - self.last_activity > IDLE_SECONDS:
                return None

    def on_event(self, source):
        if source is self.listener:
            with contextlib.suppress(BlockingIOError):
                sock, _ = self.listener.accept()
                sock.setblocking(True)
                self.readers[sock] = Reader(sock)
                self.selector.register(sock, selectors.EVENT_READ)
            return None
        if source == self.wakeup_r:
            with contextlib.suppress(BlockingIOError):
                os.read(self.wakeup_r, 4096)
            return None
        return self.on_client(source)

    def on_client(self, sock: socket.socket):
        reader = self.readers.get(sock)
        if reader is None:  # a client waiting or with a running child: only its end of file matters
            try:
                data = sock.recv(4096)
            except OSError:
                data = b""
            if not data:
                self.client_gone(sock)
            return None
        try:
            open_ = reader.feed()
        except OSError:
            open_ = False
        request = reader.message()
        if request is None:
            if not open_:
                self.drop(sock)
            return None
        del self.readers[sock]
        self.last_activity = time.monotonic()
        why_not = self.refusal(request)
        if why_not:
            self.log(request, f"refused, {why_not}")
            self.release(reader.fds)
            with contextlib.suppress(OSError):
                send(sock, {"refused": why_not})
            self.drop(sock)
            return None
        self.waiting.append((sock, request, reader.fds))
        self.schedule(request["kind"] if request["kind"] == "kernel" else request["argv"][0], request.get("ahead", True))
        return self.fork_ready()

    def fork_ready(self):
        """Fork every waiting request whose modules are imported, in order of arrival; in a child,
        return what it runs."""
        for entry in list(self.waiting):
            sock, request, fds = entry
            kind = request["kind"] if request["kind"] == "kernel" else request["argv"][0]
            if any(m not in self.imported for m in NEEDS[kind][0]):
                continue
            self.waiting.remove(entry)
            child = self.fork(sock, request, fds)
            if child is not None:
                return child
            self.release(fds)  # the child has its copies; the client's streams must not stay open here
        return None

    @staticmethod
    def release(fds: list[int]) -> None:
        for fd in fds:
            with contextlib.suppress(OSError):
                os.close(fd)

    def refusal(self, request: dict) -> str | None:
        if environment_digest(request.get("env", {})) != self.digest:
            return "the environment differs from the server's"
        if request.get("kind") == "kernel":
            argv = request.get("argv", [])
            if argv[: len(self.prefix) + 2] != [*self.prefix, "-m", "ipykernel_launcher"]:
                return "another kernel command"
            folders = {Path.cwd(), Path(request.get("cwd") or Path.cwd())}
            if any((folder / "matplotlibrc").exists() for folder in folders):
                return "a matplotlibrc in the folder"
        elif request.get("kind") != "tool" or request.get("argv", [None])[0] not in TOOLS:
            return "unknown request"
        return None

    def log(self, request: dict, outcome: str) -> None:
        """Append what became of ``request`` to the file named by ``HELPERS_WARM_LOG``, if set
        (tests/test_pipeline.py checks that a warm build ran every step and kernel warm)."""
        target = self.start_env.get("HELPERS_WARM_LOG")
        if target:
            what = " ".join(request.get("argv", [])) if request.get("kind") == "tool" else "for a notebook"
            with open(target, "a", encoding="utf-8") as handle:
                handle.write(f"{request.get('kind')} {what}: {outcome}\n")

    def fork(self, sock: socket.socket, request: dict, fds: list[int]):
        gc.freeze()  # what the server made stays out of the children's collections: no copy-on-write
        pid = os.fork()
        if pid == 0:
            gc.enable()
            sock.close()
            return self.child(request, fds)
        self.log(request, "forked")
        self.children[pid] = (sock, request["kind"])
        self.client_child[sock] = pid
        with contextlib.suppress(OSError):
            send(sock, {"pid": pid})
        return None

    def child(self, request: dict, fds: list[int]):
        """In the forked child: become the kernel or the worker; return what to run."""
        import runpy

        self.close_all()
        for sig in (signal.SIGCHLD, signal.SIGTERM):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        kind, argv = request["kind"], request["argv"]
        env = dict(request["env"])
        if kind == "kernel":
            os.setsid()  # as jupyter_client starts a kernel: its own session and process group
            null = os.open(os.devnull, os.O_RDONLY)
            streams = [null, *fds[:2]]
            for key, value in self.import_env.items():
                env.setdefault(key, value)
        else:
            streams = fds[:3]
        for target, fd in enumerate(streams):
            os.dup2(fd, target)
        for fd in {*fds, *streams}:
            if fd > 2:
                os.close(fd)
        os.chdir(request["cwd"])
        if sys.path and sys.path[0] == self.start_cwd:  # as ``python -m`` started in this folder has it
            sys.path[0] = os.getcwd()
        os.environ.clear()
        os.environ.update(env)
        reseed()
        if kind == "kernel":
            module, args = "ipykernel_launcher", argv[len(self.prefix) + 2 :]
        else:
            global OWNER
            OWNER = self.owner
            module, args = f"helpers.build.{argv[0]}", argv[1:]
            sys.stdout.reconfigure(line_buffering=os.isatty(1))
            pandas_as_in_a_script()
        sys.argv = [module, *args]

        def run() -> None:
            code = 0
            try:
                runpy.run_module(module, run_name="__main__", alter_sys=True)
            except SystemExit as exc:
                code = exc.code
            exit_without_teardown(code)

        return run

    def reap(self) -> None:
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            sock, _ = self.children.pop(pid)
            self.kill_at.pop(pid, None)
            self.client_child.pop(sock, None)
            with contextlib.suppress(OSError):
                send(sock, {"exit": os.waitstatus_to_exitcode(status)})
            self.drop(sock)
            self.last_activity = time.monotonic()

    def client_gone(self, sock: socket.socket) -> None:
        """A client left before its child finished: a worker gets Ctrl-C (then SIGKILL after 10 s),
        a kernel is killed with its process group; a request not yet forked is dropped."""
        for entry in [w for w in self.waiting if w[0] is sock]:
            self.waiting.remove(entry)
            self.release(entry[2])
        pid = self.client_child.pop(sock, None)
        self.drop(sock)
        if pid is None or pid not in self.children:
            return
        if self.children[pid][1] == "kernel":
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
        else:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGINT)
            self.kill_at[pid] = time.monotonic() + 10

    def enforce_kill_deadlines(self) -> None:
        now = time.monotonic()
        for pid, when in list(self.kill_at.items()):
            if now >= when:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
                del self.kill_at[pid]

    def drop(self, sock: socket.socket) -> None:
        self.readers.pop(sock, None)
        with contextlib.suppress(KeyError, ValueError):
            self.selector.unregister(sock)
        with contextlib.suppress(OSError):
            sock.close()

    def stop_children(self) -> None:
        for pid, (_sock, kind) in list(self.children.items()):
            with contextlib.suppress(OSError):
                if kind == "kernel":
                    os.killpg(pid, signal.SIGKILL)
                else:
                    os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 5
        while self.children and time.monotonic() < deadline:
            self.reap()
            time.sleep(0.01)


def exit_without_teardown(code) -> None:
    """End a forked process as the interpreter would (non-daemon threads joined, ``atexit``
    handlers run, streams flushed) but without its teardown, which would touch every object
    inherited from the server (copy-on-write) for nothing: 1.5 s per process."""
    import atexit
    import threading

    if isinstance(code, str):
        print(code, file=sys.stderr)
    status = code if isinstance(code, int) else (0 if code is None else 1)
    with contextlib.suppress(Exception):
        threading._shutdown()  # type: ignore[attr-defined]  (what the interpreter calls at exit)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(status)


def pandas_as_in_a_script() -> None:
    """pandas, imported by the server as in a kernel (:data:`KERNEL_AWARE`), registered the display
    defaults of a kernel; a build step is a script: register what pandas registers there."""
    config_init = sys.modules.get("pandas.core.config_init")
    if config_init is None:
        return
    from pandas._config import config, display

    for key, value in (
        ("display.max_columns", 0 if config_init.is_terminal() else 20),
        ("display.encoding", display.detect_console_encoding()),
    ):
        config._registered_options[key] = config._registered_options[key]._replace(defval=value)
        config.set_option(key, value)


def reseed() -> None:
    """A forked process would share its random state with its siblings; draw a fresh one, as a
    new process does."""
    if "random" in sys.modules:
        sys.modules["random"].seed()
    numpy_random = sys.modules.get("numpy.random")
    if numpy_random is not None:
        numpy_random.seed()


def serve(owner: int, kernel_name: str):
    """Run the server (``--serve``); return None when it is done, or in a forked child the
    callable the child runs."""
    prefix = kernel_prefix(kernel_name)
    if prefix and prefix != own_prefix():  # take the kernel's interpreter options, so that kernels match
        os.execv(prefix[0], [*prefix, "-m", "helpers.build.warm", "--serve", "--owner", str(owner), "--kernel", kernel_name])
    # The starter waits until the server listens (or finds another one listening), then exits:
    # the server is nobody's child, and whoever started it may connect at once.
    ready_r, ready_w = os.pipe()
    if os.fork():
        os.close(ready_w)
        os._exit(0 if os.read(ready_r, 1) == b"1" else 1)
    os.close(ready_r)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(address(owner))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:  # another client started one first
            os.write(ready_w, b"1")
            return None
        raise
    listener.listen(64)
    os.write(ready_w, b"1")
    os.close(ready_w)
    return Server(owner, listener).run()


# ---- Kernels (the requesting side) -----------------------------------------------------------


def enable(owner: int | None) -> None:
    """Request kernels from ``owner``'s server from now on (None: start kernels cold)."""
    global OWNER
    OWNER = owner


@contextlib.contextmanager
def kernels_from(owner: int | None):
    """Within the block, kernels come from ``owner``'s server (started if needed; it lives as long
    as the owner does); after it, as before."""
    previous = OWNER
    enable(owner if supported() else None)
    try:
        yield
    finally:
        enable(previous)


class ForkedKernel:
    """A kernel the server forked, seen as a process (what jupyter_client needs of a Popen)."""

    stdin = stdout = stderr = None

    def __init__(self, sock: socket.socket, pid: int):
        self.sock, self.reader, self.pid, self.returncode = sock, Reader(sock), pid, None

    def _finish(self, message: dict | None) -> int:
        self.returncode = 1 if message is None else int(message["exit"])  # None: the server is gone
        self.sock.close()
        return self.returncode

    def poll(self) -> int | None:
        if self.returncode is not None:
            return self.returncode
        self.sock.setblocking(False)
        try:
            while (message := self.reader.message()) is None:
                if not self.reader.feed():
                    return self._finish(None)
        except BlockingIOError:
            return None
        finally:
            if self.returncode is None:
                self.sock.setblocking(True)
        return self._finish(message)

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            self.sock.settimeout(timeout)
            try:
                return self._finish(self.reader.wait())
            except TimeoutError:
                import subprocess

                raise subprocess.TimeoutExpired("kernel", timeout) from None
            finally:
                if self.returncode is None:
                    self.sock.settimeout(None)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.returncode is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def launch_kernel(argv: list[str], env: dict[str, str], cwd: str) -> ForkedKernel:
    """A kernel forked by the owner's server (started if needed), running ``argv`` in ``cwd``
    with ``env``, its output on this process's standard output and error; Refused if the server
    cannot (the caller starts the kernel cold)."""
    if OWNER is None:
        raise Refused("warm kernels are not enabled")
    try:
        sock = connect(OWNER)
    except OSError as exc:
        raise Refused(f"no warm server: {exc}") from exc
    try:
        send(sock, {"kind": "kernel", "argv": list(argv), "env": dict(env), "cwd": str(cwd)}, (1, 2))
        reply = Reader(sock).wait()
    except OSError as exc:
        sock.close()
        raise Refused(f"the warm server failed: {exc}") from exc
    if not reply or "pid" not in reply:
        sock.close()
        raise Refused((reply or {}).get("refused", "the warm server closed the connection"))
    return ForkedKernel(sock, int(reply["pid"]))


# ---- The client of a build step ----------------------------------------------------------------

FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def run_tool(owner: int, tool: str, args: list[str], alone: bool = False) -> int:
    """Run ``python -m helpers.build.<tool> ARGS`` in a worker of the owner's server, forwarding
    signals; run it cold here if the server refuses or cannot be reached. ``alone``: no other step
    follows in this build (``make data``), so the server imports nothing ahead for them."""
    worker: list[int] = []
    caught: list[int] = []

    def forward(signum, _frame):
        if worker:
            with contextlib.suppress(OSError):
                os.kill(worker[0], signum)
        else:
            caught.append(signum)

    previous = {sig: signal.signal(sig, forward) for sig in FORWARDED}
    try:
        try:
            sock = connect(owner)
            send(
                sock,
                {"kind": "tool", "argv": [tool, *args], "env": dict(os.environ), "cwd": os.getcwd(), "ahead": not alone},
                (0, 1, 2),
            )
            reader = Reader(sock)
            reply = reader.wait()
        except (OSError, Refused) as exc:
            reply = {"refused": str(exc)}
        if not reply or "pid" not in reply:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            for sig in caught:
                signal.raise_signal(sig)
            return run_cold(tool, args, (reply or {}).get("refused", "the server closed the connection"))
        worker.append(int(reply["pid"]))
        for sig in caught:
            os.kill(worker[0], sig)
        done = reader.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if done is None:
        print(f"{tool}: the warm build server stopped during the step; run make again", file=sys.stderr)
        return 1
    status = int(done["exit"])
    if status < 0:  # killed by a signal: die of it too, as the cold tool would have
        signal.signal(-status, signal.SIG_DFL)
        os.kill(os.getpid(), -status)
    return status


def run_cold(tool: str, args: list[str], why: str) -> int:
    import runpy

    if os.environ.get("VERBOSE", "") not in ("", "0"):
        print(f"warm: {tool} runs cold ({why})", file=sys.stderr)
    sys.argv = [f"helpers.build.{tool}", *args]
    try:
        runpy.run_module(f"helpers.build.{tool}", run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


# ---- A kernel command for other Jupyter clients (nbval) ------------------------------------------


def stand_in_kernel(kernel_name: str, connection_file: str) -> int:
    """Be the kernel ``kernel_name`` for whoever started this process (``JPY_PARENT_PID``, set by
    jupyter_client, owns the server): a kernel forked by the owner's server runs with this
    process's folder, environment and connection file, this process forwards the signals it gets
    (an interrupt, a termination) and exits with the kernel's status; if it is killed, the server
    kills the kernel. If the server refuses, this process becomes the cold kernel (``exec``)."""
    prefix = kernel_prefix(kernel_name) or [sys.executable]
    argv = [*prefix, "-m", "ipykernel_launcher", "-f", connection_file]
    owner = os.environ.get("JPY_PARENT_PID", "")
    kernel = None
    if owner.isdigit() and supported():
        enable(int(owner))
        with contextlib.suppress(Refused):
            kernel = launch_kernel(argv, dict(os.environ), os.getcwd())
    if kernel is None:
        os.execv(argv[0], argv)

    def forward(signum, _frame):
        with contextlib.suppress(OSError):
            os.killpg(kernel.pid, signum)

    for sig in FORWARDED:
        signal.signal(sig, forward)
    status = kernel.wait()
    return 128 - status if status < 0 else status


USAGE = (
    "usage: python -m helpers.build.warm --owner PID [--alone] {data,render,index} [ARGS...]\n"
    "       python -m helpers.build.warm --serve --owner PID --kernel NAME\n"
    "       python -m helpers.build.warm --kernel NAME -f CONNECTION_FILE"
)


def main(argv: list[str] | None = None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--kernel"] and len(argv) == 4 and argv[2] == "-f":
        return stand_in_kernel(argv[1], argv[3])
    serving = argv[:1] == ["--serve"]
    if serving:
        argv = argv[1:]
    if len(argv) < 2 or argv[0] != "--owner" or not argv[1].isdigit():
        print(USAGE, file=sys.stderr)
        return 2
    owner, rest = int(argv[1]), argv[2:]
    if serving:
        if rest[:1] != ["--kernel"] or len(rest) != 2:
            print(USAGE, file=sys.stderr)
            return 2
        return serve(owner, rest[1]) or 0
    alone = rest[:1] == ["--alone"]
    rest = rest[1:] if alone else rest
    if not rest or rest[0] not in TOOLS:
        print(USAGE, file=sys.stderr)
        return 2
    if not supported():
        return run_cold(rest[0], rest[1:], "a warm server needs Linux")
    return run_tool(owner, rest[0], rest[1:], alone)


if __name__ == "__main__":
    # Run as the module helpers.build.warm (not __main__), so that the forks find their state there.
    from helpers.build import warm

    outcome = warm.main()
    sys.exit(outcome() if callable(outcome) else outcome)
