"""Extraction on notes the patterns have not seen (tests/fixtures/notes) and on the shipped notes."""

from __future__ import annotations

from decimal import Decimal

from kg.build import BuildResult
from kg.extract.run import extract
from kg.notes import parse_markdown
from tests.helpers import facts, limits


def test_second_notes_file_relations(nimbus: BuildResult) -> None:
    f = facts(nimbus.dataset)
    assert ("Nimbus Queue", "syncsWith", "Nimbus Store") in f
    assert ("Nimbus Queue", "syncsWith", "Ledger") in f
    assert ("Nimbus Queue", "onlyAvailableWith", "Nimbus Regions") in f
    assert ("Nimbus Store", "compatibleWith", "Memcached") in f
    assert {("Nimbus Queue", "hasPlan", p) for p in ("starter", "scale", "vault")} <= f
    assert ("Nimbus Platform", "hasRole", "Auditor") in f  # "Three levels" under the aspect heading "Roles"
    assert ("Autoscaling", "onlyAvailableWith", "Turbo") in f


def test_a_common_word_after_the_is_no_name(nimbus: BuildResult) -> None:
    # "Auditors can view the monitoring ...": the word, not the "Monitoring" section
    f = facts(nimbus.dataset)
    assert ("Auditor", "may", "CSV") in f
    assert not any(s == "Auditor" and o == "Monitoring" for s, _, o in f)


def test_a_name_before_the_first_comma_is_a_list_item(nimbus: BuildResult) -> None:
    # "vault store plans, keep sealed data that ..." sits in the Vault Zones list like a bare name
    assert ("Vault Zones", "includes", "vault store plans") in facts(nimbus.dataset)


def test_negation_is_kept_and_never_positive(nimbus: BuildResult) -> None:
    f = facts(nimbus.dataset)
    assert any(s == "Snapshots" and p == "notAvailableFor" and "Vault" in o for s, p, o in f)
    assert ("nimbus db:shell", "disabledIn", "Vault Zones") in f
    assert not any(s == "Snapshots" and p in ("availableFor", "usedFor") and "Vault" in o for s, p, o in f)
    assert any(s == "Editor" and p.startswith("not_") for s, p, _ in f)


def test_second_notes_file_limits(nimbus: BuildResult) -> None:
    got = {(s, v, lo, hi, unit, kind.rsplit("#", 1)[-1]) for s, v, lo, hi, unit, kind in
           [tuple(r) + ("",) * (6 - len(r)) for r in limits(nimbus.dataset)]}
    values = {(s, Decimal(v) if v not in ("", "None") else None, unit, kind) for s, v, _, _, unit, kind in got}
    assert ("starter", Decimal(5000), "message", "Exact") in values
    assert ("Snapshots", Decimal(250000), "object", "Maximum") in values
    assert ("Snapshots", Decimal(20), "minute", "Exact") in values
    assert ("Nimbus Queue", Decimal(64), "connection", "Maximum") in values
    assert any(s == "Nimbus Store" and lo == "2" and hi == "5" and unit == "day" for s, _, lo, hi, unit, _ in got)


def test_commands_and_options(nimbus: BuildResult) -> None:
    f = facts(nimbus.dataset)
    assert ("nimbus zones:create", "hasOption", "--vault") in f or \
        ("nimbus zones:create", "hasOption", "vault") in f


def test_shipped_notes_merge_spellings(shipped: BuildResult) -> None:
    from tests.helpers import rows

    labels = rows(shipped.dataset, """SELECT ?l (GROUP_CONCAT(?a; separator="|") AS ?alts) WHERE {
        ?e a kg:Entity ; skos:prefLabel ?l . OPTIONAL { ?e skos:altLabel ?a } } GROUP BY ?e ?l""")
    alts = {lb: set(a.split("|")) for lb, a in labels}
    assert "PG" in alts["Heroku Postgres"]
    assert "Postgres" in alts["Heroku Postgres"]
    assert "KVS" in next(a for lb, a in alts.items() if "Key-Value Store" in lb)
    named = [a | {lb} for lb, a in alts.items() if "Shield Private Spaces" in a | {lb}]
    assert len(named) == 1  # one node for the thing, whatever the spelling
    assert "Shield Private Space" in named[0]


def test_every_fact_has_provenance(shipped: BuildResult) -> None:
    from tests.helpers import rows

    missing = rows(shipped.dataset, """SELECT ?st WHERE { ?st a kg:Statement .
        FILTER NOT EXISTS { ?st prov:wasDerivedFrom/kg:line ?line } }""")
    assert missing == []
    lines = rows(shipped.dataset, """SELECT ?line ?text WHERE { ?st a kg:Statement ;
        rdf:subject/rdfs:label "Heroku Connect" ; rdf:predicate kg:syncsWith ; rdf:object/rdfs:label "Salesforce" ;
        prov:wasDerivedFrom [ kg:line ?line ; kg:sourceText ?text ] }""")
    assert ("26", "syncs Salesforce <=> Heroku postgres") in lines


def test_spacy_is_loaded_without_its_cli() -> None:
    """kg.extract.spacy_light keeps spaCy's CLI out of the build, yet spacy.cli still imports for real."""
    import subprocess
    import sys

    code = ("import sys, kg.extract.pipeline; assert 'spacy.cli' not in sys.modules; "
            "assert 'typer' not in sys.modules; import spacy.cli; assert callable(spacy.cli.download); print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.stdout.strip() == "ok", out.stderr


def test_term_with_a_list_of_parts_and_a_kind_heading(nimbus: BuildResult) -> None:
    """"**queue depth** - ready, delayed, dead letters" lists parts; "Reference Design: X" is about X."""
    got = facts(nimbus.dataset)
    assert {("queue depth", "includes", p) for p in ("ready", "delayed", "dead letters")} <= got
    assert ("Fan-out Pipelines with Nimbus Queue", "advantage", "Producers never wait for consumers") in got
    assert not any(s == "Reference Design" and p == "advantage" for s, p, _ in got)


def test_condition_header_gives_its_items_as_conditions(nimbus: BuildResult) -> None:
    """"alerts use email when" + items: each item is a condition for email, not a part of the section."""
    got = facts(nimbus.dataset)
    conditions = {o for s, p, o in got if s == "email" and p == "usedWhen"}
    assert {"a worker restarts", "a vault zone is created"} <= conditions


def test_class_of_an_intro_is_its_head_noun_before_the_verb(nimbus: BuildResult) -> None:
    """"Metrics captured for every worker dyno:" lists metrics, not dyno types."""
    classes = {str(o) for s, p, o in nimbus.asserted if str(p).endswith("#type>") and "/e/queue-depth>" in str(s)}
    assert any(c.endswith("#Metric>") for c in classes)
    assert not any(c.endswith("#DynoType>") for c in classes)


def test_term_described_as_a_feature_of_something(nimbus: BuildResult) -> None:
    """"**Audit Streams** - Vault zone feature": a feature of Vault Zones, typed Feature."""
    got = facts(nimbus.dataset)
    assert ("Audit Streams", "featureOf", "Vault Zones") in got
    classes = {str(o) for s, p, o in nimbus.asserted if str(p).endswith("#type>") and "/e/audit-stream" in str(s)}
    assert any(c.endswith("#Feature>") for c in classes)


def test_phrase_with_middle_words_left_out_is_the_full_name() -> None:
    """"secure zones" in a later bullet is "Secure Private Zones" with a word left out: one node."""
    notes = parse_markdown("""# Acme Cloud

## Secure Private Zones

- Secure Private Zones encrypt disks

## Networking

- **Firewall Rules** - restrict secure zones to approved ranges
""", "acme.md")
    ex = extract([notes])
    labels = {e.label.lower() for e in ex.entities.values()}
    assert "secure private zones" in labels
    assert "secure zones" not in labels
    zone = next(e for e in ex.entities.values() if e.label.lower() == "secure private zones")
    assert any(a.lower() == "secure zones" for a in zone.aliases)
    assert any(f.subject == "firewall rule" and f.obj == zone.key for f in ex.facts)


def test_verb_over_a_list_reaches_every_item() -> None:
    """"view builds, queues, stores, reports": "stores" is an item of the list, not a new verb."""
    notes = parse_markdown("""# Acme Cloud

## Roles

- Two levels
  - **Watcher** - view builds, queues, stores, reports
  - **Owner** - full control
""", "acme.md")
    ex = extract([notes])
    viewed = {f.obj for f in ex.facts if f.subject == "watcher" and f.prop == "rel:view"}
    assert viewed == {"build", "queue", "store", "report"}


def test_a_cli_flag_is_never_the_thing_of_the_same_name() -> None:
    notes = parse_markdown("""# Acme Cloud

## Zones

- Plans
  - `vault`
- Create one with `$ acme zones:create z1 --vault`
- Sealed zones: specify the --vault option
""", "acme.md")
    ex = extract([notes])
    line = next(b.line for b in notes.blocks if "specify" in b.text)
    on_line = [(f.subject, f.obj) for f in ex.facts if f.source.line == line]
    assert on_line
    assert not any("vault" in (s, o) for s, o in on_line)  # the bare name is the plan, not the flag


def test_a_list_intro_ending_in_a_verb_is_no_thing() -> None:
    """"For changes written to Acme Ledger, Acme Sync uses:" introduces the list; "Acme Sync uses" is no node."""
    notes = parse_markdown("""# Acme Cloud

## Acme Sync

For changes written to Acme Ledger, Acme Sync uses:

- the Batch API in batches of up to 200 records
""", "acme.md")
    ex = extract([notes])
    assert not any(e.label.lower().endswith("sync uses") for e in ex.entities.values())


def test_generic_noun_after_a_name_is_not_a_second_object() -> None:
    notes = parse_markdown("""# Acme Cloud

## Configuration

- settings live in the dashboard

## Acme Store

- Acme Store is compatible with both Redix and Valka configurations.
""", "acme.md")
    ex = extract([notes])
    objects = {f.obj for f in ex.facts if f.subject == "store" and f.prop == "compatibleWith"}
    assert objects == {"redix", "valka"}
