"""Write the varied test items of the style sweep: tests/data/styles/items.json.

Deterministic (a fixed-seed ``random.Random``): running it twice writes the same file. The items
cover every CSL 1.0.2 item type; personal names with particles and suffixes, corporate names in
mixed lists, 0 to 25 authors, editors, translators (some the same person as the editor);
page ranges, seasons, date ranges, literal and partial dates; non-English items with
``language``; titles with markup, quotes and subtitles. ``locators`` gives, per item, the
locator its one citation carries (or none).

Run from the repo root: ``python tools/stylesweep/make_items.py``.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "tests" / "data" / "styles" / "items.json"

TYPES = [
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
    "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
    "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
    "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
    "personal_communication", "post", "post-weblog", "regulation", "report", "review",
    "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
]

PEOPLE = [
    {"family": "Smith", "given": "John"},
    {"family": "Smith", "given": "Jane A."},
    {"family": "Brown", "given": "Emily"},
    {"family": "Brown", "given": "Edward"},
    {"family": "Berg", "given": "Anna", "non-dropping-particle": "van der"},
    {"family": "Cruz", "given": "María", "non-dropping-particle": "de la"},
    {"family": "Beethoven", "given": "Ludwig", "dropping-particle": "van"},
    {"family": "Gaulle", "given": "Charles", "non-dropping-particle": "de"},
    {"family": "Davis", "given": "Samuel", "suffix": "Jr."},
    {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
    {"family": "Gates", "given": "William H.", "suffix": "III"},
    {"family": "O'Neil", "given": "Cathy"},
    {"family": "Müller", "given": "Jürgen"},
    {"family": "Østergaard", "given": "Søren"},
    {"family": "Zhang", "given": "Wei"},
    {"family": "Kang", "given": "Ji-Hoon"},
    {"family": "Cha", "given": "Victor D."},
    {"family": "Ng", "given": "Andrew Y."},
    {"family": "Rossum", "given": "Guido", "non-dropping-particle": "van"},
    {"family": "Medici", "given": "Lorenzo", "dropping-particle": "de'"},
    {"family": "Al-Khwarizmi", "given": "Muhammad"},
    {"family": "Lévi-Strauss", "given": "Claude"},
    {"family": "García Márquez", "given": "Gabriel"},
    {"family": "Tanaka", "given": "Hiroshi"},
    {"family": "Jones", "given": "Mary-Kate"},
    {"family": "Wilson", "given": "E. O."},
    {"family": "Nguyen", "given": "Thi Thu"},
    {"family": "Fontaine", "given": "Jean", "non-dropping-particle": "La"},
    {"family": "Ivanov", "given": "Ivan Ivanovich"},
    {"family": "Ahmed", "given": "Fatima"},
]
CORPORATE = [
    {"literal": "World Health Organization"},
    {"literal": "U.S. Department of Defense"},
    {"literal": "Council on Foreign Relations"},
    {"literal": "Intergovernmental Panel on Climate Change"},
    {"literal": "The Royal Society"},
    {"literal": "Institut national de la statistique et des études économiques"},
]

TITLES = [
    "the effects of climate change on coastal cities",
    "A Study of Things: New Evidence from Old Data",
    "Nuclear weapons and the <i>status quo</i> in East Asia",
    "Why \"open\" data matters: a review",
    "The 5th generation of mobile networks and the IoT",
    "On the origin of species by means of natural selection",
    "Deep learning for the analysis of DNA sequences in <i>E. coli</i>",
    "Japan's post-Cold War North Korea policy: hedging toward autonomy?",
    "A history of the Netherlands and its people",
    "Machine translation: past, present, and future",
    "The U.S.-China relationship after 2016",
    "Statistical methods for research workers",
    "An introduction to <span class=\"nocase\">iPhone</span> app development",
    "Rejoinder: on 'the two cultures' and after",
    "Economic growth in the 21st century",
]
FOREIGN = [
    ("de", "Die Entwicklung der deutschen Sprache im 19. Jahrhundert"),
    ("fr", "La politique étrangère de la France depuis 1945"),
    ("es-ES", "Cien años de soledad y la crítica"),
    ("ja", "日本の外交政策と北朝鮮"),
    ("it", "Storia della lingua italiana e dei suoi dialetti"),
    ("ru", "История русской литературы"),
    ("pt-BR", "A economia brasileira no século XX"),
    ("nl", "De geschiedenis van de Nederlandse taal"),
]
CONTAINERS = ["Journal of Applied Research", "Nature", "The New York Times", "Foreign Affairs",
              "Proceedings of the National Academy of Sciences", "Annual Review of Sociology",
              "Zeitschrift für Politikwissenschaft", "The Lancet"]
PUBLISHERS = [("Oxford University Press", "Oxford"), ("Springer", "Berlin"),
              ("MIT Press", "Cambridge, MA"), ("Éditions Gallimard", "Paris"),
              ("Routledge", "London; New York"), ("RAND Corporation", "Santa Monica, CA")]
PAGES = ["123-145", "1101-1109", "e1002345", "45", "iii-xii", "321-29", "12–18, 25"]
LOCATORS = [("page", "12"), ("page", "33-35"), ("chapter", "3"), ("section", "2.1"),
            ("figure", "4"), ("paragraph", "7"), ("volume", "2"), ("page", "iv")]


def _date(rng: random.Random, i: int) -> dict:
    year = 1950 + (i * 7) % 74
    kind = i % 11
    if kind == 0:
        return {"date-parts": [[year, (i % 12) + 1, (i % 28) + 1]]}
    if kind == 1:
        return {"date-parts": [[year, (i % 12) + 1]]}
    if kind == 2:
        return {"date-parts": [[year]], "season": (i % 4) + 1}
    if kind == 3:
        return {"date-parts": [[year], [year + 2]]}
    if kind == 4:
        return {"date-parts": [[year, 3], [year, 6]]}
    if kind == 5:
        return {"literal": "forthcoming"}
    if kind == 6:
        return {"date-parts": [[year, 5, 1], [year, 5, 14]]}
    if kind == 7:
        return {"date-parts": [[year]], "circa": True}
    return {"date-parts": [[year]]}


def _names(rng: random.Random, count: int, corporate_share: float = 0.15) -> list[dict]:
    out = []
    for _ in range(count):
        pool = CORPORATE if rng.random() < corporate_share else PEOPLE
        out.append(dict(rng.choice(pool)))
    return out


AUTHOR_COUNTS = [1, 2, 3, 1, 0, 4, 2, 5, 1, 7, 3, 11, 1, 2, 25, 6, 1, 21, 8, 2]


def make_items() -> tuple[list[dict], dict[str, list[str] | None]]:
    rng = random.Random(13)
    items: list[dict] = []
    locators: dict[str, list[str] | None] = {}
    for i in range(200):
        kind = TYPES[i % len(TYPES)]
        item: dict = {"id": f"item-{i:03d}", "type": kind}
        n_authors = AUTHOR_COUNTS[i % len(AUTHOR_COUNTS)]
        if n_authors:
            item["author"] = _names(rng, n_authors)
            if i % 9 == 0:  # a corporate author alone
                item["author"] = [dict(rng.choice(CORPORATE))]
        if i % 5 == 1 or kind in ("chapter", "collection", "entry-encyclopedia"):
            item["editor"] = _names(rng, 1 + i % 3, 0.1)
        if i % 8 == 3:
            same = "editor" in item and i % 16 == 3  # translator and editor the same person
            item["translator"] = ([dict(p) for p in item["editor"]] if same
                                  else _names(rng, 1, 0.0))
        if kind in ("interview", "personal_communication") and i % 2:
            item["recipient"] = _names(rng, 1, 0.0)
        if kind in ("broadcast", "motion_picture") and i % 2 == 0:
            item["director"] = _names(rng, 1, 0.0)
        if kind == "musical_score" or (kind == "song" and i % 2):
            item["composer"] = _names(rng, 1, 0.0)
        if i % 4 == 2:
            lang, title = FOREIGN[(i // 4) % len(FOREIGN)]
            item["language"] = lang
            item["title"] = title
        else:
            item["title"] = TITLES[i % len(TITLES)]
        if i % 13 == 5:
            item["title-short"] = item["title"].split(":")[0][:30]
        item["issued"] = _date(rng, i)
        if i % 17 == 4:
            del item["issued"]  # no date: "n.d." and year-suffix without a date
        if kind.startswith("article") or kind in ("review", "review-book", "periodical"):
            item["container-title"] = CONTAINERS[i % len(CONTAINERS)]
            if i % 3:
                item["volume"] = str(1 + i % 60)
            if i % 4:
                item["issue"] = str(1 + i % 12) if i % 7 else "3-4"
            item["page"] = PAGES[i % len(PAGES)]
            if i % 6 == 0:
                item["DOI"] = f"10.1000/xyz{i:04d}"
        elif kind in ("chapter", "entry-encyclopedia", "entry-dictionary", "paper-conference",
                      "entry"):
            item["container-title"] = ("Handbook of " + TITLES[(i + 3) % len(TITLES)].split(":")[0])
            item["page"] = PAGES[(i + 2) % len(PAGES)]
        if kind in ("book", "chapter", "report", "thesis", "pamphlet", "collection", "classic",
                    "musical_score", "map", "standard", "manuscript", "document",
                    "entry-dictionary", "entry-encyclopedia", "paper-conference"):
            pub, place = PUBLISHERS[i % len(PUBLISHERS)]
            item["publisher"] = pub
            if i % 3:
                item["publisher-place"] = place
            if i % 7 == 2:
                item["edition"] = "2" if i % 2 else "3rd rev."
            if i % 5 == 0:
                item["number-of-pages"] = str(100 + i)
            if i % 6 == 1:
                item["collection-title"] = "Lecture Notes in Computer Science"
                item["collection-number"] = str(1000 + i)
            if i % 11 == 3:
                item["volume"] = str(2 + i % 5)
                item["number-of-volumes"] = "6"
        if kind in ("report", "patent", "bill", "standard", "legislation", "regulation"):
            item["number"] = f"{'RAND-' if i % 2 else ''}{100 + i}"
        if kind == "thesis":
            item["genre"] = "PhD thesis" if i % 2 else "Master's thesis"
            item["publisher"] = "University of Chicago"
        if kind in ("legal_case",):
            item["authority"] = "Supreme Court"
            item["container-title"] = "U.S. Reports"
            item["volume"] = "410"
            item["page"] = "113"
        if kind in ("webpage", "post", "post-weblog", "software", "dataset"):
            item["URL"] = f"https://example.org/{kind}/{i}"
            item["accessed"] = {"date-parts": [[2021, (i % 12) + 1, (i % 27) + 1]]}
            if kind in ("webpage", "post-weblog"):
                item["container-title"] = ("Example Blog" if i % 2
                                           else "Council on Foreign Relations")
            if kind == "software":
                item["version"] = f"{i % 5}.{i % 10}.1"
                item["publisher"] = "GitHub"
        if kind in ("event", "speech", "paper-conference", "performance"):
            item["event-title"] = "Annual Meeting of the Association for Computing"
            item["event-place"] = "Vienna"
        if kind in ("broadcast", "motion_picture", "song", "graphic", "interview"):
            item["medium"] = {"broadcast": "Television broadcast", "motion_picture": "Film",
                              "song": "CD", "graphic": "Oil on canvas",
                              "interview": "Audio recording"}[kind]
        if kind == "manuscript" or i % 23 == 7:
            item["archive"] = "National Archives"
            item["archive_location"] = f"Box {i % 40}, Folder {i % 9}"
        if i % 19 == 6:
            item["note"] = "Reprinted with corrections"
        if i % 29 == 12:
            item["original-date"] = {"date-parts": [[1859]]}
            item["original-publisher"] = "John Murray"
        if i % 10 == 7:
            item["abstract"] = "This item has an abstract."
        items.append(item)
        if i % 3 == 1:
            label, value = LOCATORS[i % len(LOCATORS)]
            locators[item["id"]] = [label, value]
        else:
            locators[item["id"]] = None
    return items, locators


def main() -> None:
    items, locators = make_items()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"description": __doc__.split("\n\n")[0],
                               "items": items, "locators": locators}, ensure_ascii=False,
                              indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(items)} items to {OUT}")


if __name__ == "__main__":
    main()
