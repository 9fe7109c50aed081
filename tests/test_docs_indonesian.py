"""The Indonesian staff docs (docs/id/): the curriculum example works as shown, each doc and its English original
link to each other, every relative link resolves, and the examples are the English docs' own."""

import re
from pathlib import Path

import pytest
import yaml

from analysis.curriculum import load_curriculum, main
from tests.conftest import PROJECT_DIR

DOCS = PROJECT_DIR / "docs"
INDONESIAN = DOCS / "id"
# Each English staff doc and its Indonesian version.
TRANSLATIONS = {
    "curriculum.md": "kurikulum.md",
    "survey.md": "survei.md",
    "digest.md": "digest.md",
    "alumni.md": "alumni.md",
    "report.md": "laporan.md",
}
FENCE = re.compile(r"^[ \t]*```(\w*)[ \t]*\n(.*?)^[ \t]*```[ \t]*$", re.M | re.S)
LINK = re.compile(r"\]\(([^)\s]+)\)")


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def prose(text: str) -> str:
    """``text`` without code blocks and inline code, where brackets and parentheses are not links."""
    return re.sub(r"`[^`\n]*`", "", re.sub(r"``.*?``", "", FENCE.sub("", text)))


def anchors(text: str) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown text."""
    seen: dict[str, int] = {}
    for heading in re.findall(r"^#{1,6}\s+(.+?)\s*$", FENCE.sub("", text), re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        if count:
            seen[f"{slug}-{count}"] = 1
    return set(seen)


def test_the_indonesian_curriculum_example_loads_and_checks_as_shown(tmp_path, capsys, monkeypatch):
    documentation = read(INDONESIAN / "kurikulum.md")
    example = FENCE.search(documentation)
    while example is not None and example.group(1) != "yaml":
        example = FENCE.search(documentation, example.end())
    assert example is not None, "docs/id/kurikulum.md has no ```yaml example"
    (tmp_path / "kelas.yaml").write_text(example.group(2), encoding="utf-8")
    curriculum = load_curriculum(tmp_path / "kelas.yaml")
    assert [track.name for track in curriculum.tracks] == ["Web", "Bahasa Inggris"]
    assert curriculum.skills_by_track["Bahasa Inggris"] == {"English", "Business English"}

    shown = re.search(r"^\$ python -m analysis\.curriculum kelas\.yaml\n(.+)$", documentation, re.M)
    assert shown is not None, "docs/id/kurikulum.md does not show the check of kelas.yaml"
    monkeypatch.chdir(tmp_path)
    assert main(["kelas.yaml"]) == 0
    assert capsys.readouterr().out == shown.group(1) + "\n"


@pytest.mark.parametrize("english, indonesian", TRANSLATIONS.items())
def test_each_staff_doc_links_to_its_translation_and_back(english, indonesian):
    assert (INDONESIAN / indonesian).is_file()
    english_first = read(DOCS / english).splitlines()[0]
    indonesian_first = read(INDONESIAN / indonesian).splitlines()[0]
    assert f"](id/{indonesian})" in english_first, f"docs/{english} should start with a link to id/{indonesian}"
    assert f"](../{english})" in indonesian_first, f"docs/id/{indonesian} should start with a link to ../{english}"


def test_the_index_lists_every_indonesian_doc():
    index = read(INDONESIAN / "README.md")
    for english, indonesian in TRANSLATIONS.items():
        assert f"]({indonesian})" in index
        assert f"](../{english})" in index


@pytest.mark.parametrize("path", sorted(INDONESIAN.glob("*.md")), ids=lambda path: path.name)
def test_relative_links_in_indonesian_docs_resolve(path):
    text = read(path)
    links = LINK.findall(prose(text))
    assert links
    for link in links:
        if re.match(r"[a-z]+:", link):
            continue
        target, _, anchor = link.partition("#")
        resolved = (path.parent / target).resolve() if target else path
        assert resolved.exists(), f"{path.name}: {link} points to nothing"
        if anchor:
            assert resolved.suffix == ".md", f"{path.name}: {link}"
            assert anchor in anchors(read(resolved)), f"{path.name}: {link}: no such heading"


@pytest.mark.parametrize("english, indonesian", TRANSLATIONS.items())
def test_examples_and_outputs_are_the_english_docs_own(english, indonesian):
    """Every code block of the English doc, in the same order: identical, except that YAML comments may be
    translated (the YAML must read the same). A failure means docs/id/ is behind its English original."""
    originals = FENCE.findall(read(DOCS / english))
    translated = FENCE.findall(read(INDONESIAN / indonesian))
    assert [kind for kind, _ in translated] == [kind for kind, _ in originals], f"update docs/id/{indonesian}"
    for (kind, original), (_, translation) in zip(originals, translated, strict=True):
        if kind == "yaml":
            assert yaml.safe_load(translation) == yaml.safe_load(original), f"update docs/id/{indonesian}"
        else:
            assert translation == original, f"update docs/id/{indonesian}"
