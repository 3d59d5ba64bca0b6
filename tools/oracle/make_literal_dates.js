#!/usr/bin/env node
// Development-time oracle for literal dates ({"literal": "..."} in a date variable): runs
// citeproc-js over a few items of the types whose APA date macro prints a month and day
// after the year, and of types that print the year only, and records the bibliography and
// one citation per item in tests/data/oracle/literal-dates.json.
//
// Run from the repo root (after `npm ci` inside tools/oracle):
//   node tools/oracle/make_literal_dates.js
// Deterministic: fixed inputs, no clock.
"use strict";

const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const REPO = path.resolve(__dirname, "..", "..");
const STYLES_DIR = "/work/shared/csl/styles";
const LOCALES_DIR = "/work/shared/csl/locales";
const OUT = path.join(REPO, "tests", "data", "oracle", "literal-dates.json");
const STYLES = ["apa", "modern-language-association", "chicago-author-date",
  "chicago-notes-bibliography"];

const ITEMS = [
  { id: "web", type: "webpage", title: "Guide to the collection",
    "container-title": "Example Library", issued: { literal: "4/6/2016" },
    URL: "https://library.example/guide" },
  { id: "news", type: "article-newspaper", title: "Council votes on the budget",
    "container-title": "The Daily Example", author: [{ family: "Moreno", given: "Ana" }],
    issued: { literal: "Spring 2016" } },
  { id: "blog", type: "post-weblog", title: "Notes from the field",
    "container-title": "Field Notes", author: [{ family: "Okafor", given: "Chidi" }],
    issued: { literal: "circa 1990s" } },
  { id: "mag", type: "article-magazine", title: "The long view",
    "container-title": "Example Monthly", issued: { literal: "Winter issue, 2019" } },
  { id: "journal", type: "article-journal", title: "On drift",
    "container-title": "Journal of Oceans", author: [{ family: "Smith", given: "Jane" }],
    volume: "12", page: "1-9", issued: { literal: "4/6/2016" } },
  { id: "book", type: "book", title: "A history of maps", publisher: "Example Press",
    author: [{ family: "Lee", given: "Min" }], issued: { literal: "n.y." } },
  { id: "accessed", type: "webpage", title: "Page with a literal access date",
    "container-title": "Example Site", issued: { "date-parts": [[2020, 3, 4]] },
    accessed: { literal: "yesterday" }, URL: "https://site.example/p" },
];

function engineFor(style, format) {
  const byId = new Map(JSON.parse(JSON.stringify(ITEMS)).map((it) => [it.id, it]));
  const sys = {
    retrieveItem: (id) => byId.get(id),
    retrieveLocale: (lang) => {
      const f = path.join(LOCALES_DIR, `locales-${lang}.xml`);
      return fs.existsSync(f) ? fs.readFileSync(f, "utf8") : false;
    },
  };
  const xml = fs.readFileSync(path.join(STYLES_DIR, `${style}.csl`), "utf8");
  const engine = new CSL.Engine(sys, xml, "en-US");
  engine.setOutputFormat(format);
  return engine;
}

const out = { description: "citeproc-js on literal dates (make_literal_dates.js)",
  citeproc_npm_version: require("citeproc/package.json").version, items: ITEMS, styles: {} };
for (const style of STYLES) {
  const engine = engineFor(style, "text");
  engine.updateItems(ITEMS.map((it) => it.id));
  const [, entries] = engine.makeBibliography();
  const citations = ITEMS.map((it) => engineFor(style, "text").makeCitationCluster(
    [{ id: it.id }]));
  out.styles[style] = { bibliography_text: entries, citations_text: citations };
}
fs.writeFileSync(OUT, JSON.stringify(out, null, 1) + "\n");
