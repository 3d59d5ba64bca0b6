#!/usr/bin/env node
// Development-time oracle for single bibliography behaviours: each case is a tiny style and
// one or a few items; citeproc-js's bibliography (text and HTML) is recorded in
// tests/data/oracle/bibliography-cases.json, which tests/test_csl_bibliography_cases.py
// compares citekit against. The cases come from differences found by the style sweep
// (tools/stylesweep/), reduced to the element that causes them.
//
// Run from the repo root (after `npm ci` inside tools/oracle):
//   node tools/oracle/make_bibliography_cases.js
// Deterministic: fixed inputs, no clock.
"use strict";

const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const REPO = path.resolve(__dirname, "..", "..");
const LOCALES_DIR = path.join(REPO, "..", "shared", "csl", "locales");
const OUT = path.join(REPO, "tests", "data", "oracle", "bibliography-cases.json");

function style(bibliography, { locale = "", options = "", macros = "", root = "",
  citation = "<citation>" } = {}) {
  return `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"${root}${
  locale ? ` default-locale="${locale}"` : ""}>
  <info><title>case</title><id>case</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  ${macros}
  ${citation}<layout><names variable="author"><name form="short"/></names></layout></citation>
  <bibliography${options}>
    ${bibliography}
  </bibliography>
</style>
`;
}

const BOOK = { id: "b1", type: "book", title: "A history of maps",
  author: [{ family: "Lee", given: "Min" }], issued: { "date-parts": [[2013]] } };

const MIXED_NAMES = [
  { id: "m1", type: "book", title: "T1",
    author: [{ family: "Aa", given: "Bb" }, { literal: "World Org" }] },
  { id: "m2", type: "book", title: "T2",
    author: [{ literal: "Some Org" }, { family: "Xc", given: "Dd" }] },
  { id: "m3", type: "book", title: "T3",
    author: [{ literal: "Some Org" }, { literal: "Other Org" }] },
  { id: "m4", type: "book", title: "T4",
    author: [{ family: "Aa", given: "Bb" }, { family: "Cc", given: "Dd" }, { literal: "World Org" }] },
];

const DATED = [
  { id: "d1", type: "book", title: "Range", author: [{ family: "Zed", given: "Al" }],
    issued: { "date-parts": [[2004], [2006]] } },
  { id: "d2", type: "book", title: "Dated", author: [{ family: "Aa", given: "Bb" }],
    issued: { "date-parts": [[1973]] } },
  { id: "d3", type: "book", title: "Undated", author: [{ family: "Aa", given: "Bb" }] },
  { id: "d4", type: "book", title: "Later", author: [{ family: "Zed", given: "Al" }],
    issued: { "date-parts": [[2020]] } },
  { id: "d5", type: "book", title: "Anonymous range", issued: { "date-parts": [[2004], [2006]] } },
  { id: "d6", type: "book", title: "Anonymous", issued: { "date-parts": [[2020]] } },
];
const YEAR_MACROS = `<macro name="year"><choose><if variable="issued">
  <date variable="issued"><date-part name="year"/></date></if>
  <else><text term="no date" form="short"/></else></choose></macro>`;

const ET_AL = [
  { id: "e1", type: "book", title: "T1", author: [{ family: "Aa", given: "Bb" },
    { family: "Cc", given: "Dd" }, { family: "Ee", given: "Ff" }] },
  { id: "e2", type: "book", title: "T2", author: [{ family: "Aa", given: "Bb" },
    { family: "Xx", given: "Dd" }, { family: "Ee", given: "Ff" }] },
];

const CASES = [
  {
    name: "space-leading-a-text-value-stays-after-a-delimiter",
    note: "a group delimiter \". \" before <text value=\" o. O.\"/> keeps both spaces",
    style: style(`<layout><group delimiter=". " suffix=".">
      <text variable="title"/>
      <choose><if variable="publisher-place"><text variable="publisher-place"/></if>
        <else><text value=" o.&#160;O."/></else></choose>
    </group></layout>`),
    items: [BOOK],
  },
  // Not a case: a field's text ending in a space before an affix's space (<text value="In "/>
  // then prefix=" "). citeproc-js keeps both ("In  A history"); citekit keeps one, as
  // jgm/citeproc's fixture issue_166 (in the passing list) requires.
  {
    name: "space-doubled-by-affixes-collapses",
    note: "a suffix \" \" followed by a prefix \" \" gives one space",
    style: style(`<layout><text variable="title" suffix=" "/><text value="x" prefix=" "/></layout>`),
    items: [BOOK],
  },
  {
    name: "institution-and-ignores-the-name-delimiter-precedes-last",
    note: "two names ending in a literal join without the delimiter though cs:name says " +
      "delimiter-precedes-last=\"always\"; a person last takes it; three names take it",
    style: style(`<layout><names variable="author">
      <name and="text" name-as-sort-order="first" delimiter-precedes-last="always"/>
    </names></layout>`),
    items: MIXED_NAMES,
  },
  {
    name: "institution-and-takes-the-institution-delimiter-precedes-last",
    note: "cs:institution's delimiter-precedes-last=\"always\" puts the delimiter before " +
      "the and of a literal last name",
    style: style(`<layout><names variable="author">
      <name and="text" name-as-sort-order="first" delimiter-precedes-last="always"/>
      <institution delimiter-precedes-last="always"/>
    </names></layout>`),
    items: MIXED_NAMES,
  },
  {
    name: "institution-and-takes-the-bibliography-delimiter-precedes-last",
    note: "the bibliography's delimiter-precedes-last=\"always\" applies to a literal last " +
      "name; the cs:name's \"never\" does not",
    style: style(`<layout><names variable="author">
      <name and="text" name-as-sort-order="first" delimiter-precedes-last="never"/>
    </names></layout>`, { options: ' delimiter-precedes-last="always"' }),
    items: MIXED_NAMES,
  },
  {
    name: "sort-macro-calling-a-date-macro-keeps-only-its-date",
    note: "a sort key's macro calls a macro holding a cs:date: that macro gives the key its " +
      "date only (the \"n.d.\" term drops out), so the undated entry sorts first",
    style: style(`<sort><key macro="key"/></sort>
    <layout><text macro="key"/><text variable="title" prefix=" "/></layout>`,
    { macros: YEAR_MACROS + `<macro name="key"><names variable="author"/><text macro="year"/></macro>` }),
    items: DATED,
  },
  {
    name: "sort-macro-holding-a-date-keeps-only-its-date",
    note: "a sort key's macro holding a cs:date itself gives the key its date only: the " +
      "names drop out and the undated entry has an empty key (last)",
    style: style(`<sort><key macro="key"/></sort>
    <layout><text macro="key"/><text variable="title" prefix=" "/></layout>`,
    { macros: `<macro name="key"><names variable="author"/><choose><if variable="issued">
      <date variable="issued"><date-part name="year"/></date></if>
      <else><text term="no date" form="short"/></else></choose></macro>` }),
    items: DATED,
  },
  {
    name: "empty-range-delimiter-is-the-default",
    note: "range-delimiter=\"\" on a date-part gives the default en dash (2004–2006)",
    style: style(`<layout><date variable="issued"><date-part name="year" range-delimiter=""/>
    </date></layout>`),
    items: DATED.slice(0, 1),
  },
  {
    name: "prefix-opening-a-prefix-keeps-its-punctuation",
    note: "a group's prefix \";\" before its first child's prefix \":\" (the volume " +
      "missing) gives \";:\"",
    style: style(`<layout><text variable="title"/><group prefix=";">
      <text variable="volume"/><text variable="page" prefix=":"/></group></layout>`),
    items: [{ id: "j1", type: "article-journal", title: "On drift", page: "1-9" }],
  },
  {
    name: "prefix-after-a-delimiter-keeps-its-punctuation",
    note: "a group delimiter \";\" before a child's prefix \":\" gives \";:\"",
    style: style(`<layout><group delimiter=";"><text variable="title"/><group>
      <text variable="volume"/><text variable="page" prefix=":"/></group></group></layout>`),
    items: [{ id: "j1", type: "article-journal", title: "On drift", page: "1-9" }],
  },
  {
    name: "literal-last-name-takes-the-name-delimiter-not-the-inherited-one",
    note: "with the style's name-delimiter=\"/\", a literal last name joins with \", \" " +
      "(the other names with \"/\")",
    style: style(`<layout><names variable="author"><name/></names></layout>`,
      { root: ' name-delimiter="/"' }),
    items: MIXED_NAMES,
  },
  {
    name: "literal-last-name-takes-the-cs-name-delimiter",
    note: "the cs:name's own delimiter=\"/\" joins a literal last name too",
    style: style(`<layout><names variable="author"><name delimiter="/"/></names></layout>`),
    items: MIXED_NAMES,
  },
  {
    name: "label-of-a-missing-variable-shows",
    note: "a cs:label of the locator (none in a bibliography) or of a number variable the " +
      "item lacks prints its term, singular; plural=\"always\" the plural",
    style: style(`<layout><text variable="title"/>
      <label variable="locator" form="short" prefix=","/>
      <label variable="locator" form="short" plural="always" prefix=", "/>
      <label variable="volume" prefix=" "/><label variable="page" prefix=" "/></layout>`),
    items: [BOOK],
  },
  {
    name: "names-added-in-cites-stay-out-of-the-bibliography-without-add-givenname",
    note: "disambiguate-add-names alone: the bibliography keeps its own et-al (\"Bb Aa et " +
      "al.\") though the cites show two names",
    cite_first: true,
    style: style(`<layout><names variable="author"/><text variable="title" prefix=" "/>
    </layout>`, { options: ' et-al-min="3" et-al-use-first="1"',
      citation: '<citation et-al-min="3" et-al-use-first="1" disambiguate-add-names="true">' }),
    items: ET_AL,
  },
  {
    name: "names-added-in-cites-carry-into-the-bibliography-with-add-givenname",
    note: "disambiguate-add-names with add-givenname: the names the cites add show in the " +
      "bibliography too",
    cite_first: true,
    style: style(`<layout><names variable="author"/><text variable="title" prefix=" "/>
    </layout>`, { options: ' et-al-min="3" et-al-use-first="1"',
      citation: '<citation et-al-min="3" et-al-use-first="1" disambiguate-add-names="true" ' +
        'disambiguate-add-givenname="true">' }),
    items: ET_AL,
  },
  {
    name: "uppercase-follows-the-turkish-locale-unless-the-item-has-a-language",
    note: "in a tr-TR style uppercase dots the i (AL-KHWARİZMİ); an item whose language " +
      "is English keeps the plain I",
    style: style(`<layout><names variable="author"><name name-as-sort-order="all">
      <name-part name="family" text-case="uppercase"/></name></names>
      <text variable="title" prefix=": " text-case="uppercase"/></layout>`, { locale: "tr-TR" }),
    items: [
      { id: "t1", type: "book", title: "Bilgi", author: [{ family: "Al-Khwarizmi", given: "Muhammad" }] },
      { id: "t2", type: "book", title: "Inside India", language: "en-GB",
        author: [{ family: "Smith", given: "Idris" }] },
    ],
  },
  {
    name: "term-first-in-an-entry-is-capitalized",
    note: "a term rendered first in an entry takes a capital (\"Anon.\", \"N.d.\"); after " +
      "other output it stays lowercase",
    style: style(`<layout><names variable="author">
      <substitute><text term="anonymous" form="short"/></substitute></names>
      <text term="no date" form="short" prefix=" / "/></layout>`),
    items: [
      { id: "c1", type: "book", title: "T" },
      { id: "c2", type: "book", title: "U", author: [{ family: "Lee", given: "Min" }] },
    ],
  },
  {
    name: "text-case-on-a-macro-call-or-group-changes-nothing",
    note: "citeproc-js applies text-case to the strings an element outputs itself: on " +
      "<text macro=...> or cs:group it changes nothing; on a term it applies",
    style: style(`<layout><group delimiter="|">
      <text macro="title" text-case="capitalize-first"/><text macro="title" text-case="uppercase"/>
      <text macro="vol" text-case="capitalize-first"/>
      <group text-case="uppercase"><text variable="title"/></group>
      <text term="volume" form="short" text-case="capitalize-first"/></group></layout>`,
    { macros: `<macro name="title"><text variable="title"/></macro>
      <macro name="vol"><group delimiter=" "><text term="volume" form="short"/>
      <text variable="volume"/></group></macro>` }),
    items: [{ id: "v1", type: "book", title: "tt uu", volume: "3" }],
  },
  {
    name: "name-affixes-go-on-each-personal-name",
    note: "cs:name's prefix and suffix wrap each personal name, not a literal one; names " +
      "ending in et-al are wrapped once more; a prefix \" \" keeps both spaces after the plain " +
      "delimiter before the last name (\",  D. Xc\") and one after an and",
    style: style(`<layout><names variable="author">
      <name prefix="[" suffix="]" and="text" et-al-min="3" et-al-use-first="2"/></names>
      <names variable="author" prefix=" |">
      <name prefix=" " initialize-with="." et-al-min="3" et-al-use-first="2"/></names>
      <names variable="author" prefix=" |"><name prefix=" " and="text" initialize-with="."/></names>
      </layout>`),
    items: MIXED_NAMES,
  },
  {
    name: "name-suffix-space-joins-with-the-and",
    note: "a cs:name suffix=\" \" before \" and \" gives one space (\"Doe and Roe eds\")",
    style: style(`<layout><names variable="author"><name and="text" form="short" suffix=" "/>
      <label form="short" strip-periods="true"/></names></layout>`),
    items: ET_AL.slice(0, 1),
  },
  {
    name: "sort-key-of-a-never-demoted-name-keeps-its-particles-first",
    note: "demote-non-dropping-particle=\"never\": a sort key holds particles, family name, " +
      "dropping particle, then the given name (\"Medici van A\" after \"Medici U\")",
    style: style(`<sort><key variable="author"/></sort>
      <layout><names variable="author"><name name-as-sort-order="all"/></names></layout>`,
    { root: ' demote-non-dropping-particle="never"' }),
    items: [
      { id: "p1", type: "book", title: "T1",
        author: [{ family: "Medici", given: "Anna", "dropping-particle": "van" }] },
      { id: "p2", type: "book", title: "T2", author: [{ family: "Medici", given: "Ugo" }] },
    ],
  },
  {
    name: "sort-key-given-names-of-one-item-shift-after-a-literal-name",
    note: "givenname-disambiguation-rule by-cite: a sort key shows a full given name for an " +
      "item's two \"E.\" Browns, but each list's levels skip literal names, so after one a " +
      "name reads the level of a later name (\"Cole, A.\" in z1 sorts as full, before x1)",
    style: style(`<sort><key macro="author"/></sort>
      <layout><text macro="author"/><text variable="title" prefix=" "/></layout>`,
    { macros: `<macro name="author"><names variable="author">
      <name name-as-sort-order="all" initialize-with="."/></names></macro>`,
      citation: '<citation disambiguate-add-givenname="true">' }),
    items: [
      { id: "x1", type: "book", title: "X1", author: [{ family: "Brown", given: "Emily" },
        { literal: "Org" }, { family: "Cole", given: "Ann" }, { family: "Brown", given: "Edward" }] },
      { id: "z1", type: "book", title: "Z1", author: [{ family: "Brown", given: "Emily" },
        { literal: "Org" }, { family: "Cole", given: "A." }, { family: "Brown", given: "Edward" },
        { family: "Young", given: "Yan" }] },
    ],
  },
  {
    name: "year-suffix-goes-on-the-accessed-year-when-it-is-the-first-year",
    note: "the implicit year-suffix follows the first year a cs:date renders, an accessed " +
      "date's too, when the issued date is missing (\"accessed 2021a\")",
    cite_first: true,
    style: style(`<layout><names variable="author"/><text term="no date" form="short" prefix=" "/>
      <date variable="accessed" prefix=", accessed "><date-part name="year"/></date></layout>`,
    { citation: '<citation disambiguate-add-year-suffix="true">' }),
    items: [
      { id: "y1", type: "webpage", title: "T1", author: [{ family: "Aa", given: "Bb" }],
        accessed: { "date-parts": [[2021, 8, 2]] } },
      { id: "y2", type: "webpage", title: "T2", author: [{ family: "Aa", given: "Bb" }],
        accessed: { "date-parts": [[2020, 1, 5]] } },
    ],
  },
  {
    name: "sort-key-of-a-short-name-demotes-its-particle",
    note: "a short name in a sort key puts its non-dropping particle after the family name " +
      "(\"Berg, van der\" before \"Cole\"), unless the name keeps its order (a Japanese item)",
    style: style(`<sort><key macro="short"/></sort>
      <layout><text macro="short"/><text variable="title" prefix=" "/></layout>`,
    { macros: `<macro name="short"><names variable="author"><name form="short"/></names></macro>` }),
    items: [
      { id: "q1", type: "book", title: "T1", author: [{ family: "Cole", given: "Al" }] },
      { id: "q2", type: "book", title: "T2",
        author: [{ family: "Berg", given: "Anna", "non-dropping-particle": "van der" }] },
      { id: "q3", type: "book", title: "T3", language: "ja",
        author: [{ family: "Fontaine", given: "Jean", "non-dropping-particle": "La" }] },
      { id: "q4", type: "book", title: "T4", author: [{ family: "Gaulle", given: "Charles",
        "non-dropping-particle": "de" }] },
    ],
  },
  {
    name: "sort-key-counts-no-names-as-zero",
    note: "a form=\"count\" sort key of an item with no names (nor substitute) is 0, not " +
      "empty: it sorts first, not last; a substitute's names are counted",
    style: style(`<sort><key macro="count"/><key variable="title"/></sort>
      <layout><text variable="title"/></layout>`,
    { macros: `<macro name="count"><names variable="author"><name form="count"/>
      <substitute><names variable="editor"/></substitute></names></macro>` }),
    items: [
      { id: "n1", type: "book", title: "B au1", author: [{ family: "X", given: "Y" }] },
      { id: "n2", type: "book", title: "C ed2", editor: [{ family: "X", given: "Y" },
        { family: "Z", given: "Y" }] },
      { id: "n3", type: "book", title: "D none" },
    ],
  },
  {
    name: "sort-key-keeps-the-affixes-of-a-date-macro-call",
    note: "a macro key calling a date macro with prefix=\", \" keeps that prefix before the " +
      "date's sort string (\"Ahmed Fatima, 1982\" sorts before \"Ahmed Fatima, Cha\")",
    style: style(`<sort><key macro="key"/></sort>
      <layout><text macro="key"/></layout>`,
    { macros: `<macro name="year"><date variable="issued"><date-part name="year"/></date></macro>
      <macro name="key"><names variable="author"><name name-as-sort-order="all"/></names>
      <text macro="year" prefix=", "/></macro>` }),
    items: [
      { id: "k1", type: "book", title: "T1", author: [{ family: "Ahmed", given: "Fatima" },
        { family: "Cha", given: "Victor" }], issued: { "date-parts": [[2010]] } },
      { id: "k2", type: "book", title: "T2", author: [{ family: "Ahmed", given: "Fatima" }],
        issued: { "date-parts": [[1982]] } },
    ],
  },
  {
    name: "sort-key-ignores-a-no-break-space",
    note: "citeproc-js's sort keys count plain spaces (as \"|\") but the collator ignores the " +
      "no-break space a French style puts after a particle: \"de la Cruz\" before \"de Gaulle\"",
    style: style(`<sort><key variable="author"/></sort>
      <layout><names variable="author"><name name-as-sort-order="all"/></names></layout>`,
    { locale: "fr-FR", root: ' demote-non-dropping-particle="never"' }),
    items: [
      { id: "g1", type: "book", title: "T1",
        author: [{ family: "Gaulle", given: "Charles", "non-dropping-particle": "de" }] },
      { id: "g2", type: "book", title: "T2",
        author: [{ family: "Cruz", given: "María", "non-dropping-particle": "de la" }] },
    ],
  },
  {
    name: "partial-first-substitute-compares-names-by-their-parts",
    note: "subsequent-author-substitute-rule=\"partial-first\" compares the first names' " +
      "parts, not their rendering: a Japanese item's \"Ivanov Ivan\" and the next entry's " +
      "\"Ivanov, Ivan\" are one name; an entry that renders nothing between them is no entry",
    style: style(`<sort><key variable="title"/></sort><layout><choose>
      <if type="map"><text variable="archive"/></if>
      <else><group delimiter=", "><names variable="author">
        <name name-as-sort-order="first" and="text" delimiter-precedes-last="always"/></names>
      <text variable="title"/></group></else></choose></layout>`,
    { options: ' subsequent-author-substitute="&#8212;&#8212;" ' +
      'subsequent-author-substitute-rule="partial-first"' }),
    items: [
      { id: "s1", type: "book", title: "A1", language: "ja",
        author: [{ family: "Ivanov", given: "Ivan" }] },
      { id: "s2", type: "map", title: "A2", author: [{ family: "Ivanov", given: "Ivan" }] },
      { id: "s3", type: "book", title: "A3", author: [{ family: "Ivanov", given: "Ivan" },
        { family: "Gaulle", given: "Charles", "non-dropping-particle": "de" }] },
    ],
  },
  {
    name: "delimiter-precedes-et-al-after-inverted-name-means-after-one-name",
    note: "citeproc-js reads delimiter-precedes-et-al=\"after-inverted-name\" as: the " +
      "delimiter after one name (a literal one too, \"The Royal Society, and others\"), a " +
      "space after two or more (inverted or not)",
    style: style(`<layout><names variable="author">
      <name name-as-sort-order="all" delimiter-precedes-et-al="after-inverted-name"
        et-al-min="3" et-al-use-first="1"/></names>
      <names variable="author" prefix=" | ">
      <name name-as-sort-order="all" delimiter-precedes-et-al="after-inverted-name"
        et-al-min="3" et-al-use-first="2"/></names></layout>`),
    items: [
      { id: "r1", type: "book", title: "T1", author: [{ literal: "The Royal Society" },
        { family: "Aa", given: "Bb" }, { family: "Cc", given: "Dd" }] },
      { id: "r2", type: "book", title: "T2", author: [{ family: "Aa", given: "Bb" },
        { family: "Cc", given: "Dd" }, { family: "Ee", given: "Ff" }] },
    ],
  },
  {
    name: "sort-key-of-two-dates-in-one-macro-is-one-number",
    note: "citeproc-js writes a date's sort string as digits (1YYYYMMDD for start and end) " +
      "and collates digit runs by value: a macro key with a year date and a month-and-day " +
      "date gives one long number, so a 1998 range with days sorts after a 2015 year",
    style: style(`<sort><key macro="dates"/></sort>
      <layout><text variable="title"/></layout>`,
    { macros: `<macro name="dates"><date variable="issued"><date-part name="year"/></date>
      <choose><if type="article"><date variable="issued"><date-part name="month"/>
      <date-part name="day"/></date></if></choose></macro>` }),
    items: [
      { id: "w1", type: "article", title: "May 1998",
        issued: { "date-parts": [[1998, 5, 1], [1998, 5, 14]] } },
      { id: "w2", type: "book", title: "2015", issued: { "date-parts": [[2015]] } },
      { id: "w3", type: "book", title: "1990", issued: { "date-parts": [[1990]] } },
    ],
  },
  {
    name: "sort-key-names-take-the-bibliography-et-al-over-the-cs-name",
    note: "a sort key's names are cut by the key's names-min/names-use-first, else the " +
      "bibliography's et-al-min/et-al-use-first, over the cs:name's own: two names each, a " +
      "tie the title breaks",
    style: style(`<sort><key macro="author"/><key variable="title"/></sort>
      <layout><text macro="author"/><text variable="title" prefix=" "/></layout>`,
    { options: ' et-al-min="3" et-al-use-first="2"',
      macros: `<macro name="author"><names variable="author">
      <name et-al-min="4" et-al-use-first="3"/></names></macro>` }),
    items: [
      { id: "h1", type: "book", title: "A1", author: [{ family: "Aa", given: "Al" },
        { family: "Bb", given: "Bo" }, { family: "Zz", given: "Zo" }] },
      { id: "h2", type: "book", title: "B1", author: [{ family: "Aa", given: "Al" },
        { family: "Bb", given: "Bo" }, { family: "Cc", given: "Co" }, { family: "Dd", given: "Do" }] },
    ],
  },
  {
    name: "short-term-falls-back-to-the-language-s-long-form-not-en-us",
    note: "a term the style's language defines only in its long form (the style's own " +
      "\"from\": \"de\"; es-ES's \"in\": \"en\") takes that form for form=\"short\", not " +
      "en-US's short \"fr.\"",
    style: style(`<layout><group delimiter="|"><text term="from" form="short"/>
      <text term="from"/><text term="in" form="short"/></group></layout>`,
    { locale: "es-ES", macros: '<locale><terms><term name="from">de</term></terms></locale>' }),
    items: [BOOK],
  },
  {
    name: "sort-key-shows-given-names-the-global-registry-holds-twice",
    note: "givenname-disambiguation-rule=\"primary-name\": a first name whose family name " +
      "and initials the name registry holds with two given names sorts with its full given " +
      "name (\"Brown Edward\" before \"Brown Emily\"), not by the second name",
    cite_first: true,
    style: style(`<sort><key macro="author"/></sort>
      <layout><text macro="author"/></layout>`,
    { macros: `<macro name="author"><names variable="author">
      <name name-as-sort-order="all" initialize-with=""/></names></macro>`,
      citation: '<citation et-al-min="2" et-al-use-first="1" disambiguate-add-givenname="true" ' +
        'givenname-disambiguation-rule="primary-name">' }),
    items: [
      { id: "x1", type: "book", title: "X", author: [{ family: "Brown", given: "Emily" },
        { family: "Abe", given: "Ann" }] },
      { id: "y1", type: "book", title: "Y", author: [{ family: "Brown", given: "Edward" },
        { family: "Zed", given: "Zoe" }] },
    ],
  },
  {
    name: "sorting-follows-the-czech-collation",
    note: "citeproc-js collates under the style's locale: in Czech \"ch\" sorts after \"h\" " +
      "and \"č\", \"ř\", \"š\", \"ž\" after their base letters",
    style: style(`<sort><key variable="title"/></sort><layout><text variable="title"/></layout>`,
      { locale: "cs-CZ" }),
    items: ["Chlad", "Hora", "Cibulka", "Čapek", "Dvořák", "Šíma", "Sova", "Zeman", "Řeka",
      "Ryba", "Žák", "Ida"].map((title, i) => ({ id: `cz${i}`, type: "book", title })),
  },
  {
    name: "sorting-follows-the-chinese-collation",
    note: "a zh-CN style collates Han before Latin (digits first); a ru-RU style Cyrillic " +
      "before Latin",
    style: style(`<sort><key variable="title"/></sort><layout><text variable="title"/></layout>`,
      { locale: "zh-CN" }),
    items: ["Alpha", "佚名", "1 one", "Zeta", "Ωmega"].map((title, i) => ({ id: `zh${i}`,
      type: "book", title })),
  },
  {
    name: "sorting-follows-the-russian-collation",
    note: "a ru-RU style collates Cyrillic before Latin, Greek after it",
    style: style(`<sort><key variable="title"/></sort><layout><text variable="title"/></layout>`,
      { locale: "ru-RU" }),
    items: ["Alpha", "Яблоко", "Zeta", "Арбуз", "Ωmega", "2 two"].map((title, i) => ({
      id: `ru${i}`, type: "book", title })),
  },
];

// cite_first: each item is cited (a cluster of its own) before the bibliography is made
function run(xml, items, format, citeFirst) {
  const byId = new Map(JSON.parse(JSON.stringify(items)).map((it) => [it.id, it]));
  const sys = {
    retrieveItem: (id) => byId.get(id),
    retrieveLocale: (lang) => {
      const f = path.join(LOCALES_DIR, `locales-${lang}.xml`);
      return fs.existsSync(f) ? fs.readFileSync(f, "utf8") : false;
    },
  };
  const engine = new CSL.Engine(sys, xml, "en-US");
  engine.setOutputFormat(format);
  if (citeFirst) {
    for (const it of items) {
      engine.processCitationCluster({ citationItems: [{ id: it.id }],
        properties: { noteIndex: 0 } }, [], []);
    }
  }
  engine.updateItems(items.map((it) => it.id));
  const [, entries] = engine.makeBibliography();
  return entries;
}

const out = {
  description: "citeproc-js's bibliography for tiny styles, one behaviour each " +
    "(tools/oracle/make_bibliography_cases.js)",
  citeproc_npm_version: require("citeproc/package.json").version,
  cases: CASES.map((c) => ({ ...c,
    bibliography_text: run(c.style, c.items, "text", c.cite_first),
    bibliography_html: run(c.style, c.items, "html", c.cite_first) })),
};
fs.writeFileSync(OUT, JSON.stringify(out, null, 1) + "\n");
