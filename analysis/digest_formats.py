"""A digest (analysis/digest.py) in the formats its readers use: Markdown, WhatsApp, HTML, RSS and JSON.

Every text of a vacancy comes from a job site and is untrusted (analysis/untrusted.py): stripped of control,
bidirectional and XML-invalid characters in every format, then escaped for the format it goes into (Markdown
punctuation and HTML in Markdown, WhatsApp's marks in WhatsApp, HTML in HTML, XML in RSS); a web address in a title
is never made a link, and only the vacancy's own http(s) link is. A non-finite pay figure is pay not stated, and
JSON never holds NaN or Infinity.

Indonesian by default, English with ``lang="en"``; numbers and rupiah are written as the current language writes
them (analysis/formats.py, analysis/language.py: the command line writes a digest in the language of its --lang).
Pay is written by ``pay_text`` in every format, and in the alumni lists: its kind, as the platform states it, rupiah
in the same period, and a month for a salary only.

``render`` gives one text; ``whatsapp_messages`` gives the WhatsApp digest as messages of at most 4,096 characters
each (WhatsApp's limit), never splitting a vacancy, with "(1/3)" on each when there are several.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from email.utils import format_datetime
from html import escape
from urllib.parse import urlsplit
from xml.etree import ElementTree

from analysis.digest import Digest, DigestEntry
from analysis.formats import format_count, format_rupiah, format_rupiah_short
from analysis.language import MONTHS_SHORT
from analysis.untrusted import (
    clean,
    finite_number,
    json_document,
    markdown_link,
    markdown_text,
    quoted_url,
    safe_url,
    whatsapp_text,
)
from analysis.vacancies import Vacancy
from crawlers.parse.money import parse_pay_text, pay_text_disagrees
from crawlers.platforms import display_names
from pipelines.pay import SalaryConversion, pay_kind

FORMATS = ("markdown", "whatsapp", "html", "rss", "json")
# The file name suffix of each format, for a digest written in several formats from one name (docs/digest.md).
SUFFIXES = {"markdown": ".md", "whatsapp": ".txt", "html": ".html", "rss": ".xml", "json": ".json"}
WHATSAPP_LIMIT = 4096
WHATSAPP_SEPARATOR = "\n\n----- ✂ -----\n\n"
"""Between the messages of a WhatsApp digest written to one file: copy each part on its own."""

# The platform registry's names people call each platform by; a site crawled for its JSON-LD goes by its host.
PLATFORM_NAMES = display_names()
# The conversion the store applied to salaries (pipelines/derive.py keeps SalaryConversion's default).
SALARY = SalaryConversion()
LABELS = {
    "id": {
        "title": "Lowongan baru untuk {curriculum}",
        # Texts with a count are (for one, for more): Indonesian nouns take no plural.
        "since": ("Lowongan yang pertama terlihat sejak {since}, dibuat {created}: {count} lowongan",) * 2,
        "nothing": "Belum ada lowongan baru yang cocok sejak {since}.",
        "track_empty": "Belum ada lowongan baru yang cocok.",
        "continued": "lanjutan",
        "pay": "Gaji",
        "unstated": "tidak disebut",
        "salaried": "Gaji",
        "hourly": "Per jam",
        "project": "Proyek (harga tetap)",
        "per_hour": "per jam",
        "per_day": "per hari",
        "per_week": "per minggu",
        "per_month": "sebulan",
        "per_year": "per tahun",
        "per_project": "per proyek",
        "day_to_month": "{days} hari kerja, PP 36/2021",
        "week_to_month": "52 minggu dibagi 12 bulan",
        "year_to_month": "dibagi 12 bulan",
        "shown": "tertulis: {text}",
        "place": "Tempat",
        "remote": "jarak jauh (remote)",
        "closes": "tutup {date}",
        "on": "di {platform}",
        "also_on": "juga di {platforms}",
        "skills": "Keterampilan",
        "taught": "{taught} dari {asked} diajarkan di {track}",
        "apply": "Lamar",
        "left_out": ("{count} lowongan lain yang cocok tidak dimuat agar ringkasan tetap pendek.",) * 2,
        "footer": "Disusun oleh pasarkerja dari situs lowongan; periksa lowongan di situs aslinya sebelum melamar.",
    },
    "en": {
        "title": "New vacancies for {curriculum}",
        "since": (
            "Vacancies first seen since {since}, made {created}: {count} vacancy",
            "Vacancies first seen since {since}, made {created}: {count} vacancies",
        ),
        "nothing": "No new matching vacancies since {since}.",
        "track_empty": "No new matching vacancies yet.",
        "continued": "continued",
        "pay": "Pay",
        "unstated": "not stated",
        "salaried": "Salary",
        "hourly": "Hourly",
        "project": "Fixed-price project",
        "per_hour": "an hour",
        "per_day": "a day",
        "per_week": "a week",
        "per_month": "a month",
        "per_year": "a year",
        "per_project": "per project",
        "day_to_month": "{days} working days, PP 36/2021",
        "week_to_month": "52 weeks over 12 months",
        "year_to_month": "a year over 12 months",
        "shown": "as shown: {text}",
        "place": "Place",
        "remote": "remote",
        "closes": "closes {date}",
        "on": "on {platform}",
        "also_on": "also on {platforms}",
        "skills": "Skills",
        "taught": "{taught} of {asked} taught in {track}",
        "apply": "Apply",
        "left_out": (
            "{count} more matching vacancy was left out to keep the digest short.",
            "{count} more matching vacancies were left out to keep the digest short.",
        ),
        "footer": "Compiled by pasarkerja from job sites; check each vacancy on its own site before applying.",
    },
}


def platform_name(source: str, url: str | None = None) -> str:
    """A platform as people call it; a site crawled for its JSON-LD (``jobposting``) by its host."""
    if source in PLATFORM_NAMES:
        return PLATFORM_NAMES[source]
    try:
        host = urlsplit(clean(url or "")).hostname
    except ValueError:  # an address urlsplit refuses ("https://[::1")
        host = None
    return host.removeprefix("www.") if host else clean(source)


def day(moment: datetime, lang: str) -> str:
    """ "4 Des 2026" (or "4 Dec 2026")."""
    return f"{moment.day} {MONTHS_SHORT[lang][moment.month - 1]} {moment.year}"


class _Text:
    """The pieces of an entry, as plain text in one language; each format puts them together its own way."""

    def __init__(self, entry: DigestEntry, lang: str):
        self.entry, self.vacancy, self.lang, self.labels = entry, entry.vacancy, lang, LABELS[lang]

    @property
    def title(self) -> str:
        return clean(self.vacancy.title)

    @property
    def company(self) -> str | None:
        return clean(self.vacancy.company) if self.vacancy.company else None

    @property
    def pay(self) -> str:
        return pay_text(self.vacancy, self.lang)

    @property
    def place(self) -> str:
        vacancy = self.vacancy
        location = clean(vacancy.location) if vacancy.location else None
        if vacancy.remote:
            return self.labels["remote"] + (f" ({location})" if location and location.lower() != "remote" else "")
        return location or "–"

    @property
    def where(self) -> str:
        """Platform, the other platforms it is on, and the closing date."""
        vacancy, labels = self.vacancy, self.labels
        parts = [labels["on"].format(platform=platform_name(vacancy.source, vacancy.url))]
        if vacancy.also_on:
            names = ", ".join(platform_name(source, url) for source, url in vacancy.also_on)
            parts.append(labels["also_on"].format(platforms=names))
        if vacancy.valid_through:
            parts.append(labels["closes"].format(date=day(vacancy.valid_through, self.lang)))
        return " · ".join(parts)

    @property
    def skills(self) -> str:
        entry = self.entry
        taught = self.labels["taught"].format(
            taught=len(entry.taught), asked=len(entry.vacancy.skills), track=clean(entry.track)
        )
        return f"{', '.join(clean(skill) for skill in entry.vacancy.skills)} ({taught})"

    @property
    def url(self) -> str | None:
        return safe_url(self.vacancy.url)


def pay_text(vacancy: Vacancy, lang: str) -> str:
    """Pay as the platform states it, by kind, with rupiah in the same period; a salary also a month.

    "Gaji: Rp 150.000 per hari ≈ Rp 3.150.000 sebulan (21 hari kerja, PP 36/2021)", "Per jam: AUD 12–23 per jam
    ≈ Rp 125–240 rb per jam", "Proyek (harga tetap): USD 250–750 per proyek ≈ Rp 4–12 jt per proyek". Only a
    salary is ever said a month: how many hours an hourly rate bills, or how long a project lasts, is unknown.
    Rupiah reached through an exchange rate is an estimate, so it is written short ("rb", "jt"); rupiah the
    platform states, or a salary multiplied out of it, in full. The platform's own pay label follows when it states
    no figures or others than the platform's numbers ("tertulis: Negosiasi", Loker.id's "tertulis: Rp.3 – 4 Juta").
    """
    labels = LABELS[lang]
    kind, period = vacancy.pay_kind, vacancy.pay_period
    if not _pay_can_be_stated(vacancy):
        return f"{labels['pay']}: {labels['unstated']}"
    per = labels[f"per_{period}"]
    parts = [f"{_stated(vacancy.pay_min, vacancy.pay_max, vacancy.pay_currency)} {per}"]
    low, high = vacancy.pay_idr_min, vacancy.pay_idr_max
    if low is not None or high is not None:
        in_rupiah = vacancy.pay_currency == "IDR"
        if not in_rupiah:
            # A salary's rupiah is a month's; back to the period stated, by the store's own conversion.
            per_month = SALARY.per_month(period) if kind == "salaried" else 1.0
            same_period = (None if value is None else value / per_month for value in (low, high))
            parts.append(f"≈ {_rupiah_short_range(*same_period)} {per}")
        if kind == "salaried" and period != "month":
            month = _rupiah_range(low, high) if in_rupiah else _rupiah_short_range(low, high)
            how = labels[f"{period}_to_month"].format(days=SALARY.working_days_per_month)
            parts.append(f"≈ {month} {labels['per_month']} ({how})")
    text = f"{labels[kind]}: {' '.join(parts)}"
    if _says_more(vacancy):
        text += f" ({labels['shown'].format(text=clean(vacancy.pay_text))})"
    return text


def _pay_can_be_stated(vacancy: Vacancy) -> bool:
    """Whether the vacancy's pay has a kind that fits its period and a figure, each figure finite: an infinite or NaN
    figure (which no posting means) makes the pay not stated rather than "Rp inf"."""
    figures = (vacancy.pay_min, vacancy.pay_max, vacancy.pay_idr_min, vacancy.pay_idr_max)
    return (
        vacancy.pay_kind is not None
        and pay_kind(vacancy.pay_period) == vacancy.pay_kind
        and (vacancy.pay_min is not None or vacancy.pay_max is not None)
        and all(figure is None or finite_number(figure) is not None for figure in figures)
    )


def _says_more(vacancy: Vacancy) -> bool:
    """Whether the platform's pay label says more than its numbers: no figures ("Negosiasi") or others (Loker.id)."""
    text = vacancy.pay_text
    if not text:
        return False
    try:
        return parse_pay_text(text).minimum is None or pay_text_disagrees(text, vacancy.pay_min, vacancy.pay_max)
    except ValueError:  # a figure no pay can be (stored before crawls refused them): the label says more
        return True


def _bounds(low: float | None, high: float | None) -> list[float]:
    """The ends of a range that are given, one when they are equal."""
    ends = [value for value in (low, high) if value is not None]
    return ends[:1] if len(ends) == 2 and ends[0] == ends[1] else ends


def _stated(low: float | None, high: float | None, currency: str | None) -> str:
    """The platform's figures in its currency: "Rp 4.000.000 – Rp 5.700.000", "AUD 12–23"."""
    if currency == "IDR":
        return " – ".join(f"Rp {_number(value)}" for value in _bounds(low, high))
    return f"{clean(currency)} {'–'.join(_number(value) for value in _bounds(low, high))}"


def _number(value: float) -> str:
    """A pay figure as written in Indonesia: 4.500.000, 12,5."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.translate(str.maketrans({",": ".", ".": ","}))


def _rupiah_range(low: float | None, high: float | None) -> str:
    if low is not None and high is not None and round(low, -3) != round(high, -3):
        return f"{format_rupiah(low)} – {format_rupiah(high)}"
    return format_rupiah(low if low is not None else high)


def _rupiah_short_range(low: float | None, high: float | None) -> str:
    """An estimate in rupiah, short: "Rp 125–240 rb", the unit written once when both ends share it; "Rp 800 rb – Rp
    1,28 jt" when not."""
    texts = list(dict.fromkeys(format_rupiah_short(_estimate(value), decimals=2) for value in _bounds(low, high)))
    if len(texts) == 2:
        low_figure, _, low_unit = texts[0].removeprefix("Rp ").partition(" ")
        high = texts[1].removeprefix("Rp ")
        if high.partition(" ")[2] == low_unit:
            return f"Rp {low_figure}–{high}"
    return " – ".join(texts)


def _estimate(value: float) -> float:
    """Rupiah through an exchange rate to three significant figures, no more exact than the rate: 142.570 is 143.000,
    950.460.000 is 950.000.000 (which one decimal of jt/M would round up to "Rp 1 M")."""
    return round(value, 2 - math.floor(math.log10(value))) if value > 0 else value


def _heading(digest: Digest, lang: str) -> tuple[str, str]:
    """The digest's title and the line under it."""
    labels = LABELS[lang]
    title = labels["title"].format(curriculum=clean(digest.curriculum))
    if not digest.entries:
        return title, labels["nothing"].format(since=day(digest.since, lang))
    line = _counted_label(
        labels["since"], len(digest.entries), since=day(digest.since, lang), created=day(digest.created_at, lang)
    )
    return title, line


def _counted_label(forms: tuple[str, str], count: int, **values: str) -> str:
    """A label with a count, ``forms`` being its text for one and for more, in the form ``count`` takes."""
    one, more = forms
    return (one if count == 1 else more).format(count=format_count(count), **values)


# Markdown -----------------------------------------------------------------------------------------------------


def to_markdown(digest: Digest, lang: str = "id") -> str:
    labels = LABELS[lang]
    title, line = _heading(digest, lang)
    lines = [f"# {markdown_text(title)}", "", markdown_text(line), ""]
    for track, entries in digest.tracks if digest.entries else ():
        lines += [f"## {markdown_text(track)} ({len(entries)})", ""]
        if not entries:
            lines += [labels["track_empty"], ""]
        for number, entry in enumerate(entries, start=1):
            text = _Text(entry, lang)
            name = markdown_link(text.title, text.url)
            company = f" — {markdown_text(text.company)}" if text.company else ""
            lines += [
                f"{number}. **{name}**{company}",
                f"   - {markdown_text(text.pay)}",
                f"   - {labels['place']}: {markdown_text(text.place)} · {markdown_text(text.where)}",
                f"   - {labels['skills']}: {markdown_text(text.skills)}",
                "",
            ]
    if digest.left_out:
        lines += [_counted_label(labels["left_out"], digest.left_out), ""]
    lines.append(f"_{labels['footer']}_")
    return "\n".join(lines) + "\n"


# WhatsApp -----------------------------------------------------------------------------------------------------


def _whatsapp_length(text: str) -> int:
    """Length as WhatsApp counts it, in UTF-16 code units: an emoji counts two."""
    return len(text.encode("utf-16-le")) // 2


def _short(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _whatsapp_entry(number: int, entry: DigestEntry, lang: str) -> str:
    """One vacancy as a WhatsApp block; each text is cut short enough that a block always fits in a message. The
    place line starts with its label, so that no scraped text starts a line (where "> " would quote)."""
    text, labels = _Text(entry, lang), LABELS[lang]
    company = f" — {_short(whatsapp_text(text.company), 120)}" if text.company else ""
    lines = [
        f"{number}. *{_short(whatsapp_text(text.title), 200)}*{company}",
        _short(whatsapp_text(text.pay), 300),
        _short(f"{labels['place']}: {whatsapp_text(text.place)} · {whatsapp_text(text.where)}", 400),
        f"{labels['skills']}: {_short(whatsapp_text(text.skills), 800)}",
    ]
    link = quoted_url(entry.vacancy.url)
    if link:
        lines.append(_short(link, 1000))
    return "\n".join(lines)


def whatsapp_messages(digest: Digest, lang: str = "id") -> list[str]:
    """The digest as WhatsApp messages of at most WHATSAPP_LIMIT characters, vacancies never split; a message that
    goes on with a track starts with the track's name again."""
    labels = LABELS[lang]
    title, line = _heading(digest, lang)
    limit = WHATSAPP_LIMIT - len(" (99/99)")  # room for the "(1/3)" added at the end
    messages: list[list[str]] = [[f"*{whatsapp_text(title)}*", whatsapp_text(line)]]

    def add(block: str, heading: str | None) -> None:
        """``block`` to the current message, or to a new one that starts with ``heading``."""
        again = [f"*{heading}* ({labels['continued']})"] if heading else []
        if _whatsapp_length("\n\n".join([*messages[-1], block])) > limit:
            messages.append(again)
        messages[-1].append(block)

    for track, entries in digest.tracks if digest.entries else ():
        heading = whatsapp_text(track)
        add(f"*{heading}*" + ("" if entries else f"\n{labels['track_empty']}"), None)
        for number, entry in enumerate(entries, start=1):
            add(_whatsapp_entry(number, entry, lang), heading)
    if digest.left_out:
        add(_counted_label(labels["left_out"], digest.left_out), None)
    add(f"_{labels['footer']}_", None)
    texts = ["\n\n".join(blocks) for blocks in messages]
    if len(texts) == 1:
        return texts
    # "(2/3)" ends each message's first line, its only line when a message holds the footer alone.
    numbered = []
    for number, text in enumerate(texts, start=1):
        first, newline, rest = text.partition("\n")
        numbered.append(f"{first} ({number}/{len(texts)}){newline}{rest}")
    return numbered


# HTML ---------------------------------------------------------------------------------------------------------

_STYLE = """
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; max-width: 46rem;
       margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
ol { padding-left: 1.3rem; } li { margin-bottom: 1rem; } .meta { color: #555; font-size: 0.92rem; }
.title { font-weight: 600; } footer { color: #666; font-size: 0.85rem; margin-top: 2rem; }
"""


def to_html(digest: Digest, lang: str = "id") -> str:
    labels = LABELS[lang]
    title, line = _heading(digest, lang)
    body = [f"<h1>{escape(title)}</h1>", f"<p>{escape(line)}</p>"]
    for track, entries in digest.tracks if digest.entries else ():
        body.append(f"<section><h2>{escape(clean(track))} ({len(entries)})</h2>")
        if not entries:
            body.append(f"<p>{escape(labels['track_empty'])}</p>")
        else:
            body.append("<ol>")
            for entry in entries:
                text = _Text(entry, lang)
                name = escape(text.title)
                if text.url:
                    name = f'<a href="{escape(text.url)}" rel="noopener noreferrer nofollow">{name}</a>'
                company = f" — {escape(text.company)}" if text.company else ""
                body.append(
                    f'<li><span class="title">{name}</span>{company}'
                    f'<div class="meta">{escape(text.pay)}</div>'
                    f'<div class="meta">{escape(labels["place"])}: {escape(text.place)} · {escape(text.where)}</div>'
                    f'<div class="meta">{escape(labels["skills"])}: {escape(text.skills)}</div></li>'
                )
            body.append("</ol>")
        body.append("</section>")
    if digest.left_out:
        body.append(f"<p>{escape(_counted_label(labels['left_out'], digest.left_out))}</p>")
    body.append(f"<footer>{escape(labels['footer'])}</footer>")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>\n<body>{''.join(body)}</body></html>\n"
    )


# RSS ----------------------------------------------------------------------------------------------------------


DEFAULT_FEED_LINK = "https://github.com/pasarkerja/pasarkerja"


def to_rss(digest: Digest, lang: str = "id", link: str = DEFAULT_FEED_LINK) -> str:
    """An RSS 2.0 feed of the digest's vacancies; ``link`` is the channel's (required) web page. Each item's guid
    is the vacancy, so a reader that sees it in two digests shows it once."""
    labels = LABELS[lang]
    title, line = _heading(digest, lang)
    rss = ElementTree.Element("rss", version="2.0")
    channel = ElementTree.SubElement(rss, "channel")
    for tag, value in (
        ("title", title),
        ("link", safe_url(link) or DEFAULT_FEED_LINK),
        ("description", line),
        ("language", lang),
        ("lastBuildDate", format_datetime(digest.created_at)),
        ("generator", "pasarkerja"),
    ):
        ElementTree.SubElement(channel, tag).text = value
    for entry in digest.entries:
        text = _Text(entry, lang)
        item = ElementTree.SubElement(channel, "item")
        ElementTree.SubElement(item, "title").text = text.title + (f" — {text.company}" if text.company else "")
        if text.url:
            ElementTree.SubElement(item, "link").text = text.url
        summary = [
            text.pay,
            f"{labels['place']}: {text.place} · {text.where}",
            f"{labels['skills']}: {text.skills}",
        ]
        ElementTree.SubElement(item, "description").text = "\n".join(summary)
        ElementTree.SubElement(item, "category").text = clean(entry.track)
        guid = ElementTree.SubElement(item, "guid", isPermaLink="false")
        guid.text = f"pasarkerja:{clean(digest.name)}:vacancy-{entry.vacancy.id}"
        ElementTree.SubElement(item, "pubDate").text = format_datetime(entry.vacancy.appeared_at)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(rss, encoding="unicode") + "\n"


# JSON ---------------------------------------------------------------------------------------------------------


def to_json(digest: Digest, lang: str = "id") -> str:
    """Everything the other formats show, as data: texts as the platforms wrote them but for the characters no output
    carries (analysis.untrusted.json_document; escaping is the reader's), a non-finite figure as null."""

    def iso(moment: datetime | None) -> str | None:
        return moment.isoformat() if moment else None

    def entry_data(entry: DigestEntry) -> dict:
        vacancy, text = entry.vacancy, _Text(entry, lang)
        return {
            "vacancy_id": vacancy.id,
            "title": vacancy.title,
            "company": vacancy.company,
            "url": text.url,
            "platform": vacancy.source,
            "also_on": [{"platform": source, "url": safe_url(url)} for source, url in vacancy.also_on],
            "pay_kind": vacancy.pay_kind,
            "pay_min": vacancy.pay_min,
            "pay_max": vacancy.pay_max,
            "pay_currency": vacancy.pay_currency,
            "pay_period": vacancy.pay_period,
            "pay_idr_min": vacancy.pay_idr_min,
            "pay_idr_max": vacancy.pay_idr_max,
            "pay_idr_per": vacancy.pay_idr_per,
            "pay": text.pay,
            "remote": vacancy.remote,
            "location": vacancy.location,
            "country": vacancy.country,
            "posted_at": iso(vacancy.posted_at),
            "first_seen_at": iso(vacancy.first_seen_at),
            "closes_at": iso(vacancy.valid_through),
            "skills": list(vacancy.skills),
            "skills_taught": list(entry.taught),
            "skills_to_learn": list(entry.to_learn),
            "match": round(entry.match, 4),
        }

    data = {
        "name": digest.name,
        "curriculum": digest.curriculum,
        "created_at": iso(digest.created_at),
        "since": iso(digest.since),
        "previous": iso(digest.previous),
        "language": lang,
        "vacancies": len(digest.entries),
        "left_out": digest.left_out,
        "tracks": [
            {"track": track, "entries": [entry_data(entry) for entry in entries]} for track, entries in digest.tracks
        ],
    }
    return json_document(data) + "\n"


def to_whatsapp(digest: Digest, lang: str = "id") -> str:
    """The WhatsApp messages in one text, WHATSAPP_SEPARATOR between them."""
    return WHATSAPP_SEPARATOR.join(whatsapp_messages(digest, lang)) + "\n"


RENDERERS: dict[str, Callable[[Digest, str], str]] = {
    "markdown": to_markdown,
    "whatsapp": to_whatsapp,
    "html": to_html,
    "rss": to_rss,
    "json": to_json,
}


def render(digest: Digest, fmt: str, lang: str = "id", feed_link: str | None = None) -> str:
    """The digest in format ``fmt`` (one of FORMATS) and language ``lang`` (id or en); ``feed_link`` is the RSS
    channel's web page."""
    if fmt not in RENDERERS:
        raise ValueError(f"unknown format {fmt!r}: write one of {', '.join(FORMATS)}")
    if lang not in LABELS:
        raise ValueError(f"unknown language {lang!r}: write id or en")
    if fmt == "rss" and feed_link:
        return to_rss(digest, lang, link=feed_link)
    return RENDERERS[fmt](digest, lang)
