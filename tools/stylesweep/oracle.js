#!/usr/bin/env node
// Development-time oracle of the style sweep: runs citeproc-js 2.4.63 (installed by
// `npm ci` in tools/oracle/) over the sweep's items in many styles and writes, per style,
// OUT/<style-id>.json.gz with the same keys as tools/oracle/make_oracle.js's outputs
// (citations_text/html, bibliography_ids/text/html), or {error} when citeproc-js throws.
//
//   node tools/stylesweep/oracle.js ITEMS.json STYLES.txt OUTDIR [DOCUMENT.json]
//
// STYLES.txt: one .csl path a line.  With DOCUMENT.json ({items, clusters}) the clusters of
// the document are processed instead of one citation per item.  Deterministic: no clock,
// no randomness.  Styles already written to OUTDIR are skipped, so a long run can resume.
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
// one way to feed citeproc-js items, clusters and a bibliography: the bundled-style oracle's
const { engineFor, runClusters, bibliography } = require(path.join(__dirname, "..", "oracle",
  "make_oracle.js"));

const CITEPROC_VERSION = require(path.join(__dirname, "..", "oracle", "node_modules", "citeproc",
  "package.json")).version;

function makeEngine(xml, items, format) {
  const engine = engineFor(xml, items);
  engine.setOutputFormat(format);
  return engine;
}

function itemClusters(items, locators, note) {
  return items.map((it, i) => {
    const cite = { id: it.id };
    const loc = locators && locators[it.id];
    if (loc) { cite.label = loc[0]; cite.locator = loc[1]; }
    return { citationID: `ITEM-${i + 1}`, citationItems: [cite],
             properties: { noteIndex: note ? i + 1 : 0 } };
  });
}

function runStyle(xml, items, clusters) {
  const out = {};
  for (const format of ["text", "html"]) {
    const engine = makeEngine(xml, items, format);
    const cites = runClusters(engine, clusters);
    const bib = engine.bibliography ? bibliography(engine) : { params: null, entries: [], ids: [] };
    out[format] = { cites, bib };
  }
  return out;
}

function main() {
  const [itemsFile, stylesFile, outDir, docFile] = process.argv.slice(2);
  const input = JSON.parse(fs.readFileSync(itemsFile, "utf8"));
  const doc = docFile ? JSON.parse(fs.readFileSync(docFile, "utf8")) : null;
  const items = doc ? doc.items : input.items;
  fs.mkdirSync(outDir, { recursive: true });
  const styles = fs.readFileSync(stylesFile, "utf8").split("\n").filter(Boolean);
  for (const file of styles) {
    const id = path.basename(file, ".csl");
    const target = path.join(outDir, `${id}.json.gz`);
    if (fs.existsSync(target)) continue;
    const xml = fs.readFileSync(file, "utf8");
    const note = /<style[^>]*class="note"/.test(xml);
    const clusters = doc ? doc.clusters : itemClusters(items, input.locators, note);
    let record;
    try {
      const r = runStyle(xml, items, clusters);
      record = {
        style: id, citeproc_npm_version: CITEPROC_VERSION, note,
        input: path.basename(docFile || itemsFile),
        citations: clusters.map((c) => ({ citationID: c.citationID,
          id: c.citationItems[0].id, noteIndex: c.properties.noteIndex })),
        citations_text: r.text.cites, citations_html: r.html.cites,
        bibliography_ids: r.text.bib.ids, bibliography_text: r.text.bib.entries,
        bibliography_html: { params: r.html.bib.params, entries: r.html.bib.entries },
      };
    } catch (e) {
      record = { style: id, citeproc_npm_version: CITEPROC_VERSION, error: String(e).split("\n")[0] };
    }
    fs.writeFileSync(target, zlib.gzipSync(JSON.stringify(record), { level: 9 }));
    console.log(`${id}${record.error ? " ERROR " + record.error : ""}`);
  }
}

main();
