"""Pages with filterable status tables ("trackers"), written to the HTML contract at the top of
docs/assets/javascripts/tracker.js, for tests/test_filter.py and bench/filter.py.

The rows' searchable text is cut into Thai words by thlao/search.py, as the build cuts the
search index. The pages load no theme: tracker.css, thai-match.js and tracker.js only.
"""
import random
import shutil
from html import escape
from pathlib import Path

import material

from thlao.search import cut_thai

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ["assets/tracker.css", "assets/javascripts/thai-match.js",
          "assets/javascripts/tracker.js", "assets/fonts", "assets/site.css"]
MATERIAL_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
PAUSE = 0.3  # s: tracker.js announces the count and sets the URL once the reader has paused this long


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
STATUSES = {"not-reported": ("ยังไม่มีรายงาน", "Not reported"),
            "planned": ("อยู่ในแผน", "Planned"),
            "in-progress": ("กำลังดำเนินการ", "In progress"),
            "done": ("ดำเนินการแล้ว", "Done"),
            "stalled": ("หยุดชะงัก", "Stalled")}
KINDS = {"activity": ("กิจกรรม", "Activity"),
         "training": ("การฝึกอบรม", "Training"),
         "commitment": ("ข้อตกลง", "Commitment")}
MONTHS_TH = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
             "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]

# (slug, title, note, area, agreement, status, kind, last confirmed: partial ISO or "unknown")
ROWS_TH = [
    ("border-broadband-study", "ศึกษาความเป็นไปได้ของโครงข่ายบรอดแบนด์ชายแดน", "รายงานฉบับร่าง ปี 2562",
     "broadband", "mou-2018", "done", "activity", "2019-08"),
    ("nongkhai-link", "ขยายโครงข่ายบรอดแบนด์ชายแดนหนองคาย–เวียงจันทน์", "เส้นทางใยแก้วนำแสงข้ามแม่น้ำโขง",
     "broadband", "mou-2018", "in-progress", "activity", "2023-05-10"),
    ("mukdahan-link", "เชื่อมต่อใยแก้วนำแสงมุกดาหาร–สะหวันนะเขต", "ระยะที่ 1",
     "broadband", "mou-2022", "planned", "commitment", "2022-11"),
    ("rural-wifi", "จุดให้บริการอินเทอร์เน็ตไร้สายในหมู่บ้านชนบท", "ร่วมกับหน่วยงานท้องถิ่น",
     "broadband", "mou-2022", "not-reported", "activity", "unknown"),
    ("roaming", "ลดอัตราค่าบริการโทรข้ามแดนระหว่างสองประเทศ", "หารือกับผู้ให้บริการ 4 ราย",
     "broadband", "mou-2018", "stalled", "commitment", "2020"),
    ("5g-trial", "ทดลองใช้งาน 5G ในเขตเศรษฐกิจพิเศษ", "Special Economic Zone pilot",
     "broadband", "mou-2022", "planned", "activity", "2024-02"),
    ("cert-exchange", "แลกเปลี่ยนข้อมูลภัยคุกคามระหว่างศูนย์ประสานการรักษาความปลอดภัยคอมพิวเตอร์",
     "ThaiCERT และ LaoCERT", "cybersecurity", "mou-2018", "in-progress", "commitment", "2021-06-30"),
    ("cyber-drill", "ฝึกซ้อมรับมือเหตุการณ์ภัยคุกคามไซเบอร์ร่วมกัน", "จัดทุกปีตั้งแต่ปี 2561",
     "cybersecurity", "mou-2018", "done", "training", "2019"),
    ("cyber-law", "แบ่งปันประสบการณ์การร่างกฎหมายความมั่นคงปลอดภัยไซเบอร์", "สัมมนาออนไลน์",
     "cybersecurity", "mou-2022", "not-reported", "activity", "unknown"),
    ("pdpa", "ศึกษาแนวทางคุ้มครองข้อมูลส่วนบุคคล", "เทียบกฎหมายของสองประเทศ",
     "cybersecurity", "mou-2022", "planned", "activity", "2023"),
    ("incident-hotline", "สายด่วนแจ้งเหตุภัยไซเบอร์ข้ามพรมแดน", "ตลอด 24 ชั่วโมง",
     "cybersecurity", "mou-2022", "stalled", "commitment", "2022-12-01"),
    ("coding-camp", "ค่ายฝึกเขียนโปรแกรมสำหรับเยาวชนลาว", "รุ่นที่ 2 ปี 2563",
     "skills", "mou-2018", "done", "training", "2020-03"),
    ("civil-servant", "อบรมทักษะดิจิทัลสำหรับข้าราชการ", "หลักสูตร 5 วัน",
     "skills", "mou-2018", "done", "training", "2018-09-14"),
    ("scholarship", "ทุนการศึกษาระดับปริญญาโทด้านวิทยาการข้อมูล", "ปีละ 10 ทุน",
     "skills", "mou-2022", "in-progress", "commitment", "2023-07"),
    ("teacher-training", "พัฒนาครูผู้สอนวิชาเทคโนโลยีดิจิทัล", "ร่วมกับกระทรวงศึกษาธิการ",
     "skills", "mou-2022", "not-reported", "training", "unknown"),
    ("elearning", "แพลตฟอร์มเรียนออนไลน์ภาษาไทยและภาษาลาว", "เนื้อหา 40 บทเรียน",
     "skills", "mou-2022", "planned", "activity", "2024"),
    ("smart-city", "ดูงานเมืองอัจฉริยะภูเก็ตและขอนแก่น", "คณะผู้แทนจาก สปป.ลาว",
     "skills", "mou-2018", "done", "activity", "2019-11"),
    ("egov-portal", "ศึกษาระบบบริการภาครัฐแบบจุดเดียวเบ็ดเสร็จ", "ต้นแบบจากประเทศไทย",
     "egov", "mou-2018", "done", "activity", "2019-05"),
    ("digital-id", "แลกเปลี่ยนแนวทางการพิสูจน์และยืนยันตัวตนทางดิจิทัล", "Digital ID",
     "egov", "mou-2022", "in-progress", "commitment", "2023-09-21"),
    ("open-data", "เปิดเผยข้อมูลภาครัฐในรูปแบบที่เครื่องอ่านได้", "ชุดข้อมูลนำร่อง 12 ชุด",
     "egov", "mou-2022", "planned", "activity", "2024-01"),
    ("e-document", "ระบบสารบรรณอิเล็กทรอนิกส์ระหว่างกระทรวง", "ลดการใช้กระดาษ",
     "egov", "mou-2018", "stalled", "activity", "2020-10"),
    ("cloud", "ศึกษาการใช้คลาวด์ภาครัฐร่วมกัน", "GDCC",
     "egov", "mou-2022", "not-reported", "activity", "unknown"),
    ("egov-training", "อบรมเจ้าหน้าที่ด้านรัฐบาลดิจิทัล", "ปี 2562 และ 2563",
     "egov", "mou-2018", "done", "training", "2020"),
    ("postcode", "ปรับปรุงระบบรหัสไปรษณีย์ของ สปป.ลาว", "ที่ปรึกษาจากไปรษณีย์ไทย",
     "postal", "mou-2018", "done", "activity", "2018-12-26"),
    ("parcel", "บริการส่งพัสดุข้ามแดนทางถนน", "เส้นทางหนองคาย–เวียงจันทน์",
     "postal", "mou-2018", "in-progress", "commitment", "2021"),
    ("ecommerce", "เชื่อมโยงการค้าออนไลน์กับบริการไปรษณีย์", "สำหรับผู้ประกอบการรายย่อย",
     "postal", "mou-2022", "planned", "activity", "2023-04"),
    ("tracking", "ระบบติดตามสถานะพัสดุร่วมกัน", "Track and trace",
     "postal", "mou-2022", "not-reported", "commitment", "unknown"),
    ("postal-staff", "ฝึกอบรมพนักงานไปรษณีย์ด้านบริการดิจิทัล", "รุ่นละ 30 คน",
     "postal", "mou-2022", "in-progress", "training", "2023-10"),
    ("stamp", "ออกแสตมป์ที่ระลึกความสัมพันธ์ไทย–ลาว", "ครบรอบ 70 ปี",
     "postal", "mou-2018", "done", "activity", "2020-12"),
    ("spectrum", "ประสานการใช้คลื่นความถี่บริเวณชายแดน", "ป้องกันสัญญาณรบกวน",
     "broadband", "mou-2022", "in-progress", "commitment", "2024-03-15"),
]

# the English page: an area page (one area, so no area filter)
ROWS_EN = [
    ("border-broadband-study", "Feasibility study of a cross-border broadband network", "Draft report, 2019",
     "broadband", "mou-2018", "done", "activity", "2019-08"),
    ("nongkhai-link", "Broadband backbone from Nong Khai to Vientiane", "Fibre across the Mekong",
     "broadband", "mou-2018", "in-progress", "activity", "2023-05-10"),
    ("mukdahan-link", "Fibre link Mukdahan–Savannakhet", "Phase 1",
     "broadband", "mou-2022", "planned", "commitment", "2022-11"),
    ("rural-wifi", "Wi-Fi hotspots in rural villages", "With local authorities",
     "broadband", "mou-2022", "not-reported", "activity", "unknown"),
    ("roaming", "Lower roaming charges between the two countries", "Talks with 4 operators",
     "broadband", "mou-2018", "stalled", "commitment", "2020"),
    ("5g-trial", "5G trial in a special economic zone", "Pilot",
     "broadband", "mou-2022", "planned", "activity", "2024-02"),
    ("spectrum", "Coordinating spectrum use along the border", "Against interference",
     "broadband", "mou-2022", "in-progress", "commitment", "2024-03-15"),
    ("broadband-training", "Training for network engineers", "Two courses a year",
     "broadband", "mou-2018", "done", "training", "2019"),
]

# a second, small table on the Thai page: its URL parameters carry its own prefix
DUE_TH = [ROWS_TH[3], ROWS_TH[8], ROWS_TH[14], ROWS_TH[21], ROWS_TH[26]]

LABELS = {"th": 0, "en": 1}
WORDS = {"th": {"item": "รายการ", "area": "ด้านความร่วมมือ", "agreement": "บันทึกความเข้าใจ",
                "status": "สถานะ", "confirmed": "ยืนยันล่าสุด", "unknown": "ไม่ทราบ"},
         "en": {"item": "Item", "area": "Cooperation area", "agreement": "Agreement",
                "status": "Status", "confirmed": "Last confirmed", "unknown": "Unknown"}}


def shown_date(value: str, lang: str) -> str:
    """A partial ISO date as the site writes it (Thai: Buddhist Era)."""
    parts = [int(p) for p in value.split("-")]
    year = parts[0] + 543 if lang == "th" else parts[0]
    month = (MONTHS_TH if lang == "th" else MONTHS_EN)[parts[1] - 1] if len(parts) > 1 else ""
    return " ".join(str(p) for p in (parts[2] if len(parts) > 2 else "", month, year) if p)


def row_html(row, lang: str) -> str:
    slug, title, note, area, agreement, status, kind, date = row
    i = LABELS[lang]
    labels = [AREAS[area][i], AGREEMENTS[agreement][i], STATUSES[status][i]]
    text = " ".join([title, note, *labels, KINDS[kind][i]])
    if date == "unknown":
        when = f'<td data-value="unknown">{WORDS[lang]["unknown"]}</td>'
    else:
        when = f'<td data-value="{date}"><time datetime="{date}">{shown_date(date, lang)}</time></td>'
    return (f'<tr data-status="{status}" data-area="{area}" data-agreement="{agreement}" '
            f'data-kind="{kind}" data-kind-label="{escape(KINDS[kind][i])}" '
            f'data-text="{escape(cut_thai(text))}">'
            f'<th scope="row"><a href="items/{slug}/">{escape(title)}</a><br><small>{escape(note)}</small></th>'
            + "".join(f"<td>{escape(label)}</td>" for label in labels) + when + "</tr>")


def tracker_html(rows, lang: str, caption: str, tracker_id: str = "", page_size: int | None = None) -> str:
    w = WORDS[lang]
    head = (f'<th scope="col" data-sort="text">{w["item"]}</th>'
            f'<th scope="col" data-sort="text" data-facet="area">{w["area"]}</th>'
            f'<th scope="col" data-sort="text" data-facet="agreement">{w["agreement"]}</th>'
            f'<th scope="col" data-sort="text" data-facet="status">{w["status"]}</th>'
            f'<th scope="col" data-sort="date">{w["confirmed"]}</th>')
    body = "\n".join(row_html(r, lang) for r in rows)
    size = f' data-page-size="{page_size}"' if page_size else ""
    return (f'<div class="tracker" data-tracker="{tracker_id}"{size}>\n'
            f'<div class="data-table" role="region" aria-label="{escape(caption)}" tabindex="0">\n'
            f'<table>\n<caption>{escape(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n'
            f'<tbody>\n{body}\n</tbody>\n</table>\n</div>\n</div>')


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


def write_fixture(dest: Path) -> Path:
    """The Thai status page (index.html: two trackers), an English area page (en/), the Thai
    page again in Material's light and dark schemes (default/, slate/), a long Thai table
    (long/: LONG rows, default page size) and a table of MANY rows in each language
    (many/, en/many/: a page size of MANY_PAGE)."""
    copy_assets(dest)
    thai = [tracker_html(ROWS_TH, "th", "สถานะของทุกรายการ", "all"),
            tracker_html(DUE_TH, "th", "รายการที่ควรทบทวนสถานะ", "due")]
    pages = {"": page_html("th", "สถานะการดำเนินงาน", thai),
             "en/": page_html("en", "Broadband networks", [
                 tracker_html(ROWS_EN, "en", "Activities in broadband networks")], root="../")}
    for scheme in ("default", "slate"):
        pages[f"{scheme}/"] = page_html("th", "สถานะการดำเนินงาน", thai, root="../", scheme=scheme)
    pages["long/"] = page_html("th", "สถานะการดำเนินงาน", [
        tracker_html(many_rows(LONG), "th", "สถานะของทุกรายการ")], root="../")
    pages["many/"] = page_html("th", "สถานะการดำเนินงาน", [
        tracker_html(many_rows(MANY), "th", "สถานะของทุกรายการ", page_size=MANY_PAGE)], root="../")
    pages["en/many/"] = page_html("en", "Status", [
        tracker_html(many_rows(MANY), "en", "Every item's status", page_size=MANY_PAGE)], root="../../")
    for path, html in pages.items():
        (dest / path).mkdir(parents=True, exist_ok=True)
        (dest / path / "index.html").write_text(html, "utf-8")
    return dest


# --- many rows, for bench/filter.py ------------------------------------------------------------

PLACES = ["หนองคาย", "เวียงจันทน์", "มุกดาหาร", "สะหวันนะเขต", "นครพนม", "คำม่วน", "เชียงของ",
          "ห้วยทราย", "อุบลราชธานี", "จำปาสัก", "เลย", "ไชยะบุรี"]
ENGLISH = ["ASEAN", "ITU", "5G", "Wi-Fi", "cloud", "data centre", "open data", "e-commerce",
           "cybersecurity drill", "digital ID", "fibre backbone", "GSMA"]


def many_rows(n: int, seed: int = 1) -> list[tuple]:
    """n rows: the fixture's rows varied with places, years and English terms."""
    rnd = random.Random(seed)
    rows = []
    for k in range(n):
        slug, title, note, area, agreement, status, kind, _ = ROWS_TH[k % len(ROWS_TH)]
        place, term = rnd.choice(PLACES), rnd.choice(ENGLISH)
        year = rnd.randint(2016, 2024)
        date = rnd.choice([f"{year}", f"{year}-{rnd.randint(1, 12):02d}",
                           f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}", "unknown"])
        rows.append((f"{slug}-{k}", f"{title}ที่{place} ({term})", f"{note} ครั้งที่ {k}",
                     area, agreement, rnd.choice(list(STATUSES)), kind, date))
    return rows
