"""The order of interchangeable neurons tried by canonical_form: linear in the group, same as the definition."""

from __future__ import annotations

import random

from varieties.symmetry.symmetries import _arrangement


def test_the_arrangement_takes_each_class_s_members_in_turn():
    rng = random.Random(16)
    for _ in range(200):
        sizes = [rng.randint(1, 4) for _ in range(rng.randint(1, 4))]
        neurons = rng.sample(range(100), sum(sizes))
        members, start = [], 0
        for size in sizes:
            members.append(neurons[start : start + size])
            start += size
        labelling = [label for label, size in enumerate(sizes) for _ in range(size)]
        rng.shuffle(labelling)
        by_definition = [
            members[label][sum(1 for earlier in labelling[:i] if earlier == label)] for i, label in enumerate(labelling)
        ]
        assert _arrangement(members, labelling) == by_definition
        assert sorted(_arrangement(members, labelling)) == sorted(neurons)


def test_a_group_of_twenty_thousand_equal_neurons_is_arranged_at_once():
    members = [list(range(20000))]
    assert _arrangement(members, [0] * 20000) == list(range(20000))
