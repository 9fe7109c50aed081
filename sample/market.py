"""A synthetic labour market: invented postings shaped like real ones, for the demo and the benchmarks.

**Everything here is synthetic.** Titles, companies, clients, descriptions, pay and dates are generated
from the tables in this module and a seed; nothing is copied from a platform and no figure is real market
data. The structure is what the analyses need to show something: job kinds with coherent skill bundles
from the project taxonomy, Zipf-like skill popularity (a few skills in most postings, a long tail of rare
ones), weekly seasonality, and kinds that grow or shrink over the weeks, so that demand, trend and index
charts move.

Two boards are simulated, each as the platform whose format the demo serves it in (sample/synthetic.py):

- ``freelancer``: international freelance projects in English, posted by clients in many countries, all
  remote, with budgets in the client's currency, fixed price (a project budget) or hourly;
- ``kalibrr``: Indonesian jobs in Indonesian, in Indonesian cities, some from home, monthly pay in rupiah
  (shown on about two thirds of them, as Indonesian boards go).

Pay follows what real postings show, measured in the captures of ``../shared/realdata`` (figures only, never their
texts; sample/README.md lists them): a city's salaries scale with its minimum wage (UMK), clerical, sales and service
jobs start at about 0.9 times it and programming at 1.3 to 1.4 times, so that about a third of the salaries shown fall
below the local UMK (the captures: 5 of 9); freelance budgets fall in Freelancer's own fixed-price and hourly brackets,
fixed-price web projects mostly from $30-250 or $250-750 as in its capture. The postings themselves stay invented.

``market_records`` yields one ``MarketPosting`` at a time, with text, for serving through the real
spiders; ``market_posting_set`` builds the same market straight into an ``analysis.data.PostingSet``,
vectorised, for benchmarks of a million postings. For one seed, end date and size both describe the same
postings.
"""

from __future__ import annotations

import functools
import operator
import random
import re
import string
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.data import POSTING_COLUMNS, PostingSet
from crawlers.extract.freelancer import PROJECT_URL
from crawlers.extract.kalibrr import JOB_URL
from pipelines.pay import load_rates
from pipelines.skills.taxonomy import OCCUPATIONS, load_taxonomy

BOARDS = ("freelancer", "kalibrr")
BOARD_SHARES = (0.5, 0.5)
FREELANCER, KALIBRR = range(len(BOARDS))
# Platform ids far from the real ranges (Kalibrr's are in the hundreds of thousands, Freelancer's in the
# tens of millions) and from the bundled sample's, so a synthetic posting never poses as another.
FIRST_PROJECT_ID = 80_000_000
FIRST_JOB_ID = 7_000_000
FIRST_CLIENT_ID = 5_000_000
# Reposts (``reposts``) get ids of their own, past any the market gives its postings.
FIRST_REPOST_ID = 9_000_000
SEO_URL = "synthetic/{title_slug}-{project_id}"  # a synthetic Freelancer project's seo_url

MAX_SKILLS = 8
# Skills per posting: 2 + Binomial(6, 0.4), so 2 to 8, about 4.4 on average.
EXTRA_SKILL_TRIALS, EXTRA_SKILL_CHANCE = 6, 0.4
TAIL_SKILL_CHANCE = 0.12  # a skill from outside the kind's bundle: the long tail
TAIL_IN_CLASS_SHARE = 0.8  # of those, one of the kind's own OLI class; the rest from anywhere
TAIL_ORDER_SEED = 20_260_101  # fixes which tail skills are the more common ones, whatever the market's seed
PAY_SHOWN_SHARE = 0.65  # Indonesian employers showing the salary: 10 of the 16 postings captured (sample/README.md)
RUPIAH_STEP = 250_000
# Salaries for one kind of job in one city vary by about a quarter either way (log-normal spread).
SALARY_SPREAD = 0.25
# Part-time and freelance jobs on the Indonesian board pay about half a month's salary (the captured project-based
# job paid a third of the local UMK).
PART_TIME_PAY = 0.5
BID_DAYS = 7
APPLICATION_DAYS = 30
N_COMPANIES = 2_000
N_CLIENTS = 5_000

# Postings per weekday, Monday first: Indonesian employers post in office hours, freelance clients all week.
WEEKDAY_WEIGHTS = {FREELANCER: (1.05, 1.05, 1.0, 1.0, 0.95, 0.75, 0.7), KALIBRR: (1.25, 1.2, 1.1, 1.05, 0.95, 0.3, 0.15)}
# Soft skills and tools every kind of job asks for now and then, most asked first.
GENERIC_SKILLS = {
    FREELANCER: ("English", "Communication Skills", "Attention to Detail", "Time Management", "Problem Solving"),
    KALIBRR: (
        "Communication Skills", "Teamwork", "Microsoft Office", "Time Management", "Problem Solving",
        "Attention to Detail", "English", "Multitasking", "Working Under Pressure",
    ),
}  # fmt: skip
GENERIC_SKILL_CHANCE = {FREELANCER: 0.2, KALIBRR: 0.45}
EMPLOYMENT_TYPES = ("full_time", "contract", "part_time", "freelance")
KALIBRR_TENURES = ("Full time", "Contractual", "Part time", "Freelance")  # as Kalibrr names EMPLOYMENT_TYPES
# Freelancer's budget brackets in US dollars: fixed-price projects, and hourly rates.
PROJECT_BRACKETS = ((10, 30), (30, 250), (250, 750), (750, 1500), (1500, 3000), (3000, 5000))
HOURLY_BRACKETS = ((2, 8), (8, 15), (15, 25), (25, 50), (50, 100))


@dataclass(frozen=True)
class JobKind:
    """One kind of job: its skill bundle, words, pay, place in the market and trend."""

    key: str
    occupation: str
    """Occupation class (pipelines.skills.taxonomy.OCCUPATIONS): an Online Labour Index class, or `other`."""
    core: tuple[str, ...]
    """Skills nearly every posting of the kind asks for, most asked first; taxonomy names."""
    optional: tuple[str, ...]
    """Skills some postings ask for, most asked first (Zipf-like weights); taxonomy names."""
    role_en: str
    role_id: str
    titles_en: tuple[str, ...]
    """Freelance project titles; ``{skill}`` is the posting's first skill."""
    titles_id: tuple[str, ...]
    """Indonesian-board job titles; ``{skill}`` is the posting's first skill."""
    tasks_en: tuple[str, ...]
    """What the client wants done, to follow "to" in a sentence."""
    tasks_id: tuple[str, ...]
    """Responsibilities, one sentence each."""
    weight: tuple[float, float]
    """Relative number of postings on (freelancer, kalibrr)."""
    growth: float
    """Log of how many more postings the last day of the window has than the first (0: flat)."""
    monthly_idr: float
    """Typical bottom of the monthly salary range in rupiah, full time, in Jakarta (UMP 2026: Rp 5,729,876); other
    cities pay in proportion to their minimum wage (CITIES)."""
    hourly_usd: float
    """Typical freelance hourly rate in US dollars."""
    project_usd: float
    """Typical fixed-price freelance budget in US dollars."""
    from_home: float
    """Share of Indonesian-board postings that are work from home."""
    freelancer_category: str
    kalibrr_function: str
    hourly_share: float = 0.2
    """Share of freelance projects paid by the hour."""
    tenures: tuple[float, float, float, float] = (0.75, 0.17, 0.05, 0.03)
    """Indonesian-board employment types, as weights over EMPLOYMENT_TYPES."""
    employer_kinds: tuple[str, ...] = ("PT", "CV", "PT")
    """Words that open the employer's name on the Indonesian board."""
    bali: bool = False
    """Posted in Bali more than elsewhere (tourism)."""


FREELANCE_TENURES = (0.45, 0.2, 0.15, 0.2)

# monthly_idr is a multiple of Jakarta's UMP of 2026: about 0.82 for tutors and cleaners, 0.84-0.87 for data entry,
# hospitality, cooks, waiters and drivers, 0.91 for office, sales, service and writing jobs, 0.96 for HR, bookkeeping,
# IT support, design and translation, 1.0-1.1 for marketing and video, 1.3-1.4 for programming and UI/UX, 2 for AI
# engineering (sample/README.md: what that was calibrated on).
KINDS: tuple[JobKind, ...] = (
    JobKind(
        key="web_developer", occupation="software_development",
        core=("PHP", "JavaScript", "HTML", "CSS"),
        optional=(
            "Laravel", "MySQL", "WordPress", "React", "Bootstrap", "jQuery", "Vue.js", "Git", "REST API", "Node.js",
            "CodeIgniter", "TypeScript", "Tailwind CSS", "Responsive Web Design",
        ),
        role_en="web developer", role_id="Web Developer",
        titles_en=(
            "{skill} developer for a company website", "Fix bugs on my website ({skill})", "Build a responsive landing page",
            "Website redesign for a small business", "Full-stack developer for a booking website",
        ),
        titles_id=("Web Developer", "Web Developer ({skill})", "Programmer Web", "Full Stack Developer", "Backend Developer ({skill})"),
        tasks_en=("build a company profile website", "fix layout bugs on an existing site", "add a booking form to our website"),
        tasks_id=(
            "Membangun dan memelihara website perusahaan.", "Memperbaiki bug dan mempercepat halaman web.",
            "Bekerja sama dengan tim desain membuat halaman baru.",
        ),
        weight=(16, 12), growth=0.0, monthly_idr=7_400_000, hourly_usd=18, project_usd=300, from_home=0.3,
        freelancer_category="Websites, IT & Software", kalibrr_function="IT and Software",
    ),
    JobKind(
        key="mobile_developer", occupation="software_development",
        core=("Flutter", "Dart", "Android Development"),
        optional=(
            "Kotlin", "Firebase", "REST API", "Mobile App Development", "iOS Development", "Swift", "React Native", "Git",
            "Java", "Google Maps API", "Payment Gateway Integration",
        ),
        role_en="mobile app developer", role_id="Mobile Developer",
        titles_en=("{skill} developer for a delivery app", "Build a simple Android and iOS app", "Fix crashes in my app ({skill})"),
        titles_id=("Mobile Developer ({skill})", "Android Developer", "Flutter Developer", "Programmer Aplikasi Mobile"),
        tasks_en=("build an ordering app for a small shop", "finish an app another developer started", "publish our app to the stores"),
        tasks_id=(
            "Mengembangkan aplikasi Android dan iOS untuk pelanggan.", "Memperbaiki bug dan menambah fitur aplikasi.",
            "Menghubungkan aplikasi dengan server.",
        ),
        weight=(7, 6), growth=0.2, monthly_idr=8_000_000, hourly_usd=20, project_usd=600, from_home=0.3,
        freelancer_category="Mobile Phones & Computing", kalibrr_function="IT and Software",
    ),
    JobKind(
        key="data_analyst", occupation="software_development",
        core=("SQL", "Excel", "Data Analysis"),
        optional=(
            "Python", "Microsoft Power BI", "Looker Studio", "Tableau", "Google Sheets", "Data Visualization", "pandas",
            "Statistics", "Google BigQuery", "Data Cleaning", "Business Intelligence",
        ),
        role_en="data analyst", role_id="Data Analyst",
        titles_en=("Data analyst for sales reports ({skill})", "Build a dashboard from our sales data", "{skill} expert for monthly reporting"),
        titles_id=("Data Analyst", "Data Analyst ({skill})", "Business Intelligence Analyst", "Staf Analis Data"),
        tasks_en=("turn our sales records into a monthly report", "build a dashboard for the management team"),
        tasks_id=("Menyusun laporan penjualan bulanan.", "Membuat dashboard untuk manajemen.", "Menganalisis data pelanggan."),
        weight=(5, 7), growth=0.45, monthly_idr=8_000_000, hourly_usd=20, project_usd=300, from_home=0.25,
        freelancer_category="Websites, IT & Software", kalibrr_function="IT and Software",
    ),
    JobKind(
        key="ai_automation", occupation="software_development",
        core=("Python", "Large Language Models", "OpenAI API", "Prompt Engineering"),
        optional=(
            "Chatbot Development", "LangChain", "n8n", "Make.com", "Zapier", "Retrieval-Augmented Generation", "FastAPI",
            "WhatsApp Business API", "Machine Learning", "Google Apps Script",
        ),
        role_en="AI automation engineer", role_id="AI Engineer",
        titles_en=("AI chatbot for customer questions", "Automate our workflow ({skill})", "AI engineer for a document search tool"),
        titles_id=("AI Engineer", "AI Automation Specialist", "Machine Learning Engineer", "Chatbot Developer ({skill})"),
        tasks_en=("answer customer questions with an AI assistant", "automate invoices and email follow-ups"),
        tasks_id=("Membangun chatbot untuk layanan pelanggan.", "Mengotomatiskan proses kerja internal."),
        weight=(6, 2), growth=1.4, monthly_idr=11_500_000, hourly_usd=30, project_usd=500, from_home=0.5,
        freelancer_category="Websites, IT & Software", kalibrr_function="IT and Software",
    ),
    JobKind(
        key="it_support", occupation="software_development",
        core=("Technical Support", "Computer Networking", "Computer Repair"),
        optional=(
            "Microsoft Office", "Mikrotik", "Windows Server", "Linux", "CCTV Installation", "Active Directory",
            "Help Desk Support", "Network Security", "Cisco Networking",
        ),
        role_en="IT support technician", role_id="IT Support",
        titles_en=("Remote IT support for a small office", "Set up our office network", "IT helpdesk support for our team"),
        titles_id=("IT Support", "Staff IT Support", "Teknisi Jaringan", "IT Helpdesk"),
        tasks_en=("keep our office computers and network running",),
        tasks_id=("Menangani keluhan perangkat komputer karyawan.", "Memelihara jaringan kantor dan perangkatnya."),
        weight=(1, 6), growth=-0.1, monthly_idr=5_500_000, hourly_usd=12, project_usd=150, from_home=0.03,
        freelancer_category="Websites, IT & Software", kalibrr_function="IT and Software",
    ),
    JobKind(
        key="graphic_designer", occupation="creative_multimedia",
        core=("Adobe Photoshop", "Graphic Design", "Adobe Illustrator"),
        optional=(
            "Canva", "CorelDRAW", "Logo Design", "Social Media Graphics", "Brand Identity Design", "Adobe InDesign",
            "Typography", "Packaging Design", "Print Design", "Figma", "Poster Design",
        ),
        role_en="graphic designer", role_id="Graphic Designer",
        titles_en=(
            "Logo and brand kit for a coffee shop", "Designs for a clothing brand ({skill})", "Graphic designer for product packaging",
            "{skill} expert for marketing materials", "Poster and flyer design for an event",
        ),
        titles_id=("Graphic Designer", "Desainer Grafis", "Graphic Designer ({skill})", "Junior Graphic Designer"),
        tasks_en=("design a logo and a small brand kit", "prepare print files for our packaging"),
        tasks_id=("Membuat desain materi promosi.", "Menyiapkan file cetak kemasan produk.", "Menjaga konsistensi identitas merek."),
        weight=(14, 9), growth=-0.3, monthly_idr=5_500_000, hourly_usd=12, project_usd=120, from_home=0.3,
        freelancer_category="Design, Media & Architecture", kalibrr_function="Media and Creatives",
    ),
    JobKind(
        key="video_editor", occupation="creative_multimedia",
        core=("Video Editing", "Adobe Premiere Pro"),
        optional=(
            "CapCut", "Adobe After Effects", "Short-Form Video Editing", "DaVinci Resolve", "Motion Graphics",
            "YouTube Video Editing", "Color Grading", "Final Cut Pro", "Content Creation", "Subtitling",
        ),
        role_en="video editor", role_id="Video Editor",
        titles_en=("Edit short vertical videos for our brand", "Video editor for a weekly channel", "{skill} expert for a product video"),
        titles_id=("Video Editor", "Editor Video", "Video Editor ({skill})", "Content Creator & Video Editor"),
        tasks_en=("edit raw footage into short clips", "cut a two-minute product video"),
        tasks_id=("Mengedit video promosi dan konten harian.", "Menyiapkan video format vertikal dan horizontal."),
        weight=(7, 6), growth=0.6, monthly_idr=6_200_000, hourly_usd=14, project_usd=150, from_home=0.35,
        freelancer_category="Design, Media & Architecture", kalibrr_function="Media and Creatives",
    ),
    JobKind(
        key="ui_ux_designer", occupation="creative_multimedia",
        core=("Figma", "UI/UX Design"),
        optional=(
            "Wireframing", "Prototyping", "UX Research", "Mobile App Design", "Design Systems", "Adobe XD", "Web Design",
            "Interaction Design",
        ),
        role_en="UI/UX designer", role_id="UI/UX Designer",
        titles_en=("UI/UX designer for a mobile app", "Redesign our web app ({skill})", "Design screens for a booking app"),
        titles_id=("UI/UX Designer", "Product Designer", "UI Designer ({skill})"),
        tasks_en=("design the screens of a booking app", "improve the sign-up flow of our web app"),
        tasks_id=("Merancang tampilan aplikasi web dan mobile.", "Melakukan riset pengguna bersama tim produk."),
        weight=(4, 4), growth=0.15, monthly_idr=7_700_000, hourly_usd=22, project_usd=400, from_home=0.4,
        freelancer_category="Design, Media & Architecture", kalibrr_function="Media and Creatives",
    ),
    JobKind(
        key="content_writer", occupation="writing_translation",
        core=("Content Writing", "Article Writing"),
        optional=(
            "SEO Writing", "Copywriting", "Blog Writing", "English", "Proofreading", "Indonesian Language", "WordPress",
            "Keyword Research", "Social Media Copywriting", "Product Description Writing",
        ),
        role_en="content writer", role_id="Content Writer",
        titles_en=("Write 10 blog articles about travel", "Articles for a health website", "Content writer for a tech blog"),
        titles_id=("Content Writer", "Penulis Konten", "SEO Content Writer", "Copywriter"),
        tasks_en=("write weekly articles for our blog", "rewrite the pages of our website"),
        tasks_id=("Menulis artikel untuk website perusahaan.", "Menyunting tulisan sebelum terbit."),
        weight=(10, 4), growth=-0.8, monthly_idr=5_200_000, hourly_usd=10, project_usd=80, from_home=0.5,
        freelancer_category="Writing & Content", kalibrr_function="Writing and Content", tenures=FREELANCE_TENURES,
    ),
    JobKind(
        key="translator", occupation="writing_translation",
        core=("Translation", "English–Indonesian Translation"),
        optional=(
            "Indonesian–English Translation", "Proofreading", "English", "Subtitle Translation", "CAT Tools",
            "Japanese Language", "Transcreation", "Legal Translation", "Website Localization",
        ),
        role_en="translator", role_id="Penerjemah",
        titles_en=("Translate a website from English to Indonesian", "Indonesian translator for a mobile app", "Translate product manuals"),
        titles_id=("Penerjemah Bahasa Inggris", "Translator", "Penerjemah Dokumen"),
        tasks_en=("translate about 20 pages of product documents", "check machine translations of our app"),
        tasks_id=("Menerjemahkan dokumen perusahaan.", "Memeriksa hasil terjemahan sebelum dikirim ke klien."),
        weight=(7, 1.5), growth=-0.6, monthly_idr=5_500_000, hourly_usd=15, project_usd=100, from_home=0.6,
        freelancer_category="Translation & Languages", kalibrr_function="Writing and Content", tenures=FREELANCE_TENURES,
    ),
    JobKind(
        key="digital_marketer", occupation="sales_marketing",
        core=("Digital Marketing", "Social Media Marketing", "Search Engine Optimization"),
        optional=(
            "Facebook Ads", "Instagram Ads", "Google Ads", "Google Analytics", "Content Marketing", "TikTok Ads",
            "Meta Business Suite", "Email Marketing", "Copywriting", "Canva", "Marketing Strategy",
        ),
        role_en="digital marketer", role_id="Digital Marketing Specialist",
        titles_en=("Run ads for an online store", "Marketing for a local business", "{skill} specialist for a product launch"),
        titles_id=("Digital Marketing Specialist", "Digital Marketing Staff", "Social Media Specialist", "SEO Specialist"),
        tasks_en=("grow sales of our online store", "plan and run a product launch campaign"),
        tasks_id=("Merencanakan dan menjalankan kampanye iklan.", "Mengelola akun media sosial perusahaan."),
        weight=(8, 10), growth=0.2, monthly_idr=5_800_000, hourly_usd=15, project_usd=250, from_home=0.25,
        freelancer_category="Sales & Marketing", kalibrr_function="Sales and Marketing",
    ),
    JobKind(
        key="ecommerce_specialist", occupation="sales_marketing",
        core=("Marketplace Management", "Shopee Management", "Tokopedia Management"),
        optional=(
            "TikTok Shop Management", "Live Streaming Selling", "Product Listing", "Online Selling", "Order Fulfillment",
            "Canva", "Flash Sale Management", "Store Rating Management", "Marketplace Advertising",
        ),
        role_en="e-commerce specialist", role_id="E-commerce Specialist",
        titles_en=("Manage our marketplace stores", "Marketplace specialist for a fashion brand", "Marketplace growth ({skill})"),
        titles_id=("E-commerce Specialist", "Marketplace Specialist", "Host Live Streaming", "Staf E-commerce"),
        tasks_en=("run our stores on Indonesian marketplaces",),
        tasks_id=("Mengelola toko online di marketplace.", "Menyiapkan promo dan siaran langsung penjualan."),
        weight=(3, 9), growth=0.7, monthly_idr=5_200_000, hourly_usd=8, project_usd=100, from_home=0.2,
        freelancer_category="Sales & Marketing", kalibrr_function="Sales and Marketing",
    ),
    JobKind(
        key="sales_executive", occupation="sales_marketing",
        core=("Negotiation", "Field Sales", "Customer Relationship Management"),
        optional=(
            "Business Development", "Lead Generation", "Closing Sales", "Sales Reporting", "B2B Sales", "Telemarketing",
            "Microsoft Office", "Product Knowledge", "Sales Target Achievement", "Salesforce CRM",
        ),
        role_en="sales agent", role_id="Sales Executive",
        titles_en=("Lead generation for a B2B software company", "Sales agent on commission", "Appointment setter for sales calls"),
        titles_id=("Sales Executive", "Sales Marketing", "Account Executive", "Sales Representative"),
        tasks_en=("find and call new business customers",),
        tasks_id=("Mencari pelanggan baru dan mencapai target penjualan.", "Menjaga hubungan baik dengan pelanggan."),
        weight=(2, 12), growth=0.0, monthly_idr=5_200_000, hourly_usd=10, project_usd=200, from_home=0.05,
        freelancer_category="Sales & Marketing", kalibrr_function="Sales and Marketing",
    ),
    JobKind(
        key="data_entry", occupation="clerical_data_entry",
        core=("Data Entry", "Excel"),
        optional=(
            "Typing", "Google Sheets", "Data Verification", "Copy Typing", "Web Research Data Collection", "Microsoft Word",
            "PDF Conversion", "Product Data Entry", "Internet Research", "Data Cleanup", "Lead List Building",
        ),
        role_en="data entry clerk", role_id="Staff Input Data",
        titles_en=("Data entry from PDF to Excel", "Copy product data into a spreadsheet", "Web research and data entry"),
        titles_id=("Data Entry", "Staff Input Data", "Admin Data Entry", "Operator Input Data"),
        tasks_en=("copy about 2,000 records into a spreadsheet", "collect contact details from websites"),
        tasks_id=("Menginput data transaksi harian.", "Memeriksa kelengkapan dan kebenaran data."),
        weight=(12, 4), growth=-0.5, monthly_idr=5_000_000, hourly_usd=5, project_usd=40, from_home=0.35,
        freelancer_category="Data Entry & Admin", kalibrr_function="Admin and Office",
    ),
    JobKind(
        key="admin_office", occupation="clerical_data_entry",
        core=("Office Administration", "Microsoft Office"),
        optional=(
            "Excel", "Filing and Archiving", "Document Management", "Microsoft Word", "Correspondence Handling",
            "Secretarial Skills", "Google Workspace", "Attendance Administration", "Purchasing Administration",
            "Receptionist Duties",
        ),
        role_en="administrative assistant", role_id="Staf Administrasi",
        titles_en=("Remote administrative assistant", "Office admin support for a small firm", "Document filing and scheduling"),
        titles_id=("Staff Admin", "Admin Kantor", "Staf Administrasi", "Sekretaris"),
        tasks_en=("keep our documents and schedules in order",),
        tasks_id=("Mengelola surat-menyurat dan arsip kantor.", "Membantu kebutuhan administrasi harian."),
        weight=(2, 13), growth=0.0, monthly_idr=5_200_000, hourly_usd=8, project_usd=60, from_home=0.05,
        freelancer_category="Data Entry & Admin", kalibrr_function="Admin and Office", hourly_share=0.4,
    ),
    JobKind(
        key="customer_service", occupation="clerical_data_entry",
        core=("Customer Service", "Complaint Handling"),
        optional=(
            "Customer Support via Chat", "Phone Support", "Email Support", "English", "Zendesk", "Service Excellence",
            "Customer Retention", "After-Sales Service", "Order Tracking Support",
        ),
        role_en="customer support agent", role_id="Customer Service",
        titles_en=("Chat support agent for an online store", "Customer support via email and chat", "Customer service, night shift"),
        titles_id=("Customer Service", "Customer Service Online", "Staff Customer Service", "Call Center Agent"),
        tasks_en=("answer customer messages within an hour",),
        tasks_id=("Melayani pertanyaan dan keluhan pelanggan.", "Mencatat dan menindaklanjuti keluhan."),
        weight=(4, 10), growth=0.1, monthly_idr=5_200_000, hourly_usd=7, project_usd=100, from_home=0.2,
        freelancer_category="Data Entry & Admin", kalibrr_function="Customer Service", hourly_share=0.5,
    ),
    JobKind(
        key="virtual_assistant", occupation="clerical_data_entry",
        core=("Virtual Assistance", "Email Management", "Calendar Management"),
        optional=(
            "Google Workspace", "Data Entry", "Travel Arrangement", "Social Media Virtual Assistance", "Canva", "Trello",
            "Internet Research", "Executive Assistance", "Notion",
        ),
        role_en="virtual assistant", role_id="Virtual Assistant",
        titles_en=("Virtual assistant for a busy founder", "Part-time VA for email and scheduling", "Assistant for travel bookings"),
        titles_id=("Virtual Assistant", "Asisten Virtual", "Personal Assistant"),
        tasks_en=("manage my inbox, calendar and bookings",),
        tasks_id=("Mengatur jadwal dan email atasan.", "Membantu pemesanan perjalanan dinas."),
        weight=(8, 2), growth=0.3, monthly_idr=5_200_000, hourly_usd=8, project_usd=80, from_home=0.8,
        freelancer_category="Data Entry & Admin", kalibrr_function="Admin and Office", hourly_share=0.6,
        tenures=FREELANCE_TENURES,
    ),
    JobKind(
        key="bookkeeper", occupation="professional_services",
        core=("Accounting", "Bookkeeping"),
        optional=(
            "Excel", "Financial Reporting", "Taxation", "Accurate", "Jurnal by Mekari", "Accounts Payable",
            "Accounts Receivable", "Bank Reconciliation", "Zahir Accounting", "QuickBooks", "Xero", "Brevet Pajak",
        ),
        role_en="bookkeeper", role_id="Staf Akuntansi",
        titles_en=("Bookkeeper for a small online business", "Monthly bookkeeping and financial reports", "Reconcile our accounts ({skill})"),
        titles_id=("Staff Accounting", "Staf Akuntansi", "Bookkeeper", "Staf Pembukuan"),
        tasks_en=("keep the books of a small business", "prepare monthly financial reports"),
        tasks_id=("Mencatat transaksi keuangan harian.", "Menyusun laporan keuangan bulanan."),
        weight=(4, 8), growth=0.05, monthly_idr=5_500_000, hourly_usd=15, project_usd=150, from_home=0.15,
        freelancer_category="Business, Accounting, Human Resources & Legal", kalibrr_function="Accounting and Finance",
    ),
    JobKind(
        key="hospitality", occupation="professional_services",
        core=("Hospitality", "Front Office Operations"),
        optional=(
            "Hotel Reservation", "English", "Property Management System", "Concierge Service",
            "Online Travel Agent Management", "Complaint Handling", "Tour and Travel Operations", "Hotel Management",
            "Service Excellence",
        ),
        role_en="guest relations agent", role_id="Guest Service Agent",
        titles_en=("Remote reservations agent for a villa", "Guest messaging for a holiday rental"),
        titles_id=("Front Office Staff", "Guest Service Agent", "Resepsionis Hotel", "Staf Reservasi"),
        tasks_en=("answer guest messages and manage bookings",),
        tasks_id=("Menyambut dan melayani tamu hotel.", "Menangani reservasi dan check-in tamu."),
        weight=(0.3, 5), growth=0.3, monthly_idr=5_000_000, hourly_usd=6, project_usd=80, from_home=0.0,
        freelancer_category="Local Jobs & Services", kalibrr_function="Hospitality and Food Services",
        employer_kinds=("Hotel", "Resort", "Villa"), bali=True,
    ),
    JobKind(
        key="food_service", occupation="other",
        core=("Food and Beverage Service", "Food Safety and Hygiene"),
        optional=(
            "Culinary Arts", "Kitchen Operations", "Barista", "Indonesian Cuisine", "Baking and Pastry",
            "Cash Handling", "Banquet Service", "Bartending", "Room Service",
        ),
        role_en="cook", role_id="Crew Restoran",
        titles_en=("Private cook for a villa dinner", "Barista for a two-day pop-up event"),
        titles_id=("Juru Masak", "Cook Helper", "Waiter / Waitress", "Barista", "Kitchen Staff"),
        tasks_en=("cook and serve dinner for twelve guests",),
        tasks_id=("Menyiapkan dan memasak menu harian.", "Melayani pesanan tamu dengan ramah."),
        weight=(0.1, 5), growth=0.1, monthly_idr=4_800_000, hourly_usd=5, project_usd=60, from_home=0.0,
        freelancer_category="Local Jobs & Services", kalibrr_function="Hospitality and Food Services",
        employer_kinds=("Rumah Makan", "Restoran", "Kafe", "Hotel"), bali=True,
    ),
    JobKind(
        key="driver_courier", occupation="other",
        core=("Vehicle Driving", "Motorcycle Courier"),
        optional=(
            "Order Tracking Support", "Customer Service", "Automotive Repair", "Communication Skills", "Cash Handling",
            "Stock Administration", "Teamwork",
        ),
        role_en="driver", role_id="Driver",
        titles_en=("Driver for a day tour around Yogyakarta", "Courier to deliver documents across Jakarta"),
        titles_id=("Kurir Motor", "Driver Operasional", "Sopir Pribadi", "Kurir Paket"),
        tasks_en=("drive our guests from the airport to the villa",),
        tasks_id=("Mengantar barang dan dokumen ke pelanggan.", "Merawat kendaraan operasional."),
        weight=(0.1, 4), growth=0.05, monthly_idr=4_900_000, hourly_usd=5, project_usd=40, from_home=0.0,
        freelancer_category="Local Jobs & Services", kalibrr_function="Logistics and Transportation",
        employer_kinds=("PT", "CV", "Ekspedisi"),
    ),
    JobKind(
        key="cleaner", occupation="other",
        core=("Cleaning Services", "Housekeeping"),
        optional=(
            "Laundry Services", "Domestic Work", "Pest Control", "Room Service", "Gardening", "Teamwork",
            "Communication Skills",
        ),
        role_en="cleaner", role_id="Petugas Kebersihan",
        titles_en=("Cleaner for a villa between guests", "Deep cleaning of a small office"),
        titles_id=("Cleaning Service", "Office Boy", "Petugas Kebersihan", "Housekeeping Attendant"),
        tasks_en=("clean and prepare the rooms between bookings",),
        tasks_id=("Menjaga kebersihan kantor dan toilet.", "Menyiapkan ruang rapat dan minuman tamu."),
        weight=(0.1, 4), growth=0.0, monthly_idr=4_700_000, hourly_usd=4, project_usd=40, from_home=0.0,
        freelancer_category="Local Jobs & Services", kalibrr_function="Housekeeping and Cleaning",
    ),
    JobKind(
        key="tutor", occupation="professional_services",
        core=("Tutoring", "English Teaching"),
        optional=(
            "Teaching", "Mathematics Tutoring", "Curriculum Development", "Public Speaking", "IELTS", "Zoom",
            "Google Slides", "Test Preparation Tutoring", "Early Childhood Education",
        ),
        role_en="tutor", role_id="Tutor",
        titles_en=("Online English tutor for kids", "Speaking practice partner for IELTS", "Math tutor for high-school students"),
        titles_id=("Guru Les Privat", "Tutor Bahasa Inggris", "Pengajar Bimbel", "English Teacher"),
        tasks_en=("give two online lessons a week",),
        tasks_id=("Mengajar siswa secara tatap muka dan daring.", "Menyiapkan materi dan latihan soal."),
        weight=(3, 4), growth=0.0, monthly_idr=4_700_000, hourly_usd=10, project_usd=100, from_home=0.4,
        freelancer_category="Education", kalibrr_function="Education and Training", hourly_share=0.5,
        tenures=FREELANCE_TENURES, employer_kinds=("Bimbel", "Lembaga Kursus"),
    ),
    JobKind(
        key="hr_recruiter", occupation="professional_services",
        core=("Recruitment and Selection", "HR Administration"),
        optional=(
            "Interviewing", "Payroll Administration", "BPJS Administration", "Labor Law", "Excel", "CV Screening",
            "Employee Onboarding", "HRIS", "Industrial Relations",
        ),
        role_en="recruiter", role_id="HR Staff",
        titles_en=("Recruiter to source candidates in Indonesia", "HR assistant for onboarding paperwork"),
        titles_id=("HR Staff", "HRD Generalist", "Recruiter", "Staf Personalia"),
        tasks_en=("find candidates for our sales team",),
        tasks_id=("Menjalankan proses rekrutmen karyawan.", "Mengelola data dan administrasi karyawan."),
        weight=(1, 6), growth=-0.2, monthly_idr=5_500_000, hourly_usd=12, project_usd=150, from_home=0.1,
        freelancer_category="Business, Accounting, Human Resources & Legal", kalibrr_function="Human Resources",
    ),
)  # fmt: skip

# Kalibrr-style places: (city, region, minimum wage in 2025 in rupiah a month, weight). Salaries scale with the minimum
# wage: a city pays its UMK over Jakarta's UMP times Jakarta's pay. The figures are the 2025 UMKs of the governors'
# decrees (Jakarta's three cities share the provincial UMP); those of Jakarta, Yogyakarta, Denpasar and Badung are
# the ones in analysis/reference/yardsticks.csv.
CITIES = (
    ("Jakarta Selatan", "DKI Jakarta", 5_396_761, 16), ("Jakarta Pusat", "DKI Jakarta", 5_396_761, 8),
    ("Jakarta Barat", "DKI Jakarta", 5_396_761, 6), ("Tangerang", "Banten", 5_069_708, 6),
    ("Bekasi", "Jawa Barat", 5_690_752, 5), ("Bandung", "Jawa Barat", 4_482_914, 8),
    ("Surabaya", "Jawa Timur", 4_961_753, 8), ("Semarang", "Jawa Tengah", 3_454_827, 4),
    ("Yogyakarta", "DI Yogyakarta", 2_655_042, 5), ("Malang", "Jawa Timur", 3_507_693, 3),
    ("Denpasar", "Bali", 3_298_117, 4), ("Badung", "Bali", 3_534_339, 2), ("Medan", "Sumatera Utara", 4_014_072, 4),
    ("Makassar", "Sulawesi Selatan", 3_880_136, 3), ("Balikpapan", "Kalimantan Timur", 3_701_508, 2),
    ("Palembang", "Sumatera Selatan", 3_916_635, 2),
)  # fmt: skip
JAKARTA_MINIMUM_WAGE = CITIES[0][2]
BALI_WEIGHT = 6  # how much more often tourism kinds post in Bali
# Freelance clients: (ISO code, country name, currency, weight).
CLIENT_COUNTRIES = (
    ("US", "United States", "USD", 26), ("GB", "United Kingdom", "GBP", 9), ("AU", "Australia", "AUD", 8),
    ("IN", "India", "INR", 9), ("CA", "Canada", "CAD", 5), ("DE", "Germany", "EUR", 3), ("NL", "Netherlands", "EUR", 2),
    ("FR", "France", "EUR", 2), ("ID", "Indonesia", "IDR", 7), ("SG", "Singapore", "SGD", 3),
    ("MY", "Malaysia", "MYR", 3), ("AE", "United Arab Emirates", "USD", 4), ("SA", "Saudi Arabia", "USD", 2),
    ("PH", "Philippines", "USD", 2), ("PK", "Pakistan", "USD", 2), ("NG", "Nigeria", "USD", 1),
    ("BR", "Brazil", "USD", 1), ("ZA", "South Africa", "USD", 1),
)  # fmt: skip
CURRENCIES = ("IDR", "USD", "EUR", "GBP", "AUD", "CAD", "INR", "SGD", "MYR")
CURRENCY_SIGNS = {"IDR": "Rp", "USD": "$", "EUR": "€", "GBP": "£", "AUD": "$", "CAD": "$", "INR": "₹", "SGD": "$", "MYR": "RM"}

# Words of invented names: Indonesian employers ("PT Sinar Kode Nusantara") and freelance clients ("tidewell42").
NAME_FIRST = (
    "Sinar", "Cahaya", "Karya", "Mitra", "Tunas", "Lintas", "Pelita", "Bintang", "Samudra", "Rimba", "Kencana",
    "Arunika", "Nawasena", "Sagara", "Baskara", "Lentera", "Purnama", "Sekar", "Tirta", "Gemilang",
)  # fmt: skip
NAME_MIDDLE = (
    "Kode", "Data", "Kreasi", "Niaga", "Media", "Solusi", "Rasa", "Wisata", "Logistik", "Digital", "Sarana",
    "Grafika", "Aksara", "Dagang", "Teknika",
)  # fmt: skip
NAME_LAST = ("Nusantara", "Indonesia", "Mandiri", "Abadi", "Utama", "Sejahtera", "Persada", "Lestari", "Jaya", "Semesta")
HANDLE_FIRST = ("tide", "maple", "harbor", "cedar", "copper", "lumen", "orchid", "pebble", "quarry", "tundra", "willow", "zephyr")
HANDLE_LAST = ("well", "field", "works", "stone", "craft", "ridge", "light", "brook", "gate", "leaf")

# Sentences of the descriptions; {skills} is a list of skills, {role} and {task} come from the kind.
OPENERS_EN = (
    "Looking for a {role} to {task}.", "I need a reliable {role} who can {task}.",
    "Our small team needs a {role} to {task}.",
)  # fmt: skip
REQUIRED_EN = ("Must have solid experience with {skills}.", "You should be comfortable working with {skills}.", "Required skills: {skills}.")
NICE_EN = ("Experience with {skills} is a plus.", "Bonus if you have worked with {skills}.", "Nice to have: {skills}.")
CLOSERS_EN = (
    "Please share links to similar work in your proposal.", "Looking for someone who can start this week.",
    "Long-term work is possible for the right freelancer.",
)  # fmt: skip
OPENERS_ID = (
    "Kami mencari {role} untuk bergabung dengan tim kami di {city}.", "{company} membuka lowongan {role} di {city}.",
)  # fmt: skip
REQUIRED_ID = ("Menguasai {skills}.", "Berpengalaman menggunakan {skills}.", "Terbiasa bekerja dengan {skills}.")
NICE_ID = ("Nilai tambah jika menguasai {skills}.", "Diutamakan yang memahami {skills}.")
SYNTHETIC_NOTE = {
    FREELANCER: "Synthetic posting generated by pasarkerja for its demo; not a real project.",
    KALIBRR: "Lowongan sintetis buatan pasarkerja untuk demo; bukan lowongan sungguhan.",
}
# How postings often write some skills; each form is a taxonomy alias of its skill, so extraction maps it back.
WRITTEN_AS = {
    "Adobe Photoshop": ("Photoshop",), "Adobe Illustrator": ("Illustrator",), "Adobe Premiere Pro": ("Premiere Pro",),
    "Adobe After Effects": ("After Effects",), "Excel": ("MS Excel", "Microsoft Excel"), "Microsoft Office": ("MS Office",),
    "Microsoft Word": ("MS Word",), "Microsoft Power BI": ("Power BI",), "Search Engine Optimization": ("SEO",),
    "Facebook Ads": ("FB Ads", "Meta Ads"), "React": ("ReactJS",), "Vue.js": ("Vue",), "Node.js": ("NodeJS",),
    "Customer Relationship Management": ("CRM",), "Google Workspace": ("G Suite",), "Looker Studio": ("Google Data Studio",),
    "Large Language Models": ("LLM",), "OpenAI API": ("ChatGPT API",), "Tailwind CSS": ("Tailwind",),
    "CorelDRAW": ("Corel Draw",), "Final Cut Pro": ("Final Cut",), "Typing": ("fast typing",),
}  # fmt: skip
WRITTEN_AS_CHANCE = 0.3


@dataclass(frozen=True)
class MarketPosting:
    """One synthetic posting, as its board shows it. Invented from end to end."""

    id: int
    """Number of the posting in its market, from 0."""
    platform: str
    """Board: ``freelancer`` or ``kalibrr`` (the format it is served in, and the store's source)."""
    source_id: str
    """The posting's id on its platform."""
    url: str
    """Its public page, as the platform's extractor builds it."""
    kind: str
    occupation: str
    title: str
    company: str
    """Employer (Indonesian board) or the client's display name (freelance)."""
    employer_id: int
    description: str
    """Plain text, one sentence or bullet a line; English on freelancer, Indonesian on kalibrr."""
    skills: tuple[str, ...]
    """Canonical taxonomy skills the posting asks for, all mentioned in the description; the kind's first."""
    tags: tuple[str, ...]
    """The skills the board lists as tags (a subset of ``skills``; possibly none on kalibrr)."""
    category: str
    posted_at: datetime
    valid_through: datetime
    country: str
    """ISO code of the employer's country (freelance: the client's; the work itself is remote)."""
    city: str | None
    remote: bool
    employment_type: str
    pay_min: float | None
    pay_max: float | None
    pay_currency: str | None
    pay_period: str | None
    """``month`` (kalibrr), ``hour`` or ``project`` (freelancer); None when the pay is not shown."""
    pay_usd_rate: float | None
    """US dollars per unit of ``pay_currency`` as the platform states it (freelancer only)."""


def slug(text: str) -> str:
    """Lower-case words joined by hyphens, as platforms build their page addresses."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def freelancer_seo_url(project_id: int, title_slug: str) -> str:
    """The project's ``seo_url`` (``title_slug`` is ``slug(title)``): its address says it is synthetic."""
    return SEO_URL.format(title_slug=title_slug, project_id=project_id)


def kalibrr_company_code(company: str) -> str:
    """The employer's ``company.code``: its address says it is synthetic."""
    return f"synthetic-{slug(company)}"


def company_name(openers: tuple[str, ...], number: int) -> str:
    """Invented name of Indonesian employer ``number`` (one of N_COMPANIES), opened by one of ``openers``."""
    first, middle, last = (
        NAME_FIRST[number % len(NAME_FIRST)],
        NAME_MIDDLE[number // len(NAME_FIRST) % len(NAME_MIDDLE)],
        NAME_LAST[number // (len(NAME_FIRST) * len(NAME_MIDDLE)) % len(NAME_LAST)],
    )
    opener = openers[number % len(openers)]
    return f"{opener} {first} {middle} {last}" if opener in ("PT", "CV") else f"{opener} {first} {last}"


def client_handle(number: int) -> str:
    """Invented display name of freelance client ``number``."""
    first, last = HANDLE_FIRST[number % len(HANDLE_FIRST)], HANDLE_LAST[number // len(HANDLE_FIRST) % len(HANDLE_LAST)]
    return f"{first}{last}{number // (len(HANDLE_FIRST) * len(HANDLE_LAST))}"


# The market as arrays -----------------------------------------------------------------------------------


@dataclass
class _Market:
    """One synthetic market, a row per posting; ``market_records`` and ``market_posting_set`` read it."""

    board: np.ndarray  # index into BOARDS
    kind: np.ndarray  # index into KINDS
    posted: np.ndarray  # datetime64[s], UTC
    skills: np.ndarray  # (n, MAX_SKILLS) columns of skill_names(); the kind's skills first, most asked first; -1 pads
    title: np.ndarray  # index into the kind's titles for the board
    employer: np.ndarray  # company number (kalibrr) or client number (freelancer)
    place: np.ndarray  # index into CITIES (kalibrr) or CLIENT_COUNTRIES (freelancer)
    remote: np.ndarray
    employment: np.ndarray  # index into EMPLOYMENT_TYPES
    hourly: np.ndarray  # freelance: paid by the hour rather than a fixed price
    pay_min: np.ndarray  # in `currency`, NaN when not shown
    pay_max: np.ndarray
    currency: np.ndarray  # index into CURRENCIES


@functools.lru_cache(maxsize=1)
def skill_names() -> tuple[str, ...]:
    """The taxonomy's skill names, sorted: the columns of ``market_posting_set``'s matrix."""
    return tuple(sorted(skill.name for skill in load_taxonomy().skills))


@functools.lru_cache(maxsize=1)
def _skill_pools() -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Each kind's skills as columns of skill_names() (core first) and their popularity weights."""
    column = {name: number for number, name in enumerate(skill_names())}
    pools, weights = [], []
    for kind in KINDS:
        unknown = [name for name in kind.core + kind.optional if name not in column]
        if unknown:
            raise ValueError(f"job kind {kind.key} names skills not in the taxonomy: {unknown}")
        pools.append(np.array([column[name] for name in kind.core + kind.optional]))
        # Core skills outweigh the whole optional bundle; optional ones follow Zipf's law (weight 1/rank).
        core = [6.0 / (1 + 0.25 * rank) for rank in range(len(kind.core))]
        optional = [1.0 / (rank + 1) for rank in range(len(kind.optional))]
        weights.append(np.array(core + optional))
    return pools, weights


@functools.lru_cache(maxsize=1)
def _tail_pools() -> dict[str | None, tuple[np.ndarray, np.ndarray]]:
    """Long-tail skills of each OLI class, and of the whole taxonomy (key None): columns and Zipf weights.

    The order is a fixed shuffle, so which tail skills are the more common is part of the market, not of a seed.
    """
    taxonomy = load_taxonomy()
    column = {name: number for number, name in enumerate(skill_names())}
    shuffle = np.random.default_rng(TAIL_ORDER_SEED)
    pools = {}
    for occupation in (*OCCUPATIONS, None):
        columns = np.array(
            [column[skill.name] for skill in taxonomy.skills if occupation is None or skill.occupation == occupation]
        )
        columns = shuffle.permutation(columns)
        weights = 1.0 / np.arange(1, columns.size + 1)
        pools[occupation] = (columns, weights / weights.sum())
    return pools


@functools.lru_cache(maxsize=1)
def _platform_rates() -> np.ndarray:
    """US dollars per unit of each of CURRENCIES, as a platform would state it today (the latest table rate)."""
    rates = load_rates()
    return np.array([rates.usd_per_unit(code, None)[0] for code in CURRENCIES])


def _weighted_choice(rng: np.random.Generator, weights, size: int) -> np.ndarray:
    weights = np.asarray(weights, dtype=float)
    return rng.choice(weights.size, size=size, p=weights / weights.sum())


def _draw_days(rng: np.random.Generator, growth: np.ndarray, board: np.ndarray, start: date, days: int) -> np.ndarray:
    """Day of the window (0 = start) of each posting: exponential trend by kind, then weekday seasonality."""
    day = np.empty(growth.size, dtype=np.int64)
    pending = np.arange(growth.size)
    weekday_weights = np.array([WEEKDAY_WEIGHTS[FREELANCER], WEEKDAY_WEIGHTS[KALIBRR]])
    weekday_weights /= weekday_weights.max()
    while pending.size:
        # Inverse of the CDF of a density proportional to exp(g x) on [0, 1).
        g, u = growth[pending], rng.random(pending.size)
        safe_g = np.where(g == 0, 1.0, g)
        x = np.where(g == 0, u, np.log1p(u * np.expm1(safe_g)) / safe_g)
        candidate = np.minimum((x * days).astype(np.int64), days - 1)
        # Keep a day with probability its weekday's weight (thinning), draw again for the others.
        weekday = (start.weekday() + candidate) % 7
        kept = rng.random(pending.size) < weekday_weights[board[pending], weekday]
        day[pending[kept]] = candidate[kept]
        pending = pending[~kept]
    return day


def _draw_skills(rng: np.random.Generator, board: np.ndarray, kind: np.ndarray) -> np.ndarray:
    """(n, MAX_SKILLS) skill columns: a weighted sample without replacement from the kind's bundle (in the
    bundle's order, core skills first), then now and then a generic skill and a tail skill; -1 pads."""
    n = kind.size
    pools, pool_weights = _skill_pools()
    column = {name: number for number, name in enumerate(skill_names())}
    wanted = 2 + rng.binomial(EXTRA_SKILL_TRIALS, EXTRA_SKILL_CHANCE, n)
    generic = rng.random(n) < np.where(board == KALIBRR, GENERIC_SKILL_CHANCE[KALIBRR], GENERIC_SKILL_CHANCE[FREELANCER])
    tail = rng.random(n) < TAIL_SKILL_CHANCE
    from_bundle = np.clip(wanted - generic - tail, 2, MAX_SKILLS - generic - tail)

    skills = np.full((n, MAX_SKILLS), -1, dtype=np.int64)
    for number, (pool, weights) in enumerate(zip(pools, pool_weights, strict=True)):
        rows = np.flatnonzero(kind == number)
        # Gumbel top-k: the k largest of log-weight + Gumbel noise are a weighted sample without replacement.
        keys = np.log(weights) - np.log(-np.log(rng.random((rows.size, pool.size))))
        threshold = np.sort(keys, axis=1)[np.arange(rows.size), pool.size - from_bundle[rows]]
        taken = keys >= threshold[:, None]
        # Row-major order keeps the bundle's order; each taken skill goes to the next free slot of its row.
        row, position = np.nonzero(taken)
        skills[rows[row], (np.cumsum(taken, axis=1) - 1)[row, position]] = pool[position]

    extra = np.full(n, -1)
    for board_number, names in GENERIC_SKILLS.items():
        rows = np.flatnonzero(generic & (board == board_number))
        choices = np.array([column[name] for name in names])
        extra[rows] = choices[_weighted_choice(rng, 1.0 / np.arange(1, choices.size + 1), rows.size)]
    _append(skills, from_bundle, extra)

    occupation_of_kind = np.array([OCCUPATIONS.index(k.occupation) for k in KINDS])
    in_class = rng.random(n) < TAIL_IN_CLASS_SHARE
    pools_by_class = _tail_pools()
    extra = np.full(n, -1)
    for number, occupation in enumerate((*OCCUPATIONS, None)):
        rows = np.flatnonzero(tail & (~in_class if occupation is None else in_class & (occupation_of_kind[kind] == number)))
        columns, weights = pools_by_class[occupation]
        extra[rows] = columns[rng.choice(columns.size, size=rows.size, p=weights)]
    _append(skills, (skills >= 0).sum(axis=1), extra)
    return skills


def _append(skills: np.ndarray, counts: np.ndarray, extra: np.ndarray) -> None:
    """Put ``extra[i]`` (-1: none) after the ``counts[i]`` skills of row i, unless the row has it already."""
    rows = np.flatnonzero((extra >= 0) & ~(skills == extra[:, None]).any(axis=1))
    skills[rows, counts[rows]] = extra[rows]


def _round_significant(values: np.ndarray, digits: int = 2) -> np.ndarray:
    """``values`` rounded to ``digits`` significant figures, as people write budgets."""
    magnitude = 10.0 ** (np.floor(np.log10(values)) - (digits - 1))
    return np.round(values / magnitude) * magnitude


def _draw_market(n: int, seed: int, end: date | None, weeks: int) -> _Market:
    if n < 0 or weeks < 1:
        raise ValueError(f"need n >= 0 and weeks >= 1, got n={n}, weeks={weeks}")
    end = end or datetime.now(timezone.utc).date()
    days = 7 * weeks
    start = end - timedelta(days=days - 1)
    rng = np.random.default_rng(seed)

    board = _weighted_choice(rng, BOARD_SHARES, n)
    kind = np.empty(n, dtype=np.int64)
    for number in range(len(BOARDS)):
        rows = np.flatnonzero(board == number)
        kind[rows] = _weighted_choice(rng, [k.weight[number] for k in KINDS], rows.size)
    on_kalibrr = board == KALIBRR

    growth = np.array([k.growth for k in KINDS])[kind]
    day = _draw_days(rng, growth, board, start, days)
    # Indonesian employers post in office hours (07:00-19:00 WIB is 00:00-12:00 UTC); clients around the clock.
    office_hour = np.clip(rng.normal(3.0, 2.0, n), 0, 11.99)
    seconds = np.where(on_kalibrr, office_hour * 3600, rng.random(n) * 86_400).astype(np.int64)
    posted = np.datetime64(start, "s") + day.astype("timedelta64[D]") + seconds.astype("timedelta64[s]")
    # A market ending today has no postings later than now: those move back a day.
    now = np.datetime64(datetime.now(timezone.utc).replace(tzinfo=None), "s")
    posted = np.where(posted > now, posted - np.timedelta64(1, "D"), posted)

    skills = _draw_skills(rng, board, kind)
    title_counts = np.array([[len(k.titles_en), len(k.titles_id)] for k in KINDS])[kind, board]
    title = (rng.random(n) * title_counts).astype(np.int64)

    # Big employers and frequent clients post much more than the rest: a skewed draw of their numbers.
    employer = np.where(
        on_kalibrr, (N_COMPANIES * rng.random(n) ** 3).astype(np.int64), (N_CLIENTS * rng.random(n) ** 2).astype(np.int64)
    )
    client_country = _weighted_choice(rng, [row[3] for row in CLIENT_COUNTRIES], N_CLIENTS)
    city_weights = np.array([row[3] for row in CITIES], dtype=float)
    bali_weights = city_weights * np.where([row[1] == "Bali" for row in CITIES], BALI_WEIGHT, 1)
    in_bali_kind = np.array([k.bali for k in KINDS])[kind]
    city = np.where(in_bali_kind, _weighted_choice(rng, bali_weights, n), _weighted_choice(rng, city_weights, n))
    place = np.where(on_kalibrr, city, client_country[employer])

    remote = ~on_kalibrr | (rng.random(n) < np.array([k.from_home for k in KINDS])[kind])
    tenure_cdf = np.cumsum([np.array(k.tenures) / sum(k.tenures) for k in KINDS], axis=1)[kind]
    tenure = np.minimum((rng.random(n)[:, None] > tenure_cdf).sum(axis=1), len(EMPLOYMENT_TYPES) - 1)
    employment = np.where(on_kalibrr, tenure, EMPLOYMENT_TYPES.index("freelance"))

    # Indonesian monthly salaries: the kind's pay in Jakarta x the city's minimum wage over Jakarta's x personal spread,
    # halved for part-time and freelance jobs, in steps of Rp 250,000. The top of the range is 1.1 to 2 times the
    # bottom, most often about 1.3 (the captures: 1.11 to 2.00, median 1.25).
    city_factor = np.array([row[2] for row in CITIES])[city] / JAKARTA_MINIMUM_WAGE
    part_time = np.isin(employment, [EMPLOYMENT_TYPES.index("part_time"), EMPLOYMENT_TYPES.index("freelance")])
    salary = (
        np.array([k.monthly_idr for k in KINDS])[kind]
        * city_factor
        * np.where(part_time, PART_TIME_PAY, 1.0)
        * np.exp(rng.normal(0, SALARY_SPREAD, n))
    )
    salary_min = np.maximum(np.round(salary / RUPIAH_STEP), 1) * RUPIAH_STEP
    top = 1.1 + 0.9 * rng.random(n) ** 2
    salary_max = np.maximum(np.round(salary_min * top / RUPIAH_STEP) * RUPIAH_STEP, salary_min)
    shown = rng.random(n) < PAY_SHOWN_SHARE

    # Freelance budgets: a figure around the kind's typical rate or budget falls in one of Freelancer's brackets,
    # stated in the client's currency.
    hourly = ~on_kalibrr & (rng.random(n) < np.array([k.hourly_share for k in KINDS])[kind])
    typical = np.where(hourly, np.array([k.hourly_usd for k in KINDS])[kind], np.array([k.project_usd for k in KINDS])[kind])
    figure = typical * np.exp(rng.normal(0, 0.6, n))
    hourly_brackets, project_brackets = np.array(HOURLY_BRACKETS, dtype=float), np.array(PROJECT_BRACKETS, dtype=float)
    hourly_bracket = hourly_brackets[np.clip(np.searchsorted(hourly_brackets[:, 0], figure, "right") - 1, 0, None)]
    project_bracket = project_brackets[np.clip(np.searchsorted(project_brackets[:, 0], figure, "right") - 1, 0, None)]
    budget_usd = np.where(hourly[:, None], hourly_bracket, project_bracket)
    client_currency = np.array([CURRENCIES.index(row[2]) for row in CLIENT_COUNTRIES])[client_country[employer]]
    currency = np.where(on_kalibrr, CURRENCIES.index("IDR"), client_currency)
    budget = _round_significant(budget_usd / _platform_rates()[currency][:, None])

    return _Market(
        board=board,
        kind=kind,
        posted=posted,
        skills=skills,
        title=title,
        employer=employer,
        place=place,
        remote=remote,
        employment=employment,
        hourly=hourly,
        pay_min=np.where(on_kalibrr, np.where(shown, salary_min, np.nan), budget[:, 0]),
        pay_max=np.where(on_kalibrr, np.where(shown, salary_max, np.nan), budget[:, 1]),
        currency=currency,
    )


def _title(kind: JobKind, board: int, template: int, first_skill: str) -> str:
    return (kind.titles_id if board == KALIBRR else kind.titles_en)[template].format(skill=first_skill)


def _source_id(board: int, number: int) -> int:
    return (FIRST_JOB_ID if board == KALIBRR else FIRST_PROJECT_ID) + number


def _url(board: int, source_id: int, title: str, company: str) -> str:
    if board == KALIBRR:
        return JOB_URL.format(company=kalibrr_company_code(company), id=source_id, slug=slug(title))
    return PROJECT_URL.format(seo_url=freelancer_seo_url(source_id, slug(title)))


def _company(board: int, openers: tuple[str, ...], employer: int) -> str:
    return company_name(openers, employer) if board == KALIBRR else client_handle(employer)


# Postings one at a time, with text ----------------------------------------------------------------------


def market_records(n: int, seed: int = 0, end: date | None = None, weeks: int = 26) -> Iterator[MarketPosting]:
    """``n`` synthetic postings over the ``weeks`` weeks ending on ``end`` (default: today, UTC).

    The same arguments give the same postings (for a market ending today, the same until the clock passes one
    of today's: none is dated later than now). About half are freelance projects, half Indonesian jobs.
    """
    market = _draw_market(n, seed, end, weeks)
    names = skill_names()
    rates = _platform_rates()
    writer = random.Random(f"pasarkerja-market-{seed}")  # the words only; every figure comes from the market
    for number in range(n):
        board, kind = int(market.board[number]), KINDS[market.kind[number]]
        skills = tuple(names[column] for column in market.skills[number] if column >= 0)
        title = _title(kind, board, int(market.title[number]), skills[0])
        employer = int(market.employer[number])
        company = _company(board, kind.employer_kinds, employer)
        source_id = _source_id(board, number)
        posted_at = market.posted[number].astype(datetime).replace(tzinfo=timezone.utc)
        city = CITIES[market.place[number]][0] if board == KALIBRR else None
        written = [_written(name, writer) for name in skills]
        if board == KALIBRR:
            valid_through = datetime.combine(posted_at.date() + timedelta(days=APPLICATION_DAYS), time(16, 59, 59), timezone.utc)
            description = _description_id(kind, written, company, city, bool(market.remote[number]), writer)
            # Many Kalibrr jobs list no skills at all; the others list a few.
            tags = skills[: writer.randint(1, 5)] if writer.random() < 0.6 else ()
            period = "month" if not np.isnan(market.pay_min[number]) else None
        else:
            valid_through = posted_at + timedelta(days=BID_DAYS)
            description = _description_en(kind, written, writer)
            tags = skills[:5]
            period = "hour" if market.hourly[number] else "project"
        currency = CURRENCIES[market.currency[number]] if period else None
        yield MarketPosting(
            id=number,
            platform=BOARDS[board],
            source_id=str(source_id),
            url=_url(board, source_id, title, company),
            kind=kind.key,
            occupation=kind.occupation,
            title=title,
            company=company,
            employer_id=employer,
            description=description,
            skills=skills,
            tags=tags,
            category=kind.kalibrr_function if board == KALIBRR else kind.freelancer_category,
            posted_at=posted_at,
            valid_through=valid_through,
            country="ID" if board == KALIBRR else CLIENT_COUNTRIES[market.place[number]][0],
            city=city,
            remote=bool(market.remote[number]),
            employment_type=EMPLOYMENT_TYPES[market.employment[number]],
            pay_min=None if period is None else float(market.pay_min[number]),
            pay_max=None if period is None else float(market.pay_max[number]),
            pay_currency=currency,
            pay_period=period,
            pay_usd_rate=float(rates[market.currency[number]]) if board == FREELANCER else None,
        )


def reposts(
    postings: Sequence[MarketPosting], share: float = 0.04, seed: int = 0, now: datetime | None = None
) -> list[MarketPosting]:
    """The same job posted again under a new id, as employers do when a vacancy stays open: a ``share`` of the
    Indonesian jobs (kalibrr) drawn, each again 5 to 20 days after it first appeared (those that would be reposted
    after ``now`` are not), with the same title, employer and text. For the demo, where each vacancy must still
    count once."""
    now = now or datetime.now(timezone.utc)
    chooser = random.Random(f"pasarkerja-reposts-{seed}")
    jobs = [posting for posting in postings if posting.platform == "kalibrr"]
    chosen = sorted(chooser.sample(jobs, round(len(jobs) * share)), key=lambda posting: posting.id)
    again = []
    for posting in chosen:
        posted_at = posting.posted_at + timedelta(days=chooser.randint(5, 20))
        if posted_at > now:
            continue
        source_id = FIRST_REPOST_ID + len(again)
        again.append(
            replace(
                posting,
                source_id=str(source_id),
                url=_url(KALIBRR, source_id, posting.title, posting.company),
                posted_at=posted_at,
                valid_through=datetime.combine(
                    posted_at.date() + timedelta(days=APPLICATION_DAYS), time(16, 59, 59), timezone.utc
                ),
            )
        )
    return again


def _written(name: str, writer: random.Random) -> str:
    """How a posting writes a skill: its name, or now and then a common short form (WRITTEN_AS)."""
    forms = WRITTEN_AS.get(name)
    return writer.choice(forms) if forms and writer.random() < WRITTEN_AS_CHANCE else name


def _listed(skills: list[str], conjunction: str) -> str:
    return skills[0] if len(skills) == 1 else f"{', '.join(skills[:-1])} {conjunction} {skills[-1]}"


def _split(skills: list[str]) -> tuple[list[str], list[str]]:
    """Required skills (the first half, rounded up) and nice-to-have ones."""
    required = (len(skills) + 1) // 2
    return skills[:required], skills[required:]


def _description_en(kind: JobKind, skills: list[str], writer: random.Random) -> str:
    required, nice = _split(skills)
    lines = [
        writer.choice(OPENERS_EN).format(role=kind.role_en, task=writer.choice(kind.tasks_en)),
        writer.choice(REQUIRED_EN).format(skills=_listed(required, "and")),
    ]
    if nice:
        lines.append(writer.choice(NICE_EN).format(skills=_listed(nice, "and")))
    lines += [writer.choice(CLOSERS_EN), SYNTHETIC_NOTE[FREELANCER]]
    return "\n".join(lines)


def _description_id(kind: JobKind, skills: list[str], company: str, city: str, remote: bool, writer: random.Random) -> str:
    required, nice = _split(skills)
    lines = [writer.choice(OPENERS_ID).format(role=kind.role_id, company=company, city=city), *kind.tasks_id]
    lines.append(writer.choice(REQUIRED_ID).format(skills=_listed(required, "dan")))
    if nice:
        lines.append(writer.choice(NICE_ID).format(skills=_listed(nice, "dan")))
    lines += ["Bisa bekerja dari rumah (WFH)." if remote else f"Penempatan di {city}.", SYNTHETIC_NOTE[KALIBRR]]
    return "\n".join(lines)


# The whole market as a PostingSet -----------------------------------------------------------------------


def market_posting_set(n: int, seed: int = 0, end: date | None = None, weeks: int = 26) -> PostingSet:
    """``n`` synthetic postings as an analysis PostingSet, built with array operations (a million in seconds).

    Row i is ``market_records``' posting i for the same arguments, with the columns the store's loader gives
    (``id`` is i + 1): pay normalised as pipelines.pay does it, the OLI class of the posting's kind, the skill
    matrix over every taxonomy skill (sorted names) and each skill's taxonomy group.
    """
    market = _draw_market(n, seed, end, weeks)
    names = skill_names()
    board, kind = market.board, market.kind
    on_kalibrr = board == KALIBRR

    # Text columns: each distinct string is built once in Python, then the rows take theirs (Arrow strings).
    titles, title_rows = _distinct(
        lambda b, k, template, skill: _title(KINDS[k], b, template, names[skill]),
        board, kind, market.title, market.skills[:, 0],
    )  # fmt: skip
    opener_sets = list(dict.fromkeys(k.employer_kinds for k in KINDS))
    openers = np.array([opener_sets.index(k.employer_kinds) for k in KINDS])[kind]
    companies, company_rows = _distinct(
        lambda b, o, employer: _company(b, opener_sets[o], employer), board, np.where(on_kalibrr, openers, 0), market.employer
    )
    title_slugs = _strings([slug(title) for title in titles], title_rows)
    company_codes = _strings([kalibrr_company_code(company) for company in companies], company_rows)
    source_ids = pd.Series(np.where(on_kalibrr, FIRST_JOB_ID, FIRST_PROJECT_ID) + np.arange(n)).astype("str")
    jobs, projects = on_kalibrr, ~on_kalibrr
    urls = pd.concat([
        _formatted(JOB_URL, company=company_codes[jobs], id=source_ids[jobs], slug=title_slugs[jobs]),
        _formatted(PROJECT_URL, seo_url=_formatted(SEO_URL, title_slug=title_slugs[projects], project_id=source_ids[projects])),
    ]).sort_index()

    posted_on = market.posted.astype("datetime64[D]")
    closes = np.where(
        on_kalibrr, market.posted + np.timedelta64(APPLICATION_DAYS, "D"), market.posted + np.timedelta64(BID_DAYS, "D")
    )
    places = [f"{city}, {region}" for city, region, *_ in CITIES]

    postings = pd.DataFrame({
        "id": np.arange(1, n + 1, dtype=np.int64),
        "source": _strings(BOARDS, board).array,
        "url": urls.array,
        "title": _strings(titles, title_rows).array,
        "company": _strings(companies, company_rows).array,
        "posted_on": posted_on.astype("datetime64[us]"),
        # A freelance project's work place is remote and stored without a country, as the store does.
        "location": _strings(["Remote", *places], np.where(on_kalibrr, market.place + 1, 0)).array,
        "country": _strings([None, "ID"], on_kalibrr.astype(np.int64)).array,
        "remote": market.remote.astype(object),
        "employment_type": _strings(EMPLOYMENT_TYPES, market.employment).array,
        "oli_occupation": _strings([k.occupation for k in KINDS], kind).array,
        **_normalised_pay(market, posted_on),
        "pay_period": np.where(on_kalibrr, "month", np.where(market.hourly, "hour", "project")).astype(object),
        "valid_through": closes.astype("datetime64[D]").astype("datetime64[us]"),
    })[list(POSTING_COLUMNS)]

    present = market.skills >= 0
    rows = np.broadcast_to(np.arange(n)[:, None], market.skills.shape)[present]
    matrix = sparse.csr_matrix(
        (np.ones(rows.size, dtype=np.int32), (rows, market.skills[present])), shape=(n, len(names))
    )
    groups = {skill.name: skill.group for skill in load_taxonomy().skills}
    return PostingSet(postings, matrix, list(names), {name: groups[name] for name in names})


def _distinct(build: Callable[..., str], *columns: np.ndarray) -> tuple[list[str], np.ndarray]:
    """``build(*values)`` for each distinct row of ``columns`` (non-negative integer arrays), and the index of
    each row's string among them."""
    shape = tuple(int(column.max()) + 1 if column.size else 1 for column in columns)
    codes, rows = np.unique(np.ravel_multi_index(columns, shape), return_inverse=True)
    return [build(*(int(value) for value in values)) for values in zip(*np.unravel_index(codes, shape), strict=True)], rows


def _strings(values: Sequence[str | None], rows: np.ndarray) -> pd.Series:
    """The column whose row i is ``values[rows[i]]``."""
    return pd.Series(pd.array(values, dtype="str").take(rows))


def _formatted(template: str, **fields: pd.Series) -> pd.Series:
    """``template.format(**fields)`` row by row, as vectorised string concatenation (the fields share an index)."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(template):
        parts += [literal] if literal else []
        parts += [fields[name]] if name is not None else []
    return functools.reduce(operator.add, parts)


def _normalised_pay(market: _Market, posted_on: np.ndarray) -> dict[str, np.ndarray]:
    """The pay columns of PostingSet.postings as pipelines.pay fills them, each kind in its own: a monthly salary
    (rupiah and dollars), an hourly rate and a fixed-price budget (rupiah), the middle of each range; converted with
    the platform's rate to dollars where it states one, else the table's rate for the year posted."""
    rates = load_rates()
    years = posted_on.astype("datetime64[Y]").astype(np.int64) + 1970
    usd_per_rupiah = np.empty(years.size)
    for year in np.unique(years):
        usd_per_rupiah[years == year] = rates.usd_per_unit("IDR", int(year))[0]
    middle = (market.pay_min + market.pay_max) / 2
    on_kalibrr = market.board == KALIBRR
    usd = np.where(on_kalibrr, middle * usd_per_rupiah, middle * _platform_rates()[market.currency])
    rupiah = np.where(on_kalibrr, middle, usd / usd_per_rupiah)
    kind = np.where(on_kalibrr, "salaried", np.where(market.hourly, "hourly", "project"))
    paid = ~np.isnan(rupiah)
    return {
        "pay_kind": np.where(paid, kind, None).astype(object),
        "pay_idr_month": np.where(kind == "salaried", rupiah, np.nan),
        "pay_usd_month": np.where(kind == "salaried", usd, np.nan),
        "pay_idr_hour": np.where(kind == "hourly", rupiah, np.nan),
        "pay_idr_one_off": np.where(kind == "project", rupiah, np.nan),
    }
