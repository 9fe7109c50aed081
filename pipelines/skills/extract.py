"""Skill extraction: the taxonomy's skills found in a posting's title, description and platform tags.

One Aho-Corasick automaton (ahocorasick-rs) holds every name and alias of the taxonomy; each text field is
scanned once. Before the scan a field is lower-cased and every character that cannot be part of a skill
name becomes a space (so positions stay those of the original text), and every key in the automaton is
padded with a space on both sides, so a key only matches a whole word or phrase. The rules:

- Word boundaries: a boundary is anything but a letter or a digit, except the symbols of hard names:
  "+" after a letter or another "+" (C++, Notepad++), "#" after a letter (C#, F#), and "." before a
  letter (.NET, Node.js, ASP.NET). So "C++" and "C#" never yield C, "JavaScript" never yields Java,
  "excellent" never yields Excel, "node.js" never yields the alias "js", and "Node.js," yields Node.js.
  A lone "+" between words ("Python+Django") and a "#" that opens a hashtag are boundaries. A dot between
  letters in an alias may also be written as a space ("node.js" = "node js"). Any other punctuation is
  one space: "e-commerce" = "e commerce" and "UI/UX" = "UI UX", but the words of an alias must stand one
  character apart, so "Big Data, entry level" does not yield "data entry". A "&" between spaced words is "and"
  or "dan": "monitoring & evaluation" is Monitoring and Evaluation, and the alias "food & beverage" also matches
  "food and beverage".
- Case: names and aliases match ignoring case, except the name of a skill marked ``case_sensitive``
  ("Go", "R", "C", "React", "Swift", "Ruby"), which matches only as written or in capitals.
- Context for case-sensitive names: these names are also ordinary words, letters or people's names ("Go
  to the kitchen", "R&D", "C-level", "React quickly", "Swift delivery", "ask Ruby", "Zoom in"), so in
  free text (the title, the description, the words of a tag) such a name counts only beside evidence,
  within its sentence, that it is the skill: the next or previous word, skipping "and", "or", "dan",
  "atau", is a tech word (developer, programming, backend, app, experience, meetings, ...) or another
  skill of the same occupation class found in the same field; or the previous word introduces a tool or
  language ("in", "on", "with", "using", "via", "of", "dengan", "menggunakan", "menguasai": "written in
  Go", "meetings on Zoom", "knowledge of R"). A name joined by a symbol to the next word ("Go-Jek",
  "C-level", "R&D", "Ruby's") needs that next word to be the evidence. Distinctive aliases ("golang",
  "r programming", "reactjs") need no context, and a platform tag that is the name whole ("go") is always
  the skill.
- Plurals: an alias of two or more words also matches with "s" after its last word ("A/B tests", "hotel
  reservations"), unless that is an alias itself.
- Overlaps: a match inside a longer one is dropped, so the longest wins ("React Native" over "React",
  "Microsoft Excel" over "Excel", "ASP.NET Core" over "ASP.NET"); matches that only partly overlap are
  both kept ("email marketing automation" is Email Marketing and Marketing Automation).
- Coordination, in titles and tags: a match of two or more words also names the skill its other member makes,
  when the phrase so made is a name or alias: "Facebook & TikTok Ads" names Facebook Ads beside TikTok Ads
  (the word before "and", "or", "&", "/", "," or "dan" takes the first word's place), "iklan Facebook dan
  Instagram" names Instagram Ads (the word after takes the last word's place), and "Facebook, Instagram and
  TikTok Ads" names all three; the member word alone ("Instagram") then names nothing. Not in descriptions:
  their lists are mostly of whole skills, and the search cost a tenth of the extractor's time.
- Roles: a job whose name asks for several skills (the taxonomy's `roles:`) names each of them where the name is
  found: "Customer Success Manager" is Account Management, Customer Onboarding and Customer Retention.
- A framework named as a job in a title or tag ("Django Developer", "Programmer Laravel", "Flutter engineer": the
  word before or after it is developer, engineer, programmer or pengembang) also names the software practice right
  above it in the hierarchy (Back-End Development, Mobile App Development).
- A skill beneath one marked ``named_by_narrower`` also names that one, found where it was: "penerjemah tersumpah"
  (Sworn Translation) is Translation too.
- Named but not asked for, in titles and text: after a negation ("tidak perlu", "gak perlu", "bukan", "no need
  to") to the end of its clause, unless "hanya", "sekadar" or the like follows ("bukan hanya desain logo"); and
  after "istilah" or "terms" followed within three words by "seperti" or "like", to the end of the sentence ("paham
  istilah tech seperti Java, React"): the cues are NOT_ASKED_CUES in pipelines/skills/context.py.
- Tags: each tag is looked up whole in the taxonomy first, then searched like text; a tag that yields no
  skill is kept in ``unmapped_tags``.

Each skill is reported once, from its strongest source: tag > title > text; ``skills`` lists them in that
order (tags, then title, then description, each in reading order).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import ahocorasick_rs

from pipelines.skills.context import NOT_ASKED_CUES, Candidate, not_asked, with_context
from pipelines.skills.coordination import joining_marks, named_by_coordination
from pipelines.skills.forms import plural_noun
from pipelines.skills.keys import match_key, plural_key, separate_words, term_keys
from pipelines.skills.taxonomy import Taxonomy, load_taxonomy, ordinary_words

# Words that make a framework a job: "Django Developer", "Programmer Laravel", "pengembang Flutter".
ROLE_WORDS = frozenset(
    "dev devs developer developers engineer engineers programmer programmers programer pengembang".split()
)
_ROLE_WORD_REACH = 20  # characters searched on each side of the framework: a role word and its separator
# How many different tags `SkillExtractor._tag_found` remembers before it starts again (a few MB at most).
TAGS_REMEMBERED = 50_000


@dataclass(frozen=True)
class SkillMatch:
    skill: str  # canonical name
    source: str  # "tag" | "title" | "text", or "implied" for the language of a framework found (Django: Python)
    matched: str  # the text as found


# A skill found, as the extractor keeps it: (skill, source, text, start, end), the match being text[start:end].
# Plain tuples: a SkillMatch for each was a fifth of the extractor's time, and most callers only want the names.
_Found = tuple[str, str, str, int, int]


@dataclass
class ExtractedSkills:
    found: list[_Found] = field(default_factory=list)  # one per skill, from its strongest source
    unmapped_tags: list[str] = field(default_factory=list)  # platform tags that name no skill

    @property
    def matches(self) -> list[SkillMatch]:
        """One per skill, from its strongest source, in the order of `skills`."""
        return [SkillMatch(skill, source, text[start:end]) for skill, source, text, start, end in self.found]

    @property
    def skills(self) -> list[str]:
        """Canonical names, first seen first (tags, title, text, then the implied languages)."""
        return [found[0] for found in self.found]


_SOURCE_RANK = {"tag": 0, "title": 1, "text": 2, "implied": 3}


class SkillExtractor:
    """Finds the taxonomy's skills in postings.

    Parameters: `taxonomy`, the skills to find (None: the bundled taxonomy, loaded by `fit`).
    Fitted attributes: `taxonomy_`; `automaton_`, the Aho-Corasick automaton of every match key, and `key_values_`,
    what each key stands for; and `occupation_of_`, each skill's occupation class.
    """

    def __init__(self, taxonomy: Taxonomy | None = None) -> None:
        self.taxonomy = taxonomy

    def fit(self) -> SkillExtractor:
        self.taxonomy_ = self.taxonomy if self.taxonomy is not None else load_taxonomy()
        any_case, exact, guarded = self._written_keys()
        self._add_generated_keys(any_case, exact, guarded)
        self._fit_specialisations()
        # the keys a coordination may make: any plain key of a skill, not one under a context rule
        self.coordinable_ = {key: name for key, name in any_case.items() if name and key not in guarded}
        self._fit_automaton(any_case, exact, guarded)
        self._fit_implications()
        self._tags: dict[str, tuple[str, str, tuple[Candidate, ...], tuple[str, ...]]] = {}  # for `_tag_found`
        self.occupation_of_ = {skill.name: skill.occupation for skill in self.taxonomy_.skills}
        self.occupation_of_[""] = ""
        self.occupation_of_.update((marker, self.occupation_of_[skills[0]]) for marker, skills in self.roles_.items())
        return self

    def _written_keys(self) -> tuple[dict[str, str], dict[str, dict[str, frozenset[str]]], dict[str, int]]:
        """The keys of every name and alias as written: (key -> the skill it names in any case, key -> {skill: the
        spellings it must have} for case-sensitive names, key of an alias under a context rule -> the rule's
        number in `rules_`). Fits `rules_`, each rule as (words, skills)."""
        any_case: dict[str, str] = {}
        exact: dict[str, dict[str, frozenset[str]]] = {}
        guarded: dict[str, int] = {}
        self.rules_: list[tuple[frozenset[str], frozenset[str]]] = [(frozenset(), frozenset())]
        for skill in self.taxonomy_.skills:
            name_key = match_key(skill.name)
            for term in (skill.name, *skill.aliases):
                for key in term_keys(term):
                    if skill.case_sensitive and key == name_key:
                        exact.setdefault(key, {})[skill.name] = frozenset({skill.name, skill.name.upper()})
                    else:
                        any_case.setdefault(key, skill.name)  # on a collision (`validate` reports it) the first
            if skill.context is not None:
                self.rules_.append(
                    (frozenset(match_key(word) for word in skill.context.words), frozenset(skill.context.skills))
                )
                for alias in skill.context.aliases:
                    for key in term_keys(alias):
                        guarded[key] = len(self.rules_) - 1
        return any_case, exact, guarded

    def _add_generated_keys(
        self, any_case: dict[str, str], exact: dict[str, dict[str, frozenset[str]]], guarded: dict[str, int]
    ) -> None:
        """Add the keys of roles, generated forms, `not_in` phrases and plurals, each after what is written (a
        written alias wins). Fits `roles_`, role marker -> the role's skills, and `role_markers_`."""
        # A role's names stand for a marker that `_add_roles` replaces by the role's skills.
        self.roles_: dict[str, tuple[str, ...]] = {}
        for role in self.taxonomy_.roles:
            marker = f"role: {role.names[0]}"
            self.roles_[marker] = role.skills
            for name in role.names:
                for key in term_keys(name):
                    any_case.setdefault(key, marker)
        self.role_markers_ = frozenset(self.roles_)
        ordinary = ordinary_words()
        generated: set[str] = set()  # the keys only derived forms make: they hold the plurals they take already
        for skill in self.taxonomy_.skills:
            for form in skill.derived_forms:
                # "interview" is an ordinary word, and so is its plural: neither counts alone
                if form not in ordinary and not (form.endswith("s") and form[:-1] in ordinary):
                    for key in term_keys(form):
                        if key not in any_case:
                            any_case[key] = skill.name
                            generated.add(key)
        for skill in self.taxonomy_.skills:  # a phrase that holds an alias but does not mean it swallows the alias
            for phrase in skill.not_in:
                for key in term_keys(phrase):
                    any_case.setdefault(key, "")
        for key, skill_name in list(any_case.items()):
            plural = plural_key(key) if key not in generated else None
            if plural and plural not in exact:
                any_case.setdefault(plural, skill_name)
                if key in guarded:
                    guarded.setdefault(plural, guarded[key])

    def _fit_specialisations(self) -> None:
        """Fit `specialisations_`, word key -> (every skill that makes it count, [(specialised skill, the skills one
        of which must be found)]), for `_add_specialised`, and `specialised_from_`. A skill beneath a base skill
        stands for it: Adobe Premiere Pro and "reels" name Short-Form Video Editing."""
        self.specialisations_: dict[str, tuple[frozenset[str], list[tuple[str, frozenset[str]]]]] = {}
        for skill in self.taxonomy_.skills:
            if skill.found_with is not None:
                bases = skill.found_with.skills
                beneath = (below for base in bases for below in self.taxonomy_.descendants(base))
                found_with = (frozenset(bases) | frozenset(beneath)) - {skill.name}
                for word in skill.found_with.words:
                    for key in term_keys(word) + term_keys(plural_noun(word)):  # "weddings" too
                        any_found_with, specialisations = self.specialisations_.get(key, (frozenset(), []))
                        specialisations.append((skill.name, found_with))
                        self.specialisations_[key] = (any_found_with | found_with, specialisations)
        self.specialised_from_ = frozenset().union(*(bases for bases, _ in self.specialisations_.values()))

    def _fit_automaton(
        self, any_case: dict[str, str], exact: dict[str, dict[str, frozenset[str]]], guarded: dict[str, int]
    ) -> None:
        """Fit `automaton_`, the automaton of every key, and `key_values_`, what each key (by its number) stands for:
        (the skill in any case or None, (skill, spellings) pairs, context rule number or 0, the key if it is a word
        of a specialisation or None, the kind of a cue of skills not asked for or None)."""
        cues = {key: kind for cue, kind in NOT_ASKED_CUES.items() for key in term_keys(cue)}
        keys = sorted(any_case.keys() | exact.keys() | self.specialisations_.keys() | cues.keys())
        self.key_values_ = [
            (
                any_case.get(key),
                tuple(exact.get(key, {}).items()),
                guarded.get(key, 0),
                key if key in self.specialisations_ else None,
                cues.get(key),
            )
            for key in keys
        ]
        self.automaton_ = ahocorasick_rs.AhoCorasick(keys, implementation=ahocorasick_rs.Implementation.ContiguousNFA)

    def _fit_implications(self) -> None:
        """Fit what a framework found implies: `languages_of_` (Django: Python) and `frameworks_`, `practices_of_`
        (Django: Back-End Development, when named as a job) and `practiced_`."""
        languages = {skill.name: self.taxonomy_.languages_of(skill.name) for skill in self.taxonomy_.skills}
        self.languages_of_ = {name: found for name, found in languages.items() if found}
        self.frameworks_ = frozenset(self.languages_of_)  # a frozenset: intersecting a set with a dict walks the dict
        by_name = self.taxonomy_.by_name
        practices = {  # framework -> the software practices right above it
            skill.name: tuple(name for name in skill.broader if by_name[name].group == "software_practice")
            for skill in self.taxonomy_.skills
            if skill.name in self.frameworks_
        }
        self.practices_of_ = {name: found for name, found in practices.items() if found}
        self.practiced_ = frozenset(self.practices_of_)
        general = {  # skill -> the skills above it that every skill beneath them names (Legal Translation: Translation)
            skill.name: tuple(name for name in self.taxonomy_.ancestors(skill.name) if by_name[name].named_by_narrower)
            for skill in self.taxonomy_.skills
        }
        self.general_of_ = {name: found for name, found in general.items() if found}
        self.specific_ = frozenset(self.general_of_)

    def extract(self, title: str | None, description: str | None, tags: Sequence[str] | None = ()) -> ExtractedSkills:
        """The skills in one posting, each from its strongest source, and the tags that name none."""
        if not hasattr(self, "automaton_"):
            raise RuntimeError("SkillExtractor is not fitted: call fit() first")
        result = ExtractedSkills()
        seen: set[str] = set()
        guarded: list[tuple[str, str, Candidate]] = []  # matches of aliases under a context rule, decided last
        topic_words: dict[str, str] = {}  # key of a specialisation's word found -> its first source, in reading order
        prepared: list[str] = []  # each field as prepared for matching, where the context rules look for their words
        fields = self._fields(title, description, tags or (), result.unmapped_tags, topic_words, prepared)
        for source, text, found in fields:
            for candidate in found:
                start, end, skill, _, rule = candidate
                if rule:
                    guarded.append((source, text, candidate))
                elif skill not in seen:
                    seen.add(skill)
                    result.found.append((skill, source, text, start, end))
        if not seen.isdisjoint(self.role_markers_):
            self._add_roles(result, seen)
        if guarded:
            self._add_guarded(result, seen, guarded, prepared)
        if topic_words:
            self._add_specialised(result, seen, topic_words)
        if not seen.isdisjoint(self.practiced_):
            self._add_practices(result, seen)
        if not seen.isdisjoint(self.specific_):
            self._add_general(result, seen)
        self._add_languages(result, seen)
        return result

    def transform(self, postings: Iterable[tuple[str | None, str | None, Sequence[str]]]) -> list[ExtractedSkills]:
        """`extract` for each (title, description, tags) posting."""
        return [self.extract(title, description, tags) for title, description, tags in postings]

    def _add_roles(self, result: ExtractedSkills, seen: set[str]) -> None:
        """Replace each role found by its skills, found where the role was; a skill keeps its strongest source."""
        expanded = [(skill, *found[1:]) for found in result.found for skill in self.roles_.get(found[0], (found[0],))]
        expanded.sort(key=lambda found: _SOURCE_RANK[found[1]])  # stable: reading order kept
        strongest: dict[str, _Found] = {}
        for found in expanded:
            strongest.setdefault(found[0], found)
        result.found = list(strongest.values())
        seen.update(strongest)

    def _add_guarded(
        self,
        result: ExtractedSkills,
        seen: set[str],
        guarded: list[tuple[str, str, Candidate]],
        prepared: Sequence[str],
    ) -> None:
        """Add the matches of guarded aliases whose context the posting holds, keeping tag > title > text order.

        A rule holds when one of its words is in any field (`prepared`, as prepared for matching) or one of its
        skills is already found.
        """
        unguarded = frozenset(seen)
        joined = ""  # made when a rule's skills are not found: most rules need no look at the words

        def has_word(word: str) -> bool:
            nonlocal joined
            joined = joined or f" {'  '.join(prepared)} "  # two spaces: a phrase does not run from one field on
            return word in joined

        held: dict[int, bool] = {}
        added = False
        for source, text, (start, end, skill, _, rule) in guarded:
            if skill in seen:
                continue
            if rule not in held:
                words, skills = self.rules_[rule]
                held[rule] = not skills.isdisjoint(unguarded) or any(has_word(word) for word in words)
            if held[rule]:
                seen.add(skill)
                result.found.append((skill, source, text, start, end))
                added = True
        if added:
            result.found.sort(key=lambda found: _SOURCE_RANK[found[1]])  # stable: reading order kept

    def _add_specialised(self, result: ExtractedSkills, seen: set[str], topic_words: dict[str, str]) -> None:
        """Add the specialised skills named by a broader skill found and one of their words ("wedding"), given
        as the keys found in the posting with where each was found first (`topic_words`).

        Each is reported from where its word was found, the word as the text matched.
        """
        bases = seen.intersection(self.specialised_from_)  # the few found skills that may specialise
        for word, source in topic_words.items() if bases else ():
            any_found_with, specialisations = self.specialisations_[word]
            if any_found_with.isdisjoint(bases):  # the common case, in one set operation
                continue
            for skill, found_with in specialisations:
                if skill not in seen and not found_with.isdisjoint(seen):
                    seen.add(skill)
                    result.found.append((skill, source, word, 1, len(word) - 1))  # the word without its padding

    def _add_practices(self, result: ExtractedSkills, seen: set[str]) -> None:
        """Add the practice of every framework named as a job in a title or tag ("Django Developer", "Programmer
        Laravel": Back-End Development), found where the framework was. Not in descriptions: they list frameworks
        by the dozen, and looking beside each cost a tenth of the extractor's time."""
        named = [found for found in result.found if found[0] in self.practiced_ and found[1] != "text"]
        for skill, source, text, start, end in named:
            # The words right before and after, from short slices; a slice's first word may be cut, so it counts
            # only when the slice starts the text.
            before = separate_words(text[max(0, start - _ROLE_WORD_REACH) : start]).split()
            if start > _ROLE_WORD_REACH:
                before = before[1:]
            beside = before[-1:] + separate_words(text[end : end + _ROLE_WORD_REACH]).split()[:1]
            if ROLE_WORDS.isdisjoint(beside):
                continue
            for practice in self.practices_of_[skill]:
                if practice not in seen:
                    seen.add(practice)
                    result.found.append((practice, source, text, start, end))

    def _add_general(self, result: ExtractedSkills, seen: set[str]) -> None:
        """Add the general skill of every specific one found that names it (Legal Translation: Translation), found
        where the specific one was."""
        for skill, source, text, start, end in [found for found in result.found if found[0] in self.specific_]:
            for general in self.general_of_[skill]:
                if general not in seen:
                    seen.add(general)
                    result.found.append((general, source, text, start, end))

    def _add_languages(self, result: ExtractedSkills, seen: set[str]) -> None:
        """Add the programming language of every framework and runtime found (Django: Python), as implied."""
        frameworks = seen.intersection(self.frameworks_)
        for framework in [found[0] for found in result.found if found[0] in frameworks] if frameworks else ():
            for language in self.languages_of_[framework]:
                if language not in seen:
                    seen.add(language)
                    result.found.append((language, "implied", framework, 0, len(framework)))

    def _fields(
        self,
        title: str | None,
        description: str | None,
        tags: Sequence[str],
        unmapped_tags: list[str],
        topic_words: dict[str, str],
        prepared: list[str],
    ) -> Iterable[tuple[str, str, Sequence[Candidate]]]:
        """(source, text, skills found in it) for each tag, the title and the description, strongest first.

        Appends the tags that name no skill to `unmapped_tags`, the specialisations' words to `topic_words`, and
        each field as prepared for matching to `prepared`.
        """
        for tag in tags:
            tag, separated, found, topics = self._tag_found(tag)
            if not tag:
                continue
            for topic_word in topics:
                topic_words.setdefault(topic_word, "tag")
            if not found and tag not in unmapped_tags:
                unmapped_tags.append(tag)
            prepared.append(separated)
            yield "tag", tag, found
        for source, text in (("title", title or ""), ("text", description or "")):
            separated = separate_words(text)
            prepared.append(separated)
            yield source, text, self._search(text, separated, topic_words, source)

    def _tag_found(self, tag: object) -> tuple[str, str, tuple[Candidate, ...], tuple[str, ...]]:
        """(the tag with its spaces tidied, the same prepared for matching, the skills found in it, the
        specialisations' words in it), remembered: a platform's tags are a small vocabulary met again and again. A
        tag that is a skill's name or alias whole is that skill, whatever context rule the alias has."""
        tag = tag if isinstance(tag, str) else str(tag)
        known = self._tags.get(tag)
        if known is None:
            tidy = " ".join(tag.split())
            separated = separate_words(tidy)
            skill = self.taxonomy_.lookup(tidy) if tidy else None
            topics: dict[str, str] = {}
            if skill is not None:
                found: Sequence[Candidate] = [(0, len(tidy), skill.name, False, 0)]
                if (key := match_key(tidy)) in self.specialisations_:  # a skill's name may be a topic's word too
                    topics[key] = "tag"
            else:
                found = self._search(tidy, separated, topics, "tag")
            known = tidy, separated, tuple(found), tuple(topics)
            if len(self._tags) >= TAGS_REMEMBERED:
                self._tags.clear()
            self._tags[tag] = known
        return known

    def _search(self, text: str, separated: str, topic_words: dict[str, str], source: str) -> list[Candidate]:
        """The skills in one field of free text (`separated`: as prepared for matching), in reading order; adds the
        specialisations' words found to `topic_words`, with `source` unless found before."""
        if not text or text.isspace():
            return []
        candidates: list[Candidate] = []  # none inside another, in reading order
        last_end = -1  # where the last candidate ends
        needs_context = blocked = False
        cues: list[tuple[int, str]] = []  # (where it ends, kind) of each cue of skills not asked for
        # The automaton reports every match, overlapping ones too, by where they end. The scanned text is padded
        # with a space on each side, as the keys are: a match from `start` to `end` in it is the word or phrase from
        # `start` to `end - 2` in `text`.
        values = self.key_values_
        for key, start, end in self.automaton_.find_matches_as_indexes(f" {separated} ", overlapping=True):
            skill, exact, rule, topic_word, cue = values[key]
            end -= 2
            if cue is not None:
                cues.append((end, cue))
                if skill is None and not exact:
                    continue
            if topic_word is not None:
                topic_words.setdefault(topic_word, source)
                if skill is None and not exact:  # a word only
                    continue
            case_sensitive = skill is None
            if case_sensitive:
                spelled = text[start:end]
                skill = next((exact_skill for exact_skill, spellings in exact if spelled in spellings), None)
                if skill is None:
                    continue
                needs_context = True
            elif not skill:
                blocked = True
            if start < last_end:
                _add_unless_nested(candidates, (start, end, skill, case_sensitive, rule))
                last_end = candidates[-1][1]
            else:
                candidates.append((start, end, skill, case_sensitive, rule))
                last_end = end
        if blocked:  # a not_in phrase has swallowed the alias inside it; drop the phrase too
            candidates = [candidate for candidate in candidates if candidate[2]]
        if cues:
            candidates = not_asked(candidates, text, separated, cues)
        # Titles and tags only: a description's lists are mostly of whole skills ("Python, Django and Docker"),
        # and looking for coordinations in them cost a tenth of the extractor's time (bench/skill_extraction.py)
        marks = joining_marks(text, separated) if candidates and source != "text" else []
        coordinated = named_by_coordination(text, separated, candidates, marks, self.coordinable_) if marks else []
        if coordinated:
            # the coordinated word is a modifier, not a skill of its own: "Instagram" in "Instagram & TikTok Ads"
            modifiers = {(word_start, word_end) for word_start, word_end, *_ in coordinated}
            kept = [candidate for candidate in candidates if (candidate[0], candidate[1]) not in modifiers]
            candidates = sorted(kept + [(*span, *rest) for _, _, *rest, span in coordinated])
        return with_context(candidates, text, separated, self.occupation_of_) if needs_context else candidates


def _add_unless_nested(candidates: list[Candidate], candidate: Candidate) -> None:
    """Add `candidate`, which ends no earlier than any other, unless it lies inside one; drop those inside it.

    No candidate lies inside another, so they are in order of start as well as end: the one that could hold
    `candidate` is the last, and those it holds are the last few.
    """
    start, end = candidate[0], candidate[1]
    if candidates and candidates[-1][1] == end and candidates[-1][0] <= start:
        return
    while candidates and candidates[-1][0] >= start:
        candidates.pop()
    candidates.append(candidate)
