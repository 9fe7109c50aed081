"""pipelines.skills.extract: the matching rules on a small taxonomy, and quality on a labelled set.

The rules are tested against TAXONOMY_YAML below (written for these tests), so they do not depend on the
bundled taxonomy's contents; the quality test runs the bundled taxonomy over tests/data/skills_labelled.yaml.
"""

from __future__ import annotations

from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest
import yaml

from pipelines.skills.extract import SkillExtractor, SkillMatch
from pipelines.skills.taxonomy import load_taxonomy

LABELLED = Path(__file__).parent / "data" / "skills_labelled.yaml"
MIN_PRECISION, MIN_RECALL = 0.90, 0.85

TAXONOMY_YAML = """\
# A small taxonomy written for these tests.
version: "test.1"
occupations: [software_development, creative_multimedia, writing_translation, sales_marketing,
              clerical_data_entry, professional_services, other]
skills:
  - {name: C, aliases: [c language, bahasa c], group: programming_language, occupation: software_development,
     case_sensitive: true}
  - {name: C++, aliases: [cpp], group: programming_language, occupation: software_development}
  - {name: C#, aliases: [csharp], group: programming_language, occupation: software_development}
  - {name: F#, aliases: [fsharp], group: programming_language, occupation: software_development}
  - {name: .NET, aliases: [dotnet, .net core], group: framework, occupation: software_development}
  - {name: ASP.NET, aliases: [asp.net core], group: framework, occupation: software_development}
  - {name: Node.js, aliases: [nodejs], group: framework, occupation: software_development}
  - {name: Vue.js, aliases: [vuejs], group: framework, occupation: software_development}
  - {name: Java, aliases: [core java], group: programming_language, occupation: software_development}
  - {name: JavaScript, aliases: [js, ecmascript], group: programming_language, occupation: software_development}
  - {name: Go, aliases: [golang, go language], group: programming_language, occupation: software_development,
     case_sensitive: true}
  - {name: R, aliases: [r programming], group: programming_language, occupation: software_development,
     case_sensitive: true}
  - {name: React, aliases: [reactjs, react.js], group: framework, occupation: software_development,
     case_sensitive: true}
  - {name: React Native, aliases: [], group: framework, occupation: software_development}
  - {name: Python, aliases: [], group: programming_language, occupation: software_development}
  - {name: Django, aliases: [], group: framework, occupation: software_development}
  - {name: SQL, aliases: [], group: database, occupation: software_development}
  - {name: Microsoft Excel, aliases: [excel, ms excel], group: office_software, occupation: clerical_data_entry}
  - {name: Graphic Design, aliases: [desain grafis], group: design, occupation: creative_multimedia}
  - {name: Bookkeeping, aliases: [pembukuan], group: accounting, occupation: professional_services}
  - {name: Customer Service, aliases: [layanan pelanggan], group: customer_service, occupation: clerical_data_entry}
  - {name: E-commerce, aliases: [], group: online_selling, occupation: sales_marketing}
  - {name: UI/UX Design, aliases: [], group: design, occupation: creative_multimedia}
  - {name: Slack, aliases: [], group: office_software, occupation: clerical_data_entry, case_sensitive: true}
  - {name: Accounting, aliases: [accountant], group: accounting, occupation: professional_services}
  - {name: Email Marketing, aliases: [], group: digital_marketing, occupation: sales_marketing}
  - {name: Marketing Automation, aliases: [], group: digital_marketing, occupation: sales_marketing}
  - {name: Hotel Reservation, aliases: [reservasi hotel], group: hospitality, occupation: professional_services}
  - {name: Monitoring and Evaluation, aliases: [monitoring dan evaluasi], group: management,
     occupation: professional_services}
  - {name: Food and Beverage Service, aliases: ["food & beverage"], group: food_service, occupation: other}
"""


@pytest.fixture(scope="module")
def extractor(tmp_path_factory) -> SkillExtractor:
    path = tmp_path_factory.mktemp("taxonomy") / "taxonomy.yaml"
    path.write_text(TAXONOMY_YAML, encoding="utf-8")
    return SkillExtractor(load_taxonomy(path)).fit()


def skills_in(extractor: SkillExtractor, text: str) -> list[str]:
    return extractor.extract(None, text).skills


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # C, C++, C#, F#: the symbols belong to the name
        ("Embedded work in C++ and C#.", ["C++", "C#"]),
        ("A modern C++17 code base, C++ only", ["C++"]),
        ("Firmware in C, tools in C++.", ["C", "C++"]),
        ("C/C++ developer", ["C", "C++"]),
        ("Functional F# services", ["F#"]),
        # Java vs JavaScript
        ("JavaScript and TypeScript", ["JavaScript"]),
        ("Java and JavaScript developers", ["Java", "JavaScript"]),
        # Excel vs excellent
        ("excellent communication, an excellently kept office", []),
        ("Excellent Excel skills", ["Microsoft Excel"]),
        ("Mahir MS Excel dan pembukuan", ["Microsoft Excel", "Bookkeeping"]),
        # Node.js, .NET, ASP.NET: dots belong to the name; the "js" in "node.js" is not JavaScript
        ("Node.js, Express", ["Node.js"]),
        ("backend in node js", ["Node.js"]),
        ("NODE.JS developer. Vue js frontend", ["Node.js", "Vue.js"]),
        ("ASP.NET Core APIs", ["ASP.NET"]),
        ("Migrate .NET Framework apps; dotnet CLI", [".NET"]),
        ("Sites on example.net and index.js files", []),
        # a lone "+" joins nothing; a "#" that opens a hashtag is a boundary
        ("Python+Django", ["Python", "Django"]),
        ("#python #sql", ["Python", "SQL"]),
        # punctuation is one space in aliases and text alike, but does not join the words of an alias
        ("UI/UX design and e commerce", ["UI/UX Design", "E-commerce"]),
        ("Lowongan desain\ngrafis", ["Graphic Design"]),
        ("Big data. SQL entry-level role: customer, service", ["SQL"]),
    ],
)
def test_hard_names_and_boundaries(extractor, text, expected):
    assert skills_in(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Go developer wanted", ["Go"]),
        ("GO DEVELOPER", ["Go"]),
        ("Services written in Go.", ["Go"]),
        ("Python, R and Go", ["Python", "R", "Go"]),
        ("golang microservices", ["Go"]),
        ("Go to the kitchen and go home. Let's Go!", []),
        ("Ride for Go-Jek on weekends", []),
        ("head of R&D", []),
        ("talk to C-level clients", []),
        ("Statistics with R", ["R"]),
        ("React quickly to complaints; react calmly", []),
        ("React developer", ["React"]),
        ("Experience with React, Redux and SQL", ["React", "SQL"]),
        ("React Native developer", ["React Native"]),
        ("reactjs and react.js are React too", ["React"]),
        # evidence must be in the same sentence, and a neighbouring skill of the same occupation class
        ("We use Python. Go and ask the team lead first.", ["Python"]),
        ("Grade C accountant wanted", ["Accounting"]),
        ("Daily stand-ups on Slack", ["Slack"]),
        ("Slack off and relax", []),
    ],
)
def test_case_sensitive_names_need_context(extractor, text, expected):
    assert skills_in(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # non-ASCII punctuation and spaces are separators
        (
            "Python\u2013Django, \u2018React\u2019 developer, SQL\u00a0\u2022 Excel",
            ["Python", "Django", "React", "SQL", "Microsoft Excel"],
        ),
        # an alias of two words or more also matches in the plural
        ("Handle hotel reservations and reservasi hotel", ["Hotel Reservation"]),
        # partly overlapping matches are both kept
        ("email marketing automation", ["Email Marketing", "Marketing Automation"]),
        # "&" between words is "and" or "dan", in the text and in an alias
        ("Monitoring & evaluation; monitoring & evaluasi", ["Monitoring and Evaluation"]),
        ("Food & beverage service, food and beverage", ["Food and Beverage Service"]),
        ("Food beverage pairing", []),
    ],
)
def test_text_forms(extractor, text, expected):
    assert skills_in(extractor, text) == expected


def test_positions_survive_lower_casing_that_changes_length(extractor):
    # "\u0130".lower() is two characters; the match must still be cut from the right place
    result = extractor.extract(None, "\u0130stanbul \u0130 office, Python")
    assert result.matches == [SkillMatch("Python", "text", "Python")]


def test_longest_match_wins_and_keeps_the_text_as_found(extractor):
    result = extractor.extract(None, "Build ASP.NET\nCore APIs in C#")
    assert result.matches == [SkillMatch("ASP.NET", "text", "ASP.NET\nCore"), SkillMatch("C#", "text", "C#")]


def test_tags_are_looked_up_whole_then_searched_then_kept_unmapped(extractor):
    result = extractor.extract(None, None, ["nodejs", "go", "Senior Python Developer", "Remote", "  Full  Time "])
    assert result.matches == [
        SkillMatch("Node.js", "tag", "nodejs"),
        SkillMatch("Go", "tag", "go"),
        SkillMatch("Python", "tag", "Python"),
    ]
    assert result.unmapped_tags == ["Remote", "Full Time"]


def test_each_skill_once_from_its_strongest_source(extractor):
    result = extractor.extract("Python and SQL developer", "We use SQL, Django and Python.", ["django"])
    assert result.skills == ["Django", "Python", "SQL"]
    assert [match.source for match in result.matches] == ["tag", "title", "title"]


def test_indonesian_aliases(extractor):
    text = "Dicari staf layanan pelanggan yang menguasai pembukuan dan desain grafis."
    assert skills_in(extractor, text) == ["Customer Service", "Bookkeeping", "Graphic Design"]


def test_empty_fields_and_transform(extractor):
    assert extractor.extract(None, None).skills == []
    assert extractor.extract("", "   ", ["", " "]).unmapped_tags == []
    results = extractor.transform([("Go developer", None, None), (None, "pembukuan", ["excel"])])
    assert [result.skills for result in results] == [["Go"], ["Microsoft Excel", "Bookkeeping"]]


def test_extract_before_fit_is_an_error():
    with pytest.raises(RuntimeError, match="fit"):
        SkillExtractor().extract("Python", None)


def _bundled_taxonomy_exists() -> bool:
    return (files("pipelines.skills") / "data" / "taxonomy.yaml").is_file()


@pytest.fixture(scope="module")
def bundled_extractor():
    return SkillExtractor().fit()


@pytest.mark.parametrize(
    ("title", "text", "expected", "absent"),
    [
        # the ambiguous words of the bundled taxonomy count only beside their evidence
        ("Express Hiring: Field Sales Representative", "", {"Field Sales"}, {"Express.js"}),
        ("Backend developer", "Build REST APIs with Node.js and Express.", {"Node.js", "Express.js"}, set()),
        ("CSM - Customer Success Manager (SaaS)", "", set(), {"Scrum"}),
        ("Scrum Master", "CSM certified, runs sprint planning and retrospectives.", {"Scrum"}, set()),
        ("Staf Administrasi Gudang (C)", "", set(), {"C"}),
        ("Embedded developer", "Write firmware in C and C++ for sensors.", {"C", "C++"}, set()),
        ("Driver", "Wajib punya SIM C dan SIM A.", set(), {"C", "Vehicle Driving"}),
        ("Go Langsung Kerja: Sales Canvasser", "", {"Field Sales"}, {"Go"}),
        ("Backend Engineer", "Services written in Go and PostgreSQL.", {"Go", "PostgreSQL"}, set()),
        ("Penulis artikel", "Menulis panduan seputar pipa air dan perawatan atap.", {"Article Writing"}, {"Plumbing"}),
        ("Tukang ledeng", "Memasang dan memperbaiki pipa air di perumahan.", {"Plumbing"}, set()),
        ("Office admin", "At home with Word, Excel and Outlook.", {"Microsoft Word", "Excel"}, set()),
        ("Content writer", "Write 1500 word articles about travel.", set(), {"Microsoft Word"}),
        # a marketplace where customers chat is not a shop to manage; one the applicant uploads to is
        ("CS Online", "Balas chat pembeli di Shopee dan Tokopedia.", {"Customer Support via Chat"},
         {"Shopee Management", "Tokopedia Management"}),
        ("Admin toko online", "Upload produk baru ke Shopee tiap hari.", {"Shopee Management"}, set()),
        # TikTok as the platform a video editor cuts for, and as social media work
        ("Video Editor Reels/TikTok", "", {"Video Editing"}, {"TikTok Marketing"}),
        ("Social Media Admin", "Kelola akun Instagram dan TikTok brand kami.", {"TikTok Marketing"}, set()),
        # Illustrator, the software, needs its context; an illustrator, the person, does not
        ("Looking for an illustrator for a children's picture book", "",
         {"Illustration", "Children's Book Illustration"}, {"Adobe Illustrator"}),
        ("Desainer grafis", "Menguasai Illustrator dan Photoshop.", {"Adobe Illustrator"}, {"Illustration"}),
        ("Transcriber", "Deliver the transcripts as Word docs.", {"Microsoft Word"}, set()),
    ],
)  # fmt: skip
def test_ambiguous_words_of_the_bundled_taxonomy(bundled_extractor, title, text, expected, absent):
    found = set(bundled_extractor.extract(title, text, []).skills)
    assert expected <= found and not absent & found


@pytest.mark.parametrize(
    ("title", "text", "expected", "absent"),
    [
        # a negation reaches to the end of its clause, unless it is "not only"
        ("Content Writer SEO", "Gak perlu ngerti teknik sipil, yang penting mau riset keyword.",
         {"Keyword Research"}, {"Civil Engineering"}),
        ("Bookkeeper", "Rekonsiliasi bank tiap bulan. Bukan posisi barista ya.", {"Bank Reconciliation"}, {"Barista"}),
        ("Desainer", "Bukan hanya desain logo, tapi juga desain kemasan.", {"Logo Design"}, set()),
        ("Web developer", "No need to know Figma, we have a designer. Build pages in Laravel.", {"Laravel"},
         {"Figma"}),
        # terms a recruiter must recognise, when listed, are not skills asked for
        ("IT Recruiter", "Screening CV. Paham istilah tech seperti Java, React, DevOps itu plus.", set(),
         {"Java", "React", "DevOps"}),
        ("Penerjemah", "Paham istilah teknik mesin.", {"Mechanical Engineering"}, set()),
    ],
)  # fmt: skip
def test_skills_named_but_not_asked_for(bundled_extractor, title, text, expected, absent):
    found = set(bundled_extractor.extract(title, text, []).skills)
    assert expected <= found and not absent & found, found


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Penerjemah tersumpah", "", {"Sworn Translation", "Translation"}),
        ("Podcast editor", "", {"Podcast Editing", "Audio Editing"}),
        ("Newsletter specialist", "Set up our welcome flows in Klaviyo.", {"Klaviyo", "Email Marketing"}),
        ("DevOps engineer", "Run our services on EKS with Helm charts.", {"Kubernetes", "Helm"}),
    ],
)
def test_a_skill_beneath_one_named_by_narrower_names_it_too(bundled_extractor, title, text, expected):
    assert expected <= set(bundled_extractor.extract(title, text, []).skills)


def test_quality_on_the_labelled_set():
    if not _bundled_taxonomy_exists():
        pytest.skip("the bundled taxonomy pipelines/skills/data/taxonomy.yaml does not exist yet")
    taxonomy = load_taxonomy()
    postings = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))["postings"]
    assert len(postings) >= 160
    unknown = sorted({name for posting in postings for name in posting["skills"] if name not in taxonomy.by_name})
    assert not unknown, f"labels that are not canonical names in the bundled taxonomy: {unknown}"

    extractor = SkillExtractor(taxonomy).fit()
    missed, spurious = Counter(), Counter()
    true_positives = 0
    for posting in postings:
        # The set lists the skills a posting names; the languages implied by its frameworks are left out.
        result = extractor.extract(posting["title"], posting["text"], posting.get("tags") or ())
        found = {match.skill for match in result.matches if match.source != "implied"}
        expected = set(posting["skills"])
        true_positives += len(found & expected)
        missed.update(expected - found)
        spurious.update(found - expected)
    precision = true_positives / (true_positives + sum(spurious.values()))
    recall = true_positives / (true_positives + sum(missed.values()))
    print(f"\nskill extraction on {len(postings)} labelled postings: precision {precision:.3f}, recall {recall:.3f}")
    print("most missed:", missed.most_common(15))
    print("most false positives:", spurious.most_common(15))
    assert precision >= MIN_PRECISION
    assert recall >= MIN_RECALL


# --- Verb forms, context rules and not_in phrases (taxonomy fields `verbs`, `context`, `not_in`) -------------

RULES_YAML = """\
version: "test.rules"
occupations: [software_development, creative_multimedia, writing_translation, sales_marketing,
              clerical_data_entry, professional_services, other]
skills:
  - {name: Translation, aliases: [alih bahasa], group: translation, occupation: writing_translation,
     verbs: {en: [translate], id: [terjemah]}}
  - {name: Video Editing, aliases: [pengeditan video], group: video, occupation: creative_multimedia,
     verbs: {en: [edit video], id: [edit video, sunting video]}}
  - {name: Social Media Management, aliases: [admin sosmed], group: social_media, occupation: sales_marketing,
     verbs: {id: [kelola media sosial]}}
  - {name: Welding, aliases: [welder], group: manual_trade, occupation: other,
     verbs: {id: [las]}}
  - {name: Interviewing, aliases: [interview kandidat], group: human_resources, occupation: professional_services,
     verbs: {en: [interview]}}
  - {name: Node.js, aliases: [nodejs], group: runtime, occupation: software_development}
  - {name: Express.js, aliases: [expressjs, express], group: framework, occupation: software_development,
     context: {aliases: [express], words: [backend, api], skills: [Node.js]}}
  - {name: Agile, aliases: [agile methods], group: software_practice, occupation: software_development}
  - {name: Scrum, aliases: [csm], group: software_practice, occupation: software_development,
     context: {aliases: [csm], words: [sprint], skills: [Agile]}}
  - {name: Cashier Sales, aliases: [kasir], group: sales, occupation: sales_marketing,
     not_in: [aplikasi kasir]}
  - {name: Photography, aliases: [fotografer, photographer], group: photography, occupation: creative_multimedia}
  - {name: Adobe Lightroom, aliases: [lightroom], broader: [Photography], group: photography,
     occupation: creative_multimedia}
  - {name: Wedding Photography, aliases: [foto pernikahan], broader: [Photography], group: photography,
     occupation: creative_multimedia, found_with: {words: [wedding, pernikahan]}}
  - {name: English, aliases: [bahasa inggris], group: language, occupation: writing_translation,
     found_with: {skills: [Translation], words: [inggris]}}
  - {name: Logo Design, aliases: [desain logo], group: graphic_design, occupation: creative_multimedia}
  - {name: Python, aliases: [], group: programming_language, occupation: software_development}
  - {name: Django, aliases: [], broader: [Python, Web Development], group: framework,
     occupation: software_development}
  - {name: Web Development, aliases: [], group: software_practice, occupation: software_development}
  - {name: Facebook Ads, aliases: [iklan facebook], group: digital_marketing, occupation: sales_marketing}
  - {name: TikTok Ads, aliases: [iklan tiktok], group: digital_marketing, occupation: sales_marketing}
  - {name: Instagram Ads, aliases: [iklan instagram], group: digital_marketing, occupation: sales_marketing}
  - {name: Instagram Marketing, aliases: [instagram], group: social_media, occupation: sales_marketing}
  - {name: Packaging Design, aliases: [desain kemasan], group: graphic_design, occupation: creative_multimedia}
  - {name: Culinary Arts, aliases: [koki], group: food_service, occupation: other}
  - {name: Kitchen Operations, aliases: [kitchen crew], group: food_service, occupation: other}
roles:
  - {names: [line cook, cook helper], skills: [Kitchen Operations, Culinary Arts]}
  - {names: [kitchen video editor], skills: [Video Editing, Kitchen Operations]}
"""


@pytest.fixture(scope="module")
def rules_extractor(tmp_path_factory):
    path = tmp_path_factory.mktemp("rules") / "taxonomy.yaml"
    path.write_text(RULES_YAML, encoding="utf-8")
    return SkillExtractor(load_taxonomy(path)).fit()


def test_english_and_indonesian_forms_are_generated():
    from pipelines.skills.forms import english_verb_forms, indonesian_verb_forms

    assert {"translating", "translated", "translator", "translators", "translation"} <= set(
        english_verb_forms("translate")
    )
    assert {"editing videos", "video editor", "video editing"} <= set(english_verb_forms("edit videos")) | set(
        english_verb_forms("edit video")
    )
    # Nasal assimilation: t, s, p and k melt into meN-/peN-; vowels take meng-; a one-syllable root takes menge-.
    assert {"menerjemahkan", "penerjemah", "penerjemahan", "terjemahan", "diterjemahkan"} <= set(
        indonesian_verb_forms("terjemah")
    )
    assert {"menyunting", "penyunting", "penyuntingan"} <= set(indonesian_verb_forms("sunting"))
    assert {"memindai", "pemindaian"} <= set(indonesian_verb_forms("pindai"))
    assert {"mengelola media sosial", "pengelolaan media sosial"} <= set(indonesian_verb_forms("kelola media sosial"))
    assert {"mengedit", "ngedit", "pengeditan"} <= set(indonesian_verb_forms("edit"))
    assert {"mengelas", "pengelasan"} <= set(indonesian_verb_forms("las"))
    assert {"mentranskripsikan"} <= set(indonesian_verb_forms("transkripsi"))


def test_names_give_their_person_and_their_verb():
    from pipelines.skills.forms import name_verb_forms, person_forms

    assert person_forms("video editing") == ["video editor", "video editors"]
    assert person_forms("desain logo") == ["desainer logo"]
    assert person_forms("editing") == []  # one word alone ("editor") is too vague to name one skill
    assert {"edit video", "edit our videos", "edits videos", "editing videos", "mengedit video", "menyunting video"} <= set(
        name_verb_forms("video editing")
    )
    assert {"menyusun laporan keuangan", "disusun laporan keuangan"} <= set(
        name_verb_forms("penyusunan laporan keuangan")
    )
    assert {"write financial reports", "menulis laporan keuangan"} <= set(name_verb_forms("financial report writing"))
    assert name_verb_forms("photoshop expert") == []  # no head word with a verb


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kami butuh orang untuk menerjemahkan kontrak sewa gedung.", ["Translation"]),
        ("Dicari penerjemah lepas untuk buku resep.", ["Translation"]),
        ("She has been translating museum labels for years.", ["Translation"]),
        ("Two translators wanted for a board game rulebook.", ["Translation"]),
        ("Tugasmu menyunting video pendek untuk kanal masak.", ["Video Editing"]),
        ("You will be editing videos of our cycling club.", ["Video Editing"]),
        ("Senior video editor for a travel vlog.", ["Video Editing"]),
        ("Berpengalaman dalam pengelolaan media sosial sebuah kafe.", ["Social Media Management"]),
        ("Bengkel kami mencari tukang yang mahir mengelas pagar besi.", ["Welding"]),
        ("The interviewer will meet each applicant online.", ["Interviewing"]),
        # "interview" and "interviews" are ordinary words: the generated base and plural do not count alone
        ("Send your CV; interviews start next week.", []),
    ],
)
def test_generated_forms_match(rules_extractor, text, expected):
    assert rules_extractor.extract("", text, []).skills == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Express hiring: warehouse staff needed, start tomorrow.", []),  # no context: the word is not the skill
        ("Build the backend with Express and Postgres.", ["Express.js"]),  # a context word
        ("Services in Node.js and Express, deployed weekly.", ["Node.js", "Express.js"]),  # a context skill
        ("Our CSM looks after forty customer accounts.", []),  # Customer Success Manager
        ("CSM certificate, you will run the sprint reviews.", ["Scrum"]),
        ("CSM holder with agile methods experience.", ["Scrum", "Agile"]),
    ],
)
def test_context_rules(rules_extractor, text, expected):
    assert sorted(rules_extractor.extract("", text, []).skills) == sorted(expected)


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # a broader skill (or one beneath it) and a word of the specialisation name it
        ("Fotografer pernikahan", "", ["Photography", "Wedding Photography"]),
        ("Photographer", "Second shooter for weddings in Ubud.", ["Photography", "Wedding Photography"]),
        ("Editor", "Edit photos in Lightroom after each wedding.", ["Adobe Lightroom", "Wedding Photography"]),
        ("Photographer", "Product shots for our catalogue.", ["Photography"]),  # no word of the specialisation
        ("Wedding organiser", "Plan the wedding day with the couple.", []),  # the word without the skill
        ("Penerjemah Inggris-Indonesia", "", ["Translation", "English"]),  # found_with names its own skills
        # the person who practises a skill, made from the head of its name
        ("Logo designer for a coffee brand", "", ["Logo Design"]),
        ("Dicari desainer logo untuk UMKM", "", ["Logo Design"]),
        # a verb with its object as postings write it
        ("Edit our videos for YouTube", "", ["Video Editing"]),
        ("Freelancer", "Editing our videos every week.", ["Video Editing"]),
    ],
)
def test_specialisations_persons_and_objects(rules_extractor, title, text, expected):
    assert rules_extractor.extract(title, text, []).skills == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # English: the word before the mark takes the first word's place
        ("Facebook & TikTok Ads Specialist", {"Facebook Ads": "Facebook & TikTok Ads", "TikTok Ads": "TikTok Ads"}),
        ("Facebook/TikTok Ads", {"Facebook Ads": "Facebook/TikTok Ads", "TikTok Ads": "TikTok Ads"}),
        # a chain, and the member word alone ("Instagram") is not Instagram Marketing
        (
            "Facebook, Instagram and TikTok Ads",
            {
                "Facebook Ads": "Facebook, Instagram and TikTok Ads",
                "Instagram Ads": "Instagram and TikTok Ads",
                "TikTok Ads": "TikTok Ads",
            },
        ),
        # Indonesian: the word after the mark takes the last word's place
        ("Iklan Facebook dan Instagram", {"Facebook Ads": "Iklan Facebook", "Instagram Ads": "Iklan Facebook dan Instagram"}),
        ("Desain logo dan kemasan UMKM", {"Logo Design": "Desain logo", "Packaging Design": "Desain logo dan kemasan"}),
        # no phrase so made, a sentence between, or one word only: nothing more
        ("Iklan Facebook dan Google", {"Facebook Ads": "Iklan Facebook"}),
        ("Facebook. TikTok Ads", {"TikTok Ads": "TikTok Ads"}),
        ("Instagram & Python", {"Instagram Marketing": "Instagram", "Python": "Python"}),
    ],
)
def test_coordinations_in_titles(rules_extractor, title, expected):
    assert {match.skill: match.matched for match in rules_extractor.extract(title, "", []).matches} == expected


def test_coordinations_in_tags_but_not_in_descriptions(rules_extractor):
    assert rules_extractor.extract("", "", ["Facebook & TikTok Ads"]).skills == ["Facebook Ads", "TikTok Ads"]
    assert rules_extractor.extract("", "We run Facebook & TikTok Ads.", []).skills == ["TikTok Ads"]


def test_a_framework_implies_its_language_marked_as_implied(rules_extractor):
    result = rules_extractor.extract("Django for our shop", "", [])
    assert result.skills == ["Django", "Python"]  # Web Development is a field, not a language: not implied
    assert result.matches[1] == SkillMatch("Python", "implied", "Django")
    assert rules_extractor.extract("Python and Django developer", "", []).matches[0].source == "title"


@pytest.mark.parametrize(
    "title, tags", [("Senior Django developer", []), ("Programmer Django", []), ("", ["django engineer"])]
)
def test_a_framework_named_as_a_job_names_its_practice(rules_extractor, title, tags):
    assert rules_extractor.extract(title, "", tags).skills == ["Django", "Web Development", "Python"]


@pytest.mark.parametrize(
    "title, description",
    [("Django for our developer portal", ""), ("Backend work", "We need a Django engineer, remote.")],
)
def test_a_framework_beside_other_words_or_in_a_description_names_no_practice(rules_extractor, title, description):
    assert rules_extractor.extract(title, description, []).skills == ["Django", "Python"]


def test_a_role_names_each_of_its_skills_where_it_is_found(rules_extractor):
    result = rules_extractor.extract("Line Cooks, hotel kitchen", "", [])
    assert [(match.skill, match.source, match.matched) for match in result.matches] == [
        ("Kitchen Operations", "title", "Line Cooks"),
        ("Culinary Arts", "title", "Line Cooks"),
    ]
    assert rules_extractor.extract("", "", ["cook helper"]).skills == ["Kitchen Operations", "Culinary Arts"]


def test_a_skill_of_a_role_keeps_its_strongest_source(rules_extractor):
    result = rules_extractor.extract("Kitchen video editor", "", ["pengeditan video"])
    assert [(match.skill, match.source) for match in result.matches] == [
        ("Video Editing", "tag"),
        ("Kitchen Operations", "title"),
    ]


def test_context_words_may_come_from_another_field(rules_extractor):
    assert rules_extractor.extract("Backend developer", "Experience with Express is required.", []).skills == [
        "Express.js"
    ]
    assert rules_extractor.extract("Express courier", "Deliver parcels by motorbike.", []).skills == []


def test_not_in_phrase_swallows_the_alias(rules_extractor):
    assert rules_extractor.extract("Pengembang aplikasi kasir untuk warung", "", []).skills == []
    assert rules_extractor.extract("Kasir minimarket shift pagi", "", []).skills == ["Cashier Sales"]


def test_rule_fields_are_validated(tmp_path):
    from pipelines.skills.taxonomy import validate

    bad = (
        RULES_YAML.replace("skills: [Node.js]}", "skills: [Deno]}")
        .replace("not_in: [aplikasi kasir]", "not_in: [aplikasi pos]")
        .replace("verbs: {en: [interview]}", "verbs: {fr: [interviewer]}")
        .replace("found_with: {skills: [Translation], words: [inggris]}", "found_with: {skills: [Interpreting]}")
    )
    path = tmp_path / "taxonomy.yaml"
    path.write_text(bad, encoding="utf-8")
    problems = "\n".join(validate(load_taxonomy(path), ordinary=frozenset({"express"})))
    assert "context skill 'Deno'" in problems
    assert "not_in phrase 'aplikasi pos'" in problems
    assert "verbs language 'fr'" in problems
    assert "alias 'express' is an ordinary word" not in problems  # guarded by its context rule
    assert "English: found_with needs words" in problems
    assert "found_with skill 'Interpreting'" in problems
