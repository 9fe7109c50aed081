"""A training community's curriculum: tracks of modules, each module teaching taxonomy skills for some hours.

Coordinators write the curriculum as a YAML file (the format is documented in docs/curriculum.md; examples are in
examples/curricula/). `load_curriculum` reads it and resolves every skill to its canonical taxonomy name, by name
or alias, ignoring case, so that the gap analysis (analysis/gap.py) can hold it against the skills postings ask for.

Coordinators are not programmers, so every problem raises `CurriculumError` with one line that names the file, the
track and the module, and says what to change: for a skill the taxonomy does not know, the closest names it does.
"""

from __future__ import annotations

import difflib
import sys
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from analysis.input_files import load_yaml
from analysis.targets import infer_targets
from pipelines.skills.taxonomy import OCCUPATIONS, Taxonomy, load_taxonomy, normalise

CURRICULUM_KEYS = ("name", "region", "province", "regency", "description", "targets", "tracks")
TRACK_KEYS = ("name", "modules")
MODULE_KEYS = ("name", "hours", "skills")
# How many taxonomy names an unknown-skill message suggests, and how alike (difflib ratio) they must be.
CLOSEST_COUNT = 3
CLOSEST_CUTOFF = 0.6


class CurriculumError(ValueError):
    """A curriculum file that cannot be used; the message is one line naming the file, track and module."""


@dataclass(frozen=True)
class Module:
    name: str
    hours: float
    skills: tuple[str, ...]
    """Canonical taxonomy names, in the order written, without repeats."""


@dataclass(frozen=True)
class Track:
    name: str
    modules: tuple[Module, ...]

    @property
    def skills(self) -> set[str]:
        return {skill for module in self.modules for skill in module.skills}

    @property
    def hours_by_skill(self) -> dict[str, float]:
        """Teaching hours per skill: each module's hours shared evenly among its skills, summed over modules.

        A module of 40 hours teaching HTML and CSS gives each 20 hours; modules without skills count for none.
        """
        hours: dict[str, float] = defaultdict(float)
        for module in self.modules:
            for skill in module.skills:
                hours[skill] += module.hours / len(module.skills)
        return dict(hours)


@dataclass(frozen=True)
class Curriculum:
    name: str
    region: str
    """The region as written, e.g. "Kabupaten Sleman, DI Yogyakarta"."""
    province: str | None
    regency: str | None
    tracks: tuple[Track, ...]
    path: Path | None
    """The file it was loaded from; None when built in code."""
    description: str | None = None
    targets: tuple[str, ...] = ()
    """The occupation classes and skill groups it prepares for (analysis/targets.py); none: the whole market."""
    targets_inferred: bool = False
    """True when `targets` were inferred from what it teaches rather than written in the file."""

    @property
    def skills(self) -> set[str]:
        """Every canonical skill the curriculum teaches."""
        return {skill for track in self.tracks for skill in track.skills}

    @property
    def skills_by_track(self) -> dict[str, set[str]]:
        return {track.name: track.skills for track in self.tracks}

    @property
    def place(self) -> str:
        """The most precise place the curriculum names (regency, else province, else region): whose minimum wage
        and poverty lines apply to its graduates."""
        return self.regency or self.province or self.region

    @property
    def hours(self) -> float:
        """Teaching hours of all modules."""
        return sum(module.hours for track in self.tracks for module in track.modules)

    @property
    def hours_by_skill(self) -> dict[str, float]:
        """Teaching hours per skill over every track (`Track.hours_by_skill`)."""
        hours: dict[str, float] = defaultdict(float)
        for track in self.tracks:
            for skill, track_hours in track.hours_by_skill.items():
                hours[skill] += track_hours
        return dict(hours)


def load_curriculum(path: str | Path, taxonomy: Taxonomy | None = None) -> Curriculum:
    """The curriculum in the YAML file `path`, its skills resolved against `taxonomy` (default: the bundled one).

    Raises `CurriculumError` for a file that cannot be read or parsed (or is too large, deep or full of aliases:
    analysis/input_files.py), a missing or malformed field, or a skill that is neither a canonical name nor an alias
    in the taxonomy.
    """
    taxonomy = taxonomy or load_taxonomy()
    where = str(path)
    document = load_yaml(path, CurriculumError)

    if not isinstance(document, dict):
        raise CurriculumError(f"{where}: the file must consist of fields such as name:, region: and tracks:")
    _check_keys(document, CURRICULUM_KEYS, where)
    name = _required_text(document, "name", where, "the community's name")
    region = _required_text(document, "region", where, 'where the community is, e.g. "Kabupaten Sleman, DI Yogyakarta"')
    tracks_entry = document.get("tracks")
    if tracks_entry is None:
        raise CurriculumError(f'{where}: missing "tracks" (the list of tracks)')
    if not isinstance(tracks_entry, list) or not tracks_entry:
        raise CurriculumError(f'{where}: "tracks" must be a list of tracks, each starting with "- name:"')

    tracks: list[Track] = []
    for index, entry in enumerate(tracks_entry, start=1):
        track = _track(entry, index, where, taxonomy)
        if any(track.name == earlier.name for earlier in tracks):
            raise CurriculumError(f'{where}: track "{track.name}" appears twice; give each track its own name')
        tracks.append(track)
    curriculum = Curriculum(
        name=name,
        region=region,
        province=_optional_text(document, "province", where),
        regency=_optional_text(document, "regency", where),
        tracks=tuple(tracks),
        path=Path(path),
        description=_optional_text(document, "description", where),
    )
    declared = _targets(document, where, taxonomy)
    if declared is not None:
        return replace(curriculum, targets=declared)
    inferred = infer_targets([track.hours_by_skill for track in curriculum.tracks], taxonomy)
    return replace(curriculum, targets=inferred, targets_inferred=True)


def _targets(document: dict, where: str, taxonomy: Taxonomy) -> tuple[str, ...] | None:
    """The `targets:` written in the file, checked to be occupation classes or skill groups; None when absent."""
    if document.get("targets") is None:
        return None
    written = document["targets"]
    if not isinstance(written, list) or not written:
        raise CurriculumError(
            f"{where}: targets must be a list such as [software_development, graphic_design], found {_shown(written)}"
        )
    groups = sorted({skill.group for skill in taxonomy.skills})
    known = (*OCCUPATIONS, *groups)
    targets: dict[str, None] = {}
    for term in written:
        if not isinstance(term, str) or term.strip() not in known:
            close = difflib.get_close_matches(str(term).strip(), known, n=CLOSEST_COUNT, cutoff=CLOSEST_CUTOFF)
            hint = f"did you mean {', '.join(close)}?" if close else f"write one of {', '.join(OCCUPATIONS)} or a skill group"
            raise CurriculumError(f"{where}: unknown target {_shown(term)}; {hint} (docs/curriculum.md lists them)")
        targets[term.strip()] = None
    return tuple(targets)


def _track(entry: object, index: int, where: str, taxonomy: Taxonomy) -> Track:
    if not isinstance(entry, dict):
        raise CurriculumError(f'{where}: track #{index}: expected "name:" and "modules:", found {_shown(entry)}')
    name = _required_text(entry, "name", f"{where}: track #{index}", "the track's name")
    where_track = f'{where}: track "{name}"'
    _check_keys(entry, TRACK_KEYS, where_track)
    modules_entry = entry.get("modules")
    if not isinstance(modules_entry, list) or not modules_entry:
        raise CurriculumError(f'{where_track}: "modules" must be a list of modules, each starting with "- name:"')
    modules = [_module(module, position, where_track, taxonomy) for position, module in enumerate(modules_entry, 1)]
    return Track(name=name, modules=tuple(modules))


def _module(entry: object, index: int, where_track: str, taxonomy: Taxonomy) -> Module:
    if not isinstance(entry, dict):
        raise CurriculumError(
            f'{where_track}, module #{index}: expected "name:", "hours:" and "skills:", found {_shown(entry)}'
        )
    name = _required_text(entry, "name", f"{where_track}, module #{index}", "the module's name")
    where_module = f'{where_track}, module "{name}"'
    _check_keys(entry, MODULE_KEYS, where_module)

    hours = entry.get("hours")
    # bool is an int to Python, but "hours: yes" is a mistake, not one hour.
    if isinstance(hours, bool) or not isinstance(hours, int | float) or not hours > 0 or hours == float("inf"):
        raise CurriculumError(
            f"{where_module}: hours must be a positive number such as 40 or 12.5, found {_shown(hours)}"
        )

    if "skills" not in entry:
        raise CurriculumError(f'{where_module}: missing "skills" (write "skills: []" if it teaches none)')
    written = entry["skills"] if entry["skills"] is not None else []
    if not isinstance(written, list):
        raise CurriculumError(f"{where_module}: skills must be a list such as [HTML, CSS], found {_shown(written)}")
    skills: dict[str, None] = {}
    for term in written:
        if not isinstance(term, str) or not term.strip():
            raise CurriculumError(f"{where_module}: skill {_shown(term)} is not a skill name; write names as text")
        term = term.strip()
        skill = taxonomy.lookup(term)
        if skill is None:
            raise CurriculumError(f'{where_module}: unknown skill "{term}"; {closest_skills(term, taxonomy)}')
        skills[skill.name] = None
    return Module(name=name, hours=float(hours), skills=tuple(skills))


def closest_skills(term: str, taxonomy: Taxonomy) -> str:
    """The taxonomy skills whose names or aliases look most like `term`, as the end of an unknown-skill message:
    "closest: Laravel", or "no close match in the taxonomy". (analysis/alumni.py uses it too.)"""
    owner_of_form: dict[str, str] = {}
    for skill in taxonomy.skills:
        for form in skill.forms:
            owner_of_form.setdefault(form, skill.name)
    # Ask for more forms than names wanted: several aliases of one skill often come first.
    matches = difflib.get_close_matches(normalise(term), owner_of_form, n=5 * CLOSEST_COUNT, cutoff=CLOSEST_CUTOFF)
    names = list(dict.fromkeys(owner_of_form[form] for form in matches))[:CLOSEST_COUNT]
    return f"closest: {', '.join(names)}" if names else "no close match in the taxonomy"


def _check_keys(entry: dict, allowed: tuple[str, ...], where: str) -> None:
    # A misspelt key ("skill:", "hour:") would otherwise be silently ignored.
    unknown = [str(key) for key in entry if key not in allowed]
    if unknown:
        raise CurriculumError(f'{where}: unknown field "{unknown[0]}"; the fields here are {", ".join(allowed)}')


def _required_text(entry: dict, key: str, where: str, what: str) -> str:
    value = entry.get(key)
    if value is None or not str(value).strip():
        raise CurriculumError(f'{where}: missing "{key}" ({what})')
    if isinstance(value, dict | list):
        raise CurriculumError(f'{where}: "{key}" must be text, found {_shown(value)}')
    return str(value).strip()


def _optional_text(entry: dict, key: str, where: str) -> str | None:
    value = entry.get(key)
    if value is None or not str(value).strip():
        return None
    return _required_text(entry, key, where, "")


def _shown(value: object) -> str:
    """`value` as a coordinator wrote it, for messages: "ten", 0, nothing."""
    if value is None:
        return "nothing"
    return f'"{value}"' if isinstance(value, str) else repr(value)


def main(argv: list[str] | None = None) -> int:
    """Check curriculum files without a database: ``python -m analysis.curriculum FILE...``.

    Prints one line per file, its summary or its problem; the exit status is 1 when any file has a problem.
    """
    paths = sys.argv[1:] if argv is None else argv
    if not paths:
        print("usage: python -m analysis.curriculum FILE...", file=sys.stderr)
        return 2
    status = 0
    for path in paths:
        try:
            curriculum = load_curriculum(path)
        except CurriculumError as exc:
            print(exc, file=sys.stderr)
            status = 1
            continue
        modules = sum(len(track.modules) for track in curriculum.tracks)
        targets = ", ".join(curriculum.targets) or "the whole market"
        print(
            f"{path}: {curriculum.name} ({curriculum.region}): {len(curriculum.tracks)} tracks, {modules} modules, "
            f"{len(curriculum.skills)} skills, {curriculum.hours:g} hours; targets: {targets}"
            + (" (inferred from the tracks)" if curriculum.targets_inferred else "")
        )
    return status


if __name__ == "__main__":
    sys.exit(main())
