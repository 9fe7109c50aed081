"""The job kinds of the synthetic labour market (sample/market.py): a table, one row per kind of job.

Each kind has its skill bundle (names from the project taxonomy), the words its postings are written with, its
pay, its share of each board and its trend over the weeks. Invented, except the pay, which follows the real
captures that sample/README.md lists.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    cities pay in proportion to their minimum wage (market_tables.CITIES)."""
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
    """Indonesian-board employment types, as weights over market_tables.EMPLOYMENT_TYPES."""
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
