"""Every notebook runs top to bottom in a fresh kernel and asserts its own results; git holds them stripped.

Each notebook checks its results against an independent route inside (Monte Carlo, Singular, exact forward
passes), so an assertion failing in any cell fails the test.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
NAMES = [
    "01_shallow_two_blocks.ipynb",
    "02_expected_dimension.ipynb",
    "03_verification_export.ipynb",
    "04_random_inputs.ipynb",
    "05_symmetries_and_invariance.ipynb",
    "06_atlas.ipynb",
]
#: Notebook 01 asks Singular for its independent verdict.
EXECUTED = [pytest.param(name, marks=pytest.mark.singular) if name.startswith("01_") else name for name in NAMES]


def test_every_notebook_in_the_folder_is_tested():
    assert sorted(path.name for path in NOTEBOOKS.glob("*.ipynb")) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_stored_without_outputs(name):
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "strip the outputs before committing"


@pytest.mark.parametrize("name", EXECUTED)
@pytest.mark.slow
def test_notebook_executes_from_a_clean_kernel_and_its_assertions_hold(name, monkeypatch):
    # Every notebook runs in full (notebook 01's whole grid takes well under a minute).
    monkeypatch.delenv("RELU_VARIETIES_NOTEBOOK_GRID", raising=False)
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()  # raises CellExecutionError, with the failing cell, when an assertion fails
    errors = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if output.output_type == "error"
    ]
    assert errors == []
