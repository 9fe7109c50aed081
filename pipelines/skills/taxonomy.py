"""The skill taxonomy: loading the bundled YAML file and checking it for problems.

The taxonomy lives in `pipelines/skills/data/taxonomy.yaml` and is read through importlib.resources, so it
works from an installed package as well as from the source tree. `validate` is what the tests run to keep the
file sound as it grows: no alias may point at two skills, no alias may be an ordinary word that would match
everywhere, a role (a job naming several skills) must name skills that exist, and the broader-skill hierarchy
(Laravel -> PHP -> Web Development) must have no cycles.

The hierarchy is mainly for analyses: a posting keeps the skills its text names, and `covered_by` rolls what a
curriculum teaches up to the broader skills it covers (docs/curriculum.md, "Broader skills"). Extraction reads it
only for a specialisation's broader skills (`Specialisation`) and a framework's language (`languages_of`). The word
forms a skill also matches in are generated in pipelines/skills/forms.py.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import yaml

from pipelines.skills.forms import VERB_FORMS, name_verb_forms, person_forms

OCCUPATIONS = (
    "software_development",
    "creative_multimedia",
    "writing_translation",
    "sales_marketing",
    "clerical_data_entry",
    "professional_services",
    "other",  # local manual work that cannot be done online (cooks, drivers, cleaners, guards, trades)
)
# Each class as readers see it: (in Bahasa Indonesia, in English).
OCCUPATION_NAMES = {
    "software_development": ("Pengembangan perangkat lunak", "Software development"),
    "creative_multimedia": ("Kreatif & multimedia", "Creative & multimedia"),
    "writing_translation": ("Penulisan & penerjemahan", "Writing & translation"),
    "sales_marketing": ("Penjualan & pemasaran", "Sales & marketing"),
    "clerical_data_entry": ("Administrasi & entri data", "Clerical & data entry"),
    "professional_services": ("Jasa profesional", "Professional services"),
    "other": ("Pekerjaan lokal & manual lainnya", "Other local and manual work"),
}

ESCO_URI_PREFIX = "http://data.europa.eu/esco/"

# Groups of technologies that the skills beneath them are used through: Laravel is PHP, Next.js is React, EC2 is
# AWS, Ubuntu is Linux. Teaching any one skill beneath such a skill covers it.
TECHNOLOGY_GROUPS = frozenset({"programming_language", "framework", "runtime", "database", "cloud", "devops_tool"})
# Groups whose skills are written in a programming language: naming one names its language (Taxonomy.languages_of).
IMPLYING_GROUPS = frozenset({"framework", "runtime"})
# Every other broader skill is a field or practice made of parts (Web Development, Online Selling, Accounting): one
# part is not the whole, so it takes this many different taught skills beneath it.
TAUGHT_TO_COVER_FIELD = 2


def normalise(term: str) -> str:
    """The form used to compare names and aliases: lower-case, runs of whitespace collapsed to one space."""
    return " ".join(term.lower().split())


@dataclass(frozen=True)
class ContextRule:
    """Aliases of a skill that are also ordinary words or abbreviations of other things ("csm", "express"): one
    of them counts only when the posting (title, description or tags) also holds one of `words` as a whole word
    or phrase, or names one of `skills` (canonical names) through an alias that needs no context."""

    aliases: tuple[str, ...]
    words: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()


@dataclass(frozen=True)
class Specialisation:
    """How a specialised skill is named without its name: a posting that names one of `skills` (canonical names;
    by default the skill's broader skills) and holds one of `words` as a whole word or phrase names the skill
    ("Photography" and "pernikahan": Wedding Photography; "Translation" and "hukum": Legal Translation)."""

    words: tuple[str, ...]
    skills: tuple[str, ...] = ()


@dataclass(frozen=True)
class Skill:
    name: str
    aliases: tuple[str, ...]
    group: str
    occupation: str
    esco_uri: str | None = None
    # True for names that are only this skill when written exactly so ("Go", "R", "Swift").
    case_sensitive: bool = False
    # Canonical names of the broader skills this one belongs to, nearest first (Laravel: PHP, Back-End Development).
    broader: tuple[str, ...] = ()
    # Verb roots, optionally followed by their object, whose inflected and derived forms also name the skill:
    # {"en": ("translate",), "id": ("terjemah",)} (see `derived_forms`).
    verbs: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Aliases that count only beside evidence (see `ContextRule`); None: every alias always counts.
    context: ContextRule | None = None
    # Phrases that hold an alias of the skill but do not mean it ("aplikasi kasir", "night audit").
    not_in: tuple[str, ...] = ()
    # The words that, beside a broader skill, name this one (see `Specialisation`); None: only its own forms do.
    found_with: Specialisation | None = None
    # True when any skill beneath this one also names it: work in legal translation is translation work.
    named_by_narrower: bool = False

    @property
    def forms(self) -> tuple[str, ...]:
        """The name and every alias, normalised, without repeats."""
        return tuple(dict.fromkeys(normalise(term) for term in (self.name, *self.aliases)))

    @property
    def verb_forms(self) -> tuple[str, ...]:
        """The forms generated from `verbs` (English and Indonesian), normalised, without the skill's own forms."""
        own = set(self.forms)
        derived: dict[str, None] = {}
        for language, roots in self.verbs:
            generate = VERB_FORMS.get(language)
            for root in roots if generate else ():
                derived.update((normalise(form), None) for form in generate(normalise(root)))
        return tuple(form for form in derived if form not in own)

    @property
    def derived_forms(self) -> tuple[str, ...]:
        """`verb_forms`, then the person and verb forms of the name and aliases (`person_forms`,
        `name_verb_forms`) that are not its own.

        A person form that another skill writes as an alias or generates first names that skill: "kol manager"
        is an alias of Key Opinion Leader Management, not the manager of Influencer Marketing.
        """
        own = set(self.forms)
        generated = (
            generated
            for form in self.forms
            for generated in (*person_forms(form), *name_verb_forms(form))
            if generated not in own
        )
        return tuple(dict.fromkeys((*self.verb_forms, *generated)))


@dataclass(frozen=True)
class Role:
    """A job whose name asks for several skills at once: a recruiter reads "Customer Success Manager" as account
    management, customer onboarding and customer retention, and "line cook" as cooking and kitchen work. `names`
    are lower-case match forms, like aliases; `skills` are canonical names, two or more (one is an alias)."""

    names: tuple[str, ...]
    skills: tuple[str, ...]


@dataclass
class Taxonomy:
    version: str
    skills: tuple[Skill, ...]
    roles: tuple[Role, ...] = ()
    by_name: dict[str, Skill] = field(init=False, repr=False)
    _by_form: dict[str, Skill] = field(init=False, repr=False)
    _narrower: dict[str, list[str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.by_name = {skill.name: skill for skill in self.skills}
        self._narrower = {}
        for skill in self.skills:
            for broader in skill.broader:
                self._narrower.setdefault(broader, []).append(skill.name)
        self._by_form = {}
        for skill in self.skills:
            for form in skill.forms:
                # setdefault: on a collision (which `validate` reports) the first skill keeps the form.
                self._by_form.setdefault(form, skill)
        for skill in self.skills:  # generated forms after every written one: a written alias wins
            for form in skill.derived_forms:
                self._by_form.setdefault(form, skill)

    def lookup(self, alias_or_name: str) -> Skill | None:
        """The skill a whole term (a platform tag, say) names, ignoring case and spacing; None if none.

        Case rules for free text are the extractor's business: a tag "go" on a freelance platform is Go.
        """
        return self.by_name.get(alias_or_name) or self._by_form.get(normalise(alias_or_name))

    def broader_of(self, name: str) -> tuple[str, ...]:
        """The broader skills the skill called `name` (canonical) names itself, nearest first; KeyError if unknown."""
        return self.by_name[name].broader

    def narrower_of(self, name: str) -> tuple[str, ...]:
        """The skills that name `name` (canonical) among their broader skills, in taxonomy order."""
        return tuple(self._narrower.get(name, ()))

    def ancestors(self, name: str) -> tuple[str, ...]:
        """Every skill above `name`, nearest first (breadth first), each once: Laravel -> PHP, Back-End Development,
        Web Development. Names outside the taxonomy have none."""
        return self._walk(name, lambda skill: self.by_name[skill].broader if skill in self.by_name else ())

    def descendants(self, name: str) -> tuple[str, ...]:
        """Every skill below `name`, nearest first, each once."""
        return self._walk(name, self.narrower_of)

    def _walk(self, start: str, step) -> tuple[str, ...]:
        # The seen set also stops a cycle, should a hand-made taxonomy that `validate` would refuse be loaded.
        seen = {start: None}
        queue = deque([start])
        while queue:
            for following in step(queue.popleft()):
                if following not in seen:
                    seen[following] = None
                    queue.append(following)
        return tuple(seen)[1:]

    def covered_by(self, taught: Iterable[str]) -> frozenset[str]:
        """The skills a curriculum teaching `taught` (canonical names) covers: what it teaches, and every broader
        skill with enough different taught skills beneath it, at any depth: one for a technology (a skill in
        TECHNOLOGY_GROUPS: Laravel taught covers PHP), TAUGHT_TO_COVER_FIELD for a field (PHP, HTML, CSS and
        JavaScript taught cover Web Development; HTML alone does not). Names outside the taxonomy stay as given.
        """
        taught = set(taught)
        # Counting taught skills, not covered ones, keeps one taught skill from counting twice: Laravel covers PHP,
        # but Laravel and the PHP it implies are still one skill beneath Web Development.
        taught_beneath = Counter(ancestor for skill in taught for ancestor in self.ancestors(skill))
        return frozenset(taught) | {
            skill for skill, count in taught_beneath.items() if count >= self.taught_to_cover(skill)
        }

    def languages_of(self, name: str) -> tuple[str, ...]:
        """The programming languages a framework or runtime is written in, nearest first: Laravel -> PHP,
        Next.js -> JavaScript, Flutter -> Dart. A posting that names the framework asks for its language: no one
        writes Django without Python. Other skills have none (a database or a cloud is used from any language)."""
        if name not in self.by_name or self.by_name[name].group not in IMPLYING_GROUPS:
            return ()
        return tuple(skill for skill in self.ancestors(name) if self.by_name[skill].group == "programming_language")

    def taught_to_cover(self, name: str) -> int:
        """How many different skills beneath `name` a curriculum must teach to cover it (see `covered_by`)."""
        return 1 if self.by_name[name].group in TECHNOLOGY_GROUPS else TAUGHT_TO_COVER_FIELD


def _read_text(path: str | Path | None, resource: str) -> str:
    if path is None:
        return (files("pipelines.skills") / "data" / resource).read_text(encoding="utf-8")
    return Path(path).read_text(encoding="utf-8")


def _skill_from_entry(index: int, entry: dict) -> Skill:
    if not isinstance(entry, dict) or not entry.get("name"):
        raise ValueError(f"skill #{index + 1} has no name: {entry!r}")
    return Skill(
        name=str(entry["name"]),
        aliases=tuple(str(alias) for alias in entry.get("aliases") or ()),
        # Missing group or occupation load as empty so that `validate` can report them with the rest.
        group=str(entry.get("group") or ""),
        occupation=str(entry.get("occupation") or ""),
        esco_uri=entry.get("esco_uri"),
        case_sensitive=bool(entry.get("case_sensitive", False)),
        broader=tuple(str(name) for name in entry.get("broader") or ()),
        verbs=tuple(
            (str(language), tuple(str(root) for root in roots or ()))
            for language, roots in (entry.get("verbs") or {}).items()
        ),
        context=_context_rule(entry.get("context")),
        not_in=tuple(str(phrase) for phrase in entry.get("not_in") or ()),
        found_with=_specialisation(entry.get("found_with"), entry.get("broader")),
        named_by_narrower=bool(entry.get("named_by_narrower", False)),
    )


def _context_rule(entry: dict | None) -> ContextRule | None:
    if not entry:
        return None
    return ContextRule(
        aliases=tuple(str(alias) for alias in entry.get("aliases") or ()),
        words=tuple(str(word) for word in entry.get("words") or ()),
        skills=tuple(str(name) for name in entry.get("skills") or ()),
    )


def _specialisation(entry: dict | None, broader: list | None) -> Specialisation | None:
    if not entry:
        return None
    return Specialisation(
        words=tuple(str(word) for word in entry.get("words") or ()),
        skills=tuple(str(name) for name in entry.get("skills") or broader or ()),
    )


@lru_cache(maxsize=8)
def _load(path: str | Path | None) -> Taxonomy:
    # libyaml's loader when PyYAML has it: the pure-Python one takes most of a second here.
    document = yaml.load(_read_text(path, "taxonomy.yaml"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    declared = tuple(document.get("occupations") or ())
    if declared != OCCUPATIONS:
        raise ValueError(f"taxonomy declares occupations {declared}, expected {OCCUPATIONS}")
    skills = tuple(_skill_from_entry(index, entry) for index, entry in enumerate(document.get("skills") or ()))
    roles = tuple(
        Role(
            names=tuple(str(name) for name in entry.get("names") or ()),
            skills=tuple(str(name) for name in entry.get("skills") or ()),
        )
        for entry in document.get("roles") or ()
    )
    return Taxonomy(version=str(document["version"]), skills=skills, roles=roles)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The taxonomy in `path`, or the bundled one when `path` is None. Cached: treat the result as read-only."""
    return _load(None if path is None else Path(path))


@lru_cache(maxsize=1)
def ordinary_words() -> frozenset[str]:
    """Common English and Indonesian words that must not be aliases (data/ordinary_words.txt)."""
    lines = _read_text(None, "ordinary_words.txt").splitlines()
    return frozenset(normalise(line) for line in lines if line.strip() and not line.startswith("#"))


def validate(taxonomy: Taxonomy, ordinary: frozenset[str] | None = None) -> list[str]:
    """Every problem found in `taxonomy`, one sentence each; an empty list when it is sound.

    `ordinary` is the set of words no alias may be (default: the bundled list).
    """
    ordinary = ordinary_words() if ordinary is None else ordinary
    problems: list[str] = []
    if not taxonomy.version:
        problems.append("the taxonomy has no version")

    owner_of_name: dict[str, str] = {}
    for skill in taxonomy.skills:
        key = normalise(skill.name)
        if key in owner_of_name:
            problems.append(f"duplicate skill name {skill.name!r} (also {owner_of_name[key]!r})")
        else:
            owner_of_name[key] = skill.name

    owner_of_alias: dict[str, str] = {}
    for skill in taxonomy.skills:
        if skill.occupation not in OCCUPATIONS:
            problems.append(f"{skill.name}: occupation {skill.occupation!r} is not one of {', '.join(OCCUPATIONS)}")
        if not skill.group.strip():
            problems.append(f"{skill.name}: empty group")
        if skill.esco_uri is not None and not str(skill.esco_uri).startswith(ESCO_URI_PREFIX):
            problems.append(f"{skill.name}: esco_uri {skill.esco_uri!r} does not start with {ESCO_URI_PREFIX}")
        # A case-sensitive name is matched only as written ("Go", not "go"), so it may be an ordinary word.
        if not skill.case_sensitive and normalise(skill.name) in ordinary:
            problems.append(f"{skill.name}: the name is an ordinary word; mark it case_sensitive or rename it")

        # An alias guarded by a context rule counts only beside its evidence, so it may be an ordinary word.
        guarded = {normalise(alias) for alias in skill.context.aliases} if skill.context else set()
        for alias in skill.aliases:
            key = normalise(alias)
            if not key:
                problems.append(f"{skill.name}: empty alias")
                continue
            if alias != alias.lower():
                problems.append(f"{skill.name}: alias {alias!r} is not lower-case")
            if key in ordinary and key not in guarded:
                problems.append(f"{skill.name}: alias {alias!r} is an ordinary word (give it a context rule)")
            name_owner = owner_of_name.get(key)
            if name_owner is not None and name_owner != skill.name:
                problems.append(f"{skill.name}: alias {alias!r} is the name of skill {name_owner!r}")
            alias_owner = owner_of_alias.setdefault(key, skill.name)
            if alias_owner != skill.name:
                problems.append(f"{skill.name}: alias {alias!r} is also an alias of {alias_owner!r}")
    return (
        problems
        + _rule_problems(taxonomy, owner_of_alias, owner_of_name)
        + _role_problems(taxonomy, ordinary)
        + _hierarchy_problems(taxonomy)
    )


def _rule_problems(taxonomy: Taxonomy, owner_of_alias: dict[str, str], owner_of_name: dict[str, str]) -> list[str]:
    """Verb roots, generated forms, context rules and `not_in` phrases that are malformed or clash."""
    problems: list[str] = []
    owner_of_derived: dict[str, str] = {}
    for skill in taxonomy.skills:
        for language, roots in skill.verbs:
            if language not in VERB_FORMS:
                problems.append(f"{skill.name}: verbs language {language!r} is not one of {', '.join(VERB_FORMS)}")
            for root in roots:
                if not normalise(root) or root != root.lower():
                    problems.append(f"{skill.name}: verb root {root!r} is empty or not lower-case")
        for form in skill.verb_forms:
            owner = owner_of_alias.get(form) or owner_of_name.get(form) or owner_of_derived.setdefault(form, skill.name)
            if owner != skill.name:
                problems.append(f"{skill.name}: the form {form!r} generated from its verbs also names {owner!r}")
        rule = skill.context
        if rule is not None:
            forms = set(skill.forms)
            if not rule.aliases:
                problems.append(f"{skill.name}: context names no aliases")
            for alias in rule.aliases:
                if normalise(alias) not in forms:
                    problems.append(f"{skill.name}: context alias {alias!r} is not the name or an alias of the skill")
            if not rule.words and not rule.skills:
                problems.append(f"{skill.name}: context needs words or skills")
            for word in rule.words:
                if not normalise(word) or word != word.lower():
                    problems.append(f"{skill.name}: context word {word!r} is empty or not lower-case")
            for name in rule.skills:
                if name not in taxonomy.by_name or name == skill.name:
                    problems.append(f"{skill.name}: context skill {name!r} is not another skill of the taxonomy")
        if skill.found_with is not None:
            if not skill.found_with.words or not skill.found_with.skills:
                problems.append(f"{skill.name}: found_with needs words and skills (or broader skills)")
            for word in skill.found_with.words:
                if not normalise(word) or word != word.lower():
                    problems.append(f"{skill.name}: found_with word {word!r} is empty or not lower-case")
            for name in skill.found_with.skills:
                if name not in taxonomy.by_name or name == skill.name:
                    problems.append(f"{skill.name}: found_with skill {name!r} is not another skill of the taxonomy")
        for phrase in skill.not_in:
            padded = f" {normalise(phrase)} "
            if phrase != phrase.lower() or not any(
                f" {form} " in padded and form != padded.strip() for form in skill.forms
            ):
                problems.append(
                    f"{skill.name}: not_in phrase {phrase!r} is not lower-case or holds no alias of the skill"
                )
    return problems


def _role_problems(taxonomy: Taxonomy, ordinary: frozenset[str]) -> list[str]:
    """Role names that are ordinary words, written twice or a skill's own form; roles of fewer than two skills or
    of names outside the taxonomy."""
    problems: list[str] = []
    owner_of_role_name: dict[str, int] = {}
    for number, role in enumerate(taxonomy.roles, 1):
        label = f"role {number} ({role.names[0] if role.names else 'no names'})"
        if not role.names:
            problems.append(f"{label}: no names")
        if len(set(role.skills)) < 2:
            problems.append(f"{label}: names fewer than two skills (one skill's role is an alias)")
        for name in role.skills:
            if name not in taxonomy.by_name:
                problems.append(f"{label}: skill {name!r} is not a skill name in the taxonomy")
        for name in role.names:
            key = normalise(name)
            if not key or name != name.lower():
                problems.append(f"{label}: name {name!r} is empty or not lower-case")
            elif key in ordinary:
                problems.append(f"{label}: name {name!r} is an ordinary word")
            elif taxonomy.lookup(key) is not None:
                problems.append(f"{label}: name {name!r} is already a form of {taxonomy.lookup(key).name!r}")
            elif owner_of_role_name.setdefault(key, number) != number:
                problems.append(f"{label}: name {name!r} is also a name of role {owner_of_role_name[key]}")
    return problems


def _hierarchy_problems(taxonomy: Taxonomy) -> list[str]:
    """Broader names that are not canonical names, a skill broader than itself, repeats, and cycles."""
    problems: list[str] = []
    for skill in taxonomy.skills:
        for broader in skill.broader:
            if broader == skill.name:
                problems.append(f"{skill.name}: broader names the skill itself")
            elif broader not in taxonomy.by_name:
                problems.append(f"{skill.name}: broader skill {broader!r} is not a skill name in the taxonomy")
        if len(set(skill.broader)) != len(skill.broader):
            problems.append(f"{skill.name}: broader names a skill twice")

    # Depth-first search along broader links; meeting a skill still on the path closes a cycle.
    on_path: list[str] = []
    finished: set[str] = set()

    def visit(name: str) -> None:
        on_path.append(name)
        for broader in taxonomy.by_name[name].broader:
            if broader == name or broader not in taxonomy.by_name or broader in finished:
                continue
            if broader in on_path:
                cycle = on_path[on_path.index(broader) :] + [broader]
                problems.append(f"broader skills form a cycle: {' -> '.join(cycle)}")
            else:
                visit(broader)
        on_path.pop()
        finished.add(name)

    for skill in taxonomy.skills:
        if skill.name not in finished:
            visit(skill.name)
    return problems
