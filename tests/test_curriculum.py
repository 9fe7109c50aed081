"""Curriculum files: the shipped examples load, skills resolve by name or alias, and every mistake gives one line."""

import re
from pathlib import Path
from textwrap import dedent

import pytest

from analysis.curriculum import CLOSEST_COUNT, CurriculumError, load_curriculum, main
from pipelines.skills.taxonomy import load_taxonomy
from tests.conftest import PROJECT_DIR

EXAMPLES = sorted((PROJECT_DIR / "examples" / "curricula").glob("*.yaml"))

HEADER = """\
name: Kelas Contoh
region: Kabupaten Sleman, DI Yogyakarta
"""


def with_header(tracks: str) -> str:
    """A curriculum file: the name and region, then `tracks` (dedented)."""
    return HEADER + dedent(tracks)


def write(tmp_path: Path, text: str, name: str = "x.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message.removeprefix(f"{path}: ")


def test_the_three_examples_ship():
    assert [path.name for path in EXAMPLES] == ["komunitas-umkm.yaml", "lkp-vokasi.yaml", "pondok-programmer.yaml"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_every_example_loads_with_taxonomy_skills(path):
    taxonomy = load_taxonomy()
    curriculum = load_curriculum(path)
    assert path.read_text(encoding="utf-8").startswith("# An invented example")
    assert curriculum.path == path
    assert curriculum.name and curriculum.region and curriculum.province and curriculum.regency
    assert curriculum.description
    assert len(curriculum.tracks) >= 3
    assert len(curriculum.skills) >= 20
    assert curriculum.skills <= set(taxonomy.by_name)
    for track in curriculum.tracks:
        assert track.modules
        for module in track.modules:
            assert module.hours > 0
    assert sum(curriculum.hours_by_skill.values()) == pytest.approx(
        sum(module.hours for track in curriculum.tracks for module in track.modules if module.skills)
    )


def test_examples_cover_the_tracks_their_communities_teach():
    tracks = {path.stem: set(load_curriculum(path).skills_by_track) for path in EXAMPLES}
    assert {"Web", "Mobile", "Back end"} <= tracks["pondok-programmer"]
    assert {"Komputer Perkantoran", "Bahasa Inggris", "Perhotelan", "Desain Grafis"} <= tracks["lkp-vokasi"]
    assert len(tracks["komunitas-umkm"]) == 5


def test_skills_resolve_by_name_or_alias_ignoring_case(tmp_path):
    path = write(
        tmp_path,
        with_header(
            """\
        province: DI Yogyakarta
        description: An evening class.
        tracks:
          - name: Web
            modules:
              - name: Front end
                hours: 40
                skills: [html, CSS, REACT, "  Node.JS  "]
              - name: Deploy
                hours: 10
                skills: [HTML, nodejs]
          - name: Bahasa
            modules:
              - name: Inggris
                hours: 30
                skills: [bahasa inggris, English, Bahasa Inggris]
              - name: Adab
                hours: 12
                skills: []
        """
        ),
    )
    curriculum = load_curriculum(path)
    assert curriculum.name == "Kelas Contoh"
    assert curriculum.region == "Kabupaten Sleman, DI Yogyakarta"
    assert (curriculum.province, curriculum.regency) == ("DI Yogyakarta", None)
    assert curriculum.description == "An evening class."
    front_end, deploy = curriculum.tracks[0].modules
    assert front_end.skills == ("HTML", "CSS", "React", "Node.js")
    assert deploy.skills == ("HTML", "Node.js")
    # Three spellings of one skill are one skill.
    assert curriculum.tracks[1].modules[0].skills == ("English",)
    assert curriculum.tracks[1].modules[1].skills == ()
    assert curriculum.skills == {"HTML", "CSS", "React", "Node.js", "English"}
    assert curriculum.skills_by_track == {"Web": {"HTML", "CSS", "React", "Node.js"}, "Bahasa": {"English"}}
    assert curriculum.hours == 92
    # 40 hours shared by four skills, 10 by two; the skill-less module's 12 hours go to no skill.
    assert curriculum.hours_by_skill == {"HTML": 15, "CSS": 10, "React": 10, "Node.js": 15, "English": 30}


def test_unknown_skill_names_the_place_and_the_closest_skills(tmp_path):
    message = error_for(
        tmp_path,
        with_header(
            """\
        tracks:
          - name: Web
            modules:
              - name: Front end
                hours: 40
                skills: [HTML, Reakt]
        """
        ),
    )
    assert message.startswith('track "Web", module "Front end": unknown skill "Reakt"; closest: React')
    closest = message.split("closest: ")[1].split(", ")
    assert len(closest) == CLOSEST_COUNT and len(set(closest)) == CLOSEST_COUNT  # three different suggestions


def test_unknown_skill_matches_indonesian_aliases(tmp_path):
    message = error_for(
        tmp_path,
        with_header(
            """\
        tracks:
          - name: Desain
            modules:
              - name: Dasar
                hours: 20
                skills: [desain grafiss]
        """
        ),
    )
    assert message.startswith('track "Desain", module "Dasar": unknown skill "desain grafiss"; closest: Graphic Design')


def test_unknown_skill_without_any_close_name(tmp_path):
    message = error_for(
        tmp_path,
        with_header(
            """\
        tracks:
          - name: Lain
            modules:
              - name: Lain
                hours: 20
                skills: [qqqqzzzz]
        """
        ),
    )
    assert message == 'track "Lain", module "Lain": unknown skill "qqqqzzzz"; no close match in the taxonomy'


@pytest.mark.parametrize(
    ("hours", "shown"), [('"ten"', '"ten"'), ("0", "0"), ("-4", "-4"), ("", "nothing"), ("yes", "True")]
)
def test_hours_must_be_a_positive_number(tmp_path, hours, shown):
    message = error_for(
        tmp_path,
        with_header(
            f"""\
        tracks:
          - name: Web
            modules:
              - name: Front end
                hours: {hours}
                skills: [HTML]
        """
        ),
    )
    assert (
        message == f'track "Web", module "Front end": hours must be a positive number such as 40 or 12.5, found {shown}'
    )


def test_yaml_syntax_error_gives_its_line(tmp_path):
    message = error_for(
        tmp_path,
        with_header(
            """\
        tracks:
          - name: Web
            modules:
              - name: Front end
                hours: 40
               skills: [HTML]
        """
        ),
    )
    assert message.startswith("line 8, column ")
    assert "YAML syntax error" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("region: Bali\ntracks: []\n", 'missing "name" (the community\'s name)'),
        (
            "name: Kelas\ntracks: []\n",
            'missing "region" (where the community is, e.g. "Kabupaten Sleman, DI Yogyakarta")',
        ),
        (HEADER, 'missing "tracks" (the list of tracks)'),
        (HEADER + "tracks: Web\n", '"tracks" must be a list of tracks, each starting with "- name:"'),
        (HEADER + "tracks:\n  - modules: []\n", 'track #1: missing "name" (the track\'s name)'),
        (
            HEADER + "tracks:\n  - name: Web\n    modules: HTML\n",
            'track "Web": "modules" must be a list of modules, each starting with "- name:"',
        ),
        (
            HEADER + "tracks:\n  - name: Web\n    modules:\n      - hours: 3\n        skills: []\n",
            'track "Web", module #1: missing "name" (the module\'s name)',
        ),
        (
            HEADER + "tracks:\n  - name: Web\n    modules:\n      - name: A\n        hours: 3\n",
            'track "Web", module "A": missing "skills" (write "skills: []" if it teaches none)',
        ),
        (
            HEADER + "tracks:\n  - name: Web\n    modules:\n      - name: A\n        hours: 3\n        skill: [HTML]\n",
            'track "Web", module "A": unknown field "skill"; the fields here are name, hours, skills',
        ),
        (
            HEADER + "tracks:\n  - name: Web\n    modules:\n      - name: A\n        hours: 3\n        skills: HTML\n",
            'track "Web", module "A": skills must be a list such as [HTML, CSS], found "HTML"',
        ),
        (
            HEADER
            + "tracks:\n"
            + "  - name: Web\n    modules:\n      - name: A\n        hours: 3\n        skills: []\n" * 2,
            'track "Web" appears twice; give each track its own name',
        ),
        ("- just\n- a list\n", "the file must consist of fields such as name:, region: and tracks:"),
    ],
)
def test_structural_problems_give_one_line(tmp_path, text, expected):
    assert error_for(tmp_path, text) == expected


def test_targets_are_classes_or_skill_groups_and_a_wrong_one_gives_one_line(tmp_path):
    tracks = "tracks:\n  - name: Web\n    modules:\n      - name: A\n        hours: 3\n        skills: [HTML]\n"
    declared = load_curriculum(write(tmp_path, HEADER + "targets: [software_development, ui_ux]\n" + tracks))
    assert declared.targets == ("software_development", "ui_ux") and not declared.targets_inferred
    inferred = load_curriculum(write(tmp_path, HEADER + tracks, "inferred.yaml"))
    assert inferred.targets == ("software_development",) and inferred.targets_inferred
    assert error_for(tmp_path, HEADER + "targets: [software_developmen]\n" + tracks) == (
        'unknown target "software_developmen"; did you mean software_development, software_practice? '
        "(docs/curriculum.md lists them)"
    )
    assert error_for(tmp_path, HEADER + "targets: software_development\n" + tracks) == (
        'targets must be a list such as [software_development, graphic_design], found "software_development"'
    )


def test_missing_file(tmp_path):
    with pytest.raises(CurriculumError, match=r"nothing\.yaml: cannot read the file"):
        load_curriculum(tmp_path / "nothing.yaml")


def test_checking_files_from_the_command_line(tmp_path, capsys):
    broken = write(tmp_path, with_header("tracks:\n  - name: Web\n    modules:\n      - name: A\n        hours: 0\n"))
    assert main([str(EXAMPLES[0]), str(broken)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"{EXAMPLES[0]}: Komunitas UMKM Naik Kelas (contoh) (Kota Surakarta, Jawa Tengah): 5 tracks")
    assert err == f'{broken}: track "Web", module "A": hours must be a positive number such as 40 or 12.5, found 0\n'
    assert main([str(path) for path in EXAMPLES]) == 0


def test_the_documented_example_loads_as_the_documentation_says(tmp_path, capsys, monkeypatch):
    documentation = (PROJECT_DIR / "docs" / "curriculum.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", documentation, re.S).group(1)
    write(tmp_path, example, "kelas.yaml")
    monkeypatch.chdir(tmp_path)
    assert main(["kelas.yaml"]) == 0
    summary = capsys.readouterr().out.strip()
    assert f"$ python -m analysis.curriculum kelas.yaml\n{summary}\n" in documentation
    curriculum = load_curriculum(tmp_path / "kelas.yaml")
    assert curriculum.skills_by_track["Bahasa Inggris"] == {"English", "Business English"}
