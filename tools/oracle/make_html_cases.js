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
