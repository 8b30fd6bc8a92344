"""A plain environment (environment.yml's packages, no make, no kernel registration: what Binder or
conda users get) runs the notebooks with its default kernel: each notebook and report names
ipykernel's ``python3``, that kernel runs this environment's Python, and a notebook's setup runs in
it where no other kernel is registered."""

from __future__ import annotations

import json
import sys

import nbformat
import pytest

from helpers import paths
from helpers.build.kernel import KernelMissing, check_kernel

DEFAULT_KERNEL = "python3"


def test_every_notebook_and_report_names_the_default_kernel():
    assert paths.KERNEL_NAME == DEFAULT_KERNEL
    notebooks = paths.notebooks()
    reports = [paths.REPORTS / nb.name for nb in notebooks]
    for path in notebooks + reports:
        spec = nbformat.read(path, as_version=4).metadata.get("kernelspec", {})
        assert spec.get("name") == DEFAULT_KERNEL, f"{paths.shown(path)}: kernelspec {spec.get('name')!r}"


@pytest.fixture
def only_ipykernels_kernel(tmp_path, monkeypatch):
    """Jupyter's paths in an empty folder: the kernels known are ipykernel's own, ``python3``."""
    from jupyter_client.kernelspec import KernelSpecManager

    for name in ("JUPYTER_PATH", "JUPYTER_DATA_DIR"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    specs = KernelSpecManager(kernel_dirs=[str(tmp_path / "kernels")])  # ensure_native_kernel: python3
    assert set(specs.find_kernel_specs()) == {DEFAULT_KERNEL}
    return specs


def test_the_default_kernel_runs_this_environments_python(only_ipykernels_kernel, tmp_path):
    from jupyter_client.kernelspec import KernelSpecManager

    check_kernel(DEFAULT_KERNEL, only_ipykernels_kernel)  # ipykernel's spec says "python": this one
    # A python3 kernel registered elsewhere that runs another interpreter is refused, with the fix.
    other = tmp_path / "user-kernels" / DEFAULT_KERNEL
    other.mkdir(parents=True)
    argv = ["/opt/other-python/bin/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (other / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "Other", "language": "python"}))
    shadowed = KernelSpecManager(kernel_dirs=[str(other.parent)])
    with pytest.raises(KernelMissing, match=r"runs /opt/other-python/bin/python3, not this environment's Python"):
        check_kernel(DEFAULT_KERNEL, shadowed)
    # ... but the same spec naming this environment's interpreter passes.
    argv[0] = sys.executable
    (other / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": "Same", "language": "python"}))
    check_kernel(DEFAULT_KERNEL, KernelSpecManager(kernel_dirs=[str(other.parent)]))
    with pytest.raises(KernelMissing, match="'nope' is not installed"):
        check_kernel("nope", only_ipykernels_kernel)


def test_a_notebook_sets_up_in_the_default_kernel_alone(only_ipykernels_kernel):
    """One notebook (the cheapest, the primer), kernel named by the notebook itself: its parameters
    and setup cells run from the notebook's folder in this environment's Python."""
    from jupyter_client.manager import KernelManager

    notebook = paths.NOTEBOOKS / "00_primer.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    setup = [c.source for c in nb.cells if c.cell_type == "code"][:2]  # parameters, then imports and setup
    manager = KernelManager(kernel_name=nb.metadata.kernelspec.name, kernel_spec_manager=only_ipykernels_kernel)
    manager.start_kernel(cwd=str(notebook.parent))
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        printed = []
        for source in [*setup, "import sys; print(sys.prefix)"]:
            reply = client.execute_interactive(
                source,
                timeout=120,
                output_hook=lambda msg: printed.append(msg["content"]["text"]) if msg["msg_type"] == "stream" else None,
            )
            assert reply["content"]["status"] == "ok", f"{notebook.name}: {reply['content'].get('evalue')}"
        assert printed[-1].strip() == sys.prefix
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
