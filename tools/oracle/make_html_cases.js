#!/usr/bin/env node
// Development-time oracle for citekit's HTML output: runs citeproc-js over tiny styles, each
// showing one behaviour of its HTML writer (doubled spaces, formatting on cs:name, display
// divs, punctuation beside italics and quotes, ...), and records the HTML (and text) of the
// bibliography and of one citation per item in tests/data/oracle/html-cases.json.
// tests/test_csl_html_cases.py compares citekit against it.
//
// Run from the repo root (after `npm ci` inside tools/oracle):
//   node tools/oracle/make_html_cases.js
// Deterministic: fixed inputs, no clock.
"use strict";

const fs = require("fs");
const path = require("path");
const { engineFor, runClusters, bibliography } = require("./make_oracle.js");

const OUT = path.join(__dirname, "..", "..", "tests", "data", "oracle", "html-cases.json");

// a whole style from its parts: `cite` and `bib` are layout bodies
function style({ cite = '<text variable="title"/>', bib, macros = "", attrs = "",
  citeAttrs = "", bibAttrs = "", layoutAttrs = "" }) {
  return `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"${attrs}>
  <info><title>case</title><id>case</id><updated>2024-01-01T00:00:00+00:00</updated></info>
${macros}  <citation${citeAttrs}><layout>${cite}</layout></citation>
  <bibliography${bibAttrs}><layout${layoutAttrs}>${bib}</layout></bibliography>
</style>
`;
}

const BOOK = { id: "book", type: "book", title: "A  title with   spaces", publisher: "Press",
  "publisher-place": "Place", note: "Note", issued: { "date-parts": [[2001]] },
  author: [{ family: "Smith", given: "Jane" }, { family: "Berg", given: "Anna",
    "non-dropping-particle": "van der" }] };

const person = (family, given) => ({ family, given });
const MANY = { id: "many", type: "book", title: "Many authors", note: "Note",
  author: [person("Brown", "Emily"), person("Cha", "Victor"), person("Davis", "Sam"),
    person("Evans", "Ann")] };
const TWO = { id: "two", type: "book", title: "On <i>E. coli</i>", note: "Note",
  author: [person("Ng", "Andrew"), { literal: "The Royal Society" }] };
const ORG = { id: "org", type: "report", title: "Annual report",
  author: [{ literal: "World Health Organization" }] };
const EDITED = { id: "edited", type: "book", title: "Edited volume",
  editor: [person("Smith", "Jane")], translator: [person("Lee", "Min")] };
const ANONYMOUS = { id: "anonymous", type: "book", title: "The anon. work" };

const CASES = [
  {
    name: "doubled-spaces",
    about: "two spaces in one value, affix or delimiter are written as a no-break space and a " +
      "space; a space doubled across a join goes first (from the later affix, or from a " +
      "suffix before an enclosing suffix)",
    style: style({
      bib: '<group delimiter=", "><text variable="title" suffix=",  "/>' +
        '<text variable="publisher" prefix=" "/><text variable="note" prefix="   "/>' +
        '<group prefix="&lt;" suffix="     &gt;"><text variable="publisher-place" ' +
        'suffix=" "/></group><text variable="publisher" suffix=" "/>' +
        '<text variable="note" prefix="    |"/></group>',
    }),
    items: [BOOK],
  },
  {
    name: "trailing-space-of-a-last-suffix",
    about: "a last child's suffix ending in two spaces: citeproc-js moves the last space up " +
      "into the enclosing suffix, so the two are written as two spaces, not a no-break space",
    style: style({
      macros: '  <macro name="author"><names variable="author" suffix=".  ">' +
        '<name initialize-with=""/></names></macro>\n',
      bib: '<text macro="author"/><text variable="title"/>' +
        '<text variable="publisher" prefix=" (" suffix=")"/>',
    }),
    items: [BOOK],
  },
  {
    name: "name-formatting-and-et-al",
    about: "cs:name's formatting goes on each name, and when et-al follows, once more around " +
      "the names and et-al together",
    style: style({
      cite: '<names variable="author"><name form="short" font-variant="small-caps" ' +
        'and="symbol"/></names>',
      bib: '<names variable="author"><name font-weight="bold"/></names>',
      citeAttrs: ' et-al-min="3" et-al-use-first="1"',
      bibAttrs: ' et-al-min="3" et-al-use-first="2"',
    }),
    items: [MANY, TWO],
  },
  {
    name: "normal-beside-a-formatted-last-part",
    about: "font-style=\"normal\" with no italics around it is written only when the " +
      "span's last part is formatted itself: an et-al in italics, a title ending in " +
      "<i>…</i>, a group's last element (through cs:choose, not through a nested group " +
      "or a macro)",
    style: style({
      macros: '  <macro name="m"><text variable="note"/>' +
        '<text variable="title" font-style="italic"/></macro>\n',
      cite: '<names variable="author"><name font-style="normal"/>' +
        '<et-al font-style="italic"/></names>',
      bib: '<group delimiter=" | "><text variable="title" font-style="normal"/>' +
        '<group font-style="normal"><text variable="note"/>' +
        '<text variable="note" font-style="italic"/></group>' +
        '<group font-style="normal"><text variable="note"/>' +
        '<choose><if type="book"><text variable="note" font-style="italic"/></if></choose>' +
        '</group>' +
        '<group font-style="normal"><text variable="note"/><group>' +
        '<text variable="note" font-style="italic"/></group></group>' +
        '<text macro="m" font-style="normal"/></group>',
      citeAttrs: ' et-al-min="3" et-al-use-first="1"',
    }),
    items: [MANY, TWO],
  },
  {
    name: "literal-name-formatting",
    about: "an institution's name is one span with cs:name's fonts and the family " +
      "name-part's together",
    style: style({
      cite: '<names variable="author"><name font-weight="bold">' +
        '<name-part name="family" font-weight="bold" text-case="uppercase"/></name></names>',
      bib: '<names variable="author"><name font-variant="small-caps">' +
        '<name-part name="family" font-style="italic"/></name></names>',
    }),
    items: [TWO, ORG],
  },
  {
    name: "substitute-formatting",
    about: "a bare cs:names in cs:substitute takes the outer cs:names' affixes, formatting " +
      "and delimiter, none of its own; text standing in for the names takes none of them " +
      "(only strip-periods)",
    style: style({
      cite: '<names variable="author" font-weight="bold" prefix="(" suffix=")" ' +
        'strip-periods="true" text-case="uppercase"><name/>' +
        '<substitute><text variable="title" font-style="italic"/></substitute></names>',
      bib: '<names variable="author" font-weight="bold" delimiter=" + " prefix="("' +
        ' suffix=")"><name/><label prefix=" [" suffix="]"/><substitute>' +
        '<names variable="editor translator" font-weight="normal" delimiter="; " ' +
        'prefix="&lt;" text-case="uppercase"/></substitute></names>',
    }),
    items: [EDITED, ANONYMOUS],
  },
];

function run(xml, items, format) {
  const engine = engineFor(xml, items);
  engine.setOutputFormat(format);
  const clusters = items.map((it, i) => ({ citationID: `C-${i + 1}`,
    citationItems: [{ id: it.id }], properties: { noteIndex: 0 } }));
  const cites = runClusters(engine, clusters);
  return { cites, bib: bibliography(engine) };
}

const out = { description: "citeproc-js's HTML on tiny styles (tools/oracle/make_html_cases.js)",
  citeproc_npm_version: require("citeproc/package.json").version, cases: [] };
for (const c of CASES) {
  const html = run(c.style, c.items, "html");
  const text = run(c.style, c.items, "text");
  out.cases.push({ name: c.name, about: c.about, style: c.style, items: c.items,
    citations_html: html.cites, bibliography_ids: html.bib.ids,
    bibliography_html: html.bib.entries, citations_text: text.cites,
    bibliography_text: text.bib.entries });
}
fs.writeFileSync(OUT, JSON.stringify(out, null, 1) + "\n");
