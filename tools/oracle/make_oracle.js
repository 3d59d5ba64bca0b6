#!/usr/bin/env node
// Development-time oracle: runs citeproc-js (npm package `citeproc`, pinned in
// package.json) over the inputs in tests/data/oracle/ and records its outputs
// as JSON.  citeproc-js is never a runtime dependency of citekit.
//
// Run from the repo root (after `npm install` inside tools/oracle):
//   node tools/oracle/make_inputs.js   # (re)writes items.json, document*.json inputs
//   node tools/oracle/make_oracle.js   # writes <style>.json, document-<style>.json
//   node tools/oracle/make_oracle.js zotero   # only zotero-<style>.json
//
// Deterministic: no clock, no randomness; the engine is fed the same inputs in
// the same order every time.
"use strict";

const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const REPO = path.resolve(__dirname, "..", "..");
const SHARED = path.resolve(REPO, "..", "shared");
const STYLES_DIR = path.join(SHARED, "csl", "styles");
const LOCALES_DIR = path.join(SHARED, "csl", "locales");
const OUT = path.join(REPO, "tests", "data", "oracle");

const STYLES = [
  { name: "apa", note: false },
  { name: "modern-language-association", note: false },
  { name: "chicago-author-date", note: false },
  { name: "chicago-notes-bibliography", note: true },
];

const CITEPROC_VERSION = require("citeproc/package.json").version;
const PROCESSOR_VERSION = CSL.PROCESSOR_VERSION;

function readJSON(name) {
  return JSON.parse(fs.readFileSync(path.join(OUT, name), "utf8"));
}
function writeJSON(name, obj) {
  fs.writeFileSync(path.join(OUT, name), JSON.stringify(obj, null, 1) + "\n");
}

// CSL-JSON allows numbers for ordinary variables (volume: 12, edition: 2), and
// items.json uses some on purpose.  citeproc-js (as Zotero feeds it) expects
// strings and crashes on e.g. a numeric `volume` used as a sort key, so every
// top-level number that is not a date or a name is handed to it as String(n).
// citekit's loader must do the same; dates keep numeric date-parts.
function normalizeItem(item) {
  const out = {};
  for (const [k, v] of Object.entries(item)) {
    out[k] = typeof v === "number" ? String(v) : v;
  }
  return out;
}

function makeEngine(styleName, items, format) {
  // Each engine gets its own deep copy of the items: citeproc-js may annotate
  // the objects it is handed.
  const byId = new Map(JSON.parse(JSON.stringify(items)).map((it) => [String(it.id), normalizeItem(it)]));
  const sys = {
    retrieveItem: (id) => byId.get(String(id)),
    retrieveLocale: (lang) => {
      const f = path.join(LOCALES_DIR, `locales-${lang}.xml`);
      return fs.existsSync(f) ? fs.readFileSync(f, "utf8") : false;
    },
  };
  const xml = fs.readFileSync(path.join(STYLES_DIR, `${styleName}.csl`), "utf8");
  const engine = new CSL.Engine(sys, xml, "en-US");
  engine.setOutputFormat(format);
  return engine;
}

// Process clusters one after another with processCitationCluster, applying
// every update citeproc-js returns (including changes to earlier clusters),
// and return the final text of each cluster, in cluster order.
function runClusters(engine, clusters) {
  const texts = new Array(clusters.length).fill(null);
  const indexById = new Map(clusters.map((c, i) => [c.citationID, i]));
  const pre = [];
  for (let i = 0; i < clusters.length; i++) {
    const c = clusters[i];
    const citation = JSON.parse(JSON.stringify(c));
    const [status, updates] = engine.processCitationCluster(citation, pre, []);
    if (status.bibchange === undefined) throw new Error("unexpected status");
    for (const [pos, text, cid] of updates) {
      // pos is the index within the sequence pre + [citation]; cid identifies it
      const idx = cid !== undefined ? indexById.get(cid) : pos;
      if (idx === undefined) throw new Error(`unknown citation in update: ${cid}`);
      texts[idx] = text;
    }
    pre.push([c.citationID, c.properties.noteIndex]);
  }
  texts.forEach((t, i) => {
    if (t === null) throw new Error(`no output for cluster ${clusters[i].citationID}`);
  });
  return texts;
}

function bibliography(engine) {
  const res = engine.makeBibliography();
  if (!res) return { params: null, entries: [], ids: [] };
  const [params, entries] = res;
  // params.entry_ids lists every registered item, but citeproc-js drops the
  // entries that render empty (e.g. APA personal communications).  Find those
  // by rendering each item alone (after the full bibliography has been taken)
  // so that `ids` pairs one-to-one with `entries`.
  const all = params.entry_ids.map((e) => e[0]);
  let ids = all;
  if (all.length !== entries.length) {
    ids = all.filter((id) => {
      const one = engine.makeBibliography({ select: [{ field: "id", value: id }] });
      return one && one[1].length > 0;
    });
  }
  if (ids.length !== entries.length) throw new Error("cannot pair bibliography ids with entries");
  return { params, entries, ids };
}

function itemClusters(items, note) {
  return items.map((it, i) => ({
    citationID: `ITEM-${i + 1}`,
    citationItems: [{ id: it.id }],
    properties: { noteIndex: note ? i + 1 : 0 },
  }));
}

function run(styleName, items, clusters) {
  const out = {};
  for (const format of ["text", "html"]) {
    const engine = makeEngine(styleName, items, format);
    const cites = runClusters(engine, clusters);
    const bib = bibliography(engine);
    out[format] = { cites, bib };
  }
  return out;
}

function meta(styleName) {
  return {
    style: styleName,
    style_file: `${styleName}.csl`,
    locale: "en-US",
    input_normalization: "top-level numeric variables passed to citeproc-js as String(n); date-parts untouched",
    citeproc_npm_version: CITEPROC_VERSION,
    citeproc_processor_version: PROCESSOR_VERSION,
  };
}

// One citation per item (each cited once in turn) and the bibliography of all items,
// written as `outName`; returns the clusters and the run for the caller's log line.
function writeItemSet(name, note, items, inputName, outName) {
  const clusters = itemClusters(items, note);
  const r = run(name, items, clusters);
  writeJSON(outName, Object.assign(meta(name), {
    input: inputName,
    citations: clusters.map((c) => ({
      citationID: c.citationID, id: c.citationItems[0].id, noteIndex: c.properties.noteIndex,
    })),
    citations_text: r.text.cites,
    citations_html: r.html.cites,
    bibliography_ids: r.text.bib.ids,
    bibliography_text: r.text.bib.entries,
    bibliography_html: { params: r.html.bib.params, entries: r.html.bib.entries },
  }));
  return { clusters, r };
}

// A Zotero CSL-JSON export whose items carry CSL variables in their note ("Extra") lines:
// citeproc-js reads them itself (its retrieveItem parses the note field).
function zoteroSets() {
  const zotero = readJSON("zotero-items.json");
  for (const { name, note } of STYLES) {
    writeItemSet(name, note, zotero, "zotero-items.json", `zotero-${name}.json`);
  }
  console.log(`zotero: ${zotero.length} items`);
}

function main() {
  if (process.argv[2] === "zotero") {  // node make_oracle.js zotero: that set alone
    zoteroSets();
    return;
  }
  zoteroSets();
  const items = readJSON("items.json");
  const doc = readJSON("document.json");
  const doc1000 = readJSON("document-1000.json");

  for (const { name, note } of STYLES) {
    // ---- one citation per item + the bibliography of all items
    const { clusters, r } = writeItemSet(name, note, items, "items.json", `${name}.json`);

    // ---- the 200-cluster document
    const d = run(name, doc.items, doc.clusters);
    writeJSON(`document-${name}.json`, Object.assign(meta(name), {
      input: "document.json",
      citations_text: d.text.cites,
      citations_html: d.html.cites,
      bibliography_ids: d.text.bib.ids,
      bibliography_text: d.text.bib.entries,
      bibliography_html: { params: d.html.bib.params, entries: d.html.bib.entries },
    }));
    console.log(`${name}: ${clusters.length} item citations, ${r.text.bib.entries.length} bib entries; ` +
      `document: ${d.text.cites.length} clusters, ${d.text.bib.entries.length} bib entries`);
  }

  // ---- the seed items as citekit parses them (`citekit parse seeds/*.txt`)
  const seeds = readJSON("seeds-items.json");
  for (const { name, note } of STYLES) {
    writeItemSet(name, note, seeds, "seeds-items.json", `seeds-${name}.json`);
  }

  // ---- the disambiguation groups sliced from the benchmarks' synthetic items
  //      (tools/oracle/make_groups.py)
  const groups = readJSON("groups-items.json");
  for (const { name, note } of STYLES) {
    writeItemSet(name, note, groups, "groups-items.json", `groups-${name}.json`);
  }
  console.log(`groups: ${groups.length} items`);

  // ---- the 1,000-cluster document: APA final texts only
  const engine = makeEngine("apa", doc1000.items, "text");
  const texts = runClusters(engine, doc1000.clusters);
  writeJSON("document-1000.json", {
    description: doc1000.description,
    items: doc1000.items,
    clusters: doc1000.clusters,
    apa: Object.assign(meta("apa"), { citations_text: texts }),
  });
  console.log(`document-1000: ${texts.length} APA clusters`);
}

main();
