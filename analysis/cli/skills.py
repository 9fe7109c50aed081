"""``pasarkerja skills``: the skill taxonomy at work. ``extract`` and ``tree`` read the taxonomy alone; ``unmapped``
reads the database."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import Engine

from analysis.cli.arguments import positive_whole_number
from analysis.cli.command import Command, CommandError, CommandFamily, Store


def _extract(args: argparse.Namespace, engine: None) -> None:
    from pipelines.skills.extract import SkillExtractor

    found = SkillExtractor().fit().extract(None, sys.stdin.read())
    print("\n".join(found.skills))


def _unmapped_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--top", type=positive_whole_number, default=30, help="how many tags to list (default 30)")


def _unmapped(args: argparse.Namespace, engine: Engine) -> None:
    from analysis.skills import unmapped_tags

    for tag, count, sources in unmapped_tags(engine, args.top):
        print(f"{count:>6}  {tag}  ({', '.join(sources)})")


def _tree_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME", help="a skill name or alias, e.g. Laravel or shopee")


def _tree(args: argparse.Namespace, engine: None) -> None:
    from analysis.curriculum import closest_skills
    from pipelines.skills.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    skill = taxonomy.lookup(args.name)
    if skill is None:
        raise CommandError(f'unknown skill "{args.name}"; {closest_skills(args.name, taxonomy)}')
    print(_skill_tree(taxonomy, skill.name))


def _skill_tree(taxonomy, name: str) -> str:
    """`name` with the chains of broader skills above it and the tree of narrower skills below, indented by level:

    Laravel (framework)
      broader:
        PHP
          Web Development
        ...
      narrower:
        Livewire
    """

    def branch(skill: str, step, depth: int) -> list[str]:
        # The taxonomy validator forbids cycles, so every branch ends.
        return [
            line
            for following in step(skill)
            for line in ["  " * depth + following, *branch(following, step, depth + 1)]
        ]

    above = branch(name, taxonomy.broader_of, 2) or ["    (none)"]
    below = branch(name, taxonomy.narrower_of, 2) or ["    (none)"]
    return "\n".join([f"{name} ({taxonomy.by_name[name].group})", "  broader:", *above, "  narrower:", *below])


FAMILY = CommandFamily(
    "skills",
    "the skill taxonomy at work",
    (
        Command(
            "extract",
            "print the canonical skills found in the text on standard input, one per line",
            _extract,
            store=Store.NONE,
        ),
        Command("unmapped", "platform tags that map to no skill, most frequent first", _unmapped, _unmapped_arguments),
        Command(
            "tree",
            "a skill with its broader skills above it and its narrower skills below",
            _tree,
            _tree_arguments,
            store=Store.NONE,
        ),
    ),
)
