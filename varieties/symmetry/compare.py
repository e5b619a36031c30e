"""Two networks compared: related by a symmetry, and computing the same function (with a witness if not)."""

from __future__ import annotations

from architectures.architecture import Architecture
from architectures.forward import forward_pass
from architectures.network_file import Network
from architectures.numbers import fraction_to_string
from varieties.symmetry.identifiability import generic_inputs
from varieties.symmetry.regions import check_comparable
from varieties.symmetry.same_function import same_function
from varieties.symmetry.symmetries import equivalent


def with_biases(network: Network) -> Network:
    """The same network written with (zero) biases, so that it can be compared with one that has them.

    Examples
    --------
    >>> with_biases(Network.from_weights([[[1]], [[2]]])).theta
    (Fraction(1, 1), Fraction(0, 1), Fraction(2, 1), Fraction(0, 1))
    """
    if network.architecture.bias:
        return network
    architecture = Architecture(network.architecture.widths, bias=True)
    layers = network.layers()
    return Network(architecture, architecture.pack([w for w, _ in layers], [b for _, b in layers]))


def compare_networks(first: Network, second: Network) -> dict:
    """The ``equivalent`` verdict as the JSON object the command prints.

    Examples
    --------
    >>> compare_networks(Network.from_weights([[[1], [-1]], [[1, 1]]]), Network.from_weights([[[-2], [3]], [["1/2", "1/3"]]]))
    {'related_by_symmetry': True, 'same_function': True, 'witness': None}
    """
    check_comparable([first, second])
    if first.architecture.widths == second.architecture.widths:
        if first.architecture.bias != second.architecture.bias:
            first, second = with_biases(first), with_biases(second)
        related = bool(equivalent(first.architecture, first.theta, second.theta))
    else:
        related = False
    if related:  # a symmetry preserves the function: no need for the region-by-region proof
        return {"related_by_symmetry": True, "same_function": True, "witness": None}
    # cheap disproof first: the exact forward pass at a few random inputs
    for point in generic_inputs(first, 8, seed=0):
        outputs = [forward_pass(n.architecture, n.theta, [point]).outputs[0] for n in (first, second)]
        if outputs[0] != outputs[1]:
            return {
                "related_by_symmetry": related,
                "same_function": False,
                "witness": [fraction_to_string(x) for x in point],
            }
    verdict = same_function(first, second)
    witness = None if verdict.witness is None else [fraction_to_string(x) for x in verdict.witness]
    return {"related_by_symmetry": related, "same_function": verdict.same, "witness": witness}
