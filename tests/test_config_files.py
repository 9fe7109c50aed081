"""Files people hand to pasarkerja (curricula and schedules in YAML, surveys and alumni lists in CSV) cannot exhaust it:
an alias bomb, nesting thousands deep, too many values, an oversized file or value is a one-line error within a
second (analysis/input_files.py, analysis/spreadsheet.py), and exit status 2 from the command line."""

from __future__ import annotations

import resource
import subprocess
import sys
import time

import pytest

from analysis.alumni import AlumniError, read_alumni
from analysis.input_files import MAX_YAML_BYTES, MAX_YAML_VALUES
from analysis.spreadsheet import MAX_CSV_BYTES, MAX_CSV_ROWS, MAX_VALUE_CHARS
from analysis.survey import SurveyError, read_survey
from tests.conftest import PROJECT_DIR

MEMORY_CAP = 2 * 1024**3
# Loads one file and prints the seconds it took and the one-line error, so that the caller can time the loading alone.
LOADER = """
import sys, time
from analysis.curriculum import load_curriculum
from crawlers.schedule import load_schedule
from pipelines.skills.taxonomy import load_taxonomy

taxonomy = load_taxonomy()
load = {"curriculum": lambda path: load_curriculum(path, taxonomy), "schedule": lambda path: load_schedule(path, {})}
start = time.monotonic()
try:
    load[sys.argv[1]](sys.argv[2])
except ValueError as exc:
    print(f"{time.monotonic() - start:.3f} {exc}")
"""


def alias_bomb(kind: str) -> str:
    """About 700 bytes of YAML that expand to 9**9 strings: anchors where the file may hold lists, the expansion
    where the loader turns it into text (a curriculum's name, a schedule's settings)."""
    levels = ['&l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    levels += [f"&l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]" for level in range(1, 8)]
    bomb = "[" + ", ".join(["*l7"] * 9) + "]"
    if kind == "curriculum":
        return "description:\n" + "".join(f"  - {level}\n" for level in levels) + f"region: Sleman\nname: {bomb}\n"
    settings = "".join(f"  L{number}: {level}\n" for number, level in enumerate(levels))
    return f"nodes: [{{url: 'http://scrapyd-1:6800'}}]\nsettings:\n{settings}  BOMB: {bomb}\njobs: []\n"


# Each a file of either kind, and what its error says.
HOSTILE = {
    "alias bomb": (alias_bomb, "anchors and aliases (&name, *name) are not accepted"),
    "nested 5,000 deep in brackets": (lambda kind: "name: " + "[" * 5000 + "]" * 5000, "nested more than 32 levels"),
    "nested 5,000 deep in dashes": (lambda kind: "name:\n" + "- " * 5000 + "x\n", "nested more than 32 levels"),
    "too many values": (lambda kind: "name: [" + "1, " * MAX_YAML_VALUES + "1]", f"more than {MAX_YAML_VALUES:,}"),
    "oversized": (lambda kind: "# padding\n" * (MAX_YAML_BYTES // 10 + 1), "the file is larger than 256 KB"),
}


def capped_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_capped(*command: str) -> subprocess.CompletedProcess:
    """``command`` in a child held to 2 GB and a minute: a file it cannot refuse fails the test, not the machine."""
    return subprocess.run(
        command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=60, preexec_fn=capped_memory
    )  # fmt: skip


@pytest.mark.parametrize("kind", ["curriculum", "schedule"])
@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_yaml_file_is_a_one_line_error_within_a_second(tmp_path, kind, hostile):
    write, expected = HOSTILE[hostile]
    path = tmp_path / f"{kind}.yaml"
    path.write_text(write(kind))
    result = run_capped(sys.executable, "-c", LOADER, kind, str(path))
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    seconds, message = result.stdout.rstrip("\n").split(" ", 1)
    assert "\n" not in message and message.startswith(f"{path}: ") and expected in message, message
    assert float(seconds) < 1


@pytest.fixture(scope="module")
def migrated_url(tmp_path_factory) -> str:
    """An empty pasarkerja database, so that the analysis commands get as far as reading their curriculum."""
    url = f"sqlite:///{tmp_path_factory.mktemp('empty')}/pasarkerja.db"
    migrated = subprocess.run(
        [sys.executable, "-m", "analysis.cli", "--database-url", url, "migrate"],
        cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert migrated.returncode == 0, migrated.stderr
    return url


@pytest.mark.parametrize("hostile", ["alias bomb", "nested 5,000 deep in brackets"])
@pytest.mark.parametrize("kind", ["curriculum", "schedule"])
def test_the_command_line_ends_a_hostile_yaml_file_with_exit_status_2(tmp_path, migrated_url, kind, hostile):
    path = tmp_path / f"{kind}.yaml"
    path.write_text(HOSTILE[hostile][0](kind))
    command = {
        "curriculum": ["--database-url", migrated_url, "gap", "--curriculum", str(path)],
        "schedule": ["schedule", "--config", str(path)],
    }[kind]
    started = time.monotonic()
    result = run_capped(sys.executable, "-m", "analysis.cli", *command)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.stderr.splitlines()[-1].startswith(f"pasarkerja: error: {path}: line ")
    assert time.monotonic() - started < 30  # the interpreter and pandas start; the file is refused at once


def test_yaml_that_parses_to_values_python_cannot_hold_is_a_one_line_error(tmp_path):
    path = tmp_path / "curriculum.yaml"
    for text, expected in (("name: 2024-13-45\n", "month must be in 1..12"), ("name: " + "9" * 5000, "4300 digits")):
        path.write_text(text)
        result = run_capped(sys.executable, "-c", LOADER, "curriculum", str(path))
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
        assert f"{path}: a value cannot be read: " in result.stdout and expected in result.stdout


SURVEY_HEADER = "member_id,income_idr,period,hours_per_week,skills\n"
ALUMNI_HEADER = "name,skills\n"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("oversized", lambda header: header + "x" * MAX_CSV_BYTES, "the file is larger than 8 MB"),
        ("a value too long", lambda header: header + "a," + "x" * (MAX_VALUE_CHARS + 1), "row 2: a value longer than"),
        ("a quote left open", lambda header: header + 'a,"Python\n' + "b,Excel\n" * 2000, 'or is a quote (") left'),
        ("too many rows", lambda header: header + "\n" * MAX_CSV_ROWS, f"more than {MAX_CSV_ROWS:,} rows"),
    ],
)
@pytest.mark.parametrize(
    ("read", "error", "header"), [(read_survey, SurveyError, SURVEY_HEADER), (read_alumni, AlumniError, ALUMNI_HEADER)]
)
def test_an_oversized_csv_file_or_value_is_a_one_line_error_within_a_second(
    tmp_path, read, error, header, name, content, expected
):
    path = tmp_path / "file.csv"
    path.write_text(content(header))
    started = time.monotonic()
    with pytest.raises(error) as refused:
        read(path)
    assert time.monotonic() - started < 1
    message = str(refused.value)
    assert "\n" not in message and message.startswith(f"{path}: ") and expected in message, message


def test_the_command_line_ends_an_oversized_survey_with_exit_status_2(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text(SURVEY_HEADER + "x" * MAX_CSV_BYTES)
    result = run_capped(
        sys.executable, "-m", "analysis.cli", "survey", str(path), "--region", "Kabupaten Sleman", "--period", "2026-01"
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.stderr.splitlines()[-1] == (
        f"pasarkerja: error: {path}: the file is larger than 8 MB, more than such a file holds: is it the right file?"
    )


def test_the_example_files_are_far_below_the_caps():
    examples = [*(PROJECT_DIR / "examples").rglob("*.yaml"), PROJECT_DIR / "deploy" / "schedule.yaml"]
    assert examples and all(path.stat().st_size < MAX_YAML_BYTES / 50 for path in examples)
    assert all(path.stat().st_size < MAX_CSV_BYTES / 1000 for path in (PROJECT_DIR / "examples").rglob("*.csv"))
