"""Skill extraction quality on the labelled evaluation set tests/data/skills_eval/.

The set is written for the project (see tests/data/skills_eval/README.md): postings in Indonesian, English and
a mix of both, as bare titles, tag lists and long descriptions, each with the canonical skills a careful reader
would list, the names that must not be found (`traps`), its occupation class and its split (`tune`, the texts
one may look at while changing the matcher, or `held_out`, the texts one may not).

For every posting `SkillExtractor().fit().extract(title, text, tags)` finds skills, and the occupation
classifier files it from those skills and the title (the set has no platform category). Prints micro
precision, recall and F1 of the skills per language, per split and per occupation class, the trap hits, the
occupation accuracy, and the most frequent misses and false positives.

    python bench/skill_evaluation.py [--split tune|held_out] [--top 20]

`score(records, extract, classify)` computes the numbers without printing; the tests use it.

Figures at taxonomy 2026.12.11 (2026-12-06), precision / recall, 516 postings: all 0.91 / 0.87; en 0.92 / 0.85,
id 0.91 / 0.89 (0.905 / 0.885), mixed 0.90 / 0.88 (0.901 / 0.884). Both targets (precision 0.90, recall 0.85) are met
in each language. At 2026.12.10 English recall was 0.84 (716 of 850 skills); 2026.12.11 adds "&" for "and"/"dan"
("monitoring & evaluation"), the person "an illustrator" beside the software Illustrator, "Word docs", EKS and AKS as
Kubernetes, and lets Email Marketing, Audio Editing and Kubernetes be named by the skills beneath them (Klaviyo,
Podcast Editing, Helm): 726 of 850. At 2026.12.9 mixed precision was 0.87, before skills named but not asked for,
"gak perlu ngerti ...", "paham istilah seperti ...", were left out. Held out: 0.89 / 0.74 over both held-out parts
(0.886 / 0.740). The first batch's held-out third went from 0.87 / 0.64 (taxonomy 2026.12.8) to 0.87 / 0.67; round
3, written with round 2 and before the matcher was tuned on it, went from 0.88 / 0.78 to 0.90 / 0.82 after that
tuning and stayed there through rounds 4 and 5. The held-out figures are the ones to expect on new postings: tuning
on fresh text moves them less than it moves the tuning texts (0.92 / 0.92). Occupation accuracy 0.95.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

EVAL_DIR = PROJECT_DIR / "tests" / "data" / "skills_eval"
LANGUAGES = ("id", "en", "mixed")
SPLITS = ("tune", "held_out")

Record = Mapping[str, Any]
# (title, text, tags) -> canonical skill names found
Extract = Callable[[str, str, Sequence[str]], Iterable[str]]
# (skills found, title) -> occupation class
Classify = Callable[[Sequence[str], str], str]


def load_records(directory: Path = EVAL_DIR) -> list[dict[str, Any]]:
    """Every posting of every YAML file in `directory`, in file order then file name order."""
    records: list[dict[str, Any]] = []
    for path in sorted(directory.glob("*.yaml")):
        records.extend(yaml.safe_load(path.read_text(encoding="utf-8"))["postings"])
    return records


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def score(records: Iterable[Record], extract: Extract, classify: Classify | None = None) -> dict[str, Any]:
    """Micro precision, recall and F1 of `extract` against each record's `skills`, overall and per group.

    Returns a dict with `overall`, `by_language`, `by_split`, `by_language_split`, `by_occupation` and `by_shape`
    (each group a dict of precision, recall, f1, tp, fp, fn; precision or recall with nothing to count is 1.0);
    `trap_hits`, a list of (record id, skill) for every trap found; `misses` and `false_positives`, Counters of skill names;
    `postings`, the number of records; and, when `classify` is given, `occupation` with `accuracy`, `correct`
    and `total` over all records.
    """
    totals: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    misses: Counter[str] = Counter()
    false_positives: Counter[str] = Counter()
    trap_hits: list[tuple[str, str]] = []
    correct = total = 0
    count = 0
    for record in records:
        count += 1
        found = list(dict.fromkeys(extract(record["title"] or "", record.get("text") or "", record.get("tags") or [])))
        gold = set(record["skills"])
        predicted = set(found)
        tp, fp, fn = len(predicted & gold), len(predicted - gold), len(gold - predicted)
        misses.update(gold - predicted)
        false_positives.update(predicted - gold)
        trap_hits.extend((record["id"], name) for name in record.get("traps") or () if name in predicted)
        for group, key in (
            ("overall", "all"),
            ("by_language", record["language"]),
            ("by_split", record["split"]),
            ("by_language_split", f"{record['language']} {record['split']}"),
            ("by_occupation", record["occupation"]),
            ("by_shape", record["shape"]),
        ):
            cell = totals[group][key]
            cell[0] += tp
            cell[1] += fp
            cell[2] += fn
        if classify is not None:
            total += 1
            correct += classify(found, record["title"] or "") == record["occupation"]
    result: dict[str, Any] = {
        "postings": count,
        "overall": _prf(*totals["overall"]["all"]),
        **{
            group: {key: _prf(*cell) for key, cell in sorted(totals[group].items())}
            for group in ("by_language", "by_split", "by_language_split", "by_occupation", "by_shape")
        },
        "trap_hits": trap_hits,
        "misses": misses,
        "false_positives": false_positives,
    }
    if classify is not None:
        result["occupation"] = {
            "accuracy": correct / total if total else 1.0,
            "correct": correct,
            "total": total,
        }
    return result


def _row(label: str, numbers: Mapping[str, float]) -> str:
    return (
        f"  {label:<24} P {numbers['precision']:.3f}  R {numbers['recall']:.3f}  F1 {numbers['f1']:.3f}"
        f"   (tp {numbers['tp']}, fp {numbers['fp']}, fn {numbers['fn']})"
    )


def report(result: Mapping[str, Any], top: int = 20) -> str:
    """The numbers of `score` as text."""
    lines = [f"postings: {result['postings']}", _row("all", result["overall"])]
    for group, title in (
        ("by_language", "per language"),
        ("by_split", "per split"),
        ("by_language_split", "per language and split (held_out: text never read while tuning)"),
        ("by_occupation", "per occupation class"),
        ("by_shape", "per shape"),
    ):
        lines.append(f"{title}:")
        lines.extend(_row(key, numbers) for key, numbers in result[group].items())
    hits = result["trap_hits"]
    lines.append(f"trap hits: {len(hits)}" + "".join(f"\n  {record_id}: {name}" for record_id, name in hits))
    if "occupation" in result:
        occupation = result["occupation"]
        accuracy, correct, total = occupation["accuracy"], occupation["correct"], occupation["total"]
        lines.append(f"occupation accuracy: {accuracy:.3f} ({correct}/{total})")
    for key, title in (("misses", "misses"), ("false_positives", "false positives")):
        lines.append(f"top {top} {title}:")
        lines.extend(f"  {n:>3}  {name}" for name, n in result[key].most_common(top))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=SPLITS, help="score only this split (default: both)")
    parser.add_argument("--top", type=int, default=20, help="how many misses and false positives to list")
    args = parser.parse_args(argv)

    from pipelines.skills.extract import SkillExtractor
    from pipelines.skills.occupation import OccupationClassifier

    extractor = SkillExtractor().fit()
    classifier = OccupationClassifier(taxonomy=extractor.taxonomy_).fit()
    records = [record for record in load_records() if args.split is None or record["split"] == args.split]
    result = score(
        records,
        lambda title, text, tags: extractor.extract(title, text, tags).skills,
        lambda skills, title: classifier.predict_one(skills, None, title)[0],
    )
    print(report(result, args.top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
