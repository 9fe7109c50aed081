"""Alumni matching: each student's or graduate's best current vacancies, for the coordinator of a course centre.

The coordinator keeps a CSV file of people with their skills, where they live and whether they would work remotely
(the columns are documented in docs/alumni.md; a template and an invented example are in examples/alumni/).

- `read_alumni` reads it. One bad value must not stop the work: each becomes a one-line problem naming the file, the
  row (numbered as a spreadsheet numbers it, the header is row 1) and the column, and the row keeps what is good in
  it. Only a file that cannot be read, is empty, or lacks the ``name`` or ``skills`` column raises `AlumniError`.
  Given the centre's curriculum (analysis/curriculum.py), a person's track adds the skills it teaches.
- `AlumniMatcher` finds each person's best vacancies (analysis/vacancies.py) within reach and matching their skills.
- `write_matches_csv` writes the coordinator's working file, contacts included; `matches_markdown` the list that
  people pass around, which never holds a contact.
- `run_alumni` is the ``pasarkerja alumni`` command: all of the above, and a summary for the terminal.

A vacancy is within a person's reach by the one rule of analysis/reach.py: it is remote, open to people in Indonesia,
and the person is open to remote work; or it is not remote and its location names one of the person's places: their
region, or the region's province when the yardstick table knows it (a person in Kabupaten Sleman can take a job in
"Kota Yogyakarta, DI Yogyakarta"). Its match strength is the share of the vacancy's skills the person has.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from analysis.curriculum import Curriculum, CurriculumError, closest_skills, load_curriculum
from analysis.digest_formats import LABELS as DIGEST_LABELS
from analysis.digest_formats import day, pay_text, platform_name
from analysis.formats import format_percent
from analysis.reach import places_of
from analysis.spreadsheet import read_records
from analysis.untrusted import finite_number, markdown_link, markdown_text, spreadsheet_cell
from analysis.vacancies import Vacancy, load_vacancies, vacancy_within_reach
from analysis.yardsticks import Yardsticks, load_yardsticks
from pipelines.skills.taxonomy import Taxonomy, load_taxonomy

REQUIRED_COLUMNS = ("name", "skills")
OPTIONAL_COLUMNS = ("track", "region", "open_to_remote", "contact")
TEMPLATE = "examples/alumni/template.csv"
YES = frozenset({"ya", "yes", "y", "true", "1"})
NO = frozenset({"tidak", "no", "n", "false", "0"})
# Between the skills of a cell: no taxonomy skill name or alias holds either.
SKILL_SEPARATOR = re.compile(r"[;,]")
CSV_COLUMNS = (
    "name", "contact", "track", "region", "rank", "match", "title", "company", "platform", "url", "pay_kind",
    "pay_min", "pay_max", "pay_currency", "pay_period", "pay_idr_min", "pay_idr_max", "pay_idr_per", "location",
    "remote", "closes", "skills_had", "skills_added",
)  # fmt: skip

LABELS = {
    "id": {
        "title": "Lowongan yang cocok",
        "privacy": "Catatan: daftar ini sengaja tidak memuat kontak (telepon, e-mail); kontak hanya ada di berkas "
        "CSV koordinator.",
        "since": "Lowongan yang pertama terlihat sejak {date}.",
        "strength": "Cocok: bagian keterampilan yang diminta lowongan yang sudah dikuasai.",
        "match": "cocok {percent}",
        "had": "Sudah dikuasai",
        "added": "Perlu dipelajari",
        "nothing": "tidak ada",
        "no_match": "Belum ada lowongan yang cocok.",
    },
    "en": {
        "title": "Matching vacancies",
        "privacy": "Note: this list deliberately holds no contacts (phone, e-mail); they are in the coordinator's "
        "CSV file only.",
        "since": "Vacancies first seen since {date}.",
        "strength": "Match: the share of the skills a vacancy asks for that the person already has.",
        "match": "{percent} match",
        "had": "Already has",
        "added": "To learn",
        "nothing": "nothing",
        "no_match": "No matching vacancy yet.",
    },
}


class AlumniError(ValueError):
    """Alumni input that cannot be used at all, or an output that cannot be written; the message is one line."""


@dataclass(frozen=True)
class Person:
    """One person of the alumni file, skills resolved."""

    row: int
    """Their row in the file, numbered as a spreadsheet numbers it (the header is row 1)."""
    name: str
    skills: tuple[str, ...]
    """The canonical skills the row names, in the order written, without repeats; unknown ones left out."""
    track: str | None = None
    """As the curriculum spells it when it has the track, else as written."""
    track_skills: frozenset[str] = frozenset()
    """What the curriculum's track teaches; empty without a curriculum or for a track it lacks."""
    region: str | None = None
    open_to_remote: bool = False
    contact: str | None = None

    @property
    def known_skills(self) -> frozenset[str]:
        """Their own skills and their track's: the skills matching counts."""
        return frozenset(self.skills) | self.track_skills


@dataclass
class AlumniReading:
    """The people of an alumni file and one message per problem found, in file order."""

    path: Path
    people: list[Person]
    problems: list[str]
    rows_read: int
    """Rows holding any value, usable or not."""

    @property
    def rows_left_out(self) -> int:
        return self.rows_read - len(self.people)


def read_alumni(
    path: str | Path, curriculum: Curriculum | None = None, taxonomy: Taxonomy | None = None
) -> AlumniReading:
    """The alumni CSV file `path` (docs/alumni.md), skills resolved against `taxonomy` (default: the bundled one)
    and, when `curriculum` is given, each person's track adding the skills it teaches.

    Raises `AlumniError` when the file cannot be read, is empty, or lacks the ``name`` or ``skills`` column. Any other
    problem is a message in `problems`: a row without a name is left out; a row with an unknown skill, track or
    open_to_remote value keeps the rest (a bad open_to_remote counts as no).
    """
    path = Path(path)
    taxonomy = taxonomy or load_taxonomy()
    records = read_records(path, AlumniError)
    header_at = next((index for index, record in enumerate(records) if _holds_values(record)), None)
    if header_at is None:
        raise AlumniError(f"{path}: the file is empty; its first line must name the columns, as in {TEMPLATE}")
    header = records[header_at]
    position, problems = _columns(path, header, header_at + 1)
    people: list[Person] = []
    rows_read = 0
    for index in range(header_at + 1, len(records)):
        record, row = records[index], index + 1
        if not _holds_values(record):
            continue
        rows_read += 1
        if any(value.strip() for value in record[len(header) :]):
            problems.append(
                f"{path.name} row {row}: {len(record)} values but the header names {len(header)} columns; put a value "
                'holding a comma in double quotes ("PHP, Laravel") or separate skills with ";"; the row is left out'
            )
            continue
        values = {column: record[at].strip() if at < len(record) else "" for column, at in position.items()}
        person, row_problems = _person(row, values, curriculum, taxonomy)
        problems += [f"{path.name} row {row}, column {column}: {message}" for column, message in row_problems]
        if person is not None:
            people.append(person)
    return AlumniReading(path=path, people=people, problems=problems, rows_read=rows_read)


def _holds_values(record: list[str]) -> bool:
    return any(value.strip() for value in record)


def _columns(path: Path, header: list[str], row: int) -> tuple[dict[str, int], list[str]]:
    """The position of each known column in `header` (any case, spaces or hyphens for "_"), and the problems."""
    position: dict[str, int] = {}
    problems = []
    for at, written in enumerate(header):
        column = re.sub(r"[\s-]+", "_", written.strip().lower())
        if column in position:
            problems.append(f"{path.name} row {row}, column {column}: appears twice; the first one is read")
        elif column in REQUIRED_COLUMNS + OPTIONAL_COLUMNS:
            position[column] = at
    missing = [column for column in REQUIRED_COLUMNS if column not in position]
    if missing:
        listed = " and ".join(missing)
        raise AlumniError(
            f"{path}: missing column{'s' if len(missing) > 1 else ''} {listed}; the first line must name the columns, "
            f"as in {TEMPLATE}"
        )
    return position, problems


def _person(
    row: int, values: dict[str, str], curriculum: Curriculum | None, taxonomy: Taxonomy
) -> tuple[Person | None, list[tuple[str, str]]]:
    """The person of one row (None without a name), and (column, message) for each problem."""
    name = _one_line(values["name"])
    if not name:
        return None, [("name", "empty; every person needs a name, so the row is left out")]
    problems: list[tuple[str, str]] = []
    track, track_skills = _track(_one_line(values.get("track", "")), curriculum, problems)
    skills = _skills(values["skills"], taxonomy, problems)
    if not values["skills"] and not track_skills:
        problems.append(("skills", "empty; without skills no vacancy can match"))
    person = Person(
        row=row,
        name=name,
        skills=skills,
        track=track,
        track_skills=track_skills,
        region=_one_line(values.get("region", "")) or None,
        open_to_remote=_open_to_remote(values.get("open_to_remote", ""), problems),
        contact=_one_line(values.get("contact", "")) or None,
    )
    return person, problems


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _track(
    track: str, curriculum: Curriculum | None, problems: list[tuple[str, str]]
) -> tuple[str | None, frozenset[str]]:
    """The track as the curriculum spells it and the skills it teaches; a track it lacks teaches nothing."""
    if not track or curriculum is None:
        return track or None, frozenset()
    found = next((known for known in curriculum.tracks if known.name.casefold() == track.casefold()), None)
    if found is None:
        known = ", ".join(known.name for known in curriculum.tracks)
        problems.append(
            ("track", f'"{track}" is not a track of {curriculum.name} (its tracks: {known}); only own skills count')
        )
        return track, frozenset()
    return found.name, frozenset(found.skills)


def _skills(cell: str, taxonomy: Taxonomy, problems: list[tuple[str, str]]) -> tuple[str, ...]:
    """The canonical skills of a cell, by name or alias; each unknown one is a problem, and the others count."""
    names: dict[str, None] = {}
    for term in SKILL_SEPARATOR.split(cell):
        term = _one_line(term)
        if not term:
            continue
        skill = taxonomy.lookup(term)
        if skill is None:
            problems.append(("skills", f'unknown skill "{term}"; {closest_skills(term, taxonomy)}'))
        else:
            names[skill.name] = None
    return tuple(names)


def _open_to_remote(cell: str, problems: list[tuple[str, str]]) -> bool:
    answer = cell.strip().lower()
    if answer and answer not in YES | NO:
        problems.append(("open_to_remote", f'"{cell.strip()}" is not ya or tidak (yes or no); counted as tidak'))
    return answer in YES


# Matching ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """One of a person's best vacancies."""

    person: Person
    rank: int
    """1 for the person's best match."""
    strength: float
    """The share of the vacancy's skills the person has, 0 to 1."""
    vacancy: Vacancy
    skills_had: tuple[str, ...]
    """The vacancy's skills the person has, sorted."""
    skills_added: tuple[str, ...]
    """The vacancy's skills the person lacks: what it would teach them, sorted."""


class AlumniMatcher:
    """Each person's best vacancies within reach.

    A vacancy is within reach (``analysis.reach.within_reach``) when it is remote (``remote is True``), open to people
    in Indonesia, and the person is open to remote work; or when it is not remote and its location names one of the
    person's places: a comma-separated part of their region or, when the yardstick table knows the region, its
    province. A place is named when the location holds all its distinctive words (its words without "Kota",
    "Kabupaten", "DI" and the like: ``GENERIC_PLACE_WORDS``). All, not any: "Kota Jakarta Selatan" shares "selatan"
    with "Kalimantan Selatan", and "Jawa Timur" shares "jawa" with "Jawa Barat" and "timur" with "Kalimantan Timur".
    A person without a region reaches remote vacancies only.

    A vacancy's match strength is the share of its skills the person has (own and track skills); vacancies sharing
    no skill with the person, or weaker than `min_match`, do not match. A person's matches are ranked by strength,
    then by a salary's monthly pay in rupiah, then newest first (``appeared_at``), then by vacancy id. Hourly and
    project pay cannot be compared with a month, so they rank with unknown pay, after the salaries.

    Parameters
    ----------
    top : at most this many matches per person.
    min_match : the least match strength, 0 to 1 (0.5: the person has half the vacancy's skills).
    yardsticks : the table that says which province a region is in; None: the bundled one.

    Attributes (after ``fit``)
    --------------------------
    matches_ : list of `Match`, person by person in the order given, best first within a person.
    unmatched_ : the names of the people without a match, in the order given.
    """

    def __init__(self, top: int = 5, min_match: float = 0.5, yardsticks: Yardsticks | None = None):
        self.top = top
        self.min_match = min_match
        self.yardsticks = yardsticks

    def fit(self, alumni: Sequence[Person], vacancies: Sequence[Vacancy]) -> AlumniMatcher:
        if self.top < 1:
            raise ValueError(f"top must be at least 1, got {self.top}")
        if not 0 <= self.min_match <= 1:
            raise ValueError(f"min_match must be between 0 and 1, got {self.min_match}")
        yardsticks = self.yardsticks or load_yardsticks()
        # A vacancy asking for no known skill cannot be matched by skills.
        with_skills = [vacancy for vacancy in vacancies if vacancy.skills]
        self.matches_: list[Match] = []
        self.unmatched_: list[str] = []
        for person in alumni:
            places = places_of(person.region, yardsticks)
            reachable = [
                vacancy for vacancy in with_skills if vacancy_within_reach(vacancy, places, person.open_to_remote)
            ]
            matches = self._best(person, reachable)
            self.matches_ += matches
            if not matches:
                self.unmatched_.append(person.name)
        return self

    def _best(self, person: Person, vacancies: Sequence[Vacancy]) -> list[Match]:
        """The person's `top` strongest matches among `vacancies`, ranked."""
        known = person.known_skills
        scored = []
        for vacancy in vacancies:
            asked = set(vacancy.skills)
            had = asked & known
            strength = len(had) / len(asked)
            if had and strength >= self.min_match:
                scored.append((strength, vacancy, tuple(sorted(had)), tuple(sorted(asked - had))))
        scored.sort(key=lambda candidate: _ranking(candidate[0], candidate[1]))
        return [
            Match(person, rank, strength, vacancy, had, added)
            for rank, (strength, vacancy, had, added) in enumerate(scored[: self.top], start=1)
        ]


def _ranking(strength: float, vacancy: Vacancy) -> tuple:
    """Sort key: stronger, then a better monthly salary (hourly, project, unknown and non-finite pay after), then
    newer, then lower id."""
    pay = finite_number(vacancy.pay_idr_month)
    return (-strength, pay is None, -(pay or 0.0), -vacancy.appeared_at.timestamp(), vacancy.id)


# Output --------------------------------------------------------------------------------------------------------


def write_matches_csv(matches: Sequence[Match], path: str | Path) -> None:
    """The coordinator's working file (UTF-8): one row per person and match, contacts included (``CSV_COLUMNS``).
    Every cell is as a spreadsheet shows it, never a formula: the alumni file's own cells are as untrusted as the job
    sites' (``spreadsheet_cell``)."""
    with Path(path).open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(CSV_COLUMNS)
        writer.writerows([spreadsheet_cell(value) for value in _csv_row(match)] for match in matches)


def _csv_row(match: Match) -> list[object]:
    person, vacancy = match.person, match.vacancy
    return [
        person.name,
        person.contact or "",
        person.track or "",
        person.region or "",
        match.rank,
        round(match.strength, 3),
        vacancy.title,
        vacancy.company or "",
        vacancy.source,
        vacancy.url,
        vacancy.pay_kind or "",
        _stated(vacancy.pay_min),
        _stated(vacancy.pay_max),
        vacancy.pay_currency or "",
        vacancy.pay_period or "",
        _whole_rupiah(vacancy.pay_idr_min),
        _whole_rupiah(vacancy.pay_idr_max),
        vacancy.pay_idr_per or "",
        vacancy.location or "",
        {True: "yes", False: "no", None: ""}[vacancy.remote],
        vacancy.valid_through.date().isoformat() if vacancy.valid_through else "",
        "; ".join(match.skills_had),
        "; ".join(match.skills_added),
    ]


def _stated(amount: float | None) -> float | int | str:
    """A figure as the platform stated it: 4500000, not 4500000.0; 12.5 stays; none when missing or not finite."""
    figure = finite_number(amount)
    if figure is None:
        return ""
    return int(figure) if figure.is_integer() else figure


def _whole_rupiah(amount: float | None) -> int | str:
    figure = finite_number(amount)
    return "" if figure is None else round(figure)


def matches_markdown(
    people: Sequence[Person], matches: Sequence[Match], *, lang: str = "id", since: datetime | None = None
) -> str:
    """The matches as Markdown to pass around: one section per person (``## Name (track)``) with a numbered list of
    their matches, or a line saying there is none. It never holds a contact, and says so at the top.

    `lang` is "id" (Indonesian) or "en"; `since`, when given, is said as the window the vacancies were first seen in.
    Scraped text is escaped (`analysis.untrusted.markdown_text`) and only a vacancy's own http(s) URL becomes a link.
    """
    if lang not in LABELS:
        raise ValueError(f"lang must be one of {', '.join(LABELS)}, got {lang!r}")
    labels = LABELS[lang]
    lines = [f"# {labels['title']}", "", f"> {labels['privacy']}", ""]
    if since is not None:
        lines += [labels["since"].format(date=day(since, lang)), ""]
    lines += [labels["strength"], ""]
    by_person: dict[Person, list[Match]] = {}
    for match in matches:
        by_person.setdefault(match.person, []).append(match)
    for person in people:
        heading = markdown_text(person.name) + (f" ({markdown_text(person.track)})" if person.track else "")
        lines += [f"## {heading}", ""]
        found = by_person.get(person, [])
        lines += [line for match in found for line in _markdown_match(match, lang)] or [labels["no_match"]]
        lines.append("")
    return "\n".join(lines)


def _markdown_match(match: Match, lang: str) -> list[str]:
    """A numbered item: the title (a link when the URL is http or https) and company, then the details below it."""
    labels = LABELS[lang]
    vacancy = match.vacancy
    marker = f"{match.rank}. "
    first = markdown_link(vacancy.title, vacancy.url) + (
        f" — {markdown_text(vacancy.company)}" if vacancy.company else ""
    )
    details = [
        markdown_text(pay_text(vacancy, lang)),
        "remote" if vacancy.remote is True else markdown_text(vacancy.location or "–"),
        markdown_text(platform_name(vacancy.source, vacancy.url)),
        labels["match"].format(percent=format_percent(match.strength)),
    ]
    if vacancy.valid_through:
        details.append(DIGEST_LABELS[lang]["closes"].format(date=day(vacancy.valid_through, lang)))
    indent = " " * len(marker)  # sub-items line up under the item's text, or they would end the list
    return [
        marker + first,
        f"{indent}- {' · '.join(details)}",
        f"{indent}- {labels['had']}: {_skill_list(match.skills_had, labels)}",
        f"{indent}- {labels['added']}: {_skill_list(match.skills_added, labels)}",
    ]


def _skill_list(skills: Sequence[str], labels: dict[str, str]) -> str:
    return ", ".join(markdown_text(skill) for skill in skills) or labels["nothing"]


# The command ---------------------------------------------------------------------------------------------------


def run_alumni(
    engine: Engine,
    alumni_path: str | Path,
    *,
    curriculum_path: str | Path | None = None,
    since: datetime,
    top: int = 5,
    min_match: float = 0.5,
    csv_path: str | Path | None = None,
    markdown_path: str | Path | None = None,
    lang: str = "id",
) -> str:
    """``pasarkerja alumni``: match the people of `alumni_path` with the vacancies first seen (and posted) since
    `since`, write the CSV and Markdown files asked for, and return a summary for the terminal, problems last.

    Raises `AlumniError` for an alumni file or curriculum that cannot be used, or a file that cannot be written.
    """
    if lang not in LABELS:
        raise ValueError(f"lang must be one of {', '.join(LABELS)}, got {lang!r}")
    curriculum = _curriculum(curriculum_path)
    reading = read_alumni(alumni_path, curriculum)
    # posted_since too: a platform crawled for the first time brings old postings that are new only to pasarkerja.
    vacancies = load_vacancies(engine, since, posted_since=since)
    matcher = AlumniMatcher(top=top, min_match=min_match).fit(reading.people, vacancies)
    written = []
    if csv_path is not None:
        written.append(_write(csv_path, lambda path: write_matches_csv(matcher.matches_, path)))
    if markdown_path is not None:
        markdown = matches_markdown(reading.people, matcher.matches_, lang=lang, since=since)
        written.append(_write(markdown_path, lambda path: path.write_text(markdown, encoding="utf-8")))
    return _summary(reading, curriculum, len(vacancies), matcher, since, written)


def _curriculum(path: str | Path | None) -> Curriculum | None:
    if path is None:
        return None
    try:
        return load_curriculum(path)
    except CurriculumError as exc:
        raise AlumniError(str(exc)) from exc


def _write(path: str | Path, write: Callable[[Path], object]) -> str:
    try:
        write(Path(path))
    except OSError as exc:
        raise AlumniError(f"{path}: cannot write the file: {exc.strerror or exc}") from exc
    return str(path)


def _summary(
    reading: AlumniReading,
    curriculum: Curriculum | None,
    vacancies: int,
    matcher: AlumniMatcher,
    since: datetime,
    written: list[str],
) -> str:
    people = len(reading.people)
    left_out = f" ({_counted(reading.rows_left_out, 'row')} left out)" if reading.rows_left_out else ""
    lines = [f"{reading.path.name}: {_counted(people, 'person', 'people')} read{left_out}"]
    if curriculum is not None:
        lines.append(f"Track skills from {curriculum.name}")
    lines += [
        f"{_counted(vacancies, 'vacancy', 'vacancies')} first seen since {since.date().isoformat()}",
        f"{people - len(matcher.unmatched_)} of {_counted(people, 'person', 'people')} with a match: "
        f"{_counted(len(matcher.matches_), 'match', 'matches')} (at most {matcher.top} each, "
        f"match at least {format_percent(matcher.min_match)})",
        f"Written: {', '.join(written)}" if written else "No file written (give --csv or --markdown)",
    ]
    if reading.problems:
        lines += ["", f"{_counted(len(reading.problems), 'problem')}:", *reading.problems]
    return "\n".join(lines)


def _counted(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
