#!/usr/bin/env node
// Development-time oracle for focused citation behaviours: runs citeproc-js 2.4.63 over small
// cases (a tiny style, a few items, a few citation clusters) and records, per case, the final
// text of each cluster and the bibliography (text output).  tests/test_csl_cite_cases.py
// compares citekit with the result.
//
//   node tools/oracle/make_cite_cases.js [CASES.json [OUT.json]]
//
// CASES.json (default tools/oracle/cite_cases.json): a list of {name, why, style, items,
// clusters}.  `style` is either a whole CSL document (a string) or {class, attrs?, locale?,
// macros?, citation, bibliography?}, wrapped here into one.  Each cluster is a list of cites
// ({id, locator?, label?, prefix?, suffix?}), given note numbers 1, 2, … in note styles.
// OUT.json (default tests/data/oracle/cite-cases.json) holds every case with its expanded
// style, its clusters as citeproc-js got them, and citeproc-js's output.  Deterministic.
"use strict";

const fs = require("fs");
const path = require("path");
const { engineFor, runClusters, bibliography } = require(path.join(__dirname, "make_oracle.js"));

const REPO = path.resolve(__dirname, "..", "..");

function styleXml(style) {
  if (typeof style === "string") return style;
  const attrs = style.attrs ? ` ${style.attrs}` : "";
  const locale = style.locale ? ` default-locale="${style.locale}"` : "";
  return `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="${style.class}" version="1.0"${locale}${attrs}>
  <info><id>cite-case</id><title>cite case</title><updated>2026-01-01T00:00:00+00:00</updated></info>
  ${style.macros || ""}
  ${style.citation}
  ${style.bibliography || ""}
</style>
`;
}

function clustersOf(c, note) {
  return c.clusters.map((cites, i) => ({
    citationID: `C${i + 1}`, citationItems: cites,
    properties: { noteIndex: note ? i + 1 : 0 },
  }));
}

function main() {
  const [casesFile, outFile] = [
    process.argv[2] || path.join(__dirname, "cite_cases.json"),
    process.argv[3] || path.join(REPO, "tests", "data", "oracle", "cite-cases.json"),
  ];
  const cases = JSON.parse(fs.readFileSync(casesFile, "utf8"));
  const out = cases.map((c) => {
    const xml = styleXml(c.style);
    const note = /<style[^>]*class="note"/.test(xml);
    const clusters = clustersOf(c, note);
    const engine = engineFor(xml, c.items);
    engine.setOutputFormat("text");
    const citations = runClusters(engine, clusters);
    const bib = engine.bibliography ? bibliography(engine) : { entries: [] };
    return { name: c.name, why: c.why, style: xml, items: c.items, clusters,
      citations_text: citations, bibliography_text: bib.entries.map((e) => e.replace(/\n$/, "")) };
  });
  fs.writeFileSync(outFile, JSON.stringify(out, null, 1) + "\n");
  if (process.argv[3]) for (const c of out) console.log(c.name, JSON.stringify(c.citations_text));
}

main();
