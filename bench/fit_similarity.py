"""Does mapping verb phrases to ontology properties by embedding similarity (wordllama) help, and at what
threshold? Fitted with 5-fold cross-validation on phrases labelled by a reader, held-out folds reported.

Usage: python bench/fit_similarity.py [LABELLED.json]   (default bench/data/verb-phrases-labelled.json;
       needs the bench extra: pip install -e '.[bench]')

LABELLED.json: [{"phrase": "be use with", "label": "availableFor" | "none", ...}, ...] (the phrases the
clause reader met in the notes, labelled with the property a careful reader sees in them).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import numpy as np

from kg.extract.properties import Mapping, load_embedder, load_properties

THRESHOLDS = [round(0.30 + 0.05 * i, 2) for i in range(15)]  # 0.30 .. 1.00


def cue_map(props: object, phrase: str) -> Mapping | None:
    found = props._lookup(phrase)  # type: ignore[attr-defined]
    return found if found is not None and found.how == "cue" else None


def best_similar(props: object, vectors: np.ndarray, cues: list[str], embedder: object, phrase: str) -> tuple[str, float]:
    vec = embedder.embed([phrase], norm=True)[0]  # type: ignore[attr-defined]
    sims = vectors @ vec
    i = int(np.argmax(sims))
    return props.cues[cues[i]], float(sims[i])  # type: ignore[attr-defined]


def score(items: list[dict[str, object]], threshold: float) -> tuple[int, int, int]:
    """(assigned by similarity, of which right, phrases whose label is a property and got nothing)"""
    assigned = right = missed = 0
    for it in items:
        if it["cue"] is not None:
            continue
        label = it["label"]
        if float(it["sim"]) >= threshold:  # type: ignore[arg-type]
            assigned += 1
            right += it["best"] == label
        elif label != "none":
            missed += 1
    return assigned, right, missed


def main() -> None:
    default = Path(__file__).parent / "data" / "verb-phrases-labelled.json"
    rows = json.loads(Path(sys.argv[1] if len(sys.argv) > 1 else default).read_text())
    props = load_properties(embed=False)
    embedder = load_embedder()
    if embedder is None:
        sys.exit("wordllama is not installed: pip install wordllama")
    cues = list(props.cues)
    vectors = embedder.embed(cues, norm=True)
    items = []
    for row in rows:
        cue = cue_map(props, row["phrase"])
        best, sim = best_similar(props, vectors, cues, embedder, row["phrase"])
        items.append({"phrase": row["phrase"], "label": row["label"], "cue": cue.prop if cue else None,
                      "best": best, "sim": sim})
    on_cue = [it for it in items if it["cue"] is not None]
    print(f"{len(items)} phrases; {len(on_cue)} matched by a cue on lemmas: "
          f"{sum(it['cue'] == it['label'] for it in on_cue)} of them labelled with that property")
    rng = random.Random(7)  # noqa: S311 - a repeatable split, not a secret
    rng.shuffle(items)
    folds = [items[i::5] for i in range(5)]
    held_assigned = held_right = held_missed = 0
    chosen = []
    for k in range(5):
        train = [it for j, f in enumerate(folds) if j != k for it in f]

        def gain(t: float, train: list[dict[str, object]] = train) -> float:
            a, r, _ = score(train, t)
            return r - (a - r)  # a right mapping counts +1, a wrong one -1 (a wrong fact is worse than none)

        best_t = max(THRESHOLDS, key=lambda t: (gain(t), t))
        chosen.append(best_t)
        a, r, m = score(folds[k], best_t)
        held_assigned, held_right, held_missed = held_assigned + a, held_right + r, held_missed + m
    print(f"thresholds chosen on the training folds: {chosen}")
    print(f"held-out: similarity mapped {held_assigned} phrases, {held_right} right "
          f"({held_right / held_assigned:.2f} precision)" if held_assigned else "held-out: similarity mapped nothing")
    print(f"held-out: {held_missed} phrases labelled with a property got none")
    for t in (0.5, 0.6, 0.7, 0.8):
        a, r, _ = score(items, t)
        print(f"  all phrases at {t}: {a} mapped, {r} right")


if __name__ == "__main__":
    main()
