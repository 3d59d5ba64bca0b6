#!/usr/bin/env node
// Writes the oracle *inputs* (hand-written CSL-JSON items and deterministic
// citation documents) to tests/data/oracle/:
//   items.json          >= 160 varied CSL-JSON items
//   document.json       40 items + 200 citation clusters
//   document-1000.json  the same 40 items + 1,000 citation clusters
// Fully deterministic: no Math.random, no clock; the pseudo-random parts use a
// fixed-seed mulberry32 generator.  Run from the repo root:
//   node tools/oracle/make_inputs.js
"use strict";

const fs = require("fs");
const path = require("path");

const REPO = path.resolve(__dirname, "..", "..");
const OUT = path.join(REPO, "tests", "data", "oracle");

// ---------------------------------------------------------------- helpers
const P = (family, given, extra) => Object.assign({ family, given }, extra || {});
const L = (literal) => ({ literal });
const D = (...parts) => ({ "date-parts": [parts] });
const R = (a, b) => ({ "date-parts": [a, b] });

const SURNAMES = [
  "Anderson", "Bianchi", "Castillo", "Dubois", "Eriksson", "Fischer", "Garcia",
  "Haddad", "Ivanova", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura",
  "Okafor", "Petrov", "Quinn", "Rossi", "Schmidt", "Tanaka", "Ueda", "Varga",
  "Wójcik", "Xu", "Yilmaz", "Zimmermann",
];
const GIVENS = [
  "Alice", "Bruno", "Carmen", "Didier", "Elin", "Frank", "Gloria", "Hassan",
  "Irina", "Jonas", "Karolina", "Lars", "Margaux", "Hiroshi", "Chidi", "Pavel",
  "Róisín", "Marco", "Ulrike", "Yuki", "Kenji", "Zsófia", "Wojciech", "Wei",
  "Emre", "Tobias",
];
function team(n, offset) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const k = (i + (offset || 0)) % SURNAMES.length;
    out.push(P(SURNAMES[k], GIVENS[k] + (i % 3 === 1 ? " M." : "")));
  }
  return out;
}

// ---------------------------------------------------------------- items
const items = [
  // ---- the two seed items
  {
    id: "japan-post-cold-war-nk-policy", type: "report",
    title: "Japan's Post-Cold War North Korea Policy: Hedging toward Autonomy?",
    genre: "Occasional paper",
    keyword: "Government and Political Science, Guided Missiles, Nuclear Weapons",
  },
  {
    id: "smith2013north", type: "article-journal",
    title: "North Korea in Japan’s Strategic Thinking",
    author: [P("Smith", "Sheila A.")],
    "container-title": "ASAN Forum", volume: "1", issue: "2",
    issued: R([2013, 9], [2013, 10]),
  },

  // ---- article-journal
  {
    id: "okafor2019tidal", type: "article-journal",
    title: "Tidal forcing of coastal groundwater: a twenty-year record",
    author: [P("Okafor", "Chidi")],
    "container-title": "Journal of Hydrology", volume: 571, issue: 3, page: "123-145",
    issued: D(2019, 4), DOI: "10.1016/j.jhydrol.2019.01.045",
  },
  {
    id: "bianchi2020two", type: "article-journal",
    title: "On the stability of two-phase flows in porous media",
    author: [P("Bianchi", "Marco"), P("Rossi", "Giulia")],
    "container-title": "Physical Review Fluids", volume: "5", issue: "7", page: "1234-1256",
    issued: D(2020, 7, 15), DOI: "10.1103/PhysRevFluids.5.074301",
  },
  {
    id: "castillo2021three", type: "article-journal",
    title: "Participatory mapping and the politics of land tenure in the Andes",
    author: [P("Castillo", "Carmen"), P("Quispe", "Julio"), P("Mamani", "Rosa E.")],
    "container-title": "World Development", volume: 138, page: "105244",
    issued: D(2021, 2), DOI: "10.1016/j.worlddev.2020.105244",
  },
  {
    id: "plosone2018e1001", type: "article-journal",
    title: "Gut microbiome diversity predicts recovery after antibiotic treatment",
    author: team(7, 0),
    "container-title": "PLOS ONE", volume: "13", issue: "4", page: "e1001",
    issued: D(2018, 4, 2), DOI: "10.1371/journal.pone.0001001",
  },
  {
    id: "consortium2022genome21", type: "article-journal",
    title: "A reference genome for the European eel (<i>Anguilla anguilla</i>)",
    author: team(21, 3),
    "container-title": "Nature Ecology & Evolution", volume: 6, issue: 11, page: "1701-1715",
    issued: D(2022, 11), DOI: "10.1038/s41559-022-01870-4",
  },
  {
    id: "multi2023trial25", type: "article-journal",
    title: "Early mobilisation after cardiac surgery: a multicentre randomised trial",
    author: team(25, 1),
    "container-title": "The Lancet", volume: "401", issue: "10380", page: "1320-1331",
    issued: D(2023, 4, 15), DOI: "10.1016/S0140-6736(23)00321-9",
  },
  {
    id: "nakamura2017nocase", type: "article-journal",
    title: "CRISPR screens in <span class=\"nocase\">iPSC</span>-derived neurons reveal regulators of <span class=\"nocase\">mRNA</span> decay",
    author: [P("Nakamura", "Hiroshi"), P("Ueda", "Kenji")],
    "container-title": "Cell Reports", volume: "21", issue: "9", page: "2511–2524",
    issued: D(2017, 11, 28), DOI: "10.1016/j.celrep.2017.11.005",
  },
  {
    id: "dubois2016why", type: "article-journal",
    title: "Why do cities grow? evidence from French census data, 1800–2000",
    author: [P("Dubois", "Didier")],
    "container-title": "Urban Studies", volume: 53, issue: 14, page: "2977-2999",
    issued: D(2016, 10),
  },
  {
    id: "quinn2015quotes", type: "article-journal",
    title: "\"Nothing about us without us\": disability activism and the state",
    author: [P("Quinn", "Aoife")],
    "container-title": "Disability & Society", volume: 30, issue: 2, page: "181-195",
    issued: D(2015),
  },
  {
    id: "harris2014apostrophe", type: "article-journal",
    title: "The children's crusade that wasn't: rereading a medieval legend",
    author: [P("Harris", "Owen")],
    "container-title": "Speculum", volume: "89", issue: "1", page: "22-48",
    issued: D(2014, 1),
  },
  {
    id: "jensen2012nato", type: "article-journal",
    title: "NATO enlargement and the Baltic question after 2004",
    author: [P("Jensen", "Jonas")],
    "container-title": "European Security", volume: 21, issue: 3, page: "401-419",
    issued: D(2012, 9),
  },
  {
    id: "fischer2011season", type: "article-journal",
    title: "Seasonal migration among alpine herders",
    author: [P("Fischer", "Frank")],
    "container-title": "Mountain Research and Development", volume: "31", issue: "2", page: "88-97",
    issued: { "date-parts": [[2011]], season: "Spring" },
  },
  {
    id: "eriksson2010season3", type: "article-journal",
    title: "Light pollution and nocturnal pollinators",
    author: [P("Eriksson", "Elin")],
    "container-title": "Oikos", volume: 119, issue: "Autumn", page: "1501-1510",
    issued: { "date-parts": [[2010]], season: 3 },
  },
  {
    id: "garcia2009range", type: "article-journal",
    title: "Fiscal federalism in Latin America, 1990-2005",
    author: [P("García Márquez", "Gloria")],
    "container-title": "Latin American Research Review", volume: "44", issue: "1", page: "5-30",
    issued: R([2009], [2010]),
  },
  {
    id: "haddad2018stringdate", type: "article-journal",
    title: "Water scarcity and urban conflict in the Levant",
    author: [P("Haddad", "Hassan")],
    "container-title": "Middle East Journal", volume: "72", issue: "3", page: "401-423",
    issued: { "date-parts": [["2018", "7", "1"]] },
  },
  {
    id: "lindqvist2008supplement", type: "article-journal",
    title: "Dietary fibre and cardiovascular risk: a meta-analysis",
    author: [P("Lindqvist", "Lars"), P("Berg", "Anna-Karin")],
    "container-title": "European Journal of Nutrition", volume: "47", issue: "Suppl. 2", page: "S12-S20",
    issued: D(2008, 6),
  },
  {
    id: "moreau2020review", type: "article-journal",
    title: "The economics of attention: a review",
    author: [P("Moreau", "Margaux")],
    "container-title": "Journal of Economic Literature", "container-title-short": "J. Econ. Lit.",
    journalAbbreviation: "J Econ Lit", volume: 58, issue: 4, page: "1001-1040",
    issued: D(2020, 12), DOI: "10.1257/jel.20191429",
    URL: "https://doi.org/10.1257/jel.20191429",
    accessed: D(2024, 1, 10),
  },
  {
    id: "petrov2019accepted", type: "article-journal",
    title: "Quantum error correction with cat qubits",
    author: [P("Petrov", "Pavel")],
    "container-title": "Physical Review X", status: "in press",
  },
  {
    id: "xu2021french", type: "article-journal", language: "fr",
    title: "La mémoire des lieux: une étude des quartiers chinois de Paris",
    author: [P("Xu", "Wei")],
    "container-title": "Revue française de sociologie", volume: "62", issue: "1", page: "33-61",
    issued: D(2021),
  },
  {
    id: "schmidt2014german", type: "article-journal", language: "de",
    title: "Die Wiedervereinigung und der Arbeitsmarkt",
    author: [P("Schmidt", "Ulrike")],
    "container-title": "Zeitschrift für Soziologie", volume: 43, issue: 2, page: "95-114",
    issued: D(2014, 4),
  },
  {
    id: "subtitle2017colon", type: "article-journal",
    title: "learning to see: the history of ophthalmic imaging",
    author: [P("Varga", "Zsófia")],
    "container-title": "British journal for the history of science", volume: "50", issue: "3", page: "389-412",
    issued: D(2017, 9),
  },
  {
    id: "allcaps2019title", type: "article-journal",
    title: "THE RISE AND FALL OF THE COMMODITY SUPERCYCLE",
    author: [P("Yilmaz", "Emre")],
    "container-title": "Resources Policy", volume: 63, page: "101415",
    issued: D(2019, 10),
  },
  {
    id: "exclaim2016title", type: "article-journal",
    title: "Publish or perish!",
    author: [P("Zimmermann", "Tobias")],
    "container-title": "EMBO Reports", volume: "17", issue: "6", page: "789",
    issued: D(2016, 6),
  },

  // ---- same author, same year (year-suffix disambiguation)
  {
    id: "smith2020a", type: "article-journal",
    title: "Maritime security in the Indo-Pacific",
    author: [P("Smith", "John")],
    "container-title": "Asian Survey", volume: 60, issue: 2, page: "211-234",
    issued: D(2020),
  },
  {
    id: "smith2020b", type: "article-journal",
    title: "Alliance management after the pandemic",
    author: [P("Smith", "John")],
    "container-title": "Survival", volume: 62, issue: 5, page: "77-98",
    issued: D(2020),
  },
  {
    id: "smith2020c", type: "book",
    title: "Allies and adversaries",
    author: [P("Smith", "John")],
    publisher: "Columbia University Press", "publisher-place": "New York",
    issued: D(2020),
  },
  {
    id: "smith2020jane", type: "article-journal",
    title: "Soil carbon under no-till agriculture",
    author: [P("Smith", "Jane")],
    "container-title": "Geoderma", volume: 361, page: "114032",
    issued: D(2020),
  },
  {
    id: "lee2018kim", type: "article-journal",
    title: "Protest and memory in Seoul",
    author: [P("Lee", "Min-ji"), P("Kim", "Soo-ah")],
    "container-title": "Korea Journal", volume: "58", issue: "2", page: "5-31",
    issued: D(2018),
  },
  {
    id: "lee2018park", type: "article-journal",
    title: "Labour markets and gender in South Korea",
    author: [P("Lee", "Min-ji"), P("Park", "Jae-won")],
    "container-title": "Korea Journal", volume: "58", issue: "4", page: "99-124",
    issued: D(2018),
  },
  {
    id: "lee2018kimpark", type: "article-journal",
    title: "Housing policy and fertility",
    author: [P("Lee", "Min-ji"), P("Kim", "Soo-ah"), P("Park", "Jae-won"), P("Choi", "Yuna")],
    "container-title": "Population and Development Review", volume: 44, issue: 3, page: "503-528",
    issued: D(2018),
  },
  {
    id: "lee2018kimcho", type: "article-journal",
    title: "Urban heat islands in East Asia",
    author: [P("Lee", "Min-ji"), P("Kim", "Soo-ah"), P("Cho", "Hyun")],
    "container-title": "Urban Climate", volume: 24, page: "1-15",
    issued: D(2018),
  },

  // ---- names: particles, suffixes, corporate, single-field, CJK, hyphenated
  {
    id: "beethoven1802letter", type: "manuscript",
    title: "Heiligenstadt Testament",
    author: [P("Beethoven", "Ludwig", { "dropping-particle": "van" })],
    issued: D(1802, 10, 6), archive: "Staats- und Universitätsbibliothek Hamburg",
    "archive-place": "Hamburg", genre: "Letter",
  },
  {
    id: "lafontaine1668fables", type: "book",
    title: "Fables choisies, mises en vers",
    author: [P("La Fontaine", "Jean", { "non-dropping-particle": "de" })],
    publisher: "Claude Barbin", "publisher-place": "Paris",
    issued: { "date-parts": [[1668]] }, language: "fr",
  },
  {
    id: "vangogh1888letters", type: "book",
    title: "The letters of Vincent van Gogh",
    author: [P("Gogh", "Vincent", { "non-dropping-particle": "van" })],
    editor: [P("Jansen", "Leo"), P("Luijten", "Hans"), P("Bakker", "Nienke")],
    publisher: "Thames & Hudson", "publisher-place": "London",
    issued: D(2009), "number-of-volumes": 6,
  },
  {
    id: "vonneumann1945edvac", type: "report",
    title: "First draft of a report on the EDVAC",
    author: [P("Neumann", "John", { "dropping-particle": "von" })],
    publisher: "Moore School of Electrical Engineering, University of Pennsylvania",
    "publisher-place": "Philadelphia", issued: D(1945, 6, 30), number: "W-670-ORD-4926",
  },
  {
    id: "degaulle1954memoires", type: "book",
    title: "Mémoires de guerre",
    author: [P("Gaulle", "Charles", { "non-dropping-particle": "de" })],
    publisher: "Plon", "publisher-place": "Paris", issued: D(1954), volume: "1",
    language: "fr",
  },
  {
    id: "dalembert1751discours", type: "entry-encyclopedia",
    title: "Discours préliminaire",
    author: [P("Alembert", "Jean le Rond", { "non-dropping-particle": "d'" })],
    "container-title": "Encyclopédie, ou dictionnaire raisonné des sciences, des arts et des métiers",
    editor: [P("Diderot", "Denis"), P("Alembert", "Jean le Rond", { "non-dropping-particle": "d'" })],
    volume: "1", page: "i-xlv", publisher: "Briasson", "publisher-place": "Paris",
    issued: D(1751),
  },
  {
    id: "king1963letter", type: "manuscript",
    title: "Letter from Birmingham Jail",
    author: [P("King", "Martin Luther", { suffix: "Jr." })],
    issued: D(1963, 4, 16), genre: "Open letter",
  },
  {
    id: "gates1995road", type: "book",
    title: "The road ahead",
    author: [P("Gates", "William H.", { suffix: "III" }), P("Myhrvold", "Nathan"), P("Rinearson", "Peter")],
    publisher: "Viking", "publisher-place": "New York", issued: D(1995),
    "number-of-pages": "286",
  },
  {
    id: "davis2001commasuffix", type: "article-journal",
    title: "Redlining and its discontents",
    author: [P("Davis", "Sammy", { suffix: "Jr.", "comma-suffix": true })],
    "container-title": "Journal of Urban History", volume: 27, issue: 5, page: "601-630",
    issued: D(2001, 7),
  },
  {
    id: "who2021report", type: "report",
    title: "World malaria report 2021",
    author: [L("World Health Organization")],
    publisher: "World Health Organization", "publisher-place": "Geneva",
    issued: D(2021, 12, 6), number: "WHO/UCN/GMP/2021.01",
    URL: "https://www.who.int/publications/i/item/9789240040496",
    ISBN: "978-92-4-004049-6",
  },
  {
    id: "ipcc2021physical", type: "report",
    title: "Climate change 2021: the physical science basis",
    author: [L("Intergovernmental Panel on Climate Change")],
    editor: [P("Masson-Delmotte", "Valérie"), P("Zhai", "Panmao"), P("Pirani", "Anna")],
    publisher: "Cambridge University Press", "publisher-place": "Cambridge",
    issued: D(2021), DOI: "10.1017/9781009157896",
    "collection-title": "Contribution of Working Group I to the Sixth Assessment Report",
  },
  {
    id: "plato1997republic", type: "book",
    title: "Republic",
    author: [{ family: "Plato" }],
    translator: [P("Grube", "G. M. A."), P("Reeve", "C. D. C.")],
    "container-title": "Complete works", editor: [P("Cooper", "John M.")],
    publisher: "Hackett", "publisher-place": "Indianapolis", issued: D(1997),
    "original-date": { "date-parts": [[-380]] },
  },
  {
    id: "homer1996odyssey", type: "book",
    title: "The Odyssey",
    author: [{ family: "Homer" }],
    translator: [P("Fagles", "Robert")],
    publisher: "Penguin Classics", "publisher-place": "New York", issued: D(1996),
  },
  {
    id: "mao1966quotations", type: "book",
    title: "毛主席语录",
    author: [P("毛", "泽东")],
    publisher: "人民出版社", "publisher-place": "北京", issued: D(1966), language: "zh-CN",
  },
  {
    id: "murakami1987norwegian", type: "book",
    title: "ノルウェイの森",
    author: [P("村上", "春樹")],
    publisher: "講談社", "publisher-place": "東京", issued: D(1987), language: "ja",
  },
  {
    id: "murakami2000norwegian-en", type: "book",
    title: "Norwegian wood",
    author: [P("Murakami", "Haruki")],
    translator: [P("Rubin", "Jay")],
    publisher: "Vintage", "publisher-place": "London", issued: D(2000),
    "original-title": "Noruwei no mori", "original-date": D(1987),
  },
  {
    id: "kim2010korean", type: "book",
    title: "살인자의 기억법",
    author: [P("김", "영하")],
    publisher: "문학동네", "publisher-place": "서울", issued: D(2013), language: "ko",
  },
  {
    id: "sartre1943etre", type: "book",
    title: "L'être et le néant: essai d'ontologie phénoménologique",
    author: [P("Sartre", "Jean-Paul")],
    publisher: "Gallimard", "publisher-place": "Paris", issued: D(1943), language: "fr",
  },
  {
    id: "sartre1956being", type: "book",
    title: "Being and nothingness: an essay on phenomenological ontology",
    author: [P("Sartre", "Jean-Paul")],
    translator: [P("Barnes", "Hazel E.")],
    publisher: "Philosophical Library", "publisher-place": "New York", issued: D(1956),
  },
  {
    id: "gadamer1960wahrheit", type: "book",
    title: "Wahrheit und Methode",
    author: [P("Gadamer", "Hans-Georg")],
    publisher: "Mohr Siebeck", "publisher-place": "Tübingen", issued: D(1960), language: "de",
  },
  {
    id: "berg2015hyphen", type: "chapter",
    title: "Nordic welfare states in transition",
    author: [P("Berg", "Anna-Karin"), P("Lindqvist", "Lars")],
    "container-title": "The Oxford handbook of the welfare state",
    editor: [P("Béland", "Daniel"), P("Morgan", "Kimberly J."), P("Obinger", "Herbert"), P("Pierson", "Christopher")],
    publisher: "Oxford University Press", "publisher-place": "Oxford",
    page: "612-628", issued: D(2021), edition: "2",
  },
  {
    id: "mccartney1967single", type: "song",
    title: "Strawberry Fields Forever",
    author: [P("Lennon", "John"), P("McCartney", "Paul")],
    composer: [P("Lennon", "John"), P("McCartney", "Paul")],
    "container-title": "Magical mystery tour", publisher: "Parlophone",
    medium: "Vinyl", issued: D(1967, 2, 13),
  },

  // ---- books: editions, volumes, editors, translators
  {
    id: "knuth1997art", type: "book",
    title: "The art of computer programming",
    author: [P("Knuth", "Donald E.")],
    volume: "1", "volume-title": "Fundamental algorithms", edition: "3",
    publisher: "Addison-Wesley", "publisher-place": "Reading, MA", issued: D(1997),
    "number-of-pages": 672, ISBN: "978-0-201-89683-1",
  },
  {
    id: "strunk2000elements", type: "book",
    title: "The elements of style",
    author: [P("Strunk", "William", { suffix: "Jr." }), P("White", "E. B.")],
    edition: "4th", publisher: "Longman", "publisher-place": "New York", issued: D(2000),
  },
  {
    id: "oed1989revised", type: "book",
    title: "A dictionary of modern English usage",
    author: [P("Fowler", "H. W.")],
    editor: [P("Gowers", "Ernest")],
    edition: "Revised", publisher: "Oxford University Press", "publisher-place": "Oxford",
    issued: D(1965),
  },
  {
    id: "edition2nd-string", type: "book",
    title: "Introduction to algorithms",
    author: [P("Cormen", "Thomas H."), P("Leiserson", "Charles E."), P("Rivest", "Ronald L."), P("Stein", "Clifford")],
    edition: "2nd", publisher: "MIT Press", "publisher-place": "Cambridge, MA", issued: D(2001),
  },
  {
    id: "edition-number", type: "book",
    title: "Statistical rethinking: a Bayesian course with examples in R and Stan",
    author: [P("McElreath", "Richard")],
    edition: 2, publisher: "CRC Press", "publisher-place": "Boca Raton, FL", issued: D(2020),
    "collection-title": "Texts in statistical science", "collection-number": 122,
    DOI: "10.1201/9780429029608",
  },
  {
    id: "edited2005volume", type: "book",
    title: "The Cambridge companion to Habermas",
    editor: [P("White", "Stephen K.")],
    publisher: "Cambridge University Press", "publisher-place": "Cambridge", issued: D(1995),
    "collection-title": "Cambridge companions to philosophy",
  },
  {
    id: "edtrans2008same", type: "book",
    title: "The book of the courtier",
    author: [P("Castiglione", "Baldassare")],
    editor: [P("Bull", "George")], translator: [P("Bull", "George")],
    publisher: "Penguin", "publisher-place": "Harmondsworth", issued: D(1967),
    "original-date": D(1528),
  },
  {
    id: "edtrans2015diff", type: "book",
    title: "Selected writings",
    author: [P("Benjamin", "Walter")],
    editor: [P("Bullock", "Marcus"), P("Jennings", "Michael W.")],
    translator: [P("Livingstone", "Rodney")],
    publisher: "Belknap Press of Harvard University Press", "publisher-place": "Cambridge, MA",
    issued: R([1996], [2003]), "number-of-volumes": "4",
  },
  {
    id: "noauthor1611bible", type: "book",
    title: "The Holy Bible, conteyning the Old Testament, and the New",
    publisher: "Robert Barker", "publisher-place": "London", issued: D(1611),
  },
  {
    id: "circa1850book", type: "book",
    title: "A treatise on the steam engine",
    author: [P("Russell", "John Scott")],
    publisher: "Adam & Charles Black", "publisher-place": "Edinburgh",
    issued: { "date-parts": [[1850]], circa: true },
  },
  {
    id: "nodate-book", type: "book",
    title: "Recipes from the old mill",
    author: [P("Quinn", "Aoife")],
    publisher: "Mercier Press", "publisher-place": "Cork",
  },
  {
    id: "literaldate-book", type: "book",
    title: "Almanack for the year of our Lord",
    author: [P("Franklin", "Benjamin")],
    publisher: "B. Franklin", "publisher-place": "Philadelphia",
    issued: { literal: "ca. 1733–1758" },
  },
  {
    id: "italic-title-book", type: "book",
    title: "Reading <i>Moby-Dick</i> in the twenty-first century",
    author: [P("Anderson", "Alice")],
    publisher: "University of Chicago Press", "publisher-place": "Chicago", issued: D(2018),
  },
  {
    id: "question-title-book", type: "book",
    title: "What is history?",
    author: [P("Carr", "Edward Hallett")],
    publisher: "Macmillan", "publisher-place": "London", issued: D(1961),
  },
  {
    id: "quote-title-book", type: "book",
    title: "\"Surely you're joking, Mr. Feynman!\": adventures of a curious character",
    author: [P("Feynman", "Richard P.")],
    editor: [P("Hutchings", "Edward")],
    publisher: "W. W. Norton", "publisher-place": "New York", issued: D(1985),
  },
  {
    id: "iphone-nocase-book", type: "book",
    title: "The one device: the secret history of the <span class=\"nocase\">iPhone</span>",
    author: [P("Merchant", "Brian")],
    publisher: "Little, Brown", "publisher-place": "New York", issued: D(2017),
  },
  {
    id: "stopwords-book", type: "book",
    title: "a history of the world in 100 objects",
    author: [P("MacGregor", "Neil")],
    publisher: "Allen Lane", "publisher-place": "London", issued: D(2010),
  },
  {
    id: "multivolume-book", type: "book",
    title: "The history of the decline and fall of the Roman Empire",
    author: [P("Gibbon", "Edward")],
    volume: "3", "number-of-volumes": "6", publisher: "Strahan & Cadell", "publisher-place": "London",
    issued: D(1781),
  },
  {
    id: "smith2013north-book", type: "book",
    title: "Intimate rivals: Japanese domestic politics and a rising China",
    author: [P("Smith", "Sheila A.")],
    publisher: "Columbia University Press", "publisher-place": "New York", issued: D(2015),
    "collection-title": "Contemporary Asia in the world",
  },
  {
    id: "smith2019japan", type: "book",
    title: "Japan rearmed: the politics of military power",
    author: [P("Smith", "Sheila A.")],
    publisher: "Harvard University Press", "publisher-place": "Cambridge, MA", issued: D(2019),
  },
  {
    id: "three-editors-book", type: "book",
    title: "Handbook of qualitative research",
    editor: [P("Denzin", "Norman K."), P("Lincoln", "Yvonna S."), P("Giardina", "Michael D.")],
    edition: "6", publisher: "SAGE", "publisher-place": "Thousand Oaks, CA", issued: D(2023),
  },
  {
    id: "seven-authors-book", type: "book",
    title: "Doing data science together",
    author: team(7, 10),
    publisher: "O'Reilly Media", "publisher-place": "Sebastopol, CA", issued: D(2022),
  },

  // ---- chapters
  {
    id: "chapter-basic", type: "chapter",
    title: "The structure of scientific revolutions revisited",
    author: [P("Hacking", "Ian")],
    "container-title": "Scientific revolutions", editor: [P("Hacking", "Ian")],
    publisher: "Oxford University Press", "publisher-place": "Oxford", page: "1-19", issued: D(1981),
  },
  {
    id: "chapter-two-eds", type: "chapter",
    title: "Ethnography and participant observation",
    author: [P("Atkinson", "Paul"), P("Hammersley", "Martyn")],
    "container-title": "Handbook of qualitative research",
    editor: [P("Denzin", "Norman K."), P("Lincoln", "Yvonna S.")],
    publisher: "SAGE", "publisher-place": "Thousand Oaks, CA", page: "248-261", issued: D(1994),
  },
  {
    id: "chapter-translated", type: "chapter",
    title: "The work of art in the age of its technological reproducibility",
    author: [P("Benjamin", "Walter")],
    translator: [P("Jephcott", "Edmund"), P("Zohn", "Harry")],
    "container-title": "Selected writings", editor: [P("Eiland", "Howard"), P("Jennings", "Michael W.")],
    volume: "3", page: "101-133",
    publisher: "Belknap Press", "publisher-place": "Cambridge, MA", issued: D(2002),
    "original-date": D(1936),
  },
  {
    id: "chapter-series", type: "chapter",
    title: "Bayesian methods for small-area estimation",
    author: [P("Rao", "J. N. K."), P("Molina", "Isabel")],
    "container-title": "Small area estimation", edition: "2",
    "collection-title": "Wiley series in survey methodology",
    publisher: "Wiley", "publisher-place": "Hoboken, NJ", page: "383-440", issued: D(2015),
    DOI: "10.1002/9781118735855.ch10", "chapter-number": "10",
  },
  {
    id: "chapter-nopages", type: "chapter",
    title: "Introduction",
    author: [P("Moreau", "Margaux")],
    "container-title": "Attention, markets, and the self", editor: [P("Moreau", "Margaux")],
    publisher: "Routledge", "publisher-place": "London", issued: D(2022),
  },
  {
    id: "chapter-intro-untitled", type: "chapter",
    genre: "Introduction",
    author: [P("Said", "Edward W.")],
    "container-title": "Orientalism: twenty-fifth anniversary edition",
    publisher: "Vintage Books", "publisher-place": "New York", page: "xi-xxiii", issued: D(2003),
  },
  {
    id: "chapter-corporate-editor", type: "chapter",
    title: "Air quality",
    author: [L("European Environment Agency")],
    "container-title": "The European environment: state and outlook 2020",
    editor: [L("European Environment Agency")],
    publisher: "Publications Office of the European Union", "publisher-place": "Luxembourg",
    page: "250-271", issued: D(2019),
  },
  {
    id: "chapter-particle", type: "chapter",
    title: "Dutch painting and the market",
    author: [P("Vries", "Jan", { "non-dropping-particle": "de" })],
    "container-title": "Art in history, history in art",
    editor: [P("Freedberg", "David"), P("Vries", "Jan", { "non-dropping-particle": "de" })],
    publisher: "Getty Center", "publisher-place": "Santa Monica, CA", page: "249-282", issued: D(1991),
  },
  {
    id: "chapter-reprint", type: "chapter",
    title: "Politics and the English language",
    author: [P("Orwell", "George")],
    "container-title": "A collection of essays", publisher: "Harcourt", "publisher-place": "San Diego",
    page: "156-171", issued: D(1981), "original-date": D(1946),
  },

  // ---- magazines, newspapers
  {
    id: "magazine-basic", type: "article-magazine",
    title: "The case for colonizing Mars",
    author: [P("Zubrin", "Robert")],
    "container-title": "Ad Astra", volume: "8", issue: "3", page: "14-19",
    issued: D(1996, 7),
  },
  {
    id: "magazine-web", type: "article-magazine",
    title: "Is Google making us stupid?",
    author: [P("Carr", "Nicholas")],
    "container-title": "The Atlantic", issued: D(2008, 7),
    URL: "https://www.theatlantic.com/magazine/archive/2008/07/is-google-making-us-stupid/306868/",
    accessed: D(2023, 5, 2),
  },
  {
    id: "magazine-newyorker", type: "article-magazine",
    title: "The mind's eye",
    author: [P("Sacks", "Oliver")],
    "container-title": "The New Yorker", page: "48-59", issued: D(2003, 7, 28),
  },
  {
    id: "newspaper-basic", type: "article-newspaper",
    title: "Japan weighs its options as North Korea tests again",
    author: [P("Tanaka", "Yuki")],
    "container-title": "The Japan Times", "publisher-place": "Tokyo",
    issued: D(2017, 9, 4), page: "A1",
  },
  {
    id: "newspaper-section", type: "article-newspaper",
    title: "Markets rally as inflation cools",
    author: [P("Rossi", "Giulia"), P("Kowalski", "Karolina")],
    "container-title": "Financial Times", section: "Companies & Markets",
    issued: D(2023, 11, 15), page: "15",
  },
  {
    id: "newspaper-noauthor", type: "article-newspaper",
    title: "Flood warnings issued for three counties",
    "container-title": "The Guardian", "publisher-place": "London",
    issued: D(2020, 2, 16),
    URL: "https://www.theguardian.com/uk-news/2020/feb/16/flood-warnings",
    accessed: D(2020, 2, 17),
  },
  {
    id: "newspaper-editorial", type: "article-newspaper",
    title: "The Fed's next move",
    genre: "Editorial",
    "container-title": "The Wall Street Journal", issued: D(2022, 6, 13), page: "A16",
  },

  // ---- reports
  {
    id: "report-number", type: "report",
    title: "The long-term budget outlook: 2023 to 2053",
    author: [L("Congressional Budget Office")],
    publisher: "Congressional Budget Office", "publisher-place": "Washington, DC",
    number: "58946", issued: D(2023, 6),
    URL: "https://www.cbo.gov/publication/59014",
  },
  {
    id: "report-working-paper", type: "report",
    title: "Automation and new tasks: how technology displaces and reinstates labor",
    author: [P("Acemoglu", "Daron"), P("Restrepo", "Pascual")],
    genre: "Working paper", "collection-title": "NBER Working Paper Series", number: "25684",
    publisher: "National Bureau of Economic Research", "publisher-place": "Cambridge, MA",
    issued: D(2019, 3), DOI: "10.3386/w25684",
  },
  {
    id: "report-technical", type: "report",
    title: "Guidelines for the safe handling of lithium-ion batteries",
    author: [P("Ivanova", "Irina"), P("Petrov", "Pavel"), P("Jensen", "Jonas")],
    genre: "Technical report", number: "TR-2021-07",
    publisher: "Sandia National Laboratories", "publisher-place": "Albuquerque, NM",
    issued: D(2021, 8), "number-of-pages": "84",
  },
  {
    id: "report-nopublisher", type: "report",
    title: "Annual report of the harbour commissioners",
    issued: D(1912),
  },
  {
    id: "report-rand", type: "report",
    title: "Japan's security policy after the Cold War",
    author: [P("Green", "Michael J.")],
    publisher: "RAND Corporation", "publisher-place": "Santa Monica, CA", number: "MR-1154",
    genre: "Occasional paper", issued: D(1999),
  },

  // ---- theses
  {
    id: "thesis-phd", type: "thesis",
    title: "Essays on the political economy of East Asian security",
    author: [P("Kowalski", "Karolina")],
    genre: "PhD diss.", publisher: "Stanford University", "publisher-place": "Stanford, CA",
    issued: D(2016),
  },
  {
    id: "thesis-masters", type: "thesis",
    title: "Groundwater recharge in semi-arid basins",
    author: [P("Okafor", "Chidi")],
    genre: "Master's thesis", publisher: "University of Arizona", "publisher-place": "Tucson, AZ",
    issued: D(2012), URL: "https://repository.arizona.edu/handle/10150/123456",
  },
  {
    id: "thesis-doctoral-db", type: "thesis",
    title: "Machine learning for protein structure: methods and applications",
    author: [P("Ueda", "Kenji")],
    genre: "Doctoral dissertation", publisher: "University of Tokyo",
    number: "28012345", archive: "ProQuest Dissertations and Theses", issued: D(2021),
  },

  // ---- webpages and posts
  {
    id: "webpage-basic", type: "webpage",
    title: "Citation Style Language",
    author: [L("Citation Style Language Project")],
    "container-title": "CitationStyles.org", URL: "https://citationstyles.org/",
    accessed: D(2024, 3, 1),
  },
  {
    id: "webpage-dated", type: "webpage",
    title: "How to cite sources in APA style",
    author: [P("Streefkerk", "Raimo")],
    "container-title": "Scribbr", issued: D(2022, 11, 4),
    URL: "https://www.scribbr.com/apa-style/citing-sources/",
    accessed: D(2023, 2, 14),
  },
  {
    id: "webpage-noauthor", type: "webpage",
    title: "Climate change indicators: sea level",
    "container-title": "United States Environmental Protection Agency",
    publisher: "US EPA", issued: D(2021, 7, 21),
    URL: "https://www.epa.gov/climate-indicators/climate-change-indicators-sea-level",
  },
  {
    id: "webpage-nodate", type: "webpage",
    title: "About the museum",
    author: [L("Rijksmuseum")],
    URL: "https://www.rijksmuseum.nl/en/about-us", accessed: D(2024, 2, 29),
  },
  {
    id: "post-weblog-basic", type: "post-weblog",
    title: "Why I still use Emacs",
    author: [P("Chen", "Lin")],
    "container-title": "Lin's Lab Notes", issued: D(2021, 10, 3),
    URL: "https://linchen.example.org/2021/10/03/emacs/",
  },
  {
    id: "post-weblog-comment", type: "post-weblog",
    title: "The replication crisis is not over",
    author: [P("Gelman", "Andrew")],
    "container-title": "Statistical Modeling, Causal Inference, and Social Science",
    issued: D(2019, 4, 28),
    URL: "https://statmodeling.stat.columbia.edu/2019/04/28/replication/",
  },
  {
    id: "post-forum", type: "post",
    title: "Just finished reading the new IPCC report. Thread 🧵",
    author: [P("Hausfather", "Zeke")],
    "container-title": "X", genre: "Tweet", issued: D(2021, 8, 9),
    URL: "https://x.com/hausfath/status/1424746282050416641",
  },
  {
    id: "post-reddit", type: "post",
    title: "What is the strangest citation style you've had to use?",
    author: [L("u/citationneeded")],
    "container-title": "Reddit", genre: "Online forum post", issued: D(2020, 5, 12),
    URL: "https://www.reddit.com/r/AskAcademia/comments/abc123/",
  },

  // ---- conference papers
  {
    id: "conf-basic", type: "paper-conference",
    title: "Attention is all you need",
    author: [P("Vaswani", "Ashish"), P("Shazeer", "Noam"), P("Parmar", "Niki"), P("Uszkoreit", "Jakob"),
      P("Jones", "Llion"), P("Gomez", "Aidan N."), P("Kaiser", "Łukasz"), P("Polosukhin", "Illia")],
    "container-title": "Advances in Neural Information Processing Systems 30",
    "event-title": "NeurIPS 2017", "event-place": "Long Beach, CA",
    page: "5998-6008", issued: D(2017), publisher: "Curran Associates",
  },
  {
    id: "conf-unpublished", type: "paper-conference",
    title: "Hedging strategies in Japanese foreign policy",
    author: [P("Tanaka", "Yuki")],
    "event-title": "Annual Meeting of the International Studies Association",
    "event-place": "Toronto", issued: D(2019, 3, 28),
    genre: "Paper presentation",
  },
  {
    id: "conf-proceedings-eds", type: "paper-conference",
    title: "Deep residual learning for image recognition",
    author: [P("He", "Kaiming"), P("Zhang", "Xiangyu"), P("Ren", "Shaoqing"), P("Sun", "Jian")],
    "container-title": "Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition (CVPR)",
    page: "770-778", issued: R([2016, 6, 27], [2016, 6, 30]), publisher: "IEEE",
    "publisher-place": "Las Vegas, NV", DOI: "10.1109/CVPR.2016.90",
  },
  {
    id: "conf-collection", type: "paper-conference",
    title: "A calculus of mobile processes",
    author: [P("Milner", "Robin")],
    "container-title": "CONCUR '92", editor: [P("Cleaveland", "W. R.")],
    "collection-title": "Lecture Notes in Computer Science", "collection-number": "630",
    publisher: "Springer", "publisher-place": "Berlin", page: "1-20", issued: D(1992),
  },

  // ---- encyclopedias, dictionaries
  {
    id: "encyclopedia-signed", type: "entry-encyclopedia",
    title: "Hedging (international relations)",
    author: [P("Kuik", "Cheng-Chwee")],
    "container-title": "Oxford Research Encyclopedia of International Studies",
    publisher: "Oxford University Press", issued: D(2021, 5, 19),
    DOI: "10.1093/acrefore/9780190846626.013.595",
  },
  {
    id: "encyclopedia-unsigned", type: "entry-encyclopedia",
    title: "Tsunami",
    "container-title": "Encyclopædia Britannica", edition: "15", volume: "12", page: "33-34",
    publisher: "Encyclopædia Britannica", "publisher-place": "Chicago", issued: D(2010),
  },
  {
    id: "encyclopedia-online", type: "entry-encyclopedia",
    title: "Mereology",
    author: [P("Varzi", "Achille")],
    "container-title": "The Stanford Encyclopedia of Philosophy",
    editor: [P("Zalta", "Edward N."), P("Nodelman", "Uri")],
    edition: "Spring 2016", issued: D(2016),
    URL: "https://plato.stanford.edu/archives/spr2016/entries/mereology/",
    accessed: D(2024, 1, 3),
  },
  {
    id: "dictionary-entry", type: "entry-dictionary",
    title: "Serendipity",
    "container-title": "Merriam-Webster.com dictionary", publisher: "Merriam-Webster",
    URL: "https://www.merriam-webster.com/dictionary/serendipity", accessed: D(2024, 2, 1),
  },

  // ---- datasets, software
  {
    id: "dataset-zenodo", type: "dataset",
    title: "Global daily precipitation, 1981–2020",
    author: [P("Funk", "Chris"), P("Peterson", "Pete")],
    publisher: "Zenodo", version: "2.1", issued: D(2021, 3, 4),
    DOI: "10.5281/zenodo.4567890", medium: "NetCDF",
  },
  {
    id: "dataset-corporate", type: "dataset",
    title: "American community survey 5-year estimates",
    author: [L("U.S. Census Bureau")],
    publisher: "U.S. Department of Commerce", issued: D(2022),
    URL: "https://data.census.gov/", accessed: D(2023, 9, 30), genre: "Data set",
  },
  {
    id: "dataset-number", type: "dataset",
    title: "World values survey wave 7 (2017-2022)",
    author: [P("Haerpfer", "Christian"), P("Inglehart", "Ronald"), P("Moreno", "Alejandro"),
      P("Welzel", "Christian"), P("Kizilova", "Kseniya"), P("Diez-Medrano", "Jaime"), P("Lagos", "Marta"),
      P("Norris", "Pippa"), P("Ponarin", "Eduard"), P("Puranen", "Bi")],
    publisher: "JD Systems Institute & WVSA Secretariat", "publisher-place": "Madrid",
    version: "5.0", issued: D(2022), DOI: "10.14281/18241.20",
  },
  {
    id: "software-r", type: "software",
    title: "R: a language and environment for statistical computing",
    author: [L("R Core Team")],
    publisher: "R Foundation for Statistical Computing", "publisher-place": "Vienna, Austria",
    version: "4.3.1", issued: D(2023), URL: "https://www.R-project.org/",
  },
  {
    id: "software-github", type: "software",
    title: "citeproc-py",
    author: [P("Maertens", "Brecht")],
    version: "0.6.0", issued: D(2021, 6, 2), publisher: "GitHub",
    URL: "https://github.com/brechtm/citeproc-py", genre: "Computer software",
  },
  {
    id: "software-nodate", type: "software",
    title: "NumPy",
    author: [L("NumPy Developers")],
    version: "1.26", URL: "https://numpy.org/",
  },

  // ---- audiovisual
  {
    id: "film-basic", type: "motion_picture",
    title: "Seven samurai",
    director: [P("Kurosawa", "Akira")],
    publisher: "Toho", "publisher-place": "Tokyo", issued: D(1954, 4, 26),
    "original-title": "Shichinin no samurai", medium: "Film",
  },
  {
    id: "film-dvd", type: "motion_picture",
    title: "Casablanca",
    director: [P("Curtiz", "Michael")],
    publisher: "Warner Home Video", medium: "DVD", issued: D(2003),
    "original-date": D(1942),
  },
  {
    id: "film-documentary", type: "motion_picture",
    title: "An inconvenient truth",
    director: [P("Guggenheim", "Davis")], producer: [P("David", "Laurie"), P("Bender", "Lawrence")],
    publisher: "Paramount Classics", issued: D(2006), genre: "Documentary",
  },
  {
    id: "broadcast-episode", type: "broadcast",
    title: "The one where everybody finds out",
    author: [P("Junge", "Alexa")],
    director: [P("Halvorson", "Gary")],
    "container-title": "Friends", number: "5.14", publisher: "NBC",
    issued: D(1999, 2, 11), genre: "Television series episode",
  },
  {
    id: "broadcast-radio", type: "broadcast",
    title: "In our time: the Meiji Restoration",
    author: [P("Bragg", "Melvyn")],
    "container-title": "In our time", publisher: "BBC Radio 4", issued: D(2010, 3, 11),
    medium: "Radio broadcast", URL: "https://www.bbc.co.uk/programmes/b00r4v9t",
  },
  {
    id: "broadcast-podcast", type: "broadcast",
    title: "Japan's changing security posture",
    author: [P("Smith", "Sheila A.")],
    "container-title": "The President's Inbox", publisher: "Council on Foreign Relations",
    number: "212", issued: D(2022, 12, 20), genre: "Podcast episode",
    URL: "https://www.cfr.org/podcasts/japan-security",
  },
  {
    id: "song-album", type: "song",
    title: "Kind of blue",
    author: [P("Davis", "Miles")],
    publisher: "Columbia Records", medium: "CD", issued: D(1997), "original-date": D(1959),
  },
  {
    id: "song-track", type: "song",
    title: "Formation",
    author: [L("Beyoncé")],
    "container-title": "Lemonade", publisher: "Parkwood; Columbia", issued: D(2016, 4, 23),
  },

  // ---- interviews, speeches
  {
    id: "interview-published", type: "interview",
    title: "Interview with Shinzo Abe",
    author: [P("Abe", "Shinzo")], interviewer: [P("Frum", "David")],
    "container-title": "The Atlantic", issued: D(2015, 4, 28),
  },
  {
    id: "interview-personal", type: "interview",
    author: [P("Yilmaz", "Emre")], interviewer: [P("Anderson", "Alice")],
    genre: "Personal interview", medium: "Zoom", issued: D(2022, 5, 17),
  },
  {
    id: "interview-oral-history", type: "interview",
    title: "Oral history interview with Grace Murray Hopper",
    author: [P("Hopper", "Grace Murray")], interviewer: [P("Tropp", "Henry")],
    archive: "Smithsonian Institution Archives", archive_location: "Record Unit 9537",
    "archive-place": "Washington, DC", issued: D(1968, 7, 5),
  },
  {
    id: "speech-basic", type: "speech",
    title: "I have a dream",
    author: [P("King", "Martin Luther", { suffix: "Jr." })],
    "event-title": "March on Washington for Jobs and Freedom", "event-place": "Washington, DC",
    issued: D(1963, 8, 28), genre: "Speech",
  },
  {
    id: "speech-lecture", type: "speech",
    title: "Structure and interpretation of the CSL specification",
    author: [P("Nakamura", "Hiroshi")],
    "event-title": "Annual Conference on Scholarly Infrastructure", "event-place": "Kyoto",
    genre: "Keynote address", issued: R([2019, 11, 5], [2019, 11, 7]),
  },

  // ---- legal
  {
    id: "legal-brown", type: "legal_case",
    title: "Brown v. Board of Education",
    authority: "Supreme Court of the United States",
    "container-title": "U.S.", volume: "347", page: "483", issued: D(1954),
  },
  {
    id: "legal-roe", type: "legal_case",
    title: "Roe v. Wade",
    "container-title": "U.S.", volume: "410", page: "113", issued: D(1973), authority: "U.S. Supreme Court",
  },
  {
    id: "legal-uk", type: "legal_case",
    title: "Donoghue v Stevenson",
    "container-title": "AC", volume: "1932", page: "562", authority: "House of Lords",
    issued: D(1932, 5, 26),
  },
  {
    id: "legislation-us", type: "legislation",
    title: "Civil Rights Act of 1964",
    "container-title": "U.S.C.", volume: "42", section: "2000e", issued: D(1964),
  },
  {
    id: "legislation-uk", type: "legislation",
    title: "Data Protection Act 2018",
    number: "c. 12", issued: D(2018), publisher: "Legislation.gov.uk",
    URL: "https://www.legislation.gov.uk/ukpga/2018/12/contents",
  },
  {
    id: "legislation-japan", type: "legislation",
    title: "Act on the Protection of Specially Designated Secrets",
    number: "Act No. 108 of 2013", issued: D(2013, 12, 13), jurisdiction: "jp",
  },
  {
    id: "bill-us", type: "bill",
    title: "Inflation Reduction Act of 2022",
    number: "H.R. 5376", "container-title": "Congressional Record", authority: "117th Congress",
    issued: D(2022),
  },

  // ---- manuscripts, maps, patents, standards, reviews
  {
    id: "manuscript-archive", type: "manuscript",
    title: "Diary, 1861-1865",
    author: [P("Chesnut", "Mary Boykin")],
    archive: "South Caroliniana Library", archive_location: "Box 3, Folder 12",
    "archive-place": "Columbia, SC", issued: R([1861], [1865]),
  },
  {
    id: "manuscript-unpublished", type: "manuscript",
    title: "A theory of hedging in small-state foreign policy",
    author: [P("Kowalski", "Karolina"), P("Tanaka", "Yuki")],
    genre: "Unpublished manuscript", issued: D(2023),
  },
  {
    id: "manuscript-preprint", type: "article",
    title: "Scaling laws for neural language models",
    author: [P("Kaplan", "Jared"), P("McCandlish", "Sam"), P("Henighan", "Tom")],
    publisher: "arXiv", number: "2001.08361", issued: D(2020, 1, 23), genre: "Preprint",
    DOI: "10.48550/arXiv.2001.08361",
  },
  {
    id: "map-basic", type: "map",
    title: "Tokyo and vicinity",
    author: [L("Geospatial Information Authority of Japan")],
    scale: "1:50,000", publisher: "GSI", "publisher-place": "Tsukuba", issued: D(2015),
  },
  {
    id: "map-historic", type: "map",
    title: "A new map of the world",
    author: [P("Blaeu", "Willem Janszoon")],
    publisher: "Blaeu", "publisher-place": "Amsterdam", issued: { "date-parts": [[1635]], circa: 1 },
    archive: "Library of Congress Geography and Map Division", medium: "Copperplate engraving",
  },
  {
    id: "patent-us", type: "patent",
    title: "Method and apparatus for citation formatting",
    author: [P("Haddad", "Hassan"), P("Quinn", "Aoife")],
    number: "US 9,876,543 B2", authority: "U.S. Patent and Trademark Office",
    issued: D(2018, 1, 23), "submitted": D(2015, 6, 2),
  },
  {
    id: "patent-ep", type: "patent",
    title: "Lithium battery with improved separator",
    author: [P("Tanaka", "Yuki"), P("Ueda", "Kenji")],
    number: "EP 3 123 456 A1", authority: "European Patent Office", issued: D(2017, 2, 1),
  },
  {
    id: "standard-iso", type: "standard",
    title: "Information and documentation: guidelines for bibliographic references and citations to information resources",
    author: [L("International Organization for Standardization")],
    number: "ISO 690:2021", publisher: "ISO", "publisher-place": "Geneva", issued: D(2021, 6),
    edition: "4",
  },
  {
    id: "standard-ieee", type: "standard",
    title: "IEEE standard for floating-point arithmetic",
    author: [L("IEEE")],
    number: "IEEE 754-2019", publisher: "IEEE", "publisher-place": "New York",
    issued: D(2019, 7, 22), DOI: "10.1109/IEEESTD.2019.8766229",
  },
  {
    id: "review-book", type: "review",
    title: "Hedging in the shadow of China",
    author: [P("Green", "Michael J.")],
    "reviewed-title": "Intimate rivals: Japanese domestic politics and a rising China",
    "reviewed-author": [P("Smith", "Sheila A.")],
    "container-title": "Foreign Affairs", volume: "94", issue: "3", page: "160-165",
    issued: D(2015, 5),
  },
  {
    id: "review-book-type", type: "review-book",
    title: "Review of <i>Japan rearmed</i>",
    author: [P("Samuels", "Richard J.")],
    "reviewed-title": "Japan rearmed: the politics of military power",
    "reviewed-author": [P("Smith", "Sheila A.")],
    "container-title": "Journal of Japanese Studies", volume: "46", issue: "2", page: "512-516",
    issued: D(2020),
  },
  {
    id: "review-film", type: "review",
    title: "A samurai epic for the ages",
    author: [P("Ebert", "Roger")],
    "reviewed-title": "Seven samurai", "container-title": "Chicago Sun-Times",
    issued: D(2001, 8, 19), genre: "Film review",
  },

  // ---- misc types
  {
    id: "pamphlet-basic", type: "pamphlet",
    title: "Common sense",
    author: [P("Paine", "Thomas")],
    publisher: "R. Bell", "publisher-place": "Philadelphia", issued: D(1776, 1, 10),
  },
  {
    id: "graphic-artwork", type: "graphic",
    title: "The starry night",
    author: [P("Gogh", "Vincent", { "non-dropping-particle": "van" })],
    medium: "Oil on canvas", dimensions: "73.7 cm × 92.1 cm",
    archive: "Museum of Modern Art", "archive-place": "New York", issued: D(1889),
  },
  {
    id: "personal-communication", type: "personal_communication",
    title: "Email message to the author",
    author: [P("Fischer", "Frank")], recipient: [P("Anderson", "Alice")],
    issued: D(2023, 3, 14), genre: "Email",
  },
  {
    id: "classic-aristotle", type: "classic",
    title: "Nicomachean ethics",
    author: [{ family: "Aristotle" }],
    translator: [P("Ross", "W. D.")],
    publisher: "Oxford University Press", "publisher-place": "Oxford", issued: D(2009),
  },
  {
    id: "event-exhibit", type: "event",
    title: "Hokusai: beyond the Great Wave",
    "event-place": "British Museum, London", issued: R([2017, 5, 25], [2017, 8, 13]),
    genre: "Exhibition",
  },
  {
    id: "performance-opera", type: "performance",
    title: "Madama Butterfly",
    author: [P("Puccini", "Giacomo")], director: [P("Minghella", "Anthony")],
    "event-place": "Metropolitan Opera, New York", issued: D(2006, 9, 25),
  },
  {
    id: "periodical-issue", type: "periodical",
    title: "Daedalus",
    volume: "152", issue: "1", issued: { "date-parts": [[2023]], season: "Winter" },
    publisher: "MIT Press",
  },
  {
    id: "musical-score", type: "musical_score",
    title: "Symphony no. 9 in D minor, op. 125",
    author: [P("Beethoven", "Ludwig", { "dropping-particle": "van" })],
    editor: [P("Del Mar", "Jonathan")],
    publisher: "Bärenreiter", "publisher-place": "Kassel", issued: D(1996),
  },
  {
    id: "figure-basic", type: "figure",
    title: "Global temperature anomalies, 1880–2020",
    author: [L("NASA Goddard Institute for Space Studies")],
    issued: D(2021), URL: "https://data.giss.nasa.gov/gistemp/",
  },
  {
    id: "document-generic", type: "document",
    title: "Style guide for internal reports",
    author: [L("Citekit Editorial Board")],
    issued: D(2024, 1), publisher: "Citekit",
  },
  {
    id: "hearing-senate", type: "hearing",
    title: "Security challenges on the Korean Peninsula",
    authority: "U.S. Senate Committee on Armed Services",
    "container-title": "Hearing before the Committee on Armed Services", number: "115-312",
    issued: D(2017, 9, 26), publisher: "U.S. Government Publishing Office",
    "publisher-place": "Washington, DC",
  },
  {
    id: "regulation-eu", type: "regulation",
    title: "General Data Protection Regulation",
    number: "2016/679", "container-title": "Official Journal of the European Union",
    volume: "L 119", page: "1-88", issued: D(2016, 5, 4),
  },
  {
    id: "treaty-basic", type: "treaty",
    title: "Treaty of mutual cooperation and security between Japan and the United States of America",
    issued: D(1960, 1, 19), "container-title": "U.S.T.", volume: "11", page: "1632",
  },
];

// ---- extra article-journal items to reach the count with more variety
const EXTRA_JOURNALS = [
  ["Mass spectrometry imaging of lipid rafts", "Analytical Chemistry", "89", "2", "1021-1030", 2017],
  ["Why does the sky look blue? a classroom demonstration", "Physics Education", "52", "6", "065012", 2017],
  ["Monetary policy under deflation: lessons from Japan", "Journal of Monetary Economics", "103", "", "45-67", 2019],
  ["The 'Hallyu' wave and Korean soft power", "Pacific Affairs", "88", "3", "459-478", 2015],
  ["Post-truth politics and the news media", "Journalism Studies", "19", "13", "1866-1878", 2018],
  ["A note on the Erdős–Rényi random graph", "Random Structures & Algorithms", "12", "4", "e3", 1998],
  ["Self-healing concrete using bacteria", "Construction and Building Materials", "28", "1", "571-583", 2012],
  ["Ribosome profiling reveals the what, when, where and how of protein synthesis", "Nature Reviews Molecular Cell Biology", "16", "11", "651-664", 2015],
  ["Rethinking the U.S.-Japan alliance", "The Washington Quarterly", "40", "2", "101-121", 2017],
  ["Is there a free lunch in portfolio choice?", "Review of Financial Studies", "22", "5", "1915-1953", 2009],
];
EXTRA_JOURNALS.forEach(([title, cont, vol, iss, page, year], i) => {
  const it = {
    id: `extra${year}-${i + 1}`, type: "article-journal", title,
    author: team(1 + (i % 4), 5 + i * 2),
    "container-title": cont, volume: vol, page, issued: D(year),
  };
  if (iss) it.issue = iss;
  if (i % 3 === 0) it.DOI = `10.5555/extra.${year}.${i + 1}`;
  items.push(it);
});

// Same first author, different co-authors; same surname different initials.
items.push(
  {
    id: "kowalski2022a", type: "article-journal",
    title: "Hedging revisited",
    author: [P("Kowalski", "Karolina"), P("Tanaka", "Yuki"), P("Ueda", "Kenji")],
    "container-title": "International Affairs", volume: 98, issue: 1, page: "1-20", issued: D(2022),
  },
  {
    id: "kowalski2022b", type: "article-journal",
    title: "Small states and great-power rivalry",
    author: [P("Kowalski", "Karolina"), P("Tanaka", "Yuki"), P("Jensen", "Jonas")],
    "container-title": "International Affairs", volume: 98, issue: 4, page: "1301-1320", issued: D(2022),
  },
  {
    id: "tanaka2022kenji", type: "article-journal",
    title: "Semiconductors and economic security",
    author: [P("Tanaka", "Kenji")],
    "container-title": "Asia Policy", volume: 17, issue: 2, page: "55-76", issued: D(2022),
  },
  {
    id: "tanaka2022yuki", type: "article-journal",
    title: "Economic security legislation in Japan",
    author: [P("Tanaka", "Yuki")],
    "container-title": "Asia Policy", volume: 17, issue: 3, page: "12-30", issued: D(2022),
  },
);

// ---------------------------------------------------------------- document
function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DOC_IDS = [
  // deliberately ambiguous ones
  "smith2020a", "smith2020b", "smith2020c", "smith2020jane", "smith2013north",
  "smith2013north-book", "smith2019japan", "lee2018kim", "lee2018park", "lee2018kimpark",
  "lee2018kimcho", "kowalski2022a", "kowalski2022b", "tanaka2022kenji", "tanaka2022yuki",
  "sartre1943etre", "sartre1956being", "king1963letter", "speech-basic",
  // a spread of other types
  "japan-post-cold-war-nk-policy", "okafor2019tidal", "bianchi2020two", "castillo2021three",
  "plosone2018e1001", "consortium2022genome21", "beethoven1802letter", "lafontaine1668fables",
  "who2021report", "knuth1997art", "edtrans2008same", "chapter-basic", "newspaper-basic",
  "chapter-intro-untitled", "thesis-phd", "conf-basic", "legal-brown", "film-basic", "interview-published",
  "review-book", "report-working-paper",
];
const byId = new Map(items.map((it) => [it.id, it]));
const docItems = DOC_IDS.map((id) => {
  if (!byId.has(id)) throw new Error("document item missing: " + id);
  return byId.get(id);
});

function makeClusters(n, seed) {
  const rnd = mulberry32(seed);
  const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
  const LABELS = ["page", "page", "page", "chapter", "section", "paragraph", "figure", "volume"];
  const PREFIXES = ["see ", "cf. ", "see also ", "e.g., "];
  const SUFFIXES = [", emphasis added", ", for a critique", ", n. 4"];
  const clusters = [];
  let prev = null;
  for (let c = 0; c < n; c++) {
    let cites;
    const r = rnd();
    if (prev && r < 0.22) {
      // repeat the last item of the previous cluster alone: ibid / ibid-with-locator
      const last = prev[prev.length - 1];
      const ci = { id: last.id };
      if (rnd() < 0.55) {
        ci.locator = String(1 + Math.floor(rnd() * 300));
        ci.label = "page";
      }
      cites = [ci];
    } else {
      const k = 1 + Math.floor(rnd() * 3 * rnd() + rnd() * 1.2);
      const count = Math.min(3, Math.max(1, k));
      const used = new Set();
      cites = [];
      while (cites.length < count) {
        const id = pick(DOC_IDS);
        if (used.has(id)) continue;
        used.add(id);
        const ci = { id };
        if (rnd() < 0.4) {
          const label = pick(LABELS);
          ci.label = label;
          ci.locator = label === "page"
            ? (rnd() < 0.3 ? `${10 + Math.floor(rnd() * 90)}-${100 + Math.floor(rnd() * 50)}` : String(1 + Math.floor(rnd() * 400)))
            : String(1 + Math.floor(rnd() * 20));
        }
        if (rnd() < 0.12) ci.prefix = pick(PREFIXES);
        if (rnd() < 0.08) ci.suffix = pick(SUFFIXES);
        if (count === 1 && rnd() < 0.15) ci["suppress-author"] = true;
        cites.push(ci);
      }
    }
    clusters.push({
      citationID: `CITATION-${c + 1}`,
      citationItems: cites,
      properties: { noteIndex: c + 1 },
    });
    prev = cites;
  }
  return clusters;
}

// ---------------------------------------------------------------- write
function writeJSON(name, obj) {
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, name), JSON.stringify(obj, null, 1) + "\n");
}

const ids = new Set();
for (const it of items) {
  if (ids.has(it.id)) throw new Error("duplicate id " + it.id);
  ids.add(it.id);
}
writeJSON("items.json", items);
writeJSON("document.json", {
  description: "40 items and 200 citation clusters (deterministic, mulberry32 seed 20240601). noteIndex = cluster number.",
  items: docItems,
  clusters: makeClusters(200, 20240601),
});
writeJSON("document-1000.json", {
  description: "The 40 items of document.json and 1,000 citation clusters (mulberry32 seed 1000). noteIndex = cluster number. The APA outputs (key apa) are added by make_oracle.js.",
  items: docItems,
  clusters: makeClusters(1000, 1000),
});
console.log(`items.json: ${items.length} items; document.json: ${docItems.length} items`);
