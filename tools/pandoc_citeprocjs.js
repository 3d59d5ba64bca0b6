#!/usr/bin/env node
// Development only (tools/pandoc_oracle.py calls it): runs citeproc-js, from
// tools/oracle/node_modules, over the citations citekit parsed from a Markdown paper, so
// that where pandoc and citekit disagree the third opinion can be recorded.
// Input (stdin): {style: path, items: [...], clusters: [...], authors: [[index, id]...]}.
// Output (stdout): {citations: [text...], authors: {index: text}, bibliography: {ids, entries}}.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require(path.join(__dirname, "oracle", "node_modules", "citeproc"));

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const byId = new Map(input.items.map((it) => {
  const out = {};
  for (const [k, v] of Object.entries(it)) out[k] = typeof v === "number" ? String(v) : v;
  return [String(it.id), out];
}));
const LOCALES = path.join(__dirname, "..", "styles", "locales");
const sys = {
  retrieveItem: (id) => byId.get(String(id)),
  retrieveLocale: (lang) => {
    const f = path.join(LOCALES, `locales-${lang}.xml`);
    return fs.existsSync(f) ? fs.readFileSync(f, "utf8") : false;
  },
};
const engine = new CSL.Engine(sys, fs.readFileSync(input.style, "utf8"), "en-US");
engine.setOutputFormat("text");
const texts = [];
const pre = [];
input.clusters.forEach((c, i) => {
  const [, updates] = engine.processCitationCluster(c, pre, []);
  for (const [pos, text] of updates) texts[pos] = text;
  pre.push([c.citationID, c.properties.noteIndex]);
});
const authors = {};
for (const [index, id] of input.authors) {
  const cite = { citationItems: [{ id, "author-only": true }], properties: { noteIndex: 0 } };
  authors[index] = engine.previewCitationCluster(cite, pre, [], "text");
}
const bib = engine.makeBibliography();
process.stdout.write(JSON.stringify({
  citations: texts, authors,
  bibliography: { ids: bib[0].entry_ids.map((e) => e[0]), entries: bib[1] },
}));
