"""A plain environment (environment.yml's packages, no make, no kernel registration: what Binder or
conda users get) runs every notebook with its default kernel: each notebook names ipykernel's
``python3``, and a notebook's setup runs in that kernel where no other kernel is registered.

Phase 2 of issue 28: move to tests/ once tools/dekey.py has set the notebooks' kernelspec and
render writes ``python3`` into reports/*.ipynb."""

from __future__ import annotations

import nbformat
import pytest

from helpers import paths

DEFAULT_KERNEL = "python3"


def test_every_notebook_and_report_names_the_default_kernel():
    notebooks = paths.notebooks()
    reports = [paths.REPORTS / nb.name for nb in notebooks]
    for path in notebooks + reports:
        spec = nbformat.read(path, as_version=4).metadata.get("kernelspec", {})
        assert spec.get("name") == DEFAULT_KERNEL, f"{paths.shown(path)}: kernelspec {spec.get('name')!r}"


@pytest.mark.parametrize("notebook", paths.notebooks(), ids=lambda p: p.stem)
def test_a_notebook_sets_up_in_the_default_kernel_alone(notebook, tmp_path, monkeypatch):
    """Only ipykernel's own kernel is known (an empty kernel folder, no JUPYTER_PATH); the
    notebook's parameters and setup cells run in it from the notebook's folder."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    for name in ("JUPYTER_PATH", "JUPYTER_DATA_DIR"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    specs = KernelSpecManager(kernel_dirs=[str(tmp_path / "kernels")])  # ensure_native_kernel: python3
    assert set(specs.find_kernel_specs()) == {DEFAULT_KERNEL}
    nb = nbformat.read(notebook, as_version=4)
    setup = [c.source for c in nb.cells if c.cell_type == "code"][:2]  # parameters, then imports and setup
    manager = KernelManager(kernel_name=nb.metadata.kernelspec.name, kernel_spec_manager=specs)
    manager.start_kernel(cwd=str(notebook.parent))
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        for source in setup:
            reply = client.execute_interactive(source, timeout=120, output_hook=lambda msg: None)
            assert reply["content"]["status"] == "ok", f"{notebook.name}: {reply['content'].get('evalue')}"
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
