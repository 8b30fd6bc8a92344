"""Start-up cost: importing the render stack skips jsonschema's slow optional IRI checker."""

from __future__ import annotations

import subprocess
import sys


def test_render_stack_does_not_import_rfc3987_syntax():
    imports = "import helpers.build.render, papermill, nbformat, nbconvert"
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", imports], capture_output=True, text=True, check=True).stderr
    assert "jsonschema" in out  # the stack does load jsonschema...
    assert "rfc3987_syntax.syntax_helpers" not in out  # ...without compiling the IRI grammars
