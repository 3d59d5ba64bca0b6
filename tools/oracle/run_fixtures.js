#!/usr/bin/env node
// Development-time oracle: runs citeproc-js (npm `citeproc`, pinned in package.json) over a
// folder of fixtures in the CSL test-suite format and prints the names of those whose RESULT
// it reproduces, one a line:
//   node tools/oracle/run_fixtures.js ../shared/csl/suites/jgm-citeproc \
//       > tests/conformance/jgm-citeproc-js-passes.txt
// With --all it prints every fixture as `name<TAB>pass|fail` and, for failures, the output
// citeproc-js gave (JSON-quoted), for reading why. With --adopt it writes citeproc-js's
// output into each fixture's RESULT (fixtures made by make_fixtures.py). With --json it
// prints {description, outputs: {name: output}} (errors as "ERROR: ...").
//
// Fixtures are driven exactly as citeproc-js's own runner drives them (the npm package
// citeproc-test-runner, `cslrun`, which citeproc-js's CI runs: lib/fixture-parser.js,
// lib/sys.js): the line-wise section parser; a sys object whose retrieveLocale strips the
// XML declaration and whose getAbbreviation reads an ABBREVIATIONS section (keys normalized
// as normalizeAbbrevsKey does); OPTIONS copied onto sys and into development_extensions;
// the Turkish date-parser months it adds; MODE submodes; BIBENTRIES through updateItems,
// else every INPUT item registered with updateItems unless CITATIONS are given;
// CITATION-ITEMS through makeCitationCluster (no CITATION-ITEMS and no CITATIONS: one
// citation of the registry's items in its order); CITATIONS through processCitationCluster
// with the runner's document bookkeeping (">>" for citations the last step returned, ".."
// for the rest, ordered by the step's pre/post lists), INPUT2; bibliographies through
// makeBibliography (BIBSECTION). The result is compared as the runner compares it
// (assert.equal after newline normalization). The runner's abbreviation preloading only
// loads jurisdiction files (citeproc-abbrevs) for items with a `jurisdiction`; of it, the
// `language-name` fields it writes on items are reproduced. One addition, for fixtures
// rewritten into the CITATIONS form without the runner's marks: see MARKED below.
// Deterministic.
"use strict";

const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

// ../shared beside the project root (this file is tools/oracle/ in the project)
const LOCALES_DIR = path.resolve(__dirname, "..", "..", "..", "shared", "csl", "locales");

const SECTIONS = {
  CSL: "xml", DESCRIPTION: "string", INPUT: "json", MODE: "string", RESULT: "string",
  NAME: "string", PATH: "string", ABBREVIATIONS: "json", BIBENTRIES: "json", BIBSECTION: "json",
  "CITATION-ITEMS": "json", CITATIONS: "json", INPUT2: "json", LANGPARAMS: "json",
  MULTIAFFIX: "json", OPTIONS: "json", OPTIONZ: "json",
};

// citeproc-test-runner's lib/fixture-parser.js: sections read line by line
function parseFixture(raw) {
  const names = Object.keys(SECTIONS).join("|");
  const openRex = new RegExp(`^.*>>===*\\s(${names})\\s.*=>>.*`);
  const closeRex = new RegExp(`^.*<<===*\\s(${names})\\s.*=<<.*`);
  const obj = {};
  let section = null;
  let state = null;
  for (const line of raw.split(/(?:\r\n|\n)/)) {
    let m;
    if ((m = openRex.exec(line))) {
      section = m[1];
      state = "opening";
    } else if ((m = closeRex.exec(line))) {
      state = "closing";
      if (section === "RESULT" && !obj[section]) obj[section] = [""];
    } else if (state === "opening") {
      obj[section] = [];
      state = "reading";
    } else if (state === "closing") {
      state = null;
    }
    if (state === "reading") obj[section].push(line);
  }
  for (const key of Object.keys(obj)) {
    obj[key] = obj[key].join("\n");
    if (SECTIONS[key] === "json") obj[key] = JSON.parse(obj[key]);
  }
  return obj;
}

function normalizeAbbrevsKey(variable, key) {
  key = key ? ("" + key).trim() : "";
  if (["jurisdiction", "country"].indexOf(variable) > -1) return key.toUpperCase();
  return key.toString()
    .replace(/(?:\b|^)(?:and|et|y|und|l[ae]|the|[ld]')(?:\b|$)|[\x21-\x2C./\x3A-\x40\x5B-\x60\\\x7B\x7D-\x7E]/ig, "")
    .replace(/\s*\x7C\s*/g, "\x7C")
    .replace(/\./g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

// the runner's variableWrapper (OPTIONS.variableWrapper)
function variableWrapper(params, prePunct, str, postPunct) {
  if (params.variableNames[0] === "title" && params.itemData.URL
      && params.context === "citation" && params.position === "first") {
    return prePunct + '<a href="' + params.itemData.URL + '">' + str + "</a>" + postPunct;
  }
  if (params.variableNames[0] === "first-reference-note-number"
      && params.context === "citation" && params.position !== "first") {
    return prePunct + "<b>" + str + "</b>" + postPunct;
  }
  return prePunct + str + postPunct;
}

class Sys {
  constructor(test) {
    this.test = test;
    this._acache = { default: new CSL.AbbreviationSegments() };
    this._setCache();
    if (test.OPTIONS) for (const option in test.OPTIONS) this[option] = test.OPTIONS[option];
  }

  _setCache() {
    this._cache = {};
    this._ids = [];
    for (const item of this.test.INPUT) {
      this._cache[item.id] = item;
      this._ids.push(item.id);
    }
  }

  retrieveItem(id) { return this._cache[id]; }

  retrieveLocale(lang) {
    try {
      return fs.readFileSync(path.join(LOCALES_DIR, `locales-${lang}.xml`)).toString()
        .replace(/\s*<\?[^>]*\?>\s*\n/g, "");
    } catch (e) {
      return false;
    }
  }

  retrieveStyleModule() { return null; }

  getAbbreviation(listName, obj, jurisdiction, category, key) {
    if (!this._acache[jurisdiction]) this._acache[jurisdiction] = new CSL.AbbreviationSegments();
    const jurisdictions = ["default"];
    if (jurisdiction !== "default") {
      const lst = jurisdiction.split(":");
      for (let i = 1; i < lst.length + 1; i++) jurisdictions.push(lst.slice(0, i).join(":"));
    }
    jurisdictions.reverse();
    let found;
    for (const j of jurisdictions) {
      found = j;
      if (!obj[j]) obj[j] = new CSL.AbbreviationSegments();
      const cache = this._acache[j];
      if (cache && cache[category] && cache[category][key]) {
        obj[j][category][key] = cache[category][key];
        break;
      }
    }
    return found;
  }

  normalizeAbbrevsKey(variable, key) { return normalizeAbbrevsKey(variable, key); }

  // the runner's lib/sys.js updateDoc: the document as the embedding editor keeps it
  updateDoc() {
    for (const citation of this.test.CITATIONS) {
      const [, result] = this.style.processCitationCluster(citation[0], citation[1], citation[2]);
      for (let j = this.doc.length - 1; j > -1; j--) {
        if (!this.style.registry.citationreg.citationById[this.doc[j].citationID]) {
          this.doc = this.doc.slice(0, j).concat(this.doc.slice(j + 1));
        }
      }
      const posMap = {};
      citation[1].concat(citation[2]).forEach((ref, j) => { posMap[ref[0]] = j; });
      this.doc.sort((a, b) => (posMap[a.citationID] > posMap[b.citationID] ? 1
        : posMap[a.citationID] < posMap[b.citationID] ? -1 : 0));
      for (const entry of this.doc) entry.prefix = "..";
      const pending = result.slice();
      pending.forEach((insert, j) => {
        const k = this.doc.findIndex((cite) => cite.citationID === insert[2]);
        if (k > -1) {
          this.doc[k] = { prefix: ">>", citationID: insert[2], String: insert[1] };
          pending[j] = null;
        }
      });
      for (const insert of pending) {
        if (!insert) continue;
        this.doc = this.doc.slice(0, insert[0])
          .concat([{ prefix: ">>", citationID: insert[2], String: insert[1] }])
          .concat(this.doc.slice(insert[0]));
      }
    }
  }

  // of the runner's preloadAbbreviations: the language names it writes on cited items
  preloadLanguageNames(citationItems) {
    for (const ci of citationItems) {
      const item = this.retrieveItem(ci.id);
      if (item && item.language) {
        const lst = item.language.toLowerCase().split("<");
        if (lst.length > 0) item["language-name"] = lst[0];
        if (lst.length === 2) item["language-name-original"] = lst[1];
      }
    }
  }

  run() {
    const test = this.test;
    if (test.OPTIONS && test.OPTIONS.variableWrapper) this.variableWrapper = variableWrapper;
    this.style = new CSL.Engine(this, test.CSL);
    this.style.fun.dateparser.addDateParserMonths(["ocak", "Şubat", "mart", "nisan", "mayıs",
      "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık", "bahar", "yaz",
      "sonbahar", "kış"]);
    const parts = (test.MODE || "all").split("-");
    const mode = parts[0];
    const submode = {};
    for (const p of parts.slice(1)) submode[p] = true;
    test.submode = submode;
    for (const fmt of ["rtf", "plain", "asciidoc", "xslfo"]) {
      if (submode[fmt]) this.style.setOutputFormat(fmt);
    }
    if (submode.suppress_trailing_punctuation) {
      this.style.citation.opt.suppressTrailingPunctuation = true;
    }
    for (const opt in test.OPTIONS || {}) {
      if (opt !== "variableWrapper") this.style.opt.development_extensions[opt] = test.OPTIONS[opt];
    }
    const langParams = {
      persons: ["translit"], institutions: ["translit"], titles: ["translit", "translat"],
      journals: ["translit"], publishers: ["translat"], places: ["translat"],
    };
    for (const key in test.LANGPARAMS || {}) {
      if (key === "langs") {
        const langs = test.LANGPARAMS[key];
        if (langs.translat) this.style.setLangTagsForCslTranslation(langs.translat);
        if (langs.translit) this.style.setLangTagsForCslTransliteration(langs.translat);
      } else {
        langParams[key] = test.LANGPARAMS[key];
      }
    }
    this.style.setLangPrefsForCites(langParams);
    if (test.MULTIAFFIX) this.style.setLangPrefsForCiteAffixes(test.MULTIAFFIX);
    if (test.ABBREVIATIONS) {
      for (const jurisd in test.ABBREVIATIONS) {
        const segs = {};
        for (const segment in test.ABBREVIATIONS[jurisd]) {
          segs[segment] = {};
          for (const key in test.ABBREVIATIONS[jurisd][segment]) {
            const isJurisdiction = jurisd === "default" && segment === "place"
              && key.toUpperCase() === key;
            const isCourt = ["institution-entire", "institution-part"].indexOf(segment) > -1;
            const normkey = !isJurisdiction && !isCourt ? normalizeAbbrevsKey("title", key) : key;
            segs[segment][normkey] = test.ABBREVIATIONS[jurisd][segment][key];
          }
        }
        this._acache[jurisd] = segs;
      }
    }
    if (test.BIBENTRIES) {
      for (const ids of test.BIBENTRIES) this.style.updateItems(ids, submode.nosort);
    } else if (!test.CITATIONS) {
      this.style.updateItems(this._ids, submode.nosort);
    }
    if (!test["CITATION-ITEMS"] && !test.CITATIONS) {
      test["CITATION-ITEMS"] = [this.style.registry.reflist.map((item) => ({ id: item.id }))];
    }
    if (!test.ABBREVIATIONS) {
      if (test["CITATION-ITEMS"]) {
        for (const items of test["CITATION-ITEMS"]) this.preloadLanguageNames(items);
      } else {
        for (const c of test.CITATIONS) this.preloadLanguageNames(c[0].citationItems);
      }
    }
    if (mode === "all") throw new Error("MODE all (style tests) is not run here");
    let ret;
    if (test["CITATION-ITEMS"]) {
      ret = test["CITATION-ITEMS"].map((items) => this.style.makeCitationCluster(items)).join("\n");
    } else {
      this.doc = [];
      this.updateDoc();
      if (test.INPUT2) {
        test.INPUT = test.INPUT2;
        this._setCache();
        this.updateDoc();
      }
      ret = this.doc.map((elem, idx) => `${elem.prefix}[${idx}] ${elem.String}`).join("\n");
    }
    if (mode === "bibliography" && !submode.header) {
      const bib = test.BIBSECTION ? this.style.makeBibliography(test.BIBSECTION)
        : this.style.makeBibliography();
      ret = bib[0].bibstart + bib[1].join("") + bib[0].bibend;
    } else if (mode === "bibliography" && submode.header) {
      const obj = this.style.makeBibliography()[0];
      ret = Object.keys(obj).sort().map((key) => `${key}: ${obj[key]}\n`).join("")
        .replace(/^\s+/, "").replace(/\s+$/, "");
    }
    if (["citation", "bibliography"].indexOf(mode) === -1) {
      throw new Error(`Invalid mode in test file: ${mode}`);
    }
    return ret.replace(/\r\n?/g, "\n");
  }
}

// A CITATIONS fixture's RESULT is the runner's document, each line marked ">>[i] " or
// "..[i] ". The jgm/citeproc fixtures rewritten into the CITATIONS form (see the suites'
// README) kept jgm's RESULT, the citations' texts unmarked: for a RESULT with no marks the
// document's texts are compared without them.
const MARKED = /^(>>|\.\.)\[\d+\] /m;
const MARKS = /^(>>|\.\.)\[\d+\] /gm;

function main() {
  const args = process.argv.slice(2);
  const all = args.includes("--all");
  const adopt = args.includes("--adopt");
  const asJson = args.includes("--json");
  const outputs = {};
  const dir = args.find((a) => !a.startsWith("--"));
  if (!all && !adopt && !asJson) {
    console.log(`# fixtures of ${path.basename(dir)} whose RESULT citeproc-js ${require("citeproc/package.json").version} ` +
      "(npm citeproc, tools/oracle/package.json) reproduces,\n# driven as its own runner " +
      "(citeproc-test-runner) drives them. Written by:\n" +
      `#   node tools/oracle/run_fixtures.js DIR > this file`);
  }
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".txt")).sort()) {
    const name = f.replace(/\.txt$/, "");
    let test;
    let got;
    try {
      test = parseFixture(fs.readFileSync(path.join(dir, f), "utf8"));
      got = new Sys(test).run();
    } catch (e) {
      got = `ERROR: ${e}`;
    }
    if (asJson) {
      outputs[name] = got;
      continue;
    }
    if (adopt) {  // citeproc-js's output becomes the fixture's RESULT
      const file = path.join(dir, f);
      const text = fs.readFileSync(file, "utf8").replace(
        /(>>=+ RESULT =+>>\n)[\s\S]*?(\n<<=+ RESULT =+<<)/, (m, open, close) => open + got + close);
      fs.writeFileSync(file, text);
      continue;
    }
    const ok = test !== undefined && (got === test.RESULT
      || (test.CITATIONS !== undefined && !MARKED.test(test.RESULT)
          && got.replace(MARKS, "") === test.RESULT));
    if (all) console.log(`${name}\t${ok ? "pass" : "fail"}${ok ? "" : "\t" + JSON.stringify(got)}`);
    else if (ok) console.log(name);
  }
  if (asJson) {
    console.log(JSON.stringify({
      description: `citeproc-js ${require("citeproc/package.json").version}'s output for each ` +
        `fixture of ${path.basename(dir)}, as its own runner drives it ` +
        "(node tools/oracle/run_fixtures.js DIR --json)",
      outputs,
    }, null, 1));
  }
}

main();
