"""Pages holding the site's status tables ("trackers"), rendered by the site's own renderers
(thlao.render.activities_table and status_table, through thlao/templates/activities_table.html)
from a dataset made here, for tests/test_filter.py and bench/filter.py.

The dataset is hand-written (ROWS: Thai and English, every status, kind and agreement, dates at
every precision) and, for the long tables, varied at random with a fixed seed (many_rows). The
pages load no theme unless asked: the site's fonts, tracker.css, thai-match.js and tracker.js;
with a Material colour scheme, Material's styles and site.css too.
"""
import random
import re
import shutil
from datetime import date
from functools import cache
from html import escape
from pathlib import Path

import material

from harness.site import ROOT
from thlao import config, render
from thlao.data import Dataset
from thlao.templating import Templating

ASSETS = ["assets/tracker.css", "assets/javascripts/thai-match.js",
          "assets/javascripts/tracker.js", "assets/fonts", "assets/site.css"]
MATERIAL_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
PAUSE = 0.3  # s: tracker.js announces the count and sets the URL once the reader has paused this long
TODAY = date(2026, 6, 15)  # the tables show no date worked out against today; a Context needs one


def pause(page) -> None:
    """Wait as a reader pausing: the count is announced and the URL set then."""
    page.wait_for_timeout(PAUSE * 1000 + 200)


AREAS = {"broadband": ("โครงข่ายบรอดแบนด์", "Broadband networks"),
         "cybersecurity": ("ความมั่นคงปลอดภัยไซเบอร์", "Cybersecurity"),
         "skills": ("ทักษะดิจิทัล", "Digital skills"),
         "egov": ("รัฐบาลดิจิทัล", "Digital government"),
         "postal": ("ไปรษณีย์และโลจิสติกส์", "Postal services and logistics")}
AGREEMENTS = {"mou-2018": ("บันทึกความเข้าใจ พ.ศ. 2561", "MOU 2018"),
              "mou-2022": ("บันทึกความเข้าใจ พ.ศ. 2565", "MOU 2022")}

# (id, Thai title, English title, Thai description, English description, area, agreement, status,
#  kind, last confirmed: partial ISO date or "unknown"). Areas in the order of AREAS, as the status
# page serves them. The four rows confirmed in January 2018 test the sort by first day: the
# year, the month and the first day tie (kept in this order), and all come before the 15th.
ROWS = [
    ("border-broadband-study", "ศึกษาความเป็นไปได้ของโครงข่ายบรอดแบนด์ชายแดน",
     "Feasibility study of a cross-border broadband network", "รายงานฉบับร่าง ปี 2562", "Draft report, 2019",
     "broadband", "mou-2018", "closed", "plan", "2019-08"),
    ("nongkhai-link", "ขยายโครงข่ายบรอดแบนด์ชายแดนหนองคาย–เวียงจันทน์",
     "Broadband backbone from Nong Khai to Vientiane", "เส้นทางใยแก้วนำแสงข้ามแม่น้ำโขง",
     "Fibre across the Mekong", "broadband", "mou-2018", "implementation", "plan", "2023-05-10"),
    ("mukdahan-link", "เชื่อมต่อใยแก้วนำแสงมุกดาหาร–สะหวันนะเขต", "Fibre link Mukdahan–Savannakhet",
     "ระยะที่ 1", "Phase 1", "broadband", "mou-2022", "pipeline", "matter", "2022-11"),
    ("rural-wifi", "จุดให้บริการอินเทอร์เน็ตไร้สายในหมู่บ้านชนบท", "Wi-Fi hotspots in rural villages",
     "ร่วมกับหน่วยงานท้องถิ่น", "With local authorities", "broadband", "mou-2022", "not-reported", "plan",
     "unknown"),
    ("roaming", "ลดอัตราค่าบริการโทรข้ามแดนระหว่างสองประเทศ", "Lower roaming charges between the two countries",
     "หารือกับผู้ให้บริการ 4 ราย", "Talks with 4 operators", "broadband", "mou-2018", "suspended",
     "discussed", "2020"),
    ("5g-trial", "ทดลองใช้งาน 5G ในเขตเศรษฐกิจพิเศษ", "5G trial in a special economic zone",
     "Special Economic Zone pilot", "Pilot", "broadband", "mou-2022", "pipeline", "plan", "2024-02"),
    ("spectrum", "ประสานการใช้คลื่นความถี่บริเวณชายแดน", "Coordinating spectrum use along the border",
     "ป้องกันสัญญาณรบกวน", "Against interference", "broadband", "mou-2022", "implementation", "matter",
     "2024-03-15"),
    ("cert-exchange", "แลกเปลี่ยนข้อมูลภัยคุกคามระหว่างศูนย์ประสานการรักษาความปลอดภัยคอมพิวเตอร์",
     "Threat information shared between the computer emergency response teams", "ThaiCERT และ LaoCERT",
     "ThaiCERT and LaoCERT", "cybersecurity", "mou-2018", "implementation", "matter", "2021-06-30"),
    ("cyber-drill", "ฝึกซ้อมรับมือเหตุการณ์ภัยคุกคามไซเบอร์ร่วมกัน", "A joint cyber incident drill",
     "จัดทุกปีตั้งแต่ปี 2561", "Every year since 2018", "cybersecurity", "mou-2018", "closed", "aim", "2019"),
    ("cyber-law", "แบ่งปันประสบการณ์การร่างกฎหมายความมั่นคงปลอดภัยไซเบอร์",
     "Sharing experience in drafting cybersecurity law", "สัมมนาออนไลน์", "An online seminar",
     "cybersecurity", "mou-2022", "not-reported", "discussed", "unknown"),
    ("pdpa", "ศึกษาแนวทางคุ้มครองข้อมูลส่วนบุคคล", "A study of personal data protection",
     "เทียบกฎหมายของสองประเทศ", "The two countries' laws compared", "cybersecurity", "mou-2022", "pipeline",
     "plan", "2023"),
    ("incident-hotline", "สายด่วนแจ้งเหตุภัยไซเบอร์ข้ามพรมแดน", "A cross-border cyber incident hotline",
     "ตลอด 24 ชั่วโมง", "Around the clock", "cybersecurity", "mou-2022", "cancelled", "matter", "2022-12-01"),
    ("coding-camp", "ค่ายฝึกเขียนโปรแกรมสำหรับเยาวชนลาว", "A coding camp for young people in Laos",
     "รุ่นที่ 2 ปี 2563", "Second camp, 2020", "skills", "mou-2018", "closed", "aim", "2020-03"),
    ("civil-servant", "อบรมทักษะดิจิทัลสำหรับข้าราชการ", "Digital skills training for civil servants",
     "หลักสูตร 5 วัน", "A five-day course", "skills", "mou-2018", "closed", "aim", "2018-01-15"),
    ("scholarship", "ทุนการศึกษาระดับปริญญาโทด้านวิทยาการข้อมูล", "Master's scholarships in data science",
     "ปีละ 10 ทุน", "Ten a year", "skills", "mou-2022", "implementation", "matter", "2023-07"),
    ("teacher-training", "พัฒนาครูผู้สอนวิชาเทคโนโลยีดิจิทัล", "Training teachers of digital technology",
     "ร่วมกับกระทรวงศึกษาธิการ", "With the ministry of education", "skills", "mou-2022", "not-reported",
     "aim", "unknown"),
    ("elearning", "แพลตฟอร์มเรียนออนไลน์ภาษาไทยและภาษาลาว", "An e-learning platform in Thai and Lao",
     "เนื้อหา 40 บทเรียน", "Forty lessons", "skills", "mou-2022", "finalisation", "plan", "2024"),
    ("smart-city", "ดูงานเมืองอัจฉริยะภูเก็ตและขอนแก่น", "Study visits to the smart cities of Phuket and Khon Kaen",
     "คณะผู้แทนจาก สปป.ลาว", "A delegation from the Lao PDR", "skills", "mou-2018", "closed", "plan", "2019-11"),
    ("egov-portal", "ศึกษาระบบบริการภาครัฐแบบจุดเดียวเบ็ดเสร็จ", "A study of one-stop government services",
     "ต้นแบบจากประเทศไทย", "On the Thai model", "egov", "mou-2018", "closed", "area", "2018-01-01"),
    ("digital-id", "แลกเปลี่ยนแนวทางการพิสูจน์และยืนยันตัวตนทางดิจิทัล", "Exchanging approaches to digital identity",
     "Digital ID", "Digital ID", "egov", "mou-2022", "implementation", "matter", "2023-09-21"),
    ("open-data", "เปิดเผยข้อมูลภาครัฐในรูปแบบที่เครื่องอ่านได้", "Opening government data in machine-readable form",
     "ชุดข้อมูลนำร่อง 12 ชุด", "Twelve pilot data sets", "egov", "mou-2022", "pipeline", "plan", "2024-01"),
    ("e-document", "ระบบสารบรรณอิเล็กทรอนิกส์ระหว่างกระทรวง", "Electronic correspondence between ministries",
     "ลดการใช้กระดาษ", "Less paper", "egov", "mou-2018", "suspended", "plan", "2018-01"),
    ("cloud", "ศึกษาการใช้คลาวด์ภาครัฐร่วมกัน", "A study of a shared government cloud", "GDCC", "GDCC",
     "egov", "mou-2022", "not-reported", "discussed", "unknown"),
    ("egov-training", "อบรมเจ้าหน้าที่ด้านรัฐบาลดิจิทัล", "Training officials in digital government",
     "ปี 2562 และ 2563", "In 2019 and 2020", "egov", "mou-2018", "closed", "aim", "2020"),
    ("postcode", "ปรับปรุงระบบรหัสไปรษณีย์ของ สปป.ลาว", "Improving the postcodes of the Lao PDR",
     "ที่ปรึกษาจากไปรษณีย์ไทย", "Advisers from Thailand Post", "postal", "mou-2018", "closed", "area", "2018"),
    ("parcel", "บริการส่งพัสดุข้ามแดนทางถนน", "Cross-border parcels by road",
     "เส้นทางหนองคาย–เวียงจันทน์", "Nong Khai to Vientiane", "postal", "mou-2018", "implementation", "matter",
     "2021"),
    ("ecommerce", "เชื่อมโยงการค้าออนไลน์กับบริการไปรษณีย์", "Linking online trade with the post",
     "สำหรับผู้ประกอบการรายย่อย", "For small businesses", "postal", "mou-2022", "pipeline", "plan", "2023-04"),
    ("tracking", "ระบบติดตามสถานะพัสดุร่วมกัน", "Shared parcel tracking", "Track and trace", "Track and trace",
     "postal", "mou-2022", "not-reported", "matter", "unknown"),
    ("postal-staff", "ฝึกอบรมพนักงานไปรษณีย์ด้านบริการดิจิทัล", "Training postal staff in digital services",
     "รุ่นละ 30 คน", "Thirty a course", "postal", "mou-2022", "finalisation", "aim", "2023-10"),
    ("stamp", "ออกแสตมป์ที่ระลึกความสัมพันธ์ไทย–ลาว", "A stamp for Thai–Lao friendship",
     "ครบรอบ 70 ปี", "Seventy years", "postal", "mou-2018", "closed", "discussed", "2020-12"),
]
ID, TITLE_TH, TITLE_EN, NOTE_TH, NOTE_EN, AREA, AGREEMENT, STATUS, KIND, CONFIRMED = range(10)


def record(row) -> dict:
    """A row as a record of data/activities.yml (the fields the status tables show)."""
    return {"id": row[ID], "kind": row[KIND], "title": {"th": row[TITLE_TH], "en": row[TITLE_EN]},
            "description": {"th": row[NOTE_TH], "en": row[NOTE_EN]}, "area": row[AREA],
            "agreement": row[AGREEMENT], "status": row[STATUS], "confirmed": row[CONFIRMED]}


def dataset(rows) -> Dataset:
    """The rows as checked data, with the areas and agreements of AREAS and AGREEMENTS."""
    return Dataset(records={
        "activities": [record(r) for r in rows],
        "areas": [{"id": a, "title": {"th": th, "en": en}} for a, (th, en) in AREAS.items()],
        "agreements": [{"id": a, "short_title": {"th": th, "en": en}} for a, (th, en) in AGREEMENTS.items()],
    })


@cache
def templating() -> Templating:
    """The site's words and templates, as a build of the site makes them (labels_dir of mkdocs.yml)."""
    return Templating(Path(config.load(ROOT / "mkdocs.yml").labels_dir), ["th", "en"])


def context(lang: str) -> render.Context:
    """A page at a language's root: row links lead to items/<id>/."""
    return render.Context(lang=lang, templating=templating(), today=TODAY)


def all_items(rows, lang: str, page_size: int | None = None) -> str:
    """The status page's table of every item (facets: status, area, agreement, kind)."""
    return _sized(render.activities_table(dataset(rows), context(lang)), page_size)


def area_items(rows, area: str, lang: str) -> str:
    """An area page's table of its items (no area facet)."""
    return render.status_table(dataset(rows), area, context(lang))


def _sized(html: str, page_size: int | None) -> str:
    """data-page-size, the HTML contract's optional page size (no template of the site sets one),
    added to the tracker's element."""
    if not page_size:
        return html
    sized, n = re.subn(r"<div\b(?=[^>]*\bdata-tracker=)", f'<div data-page-size="{page_size}"', html)
    assert n == 1, "one tracker expected"
    return sized


# a plain page: no theme, the site's own font
STYLE = ('body{font-family:Sarabun,sans-serif;line-height:1.5;margin:0 1rem;color:#000000de;'
         'background:#fff}table{border-collapse:collapse}caption{text-align:left;font-weight:700}'
         "th,td{padding:.5em .75em;text-align:left;vertical-align:top;border-bottom:1px solid #ccc}"
         "a{color:#303fa1}")


def page_html(lang: str, title: str, trackers: list[str], root: str = "",
              scheme: str | None = None) -> str:
    """A page of trackers; with a Material colour scheme (default, slate), in Material's styles."""
    css = ["assets/fonts/fonts.css", "assets/tracker.css"]
    if scheme:
        material_css = [f"assets/stylesheets/{c.name}" for c in sorted(MATERIAL_CSS.glob("*.min.css"))]
        css = [*material_css, "assets/fonts/fonts.css", "assets/site.css", "assets/tracker.css"]
        body = (f'<body data-md-color-scheme="{scheme}" data-md-color-primary="indigo" '
                f'data-md-color-accent="indigo">\n<main class="md-content__inner md-typeset">\n')
        style = ""
    else:
        body, style = "<body>\n<main>\n", f"<style>{STYLE}</style>\n"
    links = "".join(f'<link rel="stylesheet" href="{root}{c}">\n' for c in css)
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">\n'
            f'<title>{escape(title)}</title>\n<link rel="icon" href="data:,">\n{style}{links}'
            f'</head>\n{body}<h1>{escape(title)}</h1>\n' + "\n".join(trackers) + "\n</main>\n"
            f'<script src="{root}assets/javascripts/thai-match.js"></script>\n'
            f'<script src="{root}assets/javascripts/tracker.js"></script>\n</body>\n</html>\n')


def copy_assets(dest: Path) -> None:
    """The scripts, styles and fonts the pages load, and Material's stylesheets."""
    for path in ASSETS:
        source, target = ROOT / "docs" / path, dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copyfile(source, target)
    shutil.copytree(MATERIAL_CSS, dest / "assets" / "stylesheets", dirs_exist_ok=True)


LONG = 260    # rows of the long table: over two pages of the default 100
MANY = 1200   # rows of the tables whose counts need a thousands separator
MANY_PAGE = 250  # their data-page-size
PAGE_AREA = "broadband"  # the area of the area pages
ONE_STATUS = "not-reported"  # the one status of every row of one-status/


def area_rows() -> list[tuple]:
    """The rows of PAGE_AREA, with ids of their own: the Thai status page shows them under every
    item too, and a row's header has the id activity-<id>, which a page holds once."""
    return [(f"area-{r[ID]}", *r[ID + 1:]) for r in ROWS if r[AREA] == PAGE_AREA]


def one_status_rows() -> list[tuple]:
    """The area's rows, every one with the same status and agreement (as an area's rows may be)."""
    return [(*r[:AGREEMENT], "mou-2018", ONE_STATUS, *r[KIND:]) for r in area_rows()]


def write_fixture(dest: Path) -> Path:
    """The pages, by folder:
    - "": the Thai status page: every item, then the items of one area (two trackers);
    - en/: an English area page (one tracker); en/status/: the English status page (every item);
    - default/, slate/: the Thai status page in Material's light and dark schemes;
    - en/one-status/: an English area page whose rows share one status and one agreement;
    - long/: a Thai table of LONG rows (the default page size);
    - many/, en/many/: a table of MANY rows in each language (a page size of MANY_PAGE)."""
    copy_assets(dest)
    thai = [all_items(ROWS, "th"), area_items(area_rows(), PAGE_AREA, "th")]
    title = {"th": "สถานะการดำเนินงาน", "en": "Status"}
    pages = {  # path: (language, title, trackers, Material colour scheme)
        "": ("th", title["th"], thai, None),
        "default/": ("th", title["th"], thai, "default"),
        "slate/": ("th", title["th"], thai, "slate"),
        "en/": ("en", AREAS[PAGE_AREA][1], [area_items(area_rows(), PAGE_AREA, "en")], None),
        "en/status/": ("en", title["en"], [all_items(ROWS, "en")], None),
        "en/one-status/": ("en", AREAS[PAGE_AREA][1], [area_items(one_status_rows(), PAGE_AREA, "en")], None),
        "long/": ("th", title["th"], [all_items(many_rows(LONG), "th")], None),
        "many/": ("th", title["th"], [all_items(many_rows(MANY), "th", MANY_PAGE)], None),
        "en/many/": ("en", title["en"], [all_items(many_rows(MANY), "en", MANY_PAGE)], None),
    }
    for path, (lang, heading, trackers, scheme) in pages.items():
        (dest / path).mkdir(parents=True, exist_ok=True)
        html = page_html(lang, heading, trackers, root="../" * path.count("/"), scheme=scheme)
        (dest / path / "index.html").write_text(html, "utf-8")
    return dest


# --- many rows, for the long tables and bench/filter.py ----------------------------------------

PLACES = [("หนองคาย", "Nong Khai"), ("เวียงจันทน์", "Vientiane"), ("มุกดาหาร", "Mukdahan"),
          ("สะหวันนะเขต", "Savannakhet"), ("นครพนม", "Nakhon Phanom"), ("คำม่วน", "Khammouane"),
          ("เชียงของ", "Chiang Khong"), ("ห้วยทราย", "Houayxay"), ("อุบลราชธานี", "Ubon Ratchathani"),
          ("จำปาสัก", "Champasak"), ("เลย", "Loei"), ("ไชยะบุรี", "Xayaboury")]
ENGLISH = ["ASEAN", "ITU", "5G", "Wi-Fi", "cloud", "data centre", "open data", "e-commerce",
           "cybersecurity drill", "digital ID", "fibre backbone", "GSMA"]
STATUSES = ("pipeline", "implementation", "finalisation", "closed", "cancelled", "suspended", "not-reported")


def many_rows(n: int, seed: int = 1) -> list[tuple]:
    """n rows: ROWS varied with places, years, statuses and English terms (a fixed seed: the
    same rows every time), in the order of AREAS as the status page serves them."""
    rnd = random.Random(seed)
    rows = []
    for k in range(n):
        base = ROWS[k % len(ROWS)]
        (place_th, place_en), term = rnd.choice(PLACES), rnd.choice(ENGLISH)
        year = rnd.randint(2016, 2024)
        confirmed = rnd.choice([f"{year}", f"{year}-{rnd.randint(1, 12):02d}",
                                f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}", "unknown"])
        rows.append((f"{base[ID]}-{k}", f"{base[TITLE_TH]}ที่{place_th} ({term})",
                     f"{base[TITLE_EN]} in {place_en} ({term})", f"{base[NOTE_TH]} ครั้งที่ {k}",
                     f"{base[NOTE_EN]}, number {k}", base[AREA], base[AGREEMENT], rnd.choice(STATUSES),
                     base[KIND], confirmed))
    order = list(AREAS)
    return sorted(rows, key=lambda r: order.index(r[AREA]))
