"""The occupation classifier: one occupation class, with a confidence, for every posting.

Three sources of evidence vote for the classes of `OCCUPATIONS`: the six classes of the Online Labour Index
(OLI) and `other`, local manual work that cannot be done online (see "Work the OLI does not name" below):

- **skills**: each canonical skill found in the posting votes `skill_weight` for its taxonomy occupation
  (skills of generic groups, spoken languages and office software, vote `generic_skill_weight`: postings of
  every class ask for English and Excel). Their sum is scaled down to at most `max_skill_weight`, so a long list of
  skills cannot drown out what the platform and the employer say the job is.
- **category**: the platform's category text. `category_weight` is shared among the keywords of `KEYWORDS`
  found in it (English and Indonesian: "Websites, IT & Software", "Desain Grafis", "Akuntansi / Keuangan").
- **title**: the same keyword table over the title, with `title_weight` (heavier than the category: the
  employer's own words about this job, where the category is often a coarse menu choice, such as a video
  editor filed under "Sales and Marketing").

Keywords are matched on whole words, longest first, so "social media admin" is marketing although "admin"
alone is clerical, and "video editor" is multimedia although "editor" alone is writing.

The class with the most evidence wins; ties go to the class with more title evidence, then more category
evidence, then to the earlier class in `OCCUPATIONS`.
The confidence is the winner's share of the evidence after adding `prior_weight` spread evenly over the seven
classes (additive smoothing): one skill alone is about 0.43, a title alone about two thirds, two agreeing skills
with category and title pass four fifths, a conflict pulls it down, and no evidence at all gives exactly 1/7.

**Work the OLI does not name.** The OLI classes come from online freelancing; the vocational and
small-business work this project also follows is filed as the bundled taxonomy files its skills (see its header),
so that skills, category and title agree:

- local manual work that cannot be done online: cooking and serving food and drink (cooks, kitchen crew, waiters,
  baristas), housekeeping and cleaning, driving and delivery (drivers, couriers), security
  guards, repair and installation (technicians, mechanics), building and factory trades (operators, welders,
  tailors), warehouse floor work, farming, and personal care (salons, spas, nannies, household helpers): `other`,
  the seventh class, which the OLI does not have. A technician of computers or networks ("teknisi IT") stays
  `software_development`; warehouse administration ("admin gudang") stays `clerical_data_entry`;
- customer service, call centres, virtual assistants, receptionists, data entry, office administration and
  logistics: `clerical_data_entry` (the OLI lists customer service and data entry there);
- the hotel side of hospitality (perhotelan: front office, reservations, concierge, guest relations) and tourism:
  `professional_services`. It is a trade sold to guests as a service and learnt in vocational school, closer to the
  OLI's professional services (work that needs training and knowledge of local institutions) than to clerical
  microwork. A hotel's housekeeping and F&B service are `other`; its sales or admin staff are a conflict within the
  title ("Hotel Sales Executive"), which the skills settle;
- bookkeeping (pembukuan), accounting, tax and debt collection (kolektor, penagihan): `professional_services`,
  with accounting in the OLI; a finance clerk ("admin keuangan") is `clerical_data_entry`;
- tutoring and teaching (guru, tutor, instruktur, pelatihan), health (nurses, pharmacists) and engineering outside
  software, HR and recruiting, project management: `professional_services`;
- online selling (jualan online, marketplace, live selling), shop cashiers, account managers:
  `sales_marketing`; the online-shop admin who uploads products and answers chats is `clerical_data_entry`
  through the word "admin";
- data science and analytics, IT support, information security: `software_development`; architecture:
  `creative_multimedia`.

**Fallback.** A posting with no evidence at all (no known skill, category word or title word) gets `fallback`,
by default `other`, with the confidence 1/7. The table and the taxonomy know the words of the online classes well
(the platforms' menus and the online postings are made of them): every posting of the real responses and samples
the tests read has some evidence. What slips through both on the Indonesian boards is mostly the many names of
trade and field work (a crew member of a shop, a loader, a driver's mate), which are `other`. The confidence of
1/7 marks the guess, so that analyses can leave it out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache, partial
from html import unescape

from pipelines.skills.taxonomy import OCCUPATIONS, Taxonomy, load_taxonomy

# Category and title words per class, English and Indonesian, written in the form `normalise_text` gives
# ("f&b" is "f b", "e-commerce" is "e commerce"). A phrase beats the words inside it.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "software_development": (
        # fields and platform menus
        "software", "software engineering", "it", "technology", "teknologi", "information technology",
        "teknologi informasi", "informatika", "teknik informatika", "website", "websites", "website development",
        "web development", "pemrograman", "programming", "computing", "computer", "komputer", "mobile",
        "mobile phones", "android", "ios", "devops", "backend", "back end", "frontend", "front end", "full stack",
        "fullstack", "network", "jaringan", "database", "cloud", "game", "blockchain", "cyber security",
        "cybersecurity", "information security", "keamanan informasi", "keamanan siber", "keamanan jaringan",
        "it security", "data science", "data and analytics", "data analytics", "data analysis", "analytics",
        "artificial intelligence", "machine learning", "ai", "qa", "quality assurance",
        # roles; a security engineer or analyst guards systems, a security guard a building
        "programmer", "developer", "web developer", "pengembang", "engineer", "data scientist", "data analyst",
        "analis data", "data engineer", "tester", "system administrator", "sysadmin", "it support", "helpdesk",
        "technical support", "it technician", "teknisi it", "teknisi jaringan", "teknisi komputer",
        "security engineer", "security analyst",
    ),
    "creative_multimedia": (
        "design", "desain", "graphic", "graphics", "grafis", "graphic design", "desain grafis", "ui", "ux", "ui ux",
        "creative", "creatives", "kreatif", "media", "multimedia", "video", "video editing", "photography",
        "fotografi", "animation", "animasi", "motion graphic", "motion graphics", "illustration", "ilustrasi", "3d",
        "architecture", "arsitektur", "interior", "audio", "music", "musik", "sound", "voice over", "art", "arts",
        "seni",
        # roles; a video or photo editor edits pictures, not text
        "designer", "desainer", "web designer", "videographer", "video editor", "editor video", "photo editor",
        "editor foto", "photographer", "fotografer", "animator", "illustrator", "ilustrator", "architect",
        "arsitek", "artist", "content creator", "kreator konten",
    ),
    "writing_translation": (
        "writing", "menulis", "penulisan", "copywriting", "translation", "terjemahan", "penerjemahan", "languages",
        "translate", "terjemahkan", "menerjemahkan", "subtitle", "subtitling",
        "editorial", "proofreading", "article", "artikel", "publishing", "penerbitan",
        # roles
        "writer", "penulis", "content writer", "penulis konten", "copywriter", "translator", "penerjemah",
        "interpreter", "juru bahasa", "editor", "proofreader", "journalist", "jurnalis", "wartawan", "reporter",
        "blogger", "ghostwriter", "scriptwriter", "script writer", "penulis naskah",
    ),
    "sales_marketing": (
        "sales", "marketing", "pemasaran", "penjualan", "digital marketing", "pemasaran digital", "social media",
        "media sosial", "sosial media", "seo", "sem", "advertising", "ads", "iklan", "periklanan",
        "lead generation", "telemarketing", "business development", "brand", "promosi", "promotion",
        "market research", "growth", "retail", "ritel",
        # online selling
        "online shop", "olshop", "toko online", "jualan online", "online seller", "marketplace", "e commerce",
        "ecommerce", "host live", "live host", "affiliate", "reseller", "dropship", "dropshipper",
        # roles; a social media admin markets, other admins are clerical; an account manager sells to the accounts
        "marketer", "telemarketer", "account executive", "account manager", "key account", "social media specialist",
        "social media admin", "admin sosial media", "admin media sosial", "spg", "spb", "kasir", "cashier",
    ),
    "clerical_data_entry": (
        "data entry", "input data", "entri data", "entry data", "data processing", "data cleaning", "web research",
        "transcription", "transkripsi", "typing", "pengetikan", "administration", "administrasi", "administrative",
        "administratif", "administrasi perkantoran", "clerical", "office", "perkantoran", "customer service", "layanan pelanggan",
        "pelayanan pelanggan", "customer support", "customer care", "customer success", "call center",
        "call centre", "contact center", "inventory", "logistik", "logistics",
        # roles; the admin of a shop or of sales processes orders and answers chats, the admin of a warehouse keeps
        # its books (the warehouse floor is manual work)
        "admin", "clerk", "typist", "transcriber", "operator komputer", "cs", "virtual assistant",
        "asisten virtual", "personal assistant", "asisten pribadi", "secretary", "sekretaris", "receptionist",
        "resepsionis", "front desk", "sales admin", "admin sales", "admin penjualan", "admin online shop",
        "admin olshop", "admin marketplace", "admin keuangan", "admin gudang", "warehouse admin",
        "admin warehouse", "stock keeper",
    ),
    "professional_services": (
        # accounting, bookkeeping, finance and debt collection
        "accounting", "akuntansi", "accountant", "akuntan", "bookkeeping", "bookkeeper", "pembukuan", "finance",
        "keuangan", "financial", "banking", "perbankan", "tax", "pajak", "perpajakan", "audit", "auditor",
        "kolektor", "collector", "penagihan",
        # legal, HR, consulting, management, engineering
        "legal", "hukum", "law", "lawyer", "pengacara", "advokat", "notaris", "paralegal", "consulting",
        "consultant", "konsultan", "human resources", "hr", "hrd", "sdm", "recruitment", "rekrutmen", "recruiter",
        "talent acquisition", "project management", "manajemen proyek", "project manager", "business analyst",
        "procurement", "pengadaan", "engineering", "civil engineer", "mechanical engineer", "electrical engineer",
        "teknik sipil",
        # teaching and tutoring
        "education", "pendidikan", "training", "pelatihan", "teaching", "tutor", "guru", "teacher", "pengajar",
        "instruktur", "instructor", "trainer", "dosen", "lecturer",
        # health; a laboratory technician is trained staff, not a repairer
        "kesehatan", "healthcare", "perawat", "nurse", "bidan", "midwife", "apoteker", "pharmacist", "farmasi",
        "lab technician", "teknisi laboratorium",
        # the hotel side of hospitality, and tourism
        "hospitality", "perhotelan", "hotel", "tourism", "pariwisata", "front office", "reservation",
        "reservasi", "tour guide", "tour operator", "guest relation", "guest service", "concierge",
    ),
    "other": (
        # food and drink; the work, not the workplace: a restaurant or a café also employs an accountant and a
        # social media admin, a factory a recruiter
        "food service", "f b", "fnb", "food beverage", "food and beverage", "catering", "katering", "kitchen",
        "dapur", "cook", "cooks", "koki", "juru masak", "chef", "commis", "baker", "pastry", "waiter", "waitress",
        "pramusaji", "pelayan", "barista", "bartender", "crew outlet", "crew store", "crew resto", "crew restoran",
        "crew cafe", "kitchen crew",
        # housekeeping, cleaning, laundry, household
        "housekeeping", "housekeeper", "room attendant", "roomboy", "room boy", "public area", "laundry",
        "cleaning", "cleaning service", "cleaner", "kebersihan", "petugas kebersihan", "janitor", "office boy",
        "office girl", "asisten rumah tangga", "pembantu rumah tangga", "prt", "babysitter", "baby sitter", "nanny",
        "pengasuh anak", "pengasuh bayi", "caregiver", "pest control", "pengendalian hama",
        # driving and delivery
        "driver", "drivers", "sopir", "supir", "pengemudi", "kurir", "courier", "delivery rider", "rider", "ojek",
        "juru parkir", "parkir", "valet",
        # security
        "security", "security guard", "satpam", "petugas keamanan",
        # repair, building and factory trades, the warehouse floor
        "teknisi", "technician", "mekanik", "mechanic", "montir", "tukang", "electrician", "plumber", "welder",
        "carpenter", "operator", "operator produksi", "operator mesin", "machine operator", "forklift", "produksi",
        "production operator", "buruh", "helper", "packer", "packing", "gudang", "warehouse", "picker", "penjahit",
        "tailor", "jahit", "garment",
        # farming and personal care
        "petani", "farmer", "pertanian", "perkebunan", "peternakan", "tukang kebun", "gardener", "penata rambut",
        "kapster", "hairdresser", "barber", "beautician", "terapis spa", "massage", "pijat", "terapis pijat",
    ),
}

# Taxonomy groups that say little about the occupation: nearly every posting asks for them.
GENERIC_GROUPS = ("language", "office_software")


def normalise_text(text: str) -> str:
    """Lower-case words separated by single spaces: HTML entities decoded, punctuation dropped."""
    return " ".join(_words(text))


def _words(text: str) -> list[str]:
    """The lower-case words of ``text``: HTML entities decoded, punctuation dropped."""
    return re.sub(r"[\W_]+", " ", unescape(text).casefold()).split()


class OccupationClassifier:
    """Scores the classes of `OCCUPATIONS` from a posting's skills, category and title; see the module docstring."""

    def __init__(
        self,
        taxonomy: Taxonomy | None = None,
        skill_weight: float = 1.0,
        generic_skill_weight: float = 0.25,
        max_skill_weight: float = 4.0,
        category_weight: float = 2.0,
        title_weight: float = 3.0,
        prior_weight: float = 2.0,
        fallback: str = "other",
        keywords: Mapping[str, Iterable[str]] | None = None,
        generic_groups: Iterable[str] = GENERIC_GROUPS,
    ) -> None:
        self.taxonomy = taxonomy
        self.skill_weight = skill_weight
        self.generic_skill_weight = generic_skill_weight
        self.max_skill_weight = max_skill_weight
        self.category_weight = category_weight
        self.title_weight = title_weight
        self.prior_weight = prior_weight
        self.fallback = fallback
        self.keywords = keywords
        self.generic_groups = generic_groups

    def fit(self) -> OccupationClassifier:
        """Build the skill vote table from the taxonomy and the keyword matcher from the keyword table."""
        if self.fallback not in OCCUPATIONS:
            raise ValueError(f"fallback {self.fallback!r} is not one of {', '.join(OCCUPATIONS)}")
        taxonomy = self.taxonomy if self.taxonomy is not None else load_taxonomy()
        generic = set(self.generic_groups)
        self.skill_votes_: dict[str, tuple[str, float]] = {
            skill.name: (skill.occupation, self.generic_skill_weight if skill.group in generic else self.skill_weight)
            for skill in taxonomy.skills
            if skill.occupation in OCCUPATIONS
        }
        self.keyword_classes_: dict[str, str] = {}
        for occupation, words in (self.keywords if self.keywords is not None else KEYWORDS).items():
            if occupation not in OCCUPATIONS:
                raise ValueError(f"keyword table class {occupation!r} is not one of {', '.join(OCCUPATIONS)}")
            for word in words:
                keyword = normalise_text(word)
                if not keyword:
                    raise ValueError(f"keyword {word!r} of {occupation} has no letters or digits")
                owner = self.keyword_classes_.setdefault(keyword, occupation)
                if owner != occupation:
                    raise ValueError(f"keyword {word!r} is listed for both {owner} and {occupation}")
        # A keyword is a phrase of whole words: looked up by its first word, longest phrase first, so that a phrase
        # wins over a word it starts with (a dictionary lookup a word, where one regex of every keyword tried each).
        lengths = defaultdict(set)
        for keyword in self.keyword_classes_:
            words = keyword.split(" ")
            lengths[words[0]].add(len(words))
        self.keyword_lengths_: dict[str, tuple[int, ...]] = {
            first: tuple(sorted(counts, reverse=True)) for first, counts in lengths.items()
        }
        # A platform has a few dozen categories, met again on every page.
        self.category_evidence_ = lru_cache(maxsize=4096)(partial(self._keyword_evidence, weight=self.category_weight))
        return self

    def explain_one(
        self, skills: Sequence[str], category: str | None, title: str | None
    ) -> dict[str, dict[str, float]]:
        """The evidence of each source (`skills`, `category`, `title`) for each class it votes for."""
        if not hasattr(self, "skill_votes_"):
            raise RuntimeError("OccupationClassifier is not fitted: call fit() first")
        return {
            "skills": self._skill_evidence(skills),
            "category": dict(self.category_evidence_(category)),  # a copy: the cached one stays as it is
            "title": self._keyword_evidence(title, self.title_weight),
        }

    def predict_one(self, skills: Sequence[str], category: str | None, title: str | None) -> tuple[str, float]:
        """The posting's class and the confidence in it, between 0 and 1."""
        evidence = self.explain_one(skills, category, title)
        totals = dict.fromkeys(OCCUPATIONS, 0.0)
        for source in evidence.values():
            for occupation, weight in source.items():
                totals[occupation] += weight
        evidence_sum = sum(totals.values())
        if evidence_sum == 0:
            return self.fallback, 1 / len(OCCUPATIONS)
        winner = max(
            OCCUPATIONS,
            key=lambda occupation: (
                totals[occupation],
                evidence["title"].get(occupation, 0.0),
                evidence["category"].get(occupation, 0.0),
            ),
        )
        smoothing = self.prior_weight / len(OCCUPATIONS)
        return winner, (totals[winner] + smoothing) / (evidence_sum + self.prior_weight)

    def predict(self, rows: Iterable[tuple[Sequence[str], str | None, str | None]]) -> list[tuple[str, float]]:
        """`predict_one` over `(skills, category, title)` rows."""
        return [self.predict_one(skills, category, title) for skills, category, title in rows]

    def _skill_evidence(self, skills: Sequence[str]) -> dict[str, float]:
        votes: dict[str, float] = defaultdict(float)
        for name in dict.fromkeys(skills):  # a skill named twice still votes once
            if name in self.skill_votes_:
                occupation, weight = self.skill_votes_[name]
                votes[occupation] += weight
        total = sum(votes.values())
        scale = min(1.0, self.max_skill_weight / total) if total else 1.0
        return {occupation: weight * scale for occupation, weight in votes.items()}

    def _keyword_evidence(self, text: str | None, weight: float) -> dict[str, float]:
        """`weight` shared among the keywords found in `text`, summed per class."""
        found = self._keywords(_words(text or ""))
        votes: dict[str, float] = defaultdict(float)
        for keyword in found:
            votes[self.keyword_classes_[keyword]] += weight / len(found)
        return dict(votes)

    def _keywords(self, words: list[str]) -> list[str]:
        """The keywords in ``words``, left to right, each the longest phrase of whole words starting where it does."""
        found, start = [], 0
        while start < len(words):
            for length in self.keyword_lengths_.get(words[start], ()):
                phrase = " ".join(words[start : start + length])
                if phrase in self.keyword_classes_:
                    found.append(phrase)
                    start += length
                    break
            else:
                start += 1
        return found
