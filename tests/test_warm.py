"""The warm server: a kernel it forks starts in the state of a cold one and gives the same bytes; a
build step run through it prints, writes and exits as the cold step; nothing outlives its owner
or its requester; a request it cannot serve exactly runs cold.

The reports themselves: tests/test_pipeline.py builds them from clean once warm (make's default)
and once cold (``WARM=0``), and both builds equal the committed reports byte for byte."""

from __future__ import annotations

import ast
import importlib
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from helpers import paths
from helpers.build import warm
from helpers.build.render import execute, render
from tests.test_render import _notebook, printed_by

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not warm.supported(), reason="the warm server needs Linux")]

#: What a kernel is, before and after the notebook's imports: interpreter, folder, environment,
#: arguments, and the state libraries choose at import (pandas options, matplotlib rc, warnings
#: filters, the inline backend's hooks), then a figure, a table and a warning as outputs.
FINGERPRINT = [
    """import gc, json, locale, os, sys, time, warnings
conn = sys.argv[sys.argv.index('-f') + 1]
print(json.dumps({'argv': [a if a != conn else '<connection file>' for a in sys.argv], 'path': sys.path,
                  'cwd': os.getcwd(), 'env': list(os.environ.items()), 'flags': repr(sys.flags), 'x': sys._xoptions,
                  'executable': sys.executable, 'prefix': sys.prefix, 'recursion': sys.getrecursionlimit(),
                  'locale': locale.setlocale(locale.LC_ALL), 'tz': time.tzname, 'gc': gc.isenabled(),
                  'stdout': [type(sys.stdout).__name__, sys.stdout.encoding],
                  'main': repr(sys.modules['__main__'])[:40], 'parent': os.environ.get('JPY_PARENT_PID')}, indent=0))""",
    """import matplotlib, matplotlib.pyplot as plt, numpy as np, pandas as pd
import statsmodels.tsa.exponential_smoothing.ets, scipy.stats
from pandas._config import config
def pattern(p):  # a filter's message or module: None, a regular expression, or a plain string matched exactly
    return None if p is None else [p, False] if isinstance(p, str) else [p.pattern, True]
filters = [[act, pattern(msg), f'{cat.__module__}:{cat.__qualname__}', pattern(mod)]
           for act, msg, cat, mod, _line in warnings.filters]
print(json.dumps({'pandas': {key: repr(pd.get_option(key)) for key in sorted(config._registered_options)},
                  'rc': {key: repr(value) for key, value in sorted(matplotlib.rcParams.items())},
                  'numpy': repr(np.get_printoptions()), 'backend': matplotlib.get_backend(),
                  'formatters': sorted(k for k, f in get_ipython().display_formatter.formatters.items() if f.enabled),
                  'post_execute': [getattr(f, '__name__', repr(f)) for f in get_ipython().events.callbacks['post_execute']],
                  'warnings': filters, 'packages': sorted({m.split('.')[0] for m in sys.modules})}, indent=0))""",
    """fig, ax = plt.subplots(figsize=(3, 2))
ax.plot([1, 2, 3], [2, 1, 3])
ax.set_title('Сурет 1. Қазақстан')
plt.show()
warnings.warn('a warning, as a notebook may print one')
pd.DataFrame({'a': range(30), 'b': [x / 7 for x in range(30)]}).T""",
]


def stand_in_for_make():
    """A process standing for make: a server lives as long as its owner does."""
    return subprocess.Popen(["sleep", "600"])


@pytest.fixture(scope="module")
def owner(tmp_path_factory):
    """The owner of one server for the tests of this module, started in a folder of its own (as
    nbval's may be, in reports/): its forks must not take its folder for theirs."""
    process = stand_in_for_make()
    here = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("server-folder"))
    try:
        warm.connect(process.pid).close()
    finally:
        os.chdir(here)
    yield process.pid
    process.kill()
    process.wait()


def fingerprint_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in FINGERPRINT])
    path = folder / "fingerprint.ipynb"
    nbformat.write(nb, path)
    return path


def comparable(nb) -> str:
    """The executed notebook as text, with what differs between any two kernels, cold or not (the
    process id in the name of a cell's file in a traceback or warning) made equal, and warnings
    filters left out: they are compared by what they do (:func:`warnings_actions`)."""
    nb = nbformat.from_dict(json.loads(nbformat.writes(nb)))
    for cell in nb.cells:
        for output in cell.outputs:
            if output.get("name") == "stdout":
                state = json.loads("".join(output["text"]))
                state.pop("warnings", None)
                state.pop("packages", None)
                output["text"] = json.dumps(state, indent=0)
    return re.sub(r"ipykernel_\d+", "ipykernel_<pid>", nbformat.writes(nb))


def resolve(path: str) -> type:
    module, _, qualname = path.partition(":")
    found = importlib.import_module(module)
    for part in qualname.split("."):
        found = getattr(found, part)
    return found


def warnings_actions(*filter_lists) -> list[dict[str, str]]:
    """For each list of warnings filters (as the fingerprint prints them), the action it takes on a
    set of warnings: one matching each filter of every list, raised from the filter's module, a
    notebook, the analysis code and a library. As warnings does: the first filter whose message and
    module match (a regular expression from the start, or a plain string exactly) and whose
    category is the warning's or a base of it.

    The lists differ, and not only in order: a library adds its filters when imported, in the
    server before the kernel adds its own (so after them in the list, not before) and before the
    notebook's first cell (the first fingerprint leaves filters out); the server also imports
    papermill and nbconvert, whose dependencies (requests, urllib3, bleach) add filters for their
    own warnings. What matters is that no warning is treated differently."""

    def matches(pattern, text):
        return pattern is None or (re.match(pattern[0], text, re.IGNORECASE) is not None if pattern[1] else pattern[0] == text)

    probes = set()
    for filters in filter_lists:
        for _action, message, category, module in filters:
            text = message[0].replace(".*", "").replace("\\", "") if message else "a message"
            for where in ([module[0]] if module else []) + ["__main__", "helpers.trends", "statsmodels.base.model"]:
                probes.add((category, text, where))
    out = []
    for filters in filter_lists:
        resolved = [(action, message, resolve(category), module) for action, message, category, module in filters]
        out.append(
            {
                f"{category} {text!r} in {where}": next(
                    (
                        action
                        for action, message, cat, module in resolved
                        if matches(message, text) and issubclass(resolve(category), cat) and matches(module, where)
                    ),
                    "default",
                )
                for category, text, where in sorted(probes)
            }
        )
    return out


def test_a_forked_kernel_starts_in_the_state_of_a_cold_one_and_prints_the_same_bytes(tmp_path, owner):
    notebook = fingerprint_notebook(tmp_path)
    with warm.kernels_from(None):
        cold = execute(notebook)
    with warm.kernels_from(owner):
        forked = execute(notebook)
    kinds = [(o.get("output_type"), o.get("name")) for c in cold.cells for o in c.outputs]
    assert kinds == [
        ("stream", "stdout"),
        ("stream", "stdout"),
        ("stream", "stderr"),
        ("display_data", None),
        ("stream", "stderr"),
        ("execute_result", None),
    ]
    assert comparable(forked) == comparable(cold)
    cold_state, forked_state = (json.loads("".join(nb.cells[1].outputs[0]["text"])) for nb in (cold, forked))
    cold_actions, forked_actions = warnings_actions(cold_state["warnings"], forked_state["warnings"])
    # A library's own warning is raised once it is imported, which in a cold kernel adds its filters too.
    imported = set(cold_state["packages"]) | {"builtins"}
    assert {k: v for k, v in forked_actions.items() if k.split(".")[0].split(":")[0] in imported} == {
        k: v for k, v in cold_actions.items() if k.split(".")[0].split(":")[0] in imported
    }
    assert {k.split(".")[0] for k in forked_actions if k.split(".")[0].split(":")[0] not in imported} <= {"urllib3", "requests"}
    state = json.loads(cold.cells[0].outputs[0]["text"])
    assert state["parent"] == str(os.getpid()) and state["cwd"] == str(tmp_path)


def test_the_demo_report_is_byte_identical_warm_and_cold(tmp_path):
    """Without parameters: papermill gives the cell of injected parameters a random id (uuid4),
    cold or warm."""
    source = _notebook(tmp_path / "07_demo.ipynb")
    with warm.kernels_from(None):
        cold = render(source, tmp_path / "cold")
    with warm.kernels_from(os.getpid()):
        forked = render(source, tmp_path / "warm")
    assert [p.read_bytes() for p in forked] == [p.read_bytes() for p in cold]


def servers_of(owner: int) -> list[int]:
    """Processes serving ``owner`` (found by their command line)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"helpers.build.warm" in argv and b"--serve" in argv and str(owner).encode() in argv:
            found.append(int(proc.name))
    return found


def gone(pid: int, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
            if Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z"):
                return True  # a zombie: dead, waiting for its parent
        except (ProcessLookupError, FileNotFoundError):
            return True
        time.sleep(0.05)
    return False


def run_step(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "VERBOSE"} | {"PYTHONPATH": str(paths.ROOT / "src")}
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_a_step_prints_writes_and_exits_as_the_cold_step(tmp_path, owner):
    source = _notebook(tmp_path / "07_demo.ipynb")
    for run in ("cold", "warm"):
        for case in ("ok", "fails"):
            (tmp_path / run / case).mkdir(parents=True)
    results = {}
    for run in ("cold", "warm"):
        step = ["helpers.build.render"] if run == "cold" else ["helpers.build.warm", "--owner", str(owner), "render"]
        results[run] = [
            run_step([*step, str(source), "--out-dir", f"{run}/ok"], tmp_path),
            run_step([*step, str(source), "--out-dir", f"{run}/fails", "-p", "fail", "True"], tmp_path),
        ]
    ok, fails = results["warm"]
    assert servers_of(owner), "no warm server ran the step"
    wrote = "render: wrote ok/07_demo.ipynb and ok/07_demo.html\n"
    assert (ok.returncode, ok.stdout.replace("warm/", ""), ok.stderr) == (0, wrote, "")
    assert fails.returncode == 1 and fails.stderr.startswith("render: 07_demo.ipynb: cell ") and fails.stdout == ""
    for cold_result, warm_result in zip(results["cold"], results["warm"], strict=True):
        assert (warm_result.returncode, warm_result.stdout.replace("warm/", "cold/"), warm_result.stderr) == (
            cold_result.returncode,
            cold_result.stdout,
            cold_result.stderr,
        )
    assert [p.read_bytes() for p in sorted((tmp_path / "warm" / "ok").iterdir())] == [
        p.read_bytes() for p in sorted((tmp_path / "cold" / "ok").iterdir())
    ]
    assert list((tmp_path / "warm" / "fails").iterdir()) == []


def test_the_server_exits_with_its_owner():
    owner = stand_in_for_make()
    try:
        warm.connect(owner.pid).close()
        servers = servers_of(owner.pid)
        assert len(servers) == 1
        owner.kill()
        assert gone(servers[0]), "the server outlived its owner"
    finally:
        owner.kill()
        owner.wait()


REQUESTER = """
import os, sys, time
from helpers.build import warm
warm.enable(int(sys.argv[1]))
env = dict(os.environ, JPY_PARENT_PID=str(os.getpid()))
kernel = warm.launch_kernel(sys.argv[2:], env, os.getcwd())
print(kernel.pid, flush=True)
time.sleep(600)
"""


def test_a_kernel_dies_with_its_requester(tmp_path, owner):
    prefix = warm.kernel_prefix(paths.KERNEL_NAME)
    assert prefix, "the project's kernel is not started as <python> -m ipykernel_launcher"
    argv = [*prefix, "-m", "ipykernel_launcher", "-f", str(tmp_path / "kernel.json")]
    env = dict(os.environ, PYTHONPATH=str(paths.ROOT / "src"))
    requester = subprocess.Popen(
        [sys.executable, "-c", REQUESTER, str(owner), *argv], cwd=tmp_path, env=env, stdout=subprocess.PIPE, text=True
    )
    kernel = int(requester.stdout.readline())
    assert not gone(kernel, 0.5)
    requester.kill()
    requester.wait()
    requester.stdout.close()
    assert gone(kernel), "the kernel outlived the process that asked for it"


def test_what_the_server_cannot_serve_exactly_is_refused(tmp_path):
    prefix = warm.kernel_prefix(paths.KERNEL_NAME)
    env = dict(os.environ)
    kernel = [*prefix, "-m", "ipykernel_launcher", "-f", str(tmp_path / "k.json")]
    with warm.kernels_from(os.getpid()):
        with pytest.raises(warm.Refused, match="environment differs"):
            warm.launch_kernel(kernel, env | {"OPENBLAS_NUM_THREADS": str(os.cpu_count() + 7)}, str(tmp_path))
        with pytest.raises(warm.Refused, match="another kernel command"):
            warm.launch_kernel([*prefix, "-m", "some_other_kernel", "-f", "k.json"], env, str(tmp_path))
        (tmp_path / "matplotlibrc").write_text("figure.dpi: 50\n")
        with pytest.raises(warm.Refused, match="matplotlibrc"):
            warm.launch_kernel(kernel, env, str(tmp_path))
    with pytest.raises(warm.Refused, match="not enabled"):
        warm.launch_kernel(kernel, env, str(tmp_path))


def test_a_refused_kernel_starts_cold(tmp_path):
    source = _notebook(tmp_path / "07_demo.ipynb")
    (tmp_path / "matplotlibrc").write_text("figure.dpi: 50\n")  # refused warm: matplotlib would read it
    with warm.kernels_from(os.getpid()):
        nb = execute(source)
    assert printed_by(nb, "print(scale * 21)") == "42\n"


PANDAS_IN_A_SCRIPT = """
import builtins
from helpers.build import warm
builtins.get_ipython = lambda: warm.InKernel
import pandas as pd
del builtins.get_ipython
kernel = pd.get_option("display.max_columns")
warm.pandas_as_in_a_script()
pd.reset_option("display.max_columns")
print(kernel, pd.get_option("display.max_columns"))
"""


def test_a_step_sees_pandas_as_a_script_does_though_the_server_imported_it_as_a_kernel():
    """pandas chooses ``display.max_columns`` at import: 20 in a kernel, 0 in a script (the value
    a cold step has, printed by a plain ``import pandas``)."""
    env = dict(os.environ, PYTHONPATH=str(paths.ROOT / "src"))
    shown = subprocess.run(
        [sys.executable, "-c", PANDAS_IN_A_SCRIPT], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    plain = subprocess.run(
        [sys.executable, "-c", "import pandas as pd; print(pd.get_option('display.max_columns'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert shown == ["20", *plain] and plain == ["0"]


def third_party_imports(folder: Path) -> set[str]:
    """Every module outside the standard library and this project imported anywhere in ``folder``."""
    found = set()
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module]
                if isinstance(node, ast.ImportFrom) and node.module and not node.level
                else []
            )
            found |= {n for n in names if n.split(".")[0] not in sys.stdlib_module_names and n.split(".")[0] != "helpers"}
    return found


def test_the_server_imports_every_library_the_analysis_code_imports():
    """Not for correctness (a kernel imports what is missing) but for speed: a library the helpers
    start using belongs in WARM_MODULES, or each notebook pays for it."""
    modules = third_party_imports(paths.ROOT / "src" / "helpers") | third_party_imports(paths.ROOT / "src" / "helpers" / "claims")
    missing = {m for m in modules if not any(w == m or w.startswith(f"{m}.") for w in warm.WARM_MODULES)}
    assert missing == set()


def test_a_stand_in_kernel_gives_any_jupyter_client_a_forked_kernel(tmp_path, warm_kernels):
    """nbval (make test) starts its kernels through the kernel spec ``migration-ca-warm``: a process
    that stands in for a kernel forked by the warm server of whoever started it."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    specs = KernelSpecManager(kernel_dirs=[str(paths.ROOT / "src" / "helpers" / "build" / "jupyter" / "kernels")])
    manager = KernelManager(kernel_name=f"{paths.KERNEL_NAME}-warm", kernel_spec_manager=specs)
    manager.start_kernel(cwd=str(tmp_path))
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        seen = []
        client.execute_interactive(
            "import os; print(os.getppid(), os.getcwd())",
            timeout=60,
            output_hook=lambda msg: seen.append(msg["content"].get("text", "")),
        )
        parent, cwd = "".join(seen).split()
        assert cwd == str(tmp_path)
        assert int(parent) in servers_of(os.getpid())  # forked by this process's server, not by the stand-in
        client.execute("import time; time.sleep(60)")
        time.sleep(1)
        manager.interrupt_kernel()  # a signal to the stand-in, forwarded to the kernel
        reply = client.get_shell_msg(timeout=30)
        while reply["content"].get("status") == "ok" and reply["msg_type"] != "execute_reply":
            reply = client.get_shell_msg(timeout=30)
        assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "KeyboardInterrupt"
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=False)
    assert manager.provisioner is None or not manager.is_alive()


def test_a_request_puts_what_it_needs_first_and_everything_after_only_if_steps_follow():
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server = warm.Server(os.getpid(), listener)
    try:
        server.imported = {"numpy"}
        assert server.schedule("index") == ("pandas", "nbformat") and server.queue == ["pandas", "nbformat"]
        assert server.schedule("data", ahead=False) == ("pandas", "pycountry")  # `make data`: nothing follows
        assert server.queue == ["pandas", "pycountry", "nbformat"]
        assert server.schedule("render")[:2] == ("nbformat", "papermill")  # renders follow: all, what it needs first
        assert server.queue[: len(warm.RENDER_MODULES)] == list(warm.RENDER_MODULES)
        assert sorted(server.queue) == sorted(set(warm.WARM_MODULES) - {"numpy"})
    finally:
        server.close_all()
