"""Relations said as a reader says them, and the fixed order of an entity's facts."""

from __future__ import annotations

import pytest

from kg.namespaces import KG, REL
from kg.phrasing import participle, relation_label, relation_order, third_person


@pytest.mark.parametrize(("predicate", "name", "negated", "said"), [
    (KG + "syncsWith", "syncs with", False, "syncs with"),
    (KG + "supports", "supports", True, "does not support"),
    (KG + "usedFor", "used for", True, "not used for"),
    (KG + "hasPlan", "has plan", True, "does not have plan"),
    (KG + "isA", "is a", True, "is not a"),
    (KG + "mayNot", "may not", False, "may not"),
    (KG + "notAvailableFor", "not available for", False, "not available for"),
    (KG + "relatedTo", "not relatedTo", False, "not related to"),
    (REL + "be_purchase_via", "be purchase via", False, "is purchased via"),
    (REL + "be_write_in", "be write in", True, "is not written in"),
    (REL + "be_accessible_from", "be accessible from", False, "is accessible from"),
    (REL + "send", "send", False, "sends"),
    (REL + "proxy", "proxy", False, "proxies"),
    (REL + "use_with", "use with", True, "does not use with"),
    (REL + "do_not_have", "do n't have", False, "does not have"),
])
def test_relation_labels(predicate: str, name: str, negated: bool, said: str) -> None:
    assert relation_label(predicate, name, negated) == said


def test_verb_forms() -> None:
    assert [participle(v) for v in ("purchase", "deploy", "copy", "write", "add")] == \
        ["purchased", "deployed", "copied", "written", "added"]
    assert [third_person(v) for v in ("push", "be", "have", "try", "run")] == \
        ["pushes", "is", "has", "tries", "runs"]


def test_order_ontology_relations_first_then_verbs() -> None:
    keys = [relation_order(KG + "isA", "is a"), relation_order(KG + "includes", "includes"),
            relation_order(KG + "advice", "advice"), relation_order(KG + "somethingElse", "something else"),
            relation_order(REL + "create", "creates"), relation_order(REL + "send", "sends")]
    assert keys == sorted(keys)
