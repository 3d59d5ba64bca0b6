#!/usr/bin/env node
// Development-time oracle: runs citeproc-js (npm `citeproc`, pinned in package.json) over a
// folder of fixtures in the CSL test-suite format and prints the names of those whose RESULT
// it reproduces, one a line.  Used to know which jgm/citeproc fixtures citeproc-js passes:
//   node tools/oracle/run_fixtures.js ../shared/csl/suites/jgm-citeproc \
//       > tests/conformance/jgm-citeproc-js-passes.txt
// Fixtures are driven as citeproc-js's own test runner drives them: CITATIONS through
// processCitationCluster (the last step's citations marked ">>" when updated, ".." when not),
// CITATION-ITEMS through one processCitationCluster each, bibliographies through updateItems
// and makeBibliography.  Deterministic.
"use strict";

const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const LOCALES_DIR = "/work/shared/csl/locales";

function sections(text) {
  const out = {};
  const re = />>=+\s*([A-Z-]+)\s*=+>>\n?([\s\S]*?)\n?<<=+\s*\1\s*=+<</g;
  let m;
  while ((m = re.exec(text))) out[m[1]] = m[2];
  return out;
}

function normalize(text) {
  return text.replace(/\r\n/g, "\n").trim()
    .replace(/&amp;/g, "&#38;").replace(/&lt;/g, "&#60;").replace(/&gt;/g, "&#62;")
    .replace(/\n\s*\n/g, "\n");
}

function run(sec) {
  const items = JSON.parse(sec.INPUT);
  const byId = new Map(items.map((it) => [String(it.id), it]));
  const sys = {
    retrieveItem: (id) => byId.get(String(id)),
    retrieveLocale: (lang) => {
      const f = path.join(LOCALES_DIR, `locales-${lang}.xml`);
      return fs.existsSync(f) ? fs.readFileSync(f, "utf8") : false;
    },
  };
  const engine = new CSL.Engine(sys, sec.CSL);
  const mode = (sec.MODE || "citation").trim();
  const ids = items.map((it) => String(it.id));
  if (mode.startsWith("bibliography")) {
    if (sec.CITATIONS) {
      for (const c of JSON.parse(sec.CITATIONS)) engine.processCitationCluster(c[0], c[1] || [], c[2] || []);
    } else if (sec["CITATION-ITEMS"]) {
      let pre = [];
      JSON.parse(sec["CITATION-ITEMS"]).forEach((ci, n) => {
        const cit = { citationID: `CITATION-${n}`, citationItems: ci, properties: { noteIndex: n + 1 } };
        engine.processCitationCluster(cit, pre, []);
        pre.push([cit.citationID, n + 1]);
      });
    } else {
      engine.updateItems(sec.BIBENTRIES ? JSON.parse(sec.BIBENTRIES).slice(-1)[0] : ids);
    }
    const bib = engine.makeBibliography();
    return bib[0].bibstart + bib[1].join("") + bib[0].bibend;
  }
  if (sec.CITATIONS) {
    let res;
    const updated = new Set();
    for (const c of JSON.parse(sec.CITATIONS)) {
      res = engine.processCitationCluster(c[0], c[1] || [], c[2] || []);
    }
    const last = res[1];
    for (const [idx] of last) updated.add(idx);
    const byIndex = engine.registry.citationreg.citationByIndex;
    const texts = new Map(last.map(([i, t]) => [i, t]));
    return byIndex.map((c, i) => {
      const t = texts.has(i) ? texts.get(i) : engine.process_CitationCluster.call(
        engine, c.sortedItems, c.citationID);
      return `${updated.has(i) ? ">>" : ".."}[${i}] ${t}`;
    }).join("\n");
  }
  const lists = sec["CITATION-ITEMS"] ? JSON.parse(sec["CITATION-ITEMS"]) : [ids.map((id) => ({ id }))];
  const out = [];
  let pre = [];
  lists.forEach((ci, n) => {
    const cit = { citationID: `CITATION-${n}`, citationItems: ci, properties: { noteIndex: n + 1 } };
    const res = engine.processCitationCluster(cit, pre, []);
    pre.push([cit.citationID, n + 1]);
    for (const [i, t] of res[1]) if (i === n) out.push(t);
  });
  return out.join("\n");
}

const dir = process.argv[2];
for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".txt")).sort()) {
  const sec = sections(fs.readFileSync(path.join(dir, f), "utf8"));
  let got;
  try { got = run(sec); } catch (e) { got = `ERROR: ${e}`; }
  if (normalize(got) === normalize(sec.RESULT || "")) console.log(f.replace(/\.txt$/, ""));
}
