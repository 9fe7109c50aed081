"""The figures of the synthetic labour market (sample/market.py) other than its job kinds (sample/market_kinds.py):
its boards and their ids, how many skills a posting asks for, how pay is drawn, when postings appear, and the places,
clients and currencies. The pay figures follow the real captures that sample/README.md lists; the rest is invented.
"""

from __future__ import annotations

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
