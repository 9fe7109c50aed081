"""crawlers.extract.jobposting on the bundled sample site and on every JobPosting shape."""

import gzip
import json
from datetime import datetime, timezone

import pytest
from scrapy.http import Response, TextResponse

from crawlers.extract import jobposting
from crawlers.extract.common import PageError
from sample.server import SAMPLE_DIR
from tests.platforms import read_page

PAGE_URL = "https://lowongan.example/lowongan/contoh"


def html(*json_ld: object, body: str = "") -> bytes:
    """A page with one JSON-LD block per value (text is put in as it is, anything else as JSON)."""
    blocks = "".join(
        f'<script type="application/ld+json">{value if isinstance(value, str) else json.dumps(value)}</script>'
        for value in json_ld
    )
    return f"<!DOCTYPE html><html><head><title>t</title>{blocks}</head><body>{body}</body></html>".encode()


def posting(**fields) -> dict:
    return {"@context": "https://schema.org", "@type": "JobPosting", "title": "Operator Mesin Jahit", "datePosted": "2026-11-01", **fields}


def read(*json_ld: object, body: str = ""):
    return read_page("jobposting", html(*json_ld, body=body), PAGE_URL)


def read_one(**fields):
    page = read(posting(**fields))
    assert not page.rejects, [reject.detail for reject in page.rejects]
    [only] = page.postings
    return only


def sample(name: str):
    return read_page("jobposting", (SAMPLE_DIR / "jobposting" / name).read_bytes(), f"https://lowongan.example/lowongan/{name}")


def test_sample_page_fields():
    page = sample("lwg-1001-backend-developer-golang.html")
    assert (page.record_count, page.rejects) == (1, [])
    [golang] = page.postings
    assert (golang.source, golang.source_id) == ("jobposting", "lowongan.example:LWG-1001")
    assert golang.url == "https://lowongan.example/lowongan/lwg-1001-backend-developer-golang.html"
    assert (golang.title, golang.company) == ("Backend Developer (Golang)", "PT Sawit Digital Nusantara")
    assert golang.description_html.startswith("<p>PT Sawit Digital Nusantara membangun")
    assert golang.description.endswith("Kualifikasi:\nMenguasai Go & PostgreSQL\nTerbiasa dengan REST API dan Docker")
    assert golang.posted_at == datetime(2026, 11, 2, 1, 30, tzinfo=timezone.utc)
    assert golang.valid_through == datetime(2026, 12, 31, 16, 59, 59, tzinfo=timezone.utc)
    assert (golang.employment_type, golang.remote) == ("full_time", None)
    assert (golang.location, golang.country) == ("Jakarta Selatan, DKI Jakarta, ID", "ID")
    assert (golang.pay_min, golang.pay_max, golang.pay_currency, golang.pay_period) == (9_000_000, 14_000_000, "IDR", "month")
    assert (golang.skills, golang.category) == (["Go", "PostgreSQL", "Docker"], "Teknologi Informasi")
    assert golang.raw["identifier"]["value"] == "LWG-1001"


@pytest.mark.parametrize(
    ("salary", "expected"),
    [
        (
            {"@type": "MonetaryAmount", "currency": "IDR", "value": {"@type": "QuantitativeValue", "minValue": 5e6, "maxValue": 7e6, "unitText": "MONTH"}},
            (5e6, 7e6, "IDR", "month"),
        ),
        (
            {"@type": "MonetaryAmount", "currency": "IDR", "value": {"@type": "QuantitativeValue", "value": 120000, "unitText": "HOUR"}},
            (120000, 120000, "IDR", "hour"),
        ),
        ({"@type": "MonetaryAmount", "currency": "USD", "value": {"minValue": "350", "unitText": "day"}}, (350, None, "USD", "day")),
        ({"@type": "MonetaryAmount", "currency": "SGD", "value": {"maxValue": 900, "unitText": "WEEK"}}, (None, 900, "SGD", "week")),
        ({"@type": "MonetaryAmount", "currency": "EUR", "minValue": 30000, "maxValue": 42000, "unitText": "YEAR"}, (30000, 42000, "EUR", "year")),
        ({"@type": "MonetaryAmount", "currency": "idr", "value": 4500000}, (4.5e6, 4.5e6, "IDR", None)),
        ({"@type": "MonetaryAmount", "currency": "Rp", "value": {"value": "4.500.000", "unitText": "MONTH"}}, (4.5e6, 4.5e6, "IDR", "month")),
        ([{"@type": "MonetaryAmount", "currency": "IDR", "value": 6e6}, {"currency": "USD", "value": 400}], (6e6, 6e6, "IDR", None)),
        ({"@type": "MonetaryAmount", "currency": "IDR", "value": {"unitText": "MONTH"}}, (None, None, None, None)),
        (None, (None, None, None, None)),
    ],
    ids=["range", "single", "min-only", "max-only", "own-figures", "value-number", "text-symbol", "list", "no-figure", "absent"],
)
def test_base_salary_shapes(salary, expected):
    found = read_one(baseSalary=salary)
    assert (found.pay_min, found.pay_max, found.pay_currency, found.pay_period) == expected


@pytest.mark.parametrize(("salary", "currency"), [(2_500_000, "IDR"), ("2500000", "IDR"), (2_500_000, None)])
def test_plain_number_salary_takes_salary_currency(salary, currency):
    found = read_one(baseSalary=salary, **({"salaryCurrency": currency} if currency else {}))
    assert (found.pay_min, found.pay_max, found.pay_currency, found.pay_period) == (2.5e6, 2.5e6, currency, None)


def test_salary_that_is_no_number_rejects_the_record_and_keeps_the_others():
    page = read([posting(identifier="A-1", baseSalary="Nego"), posting(identifier="A-2")])
    assert [p.source_id for p in page.postings] == ["lowongan.example:A-2"]
    [reject] = page.rejects
    assert reject.reason == "bad_record" and "Nego" in reject.detail and '"A-1"' in reject.snippet


def test_telecommute_is_remote_and_applicants_location_is_the_location():
    found = read_one(
        jobLocationType="TELECOMMUTE",
        applicantLocationRequirements={"@type": "Country", "name": "Indonesia"},
        jobLocation={"@type": "Place", "address": {"addressLocality": "Singapore", "addressCountry": "SG"}},
    )
    assert found.remote is True
    assert (found.location, found.country) == ("Singapore, SG; Indonesia", "ID")


@pytest.mark.parametrize(
    ("requirements", "location", "country"),
    [
        ([{"@type": "Country", "name": "Indonesia"}, {"@type": "Country", "name": "Malaysia"}], "Indonesia; Malaysia", None),
        ([{"@type": "Country", "name": "Indonesia"}, {"@type": "AdministrativeArea", "name": "Worldwide"}], "Indonesia; Worldwide", None),
        ({"@type": "State", "name": "Jawa Barat"}, "Jawa Barat", None),
        ("Philippines", "Philippines", "PH"),
    ],
)
def test_applicant_location_requirements(requirements, location, country):
    found = read_one(jobLocationType="TELECOMMUTE", applicantLocationRequirements=requirements)
    assert (found.location, found.country) == (location, country)


@pytest.mark.parametrize(
    ("job_location", "location", "country"),
    [
        ({"address": {"addressLocality": "Medan", "addressRegion": "Sumatera Utara", "addressCountry": {"@type": "Country", "name": "Indonesia"}}},
         "Medan, Sumatera Utara, Indonesia", "ID"),
        ([{"address": {"addressLocality": "Surabaya", "addressCountry": "ID"}}, {"address": {"addressLocality": "Denpasar", "addressCountry": "id"}}],
         "Surabaya, ID; Denpasar, id", "ID"),
        ([{"address": {"addressLocality": "Batam", "addressCountry": "ID"}}, {"address": {"addressLocality": "Johor Bahru", "addressCountry": "MY"}}],
         "Batam, ID; Johor Bahru, MY", None),
        ({"@type": "Place", "address": "Jl. Malioboro 5, Yogyakarta"}, "Jl. Malioboro 5, Yogyakarta", None),
        ({"@type": "Place", "name": "Kantor Pusat Semarang"}, "Kantor Pusat Semarang", None),
    ],
)
def test_job_location(job_location, location, country):
    found = read_one(jobLocation=job_location)
    assert (found.location, found.country, found.remote) == (location, country, None)


@pytest.mark.parametrize(
    ("organization", "company"),
    [({"@type": "Organization", "name": "Batik &amp; Tenun Lestari"}, "Batik & Tenun Lestari"), ("UD Sumber Air", "UD Sumber Air"), (None, None)],
)
def test_hiring_organization(organization, company):
    assert read_one(hiringOrganization=organization).company == company


def test_dates():
    found = read_one(datePosted="2026-11-03T09:00:00+07:00", validThrough="2026-12-01")
    assert found.posted_at == datetime(2026, 11, 3, 2, 0, tzinfo=timezone.utc)
    assert found.valid_through == datetime(2026, 12, 1, tzinfo=timezone.utc)
    assert read_one(validThrough=None).valid_through is None


def test_unreadable_date_rejects_the_record():
    [reject] = read(posting(datePosted="kemarin")).rejects
    assert reject.reason == "bad_record" and "kemarin" in reject.detail


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("FULL_TIME", "full_time"),
        ("PART_TIME", "part_time"),
        ("CONTRACTOR", "contract"),
        ("TEMPORARY", "temporary"),
        ("INTERN", "internship"),
        (["VOLUNTEER", "PART_TIME"], "part_time"),
        ("OTHER", None),
    ],
)
def test_employment_type(words, kind):
    assert read_one(employmentType=words).employment_type == kind


@pytest.mark.parametrize(
    ("identifier", "source_id"),
    [
        ({"@type": "PropertyValue", "name": "PT Contoh", "value": "LK-77"}, "lowongan.example:LK-77"),
        ("LK-78", "lowongan.example:LK-78"),
        (9031, "lowongan.example:9031"),
        ([{"@type": "PropertyValue", "value": "LK-79"}], "lowongan.example:LK-79"),
        (None, PAGE_URL),
        ({"@type": "PropertyValue", "name": "PT Contoh"}, PAGE_URL),
    ],
)
def test_identifier_is_the_source_id_on_its_site(identifier, source_id):
    found = read_one(identifier=identifier)
    assert (found.source_id, found.url) == (source_id, PAGE_URL)


def test_postings_without_identifier_on_one_page_are_numbered():
    page = read(posting(title="Satu"), posting(title="Dua", identifier="X-2"), posting(title="Tiga"))
    assert [(p.title, p.source_id) for p in page.postings] == [
        ("Satu", f"{PAGE_URL}#1"), ("Dua", "lowongan.example:X-2"), ("Tiga", f"{PAGE_URL}#2"),
    ]


def test_graph_wrapper_and_nested_lists():
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Lowongan"}, posting(identifier="G-1")]}
    item_list = {"@type": "ItemList", "itemListElement": [{"@type": "ListItem", "item": posting(identifier="L-1")}]}
    page = read(graph, item_list)
    assert [p.source_id for p in page.postings] == ["lowongan.example:G-1", "lowongan.example:L-1"]
    assert page.record_count == 2


@pytest.mark.parametrize("kind", ["schema:JobPosting", ["JobPosting"], "http://schema.org/JobPosting"])
def test_type_spellings(kind):
    assert len(read({**posting(), "@type": kind}).postings) == 1


def test_sample_graph_page_with_escaped_description():
    [design] = sample("lwg-1002-desainer-ui-ux.html").postings
    assert (design.source_id, design.employment_type, design.remote) == ("lowongan.example:LWG-1002", "contract", True)
    assert design.description_html == "<p>Kedai Kode mencari desainer untuk aplikasi kasir UMKM.</p><ul><li>Figma</li><li>Riset pengguna</li></ul>"
    assert design.description == "Kedai Kode mencari desainer untuk aplikasi kasir UMKM.\nFigma\nRiset pengguna"


def test_microdata():
    page = sample("lwg-1003-staf-admin-gudang.html")
    assert (page.record_count, page.rejects) == (1, [])
    [clerk] = page.postings
    assert (clerk.source_id, clerk.title, clerk.company) == ("lowongan.example:LWG-1003", "Staf Admin Gudang (Paruh Waktu)", "CV Rempah Priangan")
    assert (clerk.location, clerk.country, clerk.employment_type) == ("Bandung, Jawa Barat, Indonesia", "ID", "part_time")
    assert (clerk.pay_min, clerk.pay_max, clerk.pay_currency, clerk.pay_period) == (2_800_000, None, "IDR", "month")
    assert clerk.posted_at == datetime(2026, 11, 9, tzinfo=timezone.utc)
    assert clerk.description == "Mencatat stok rempah masuk dan keluar, menyiapkan surat jalan.\n\nSore hari, Senin sampai Jumat."


def test_several_postings_on_one_page():
    page = sample("magang.html")
    assert [(p.source_id, p.title, p.employment_type) for p in page.postings] == [
        ("lowongan.example:LWG-1004", "Magang Pengembang Web", "internship"),
        ("lowongan.example:LWG-1005", "Magang Admin Media Sosial", "internship"),
    ]
    assert {p.url for p in page.postings} == {"https://lowongan.example/lowongan/magang.html"}


def test_json_ld_and_microdata_on_one_page():
    microdata = '<div itemscope itemtype="https://schema.org/JobPosting"><h1 itemprop="title">Juru Masak</h1></div>'
    page = read(posting(title="Pelayan"), body=microdata)
    assert [p.title for p in page.postings] == ["Pelayan", "Juru Masak"]


def test_page_without_jobposting_is_an_empty_page():
    page = sample("tentang.html")
    assert (page.items, page.record_count) == ([], 0)
    assert read(body="<p>Belum ada lowongan.</p>").items == []


def test_broken_json_ld_is_a_reject_and_the_other_blocks_are_kept():
    broken = '{"@context": "https://schema.org", "@type": "JobPosting", "title": "Sopir", "datePosted": '
    page = read(broken, posting(identifier="OK-1"), '{"@type": "BreadcrumbList", "itemListElement": [')
    assert [p.source_id for p in page.postings] == ["lowongan.example:OK-1"]
    [reject] = page.rejects  # the broken breadcrumbs are no posting of ours
    assert (reject.source, reject.reason, reject.url) == ("jobposting", "invalid_json_ld", PAGE_URL)
    assert reject.snippet == broken and reject.detail.startswith("JSONDecodeError")
    assert page.record_count == 2


def test_record_without_title_is_rejected():
    [reject] = read({"@type": "JobPosting", "identifier": "T-1"}).rejects
    assert reject.reason == "missing_field"


@pytest.mark.parametrize(
    ("response", "reason"),
    [
        (TextResponse(PAGE_URL, status=503, body=html(posting())), "http_status"),
        (TextResponse(PAGE_URL, body=b"", encoding="utf-8"), "empty_page"),
        (Response(PAGE_URL, body=b"%PDF-1.7", headers={"Content-Type": "application/pdf"}), "not_html"),
    ],
)
def test_unreadable_pages_raise_page_error(response, reason):
    with pytest.raises(PageError) as error:
        jobposting.read_page(response)
    assert error.value.reason == reason


SITEMAP_URL = "https://lowongan.example/sitemap.xml"


def test_sitemap_index_and_sitemap():
    index = TextResponse(SITEMAP_URL, body=(SAMPLE_DIR / "jobposting" / "sitemap_index.xml").read_bytes())
    assert jobposting.read_sitemap(index, max_size=10**6) == (
        "sitemapindex", ["https://lowongan.example/sitemap-lowongan.xml", "https://lowongan.example/sitemap-halaman.xml"],
    )
    urlset = (SAMPLE_DIR / "jobposting" / "sitemap-lowongan.xml").read_bytes()
    kind, locations = jobposting.read_sitemap(Response(SITEMAP_URL + ".gz", body=gzip.compress(urlset)), max_size=10**6)
    assert (kind, len(locations), locations[0]) == ("urlset", 4, "https://lowongan.example/lowongan/lwg-1001-backend-developer-golang")


@pytest.mark.parametrize(
    "response",
    [
        TextResponse(SITEMAP_URL, body=b"<html><body>Checking your browser</body></html>"),
        TextResponse(SITEMAP_URL, body=b""),
        TextResponse(SITEMAP_URL, body=b'{"urls": []}'),
        Response(SITEMAP_URL + ".gz", body=gzip.compress(b"<urlset>" + b" " * 5000 + b"</urlset>")),
        Response(SITEMAP_URL + ".gz", body=b"\x1f\x8b\x08 cut short"),
    ],
    ids=["html", "empty", "json", "too-big-unpacked", "bad-gzip"],
)
def test_unreadable_sitemap_raises_page_error(response):
    with pytest.raises(PageError) as error:
        jobposting.read_sitemap(response, max_size=1000)
    assert error.value.reason == "invalid_sitemap"
