"""Trained-model files (.pt, .onnx, .npz) from an untrusted source: never run code, never read other files,
never allocate what a header claims; each is one clear error."""

from __future__ import annotations

import io
import pickle
import zipfile

import numpy as np
import pytest

from architectures.errors import ComputationTooLargeError, InvalidSpecError, ReluVarietiesError
from architectures.network_file import load_network
from implicitize.cli import main


class _Opens:
    """A pickle that creates a file when unpickled: the proof that code from the file ran."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


@pytest.mark.parametrize("writer", ["pickle", "torch.save"])
def test_a_pt_file_holding_arbitrary_objects_never_runs_them(writer, tmp_path, capsys):
    marker = tmp_path / "code-ran"
    path = tmp_path / "net.pt"
    if writer == "pickle":
        path.write_bytes(pickle.dumps({"0.weight": _Opens(str(marker))}))
    else:
        torch = pytest.importorskip("torch", reason="writing a torch file needs torch (extra [torch])")
        torch.save(_Opens(str(marker)), path)
    pytest.importorskip("torch", reason="reading .pt files needs torch (extra [torch])")
    with pytest.raises(InvalidSpecError, match="never unpickled"):
        load_network(path)
    assert main(["identifiability", str(path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert not marker.exists()


def test_a_whole_saved_sequential_still_loads_and_computes_the_same_function(tmp_path):
    torch = pytest.importorskip("torch", reason="the .pt round trip needs torch (extra [torch])")
    torch.manual_seed(3)
    model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2)).eval()
    torch.save(model, tmp_path / "net.pt")
    network = load_network(tmp_path / "net.pt")
    x = torch.randn(5, 3)
    (w1, b1), (w2, b2) = [(np.array(w, dtype=float), np.array(b, dtype=float)) for w, b in network.layers()]
    hidden = np.maximum(w1 @ x.numpy().T + b1[:, None], 0)
    np.testing.assert_allclose((w2 @ hidden + b2[:, None]).T, model(x).detach().numpy(), atol=1e-5)


@pytest.mark.parametrize(
    "content, fragment",
    [
        (b"", "is empty"),
        (b"\x00garbage" * 100, "not a PyTorch file"),
        (b"PK\x03\x04truncated", "not a readable PyTorch file"),
    ],
)
def test_a_pt_file_that_is_not_one_is_a_clear_error(content, fragment, tmp_path):
    pytest.importorskip("torch", reason="reading .pt files needs torch (extra [torch])")
    path = tmp_path / "net.pt"
    path.write_bytes(content)
    with pytest.raises(InvalidSpecError, match=fragment):
        load_network(path)


def _onnx_gemm(onnx, weight):
    h = onnx.helper
    graph = h.make_graph(
        [h.make_node("Gemm", ["x", "W"], ["y"], transB=1)],
        "g",
        [h.make_tensor_value_info("x", 1, [1, 2])],
        [h.make_tensor_value_info("y", 1, [1, 1])],
        [weight],
    )
    return h.make_model(graph)


def test_onnx_garbage_external_data_huge_shapes_and_broken_graphs_are_clear_errors(tmp_path):
    onnx = pytest.importorskip("onnx", reason="reading .onnx files needs onnx (extra [onnx])")
    secret = tmp_path / "secret.bin"
    secret.write_bytes(np.ones(2, np.float32).tobytes())
    cases = {}
    cases["garbage"] = (b"\x08\x07garbage" * 50, InvalidSpecError, "not an ONNX model")
    cases["empty"] = (b"", InvalidSpecError, "no ONNX graph nodes")
    external = _onnx_gemm(onnx, onnx.numpy_helper.from_array(np.ones((1, 2), np.float32), "W"))
    tensor = external.graph.initializer[0]
    tensor.ClearField("raw_data")
    tensor.data_location = onnx.TensorProto.EXTERNAL
    entry = tensor.external_data.add()
    entry.key, entry.value = "location", str(secret)
    cases["external data"] = (external.SerializeToString(), ReluVarietiesError, "external data file")
    huge = _onnx_gemm(onnx, onnx.helper.make_tensor("W", 1, [1, 2], [1.0, 1.0]))
    huge.graph.initializer[0].dims[:] = [100000, 100000]
    cases["huge dims"] = (huge.SerializeToString(), ComputationTooLargeError, "100000, 100000")
    broken = _onnx_gemm(onnx, onnx.numpy_helper.from_array(np.ones((1, 2), np.float32), "W"))
    del broken.graph.node[0].input[1:]
    cases["gemm without weight"] = (broken.SerializeToString(), InvalidSpecError, "malformed ONNX graph")
    for name, (content, error, fragment) in cases.items():
        path = tmp_path / f"{name.replace(' ', '_')}.onnx"
        path.write_bytes(content)
        with pytest.raises(error, match=fragment):
            load_network(path)


def test_an_npz_header_claiming_a_huge_array_is_refused_before_reading_it(tmp_path):
    path = tmp_path / "bomb.npz"
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(header, {"descr": "<f8", "fortran_order": False, "shape": (60000, 60000)})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("W1.npy", header.getvalue() + b"\0" * 2**16)
    with pytest.raises(ComputationTooLargeError, match=r"declares shape \(60000, 60000\)"):
        load_network(path)


def test_identifiability_of_a_network_too_wide_for_the_orbit_matrix_is_refused_up_front(tmp_path, capsys):
    path = tmp_path / "wide.npz"
    np.savez(path, W1=np.ones((15000, 2)), W2=np.ones((1, 15000)))
    assert main(["identifiability", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "more than the 200000000 entries allowed" in err


@pytest.mark.parametrize(
    "state, fragment",
    [
        ({"0.weight": "abc"}, "not an array of real numbers"),
        ({"0.weight": {"a": 1}}, "not an array of real numbers"),
        ({"0.weight": [[1.0, 2.0]], "0.bias": "x"}, "the bias of layer 1"),
        ({"0.weight": "complex"}, "complex64"),
        ({"0.weight": "bool"}, "dtype bool"),
        ({0: "tensor"}, "no '….weight'"),
    ],
)
def test_a_state_dict_holding_what_is_not_a_real_tensor_is_a_clear_error(state, fragment, tmp_path):
    torch = pytest.importorskip("torch", reason="reading .pt files needs torch (extra [torch])")
    made = {
        "complex": torch.ones(2, 2, dtype=torch.complex64),
        "bool": torch.ones(2, 2, dtype=torch.bool),
        "tensor": torch.ones(2, 2),
    }
    torch.save(
        {key: made.get(value, value) if isinstance(value, str) else value for key, value in state.items()},
        tmp_path / "net.pt",
    )
    with pytest.raises(ReluVarietiesError, match=fragment):
        load_network(tmp_path / "net.pt")
