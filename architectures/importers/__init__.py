"""Importers of trained networks (PyTorch, ONNX, scikit-learn) into :class:`~architectures.Network`.

Every float32/float64 weight is converted to the exact rational it represents (``Fraction(float(x))``),
so the imported network computes exactly the function the binary weights define.
"""

from architectures.importers.onnx_models import from_onnx
from architectures.importers.sklearn_models import from_sklearn
from architectures.importers.torch_models import from_torch, from_torch_state_dict, load_torch_file

__all__ = ["from_onnx", "from_sklearn", "from_torch", "from_torch_state_dict", "load_torch_file"]
