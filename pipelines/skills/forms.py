"""Word forms of skills: inflected and derived forms of verb roots, in English and Indonesian, and the person and
the work a skill's name implies. The taxonomy generates them once, when it loads (`Skill.derived_forms`); nothing
is looked up or downloaded at run time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

_VOWELS = "aeiou"


def _syllables(word: str) -> int:
    return len(re.findall(r"[aeiou]+", word))


def _nasal(word: str) -> str:
    """The root with the nasal of meN-/peN- fused on, without "me"/"pe": kelola -> ngelola, tulis -> nulis,
    sunting -> nyunting, pindai -> mindai, bina -> mbina, desain -> ndesain, edit -> ngedit, rawat -> rawat.

    Voiceless k, p, t and s melt into the nasal unless a consonant follows them (klik, produksi, transkripsi,
    skrip); a one-syllable root takes "nge" (las -> ngelas: mengelas, pengelasan)."""
    if _syllables(word) <= 1:
        return "nge" + word
    first, second = word[0], word[1:2]
    melts = second in _VOWELS
    if first in _VOWELS or first in "gh":
        return "ng" + word
    if first == "k":
        return "ng" + (word[1:] if melts else word)
    if first == "p":
        return "m" + (word[1:] if melts else word)
    if first in "bfv":
        return "m" + word
    if first == "t":
        return "n" + (word[1:] if melts else word)
    if first in "dcjz":
        return "n" + word
    if first == "s":
        return ("ny" + word[1:]) if melts else ("n" + word)
    return word  # l, m, n, r, w, y: me-layani, pe-rawat


def indonesian_verb_forms(root: str) -> list[str]:
    """Affixed forms of an Indonesian verb root, followed by its object words if any ("kelola media sosial"):
    meN-, meN-kan, meN-i, di-, di-kan, di-i, peN- (the person), peN-an (the act), -an (the result), and the
    spoken forms (ngedit, nerjemahin). The bare root is not among them: it is often an ordinary word."""
    word, _, rest = root.partition(" ")
    nasal = _nasal(word)
    stems = [
        "me" + nasal,
        "me" + nasal + "kan",
        "me" + nasal + "i",
        "di" + word,
        "di" + word + "kan",
        "di" + word + "i",
        "pe" + nasal,
        "pe" + nasal + "an",
        word + "an",
    ]
    if nasal != word:  # spoken Indonesian: ngedit, nulis, nyunting, nerjemahin
        stems += [nasal, nasal + "in"]
    stems.append(word + "in")
    return [f"{stem} {rest}".strip() for stem in stems]


def _doubles(word: str) -> bool:
    """A one-syllable verb ending consonant-vowel-consonant doubles its last letter: plan -> planning."""
    return (
        _syllables(word) == 1
        and len(word) >= 3
        and word[-1] not in _VOWELS + "wxy"
        and word[-2] in _VOWELS
        and word[-3] not in _VOWELS
    )


def _ing(word: str) -> str:
    if word.endswith("ie"):
        return word[:-2] + "ying"
    if word.endswith("e") and not word.endswith("ee"):
        return word[:-1] + "ing"
    return word + word[-1] + "ing" if _doubles(word) else word + "ing"


def _ed(word: str) -> str:
    if word.endswith("e"):
        return word + "d"
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ied"
    return word + word[-1] + "ed" if _doubles(word) else word + "ed"


def _agent(word: str) -> str:
    """The person who does it: translate -> translator, edit -> editor, write -> writer, interview -> interviewer."""
    if word.endswith("ate"):
        return word[:-1] + "or"
    if word.endswith(("it", "ct")):
        return word + "or"
    if word.endswith("e"):
        return word + "r"
    return word + word[-1] + "er" if _doubles(word) else word + "er"


def _action(word: str) -> str | None:
    """The noun of the act where English forms one regularly: translation, transcription, inspection."""
    for ending, replacement in (
        ("ate", "ation"),
        ("ize", "ization"),
        ("ise", "isation"),
        ("ribe", "ription"),
        ("ify", "ification"),
    ):
        if word.endswith(ending):
            return word[: -len(ending)] + replacement
    return word + "ion" if word.endswith(("ct", "pt")) else None


def english_verb_forms(root: str) -> list[str]:
    """Inflected and derived forms of an English verb, followed by its object words if any ("edit video"):
    the verb, -s, -ing, -ed, the person (-er/-or) and the act (-ion) with their plurals; with an object, also
    the compounds that put it first ("video editing", "video editor")."""
    word, _, rest = root.partition(" ")
    verbs = [word, word + "s", _ing(word), _ed(word)]
    nouns = [_agent(word), _agent(word) + "s"]
    if action := _action(word):
        nouns += [action, action + "s"]
    if not rest:
        return verbs + nouns
    # "edit video", "edits videos", and the object as a brief writes it after the verb: "edit our videos",
    # "editing the video". Only the forms postings use: every form is a key of the extractor's automaton.
    things = (rest, plural_noun(rest))
    objects = [f"{determiner}{thing}" for determiner in OBJECT_DETERMINERS for thing in things]
    return (
        [f"{verb} {thing}" for verb in verbs[:1] + verbs[2:3] for thing in objects]
        + [f"{verb} {thing}" for verb in verbs[1:2] + verbs[3:] for thing in things]
        + [f"{rest} {noun}" for noun in (_ing(word), *nouns)]
    )


# Words that stand between a verb and its object: "edit our videos", "proofread the thesis".
OBJECT_DETERMINERS = ("", "our ", "the ", "your ")


def plural_noun(phrase: str) -> str:
    """`phrase` with its last word in the plural: video -> videos, photo -> photos, story -> stories."""
    if phrase.endswith(("s", "x", "sh", "ch")):
        return phrase + "es" if not phrase.endswith("s") else phrase
    if phrase.endswith("y") and phrase[-2:-1] not in _VOWELS:
        return phrase[:-1] + "ies"
    return phrase + "s"


class Head(NamedTuple):
    """What the head word of a skill's name says besides the skill: who practises it and, as a verb, what they do.
    English names end with the head ("Video Editing": video editor, edit our videos), Indonesian ones begin with it
    ("penulisan artikel": penulis artikel, menulis artikel). A recruiter asks for the person or the work as often
    as for the skill."""

    person: str | None  # "editor"; None where postings name no person by it
    verb: str | None  # the verb: English for English heads ("edit"), an Indonesian root for Indonesian ones ("tulis")
    roots: tuple[str, ...] = ()  # English heads only: the Indonesian roots that say the verb ("edit", "sunting")


ENGLISH_HEADS = {
    "editing": Head("editor", "edit", ("edit", "sunting")), "writing": Head("writer", "write", ("tulis",)),
    "design": Head("designer", "design", ("desain",)), "development": Head("developer", "develop", ("kembang",)),
    "management": Head("manager", "manage", ("kelola",)), "translation": Head("translator", "translate", ("terjemah",)),
    "photography": Head("photographer", "photograph", ("foto",)), "videography": Head("videographer", None),
    "illustration": Head("illustrator", "illustrate"), "animation": Head("animator", "animate", ("animasi",)),
    "transcription": Head("transcriber", "transcribe"), "tutoring": Head("tutor", None),
    "teaching": Head("teacher", "teach", ("ajar",)), "marketing": Head("marketer", None),
    "analysis": Head("analyst", "analyse", ("analisis",)), "analytics": Head("analyst", None),
    "engineering": Head("engineer", None), "programming": Head("programmer", "program", ("program",)),
    "consulting": Head("consultant", None), "bookkeeping": Head("bookkeeper", None),
    "accounting": Head("accountant", None), "interpreting": Head("interpreter", None),
    "proofreading": Head("proofreader", "proofread"), "copywriting": Head("copywriter", None),
    "administration": Head("administrator", None), "research": Head("researcher", None),
    "production": Head("producer", None), "testing": Head("tester", "test", ("uji",)),
    "auditing": Head("auditor", None), "coaching": Head("coach", None), "training": Head("trainer", None),
    "recruitment": Head("recruiter", None), "planning": Head("planner", "plan", ("rencana",)),
    "assistance": Head("assistant", None), "coordination": Head("coordinator", None),
    "scriptwriting": Head("scriptwriter", None), "modeling": Head("modeler", "model", ("model",)),
    "modelling": Head("modeller", "model", ("model",)), "scraping": Head("scraper", None),
    "entry": Head("entry clerk", "enter", ("input",)), "cleaning": Head(None, "clean", ("bersih",)),
    "installation": Head(None, "install", ("pasang",)), "reporting": Head(None, "report", ("lapor",)),
    "scheduling": Head(None, "schedule", ("jadwal",)), "handling": Head(None, "handle", ("tangan",)),
    "monitoring": Head(None, "monitor", ("pantau",)), "optimization": Head(None, "optimize", ("optimasi",)),
    "optimisation": Head(None, "optimise", ("optimasi",)),
}
INDONESIAN_HEADS = {
    "penulisan": Head("penulis", "tulis"), "penerjemahan": Head("penerjemah", "terjemah"),
    "pengelolaan": Head("pengelola", "kelola"), "manajemen": Head("manajer", "kelola"),
    "pengembangan": Head("pengembang", "kembang"), "penyuntingan": Head("penyunting", "sunting"),
    "pengeditan": Head(None, "edit"), "edit": Head(None, "edit"), "desain": Head("desainer", "desain"),
    "analisis": Head("analis", "analisis"), "input": Head(None, "input"), "pembuatan": Head(None, "buat"),
    "penyusunan": Head(None, "susun"), "perencanaan": Head(None, "rencana"), "pengujian": Head(None, "uji"),
    "pemasangan": Head(None, "pasang"), "pembersihan": Head(None, "bersih"), "pelaporan": Head(None, "lapor"),
    "penjadwalan": Head(None, "jadwal"), "penanganan": Head(None, "tangan"), "pemantauan": Head(None, "pantau"),
    "optimasi": Head(None, "optimasi"), "pengajaran": Head("pengajar", "ajar"), "pengetikan": Head(None, "ketik"),
    "pemasaran": Head("pemasar", "pasar"), "pengolahan": Head(None, "olah"), "pencatatan": Head(None, "catat"),
    "pengarsipan": Head(None, "arsip"), "perawatan": Head(None, "rawat"), "pelayanan": Head(None, "layan"),
    "pemrograman": Head("programmer", "program"), "fotografi": Head("fotografer", None),
    "videografi": Head("videografer", None), "ilustrasi": Head("ilustrator", None),
    "animasi": Head("animator", None), "akuntansi": Head("akuntan", None), "pelatihan": Head("pelatih", None),
    "perekrutan": Head("perekrut", None),
}
# The object of an English name's verb, word by word in Indonesian ("financial report": laporan keuangan).
INDONESIAN_OBJECT_OF = {
    "video": "video", "videos": "video", "photo": "foto", "photos": "foto", "image": "gambar", "logo": "logo",
    "data": "data", "document": "dokumen", "documents": "dokumen", "report": "laporan", "reports": "laporan",
    "financial": "keuangan", "article": "artikel", "articles": "artikel", "content": "konten", "website": "website",
    "web": "web", "app": "aplikasi", "application": "aplikasi", "mobile": "mobile", "social": "sosial",
    "media": "media", "product": "produk", "products": "produk", "customer": "pelanggan", "email": "email",
    "audio": "audio", "podcast": "podcast", "book": "buku", "manuscript": "naskah", "menu": "menu",
    "packaging": "kemasan", "poster": "poster", "campaign": "kampanye", "budget": "anggaran", "schedule": "jadwal",
    "inventory": "stok", "stock": "stok", "tax": "pajak", "network": "jaringan", "server": "server",
    "database": "database", "software": "software", "machine": "mesin", "interior": "interior", "event": "acara",
    "events": "acara", "sales": "penjualan", "market": "pasar", "game": "game", "graphic": "grafis",
}


def _indonesian_object(words: Sequence[str]) -> str | None:
    """English object words in Indonesian order ("financial report" -> "laporan keuangan"); None if a word has no
    entry in INDONESIAN_OBJECT_OF."""
    translated = [INDONESIAN_OBJECT_OF.get(word) for word in words]
    return " ".join(reversed(translated)) if translated and None not in translated else None


def name_verb_forms(term: str) -> list[str]:
    """The work a skill's name or alias (normalised, two or more words) names, written with its verb: "video
    editing" -> "edit video", "edits our videos", "editing videos", "mengedit video", "menyunting video"...;
    "penyusunan laporan keuangan" -> "menyusun laporan keuangan", "disusun laporan keuangan"..."""
    words = term.split()
    if len(words) < 2:
        return []
    forms: list[str] = []
    if (head := ENGLISH_HEADS.get(words[-1])) and head.verb:
        forms += english_verb_forms(" ".join((head.verb, *words[:-1])))
        if head.roots and (thing := _indonesian_object(words[:-1])):
            forms += [form for root in head.roots for form in indonesian_verb_forms(f"{root} {thing}")]
    if (head := INDONESIAN_HEADS.get(words[0])) and head.verb:
        forms += indonesian_verb_forms(" ".join((head.verb, *words[1:])))
    return forms


def person_forms(term: str) -> list[str]:
    """The person who practises the skill `term` (a normalised name or alias of two or more words) names, if its
    head word has one: "video editing" -> "video editor", "video editors"; "desain logo" -> "desainer logo"."""
    words = term.split()
    if len(words) < 2:
        return []  # a single word's person ("editor", "penulis") is too vague to name one skill
    forms = []
    if (head := ENGLISH_HEADS.get(words[-1])) and head.person:
        forms += [" ".join((*words[:-1], head.person)), " ".join((*words[:-1], plural_noun(head.person)))]
    if (head := INDONESIAN_HEADS.get(words[0])) and head.person:
        forms.append(" ".join((head.person, *words[1:])))
    return forms


VERB_FORMS = {"en": english_verb_forms, "id": indonesian_verb_forms}
