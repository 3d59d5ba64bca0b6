#!/usr/bin/env node
// Benchmark peer: citeproc-js driven the way tools/oracle/make_oracle.js drives it
// (sys.retrieveItem / sys.retrieveLocale, top-level numbers passed as strings), printing
// the same lines `citekit format` prints so the two outputs can be compared line by line.
//
// usage: node citeproc_js.js MODE STYLE.csl ITEMS.json FORMAT [DOC.json]
//   MODE   bib     bibliography of every item (updateItems + makeBibliography)
//          cites   one citation per item, each cited once in turn (noteIndex i+1)
//          doc     the clusters of DOC.json ({items, clusters} or a list), in order
//          insert, replace, remove
//                  DOC.json's clusters, then one edit in the middle (see editRun) with
//                  processCitationCluster(citation, pre, post); prints the final texts and,
//                  on stderr, a JSON line {"edit_ms", "cpu_ms", "full_ms", "changed"}
//   FORMAT text | html
// Locales are read from $CSL_LOCALES (default: <repo>/styles/locales).
// Requires `citeproc` from $NODE_PATH (benchmarks/.cache/node/node_modules).
"use strict";

const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const LOCALES = process.env.CSL_LOCALES ||
  path.resolve(__dirname, "..", "..", "styles", "locales");

function normalizeItem(item) {
  const out = {};
  for (const [k, v] of Object.entries(item)) out[k] = typeof v === "number" ? String(v) : v;
  return out;
}

function makeEngine(styleFile, items, format) {
  const byId = new Map(items.map((it) => [String(it.id), normalizeItem(it)]));
  const sys = {
    retrieveItem: (id) => byId.get(String(id)),
    retrieveLocale: (lang) => {
      const f = path.join(LOCALES, `locales-${lang}.xml`);
      return fs.existsSync(f) ? fs.readFileSync(f, "utf8") : false;
    },
  };
  const engine = new CSL.Engine(sys, fs.readFileSync(styleFile, "utf8"), "en-US");
  engine.setOutputFormat(format);
  return engine;
}

function oneLine(text) {
  return text.split("\n").join(" ").trim();
}

// processCitationCluster over every cluster in turn, applying every update (as the oracle).
function runClusters(engine, clusters) {
  const texts = new Array(clusters.length).fill(null);
  const indexById = new Map(clusters.map((c, i) => [c.citationID, i]));
  const pre = [];
  for (const c of clusters) {
    const [, updates] = engine.processCitationCluster(c, pre, []);
    for (const [pos, text, cid] of updates) {
      texts[cid !== undefined ? indexById.get(cid) : pos] = text;
    }
    pre.push([c.citationID, c.properties.noteIndex]);
  }
  return texts;
}

function bibliography(engine, format) {
  const res = engine.makeBibliography();
  if (!res) return [];
  const [params, entries] = res;
  if (format === "html") return [oneLine(params.bibstart), ...entries.map(oneLine), oneLine(params.bibend)];
  return entries.map(oneLine);
}

function readDoc(file) {
  const data = JSON.parse(fs.readFileSync(file, "utf8"));
  return Array.isArray(data) ? { clusters: data } : data;
}

// The edits of the in-process rows, all in the middle of the document (index mid):
//   insert   a new cluster (citing the first cluster's first item) sharing the note before it
//   replace  the cluster at mid by one citing the first cluster's first item, locator 99
//   remove   the cluster at mid (citeproc-js drops a citation left out of pre and post; the
//            cluster after it is the one passed)
// Each is one processCitationCluster(citation, pre, post); returns the texts after it and the
// time (wall and CPU) of that call.
function editRun(engine, clusters, edit) {
  const texts = runClusters(engine, clusters);
  const mid = Math.floor(clusters.length / 2);
  const ref = (c) => [c.citationID, c.properties.noteIndex];
  const first = Object.assign({}, clusters[0].citationItems[0]);
  let citation, pre, post, all;
  if (edit === "insert") {
    citation = { citationID: "INSERTED-1", citationItems: [first],
                 properties: { noteIndex: clusters[mid - 1].properties.noteIndex } };
    pre = clusters.slice(0, mid);
    post = clusters.slice(mid);
    all = pre.concat([citation], post);
  } else if (edit === "replace") {
    citation = { citationID: clusters[mid].citationID,
                 citationItems: [Object.assign(first, { locator: "99" })],
                 properties: { noteIndex: clusters[mid].properties.noteIndex } };
    pre = clusters.slice(0, mid);
    post = clusters.slice(mid + 1);
    all = pre.concat([citation], post);
  } else {
    citation = clusters[mid + 1];
    pre = clusters.slice(0, mid);
    post = clusters.slice(mid + 2);
    all = pre.concat([citation], post);
  }
  const before = new Map(clusters.map((c, i) => [c.citationID, texts[i]]));
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const [, updates] = engine.processCitationCluster(citation, pre.map(ref), post.map(ref));
  const editMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(c0);
  const indexById = new Map(all.map((c, i) => [c.citationID, i]));
  const out = all.map((c) => (c.citationID === citation.citationID && edit !== "remove")
    ? null : before.get(c.citationID));
  for (const [pos, text, cid] of updates) out[cid !== undefined ? indexById.get(cid) : pos] = text;
  return { out, editMs, cpuMs: (cpu.user + cpu.system) / 1000, changed: updates.length };
}

function main() {
  const [mode, styleFile, itemsFile, format, docFile] = process.argv.slice(2);
  let items = JSON.parse(fs.readFileSync(itemsFile, "utf8"));
  if (!Array.isArray(items)) items = items.items;
  const engine = makeEngine(styleFile, items, format || "text");
  let lines;
  if (mode === "bib") {
    engine.updateItems(items.map((it) => String(it.id)));
    lines = bibliography(engine, format);
  } else if (mode === "cites") {
    const clusters = items.map((it, i) => ({
      citationID: `C${i + 1}`, citationItems: [{ id: String(it.id) }],
      properties: { noteIndex: i + 1 },
    }));
    lines = runClusters(engine, clusters).map(oneLine);
  } else if (mode === "doc") {
    lines = runClusters(engine, readDoc(docFile).clusters).map(oneLine);
  } else if (mode === "insert" || mode === "replace" || mode === "remove") {
    const t0 = process.hrtime.bigint();
    const clusters = readDoc(docFile).clusters;
    const { out, editMs, cpuMs, changed } = editRun(engine, clusters, mode);
    const fullMs = Number(process.hrtime.bigint() - t0) / 1e6;
    lines = out.map(oneLine);
    process.stderr.write(JSON.stringify({ edit_ms: editMs, cpu_ms: cpuMs, full_ms: fullMs,
                                          changed }) + "\n");
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  process.stdout.write(lines.join("\n") + (lines.length ? "\n" : ""));
}

main();
