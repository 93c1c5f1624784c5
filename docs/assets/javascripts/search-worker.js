/*
 * The site's search worker, in place of Material's lunr worker. It answers the same
 * messages (SETUP -> READY, QUERY -> RESULT), so Material's search box, result list and
 * highlighting stay as they are.
 *
 * Why not lunr: lunr matches whole tokens split at spaces, and Thai puts no spaces between
 * words. Here a page matches when its text contains what the reader typed, as typed (a
 * phrase, a word inside a phrase, the start of a word while typing). Failing that, the
 * query is cut into words the way the build cut the pages (thlao/search.py marks its cuts
 * with U+200B; the browser cuts with the same words, longest first) and a page matches
 * when it holds every word. Whole-word hits and hits in titles rank first.
 *
 * The documents are not in the index Material fetches at page load (thlao/search.py leaves
 * them out): overrides/main.html starts this worker only when the reader opens search, and
 * passes the language's root with SETUP; the worker then fetches the documents from there.
 */
"use strict"

// The matching itself (text views, the Thai cut, the tiers) is shared with the table filter.
// (bench/search.py --cuts loads this file in a page, after thai-match.js.)
if (typeof ThaiMatch === "undefined") importScripts("thai-match.js")
const { NODE_CUT, view, hits, rank } = ThaiMatch

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3  // Material's SearchMessageType
// Not Material's: the documents could not be loaded. overrides/main.html catches it and says, in
// the page's language, that search is unavailable (Material alone would wait for READY forever).
const UNAVAILABLE = "unavailable"
const CONTEXT = 50     // characters of teaser before a hit (and three times as many after it)
const SECTIONS = 5     // sections listed under a page at most: a short list renders quickly
const DOCS = "search/search_docs.json"  // under the language's root (thlao/search.py DOCS)

let pages = []  // [{view, docs: [{location, title, text}]}]: views of the page, titles, texts
const vocabulary = new ThaiMatch.Vocabulary()  // the Thai words the build cut the pages into
const cutThai = run => vocabulary.cut(run)

/* Score of a hit list: whole-word hits count more, a title hit most. */
function score(tier, v, title, terms) {
  let count = 0, whole = 0
  for (const t of terms)
    for (const i of hits(v.match, t)) {
      count++
      if (v.bounds[i] && v.bounds[i + t.length]) whole++
    }
  const inTitle = terms.some(t => title.match.includes(t))
  return tier * 1000 + (inTitle ? 300 : 0) + (whole ? 100 : 0) + Math.min(99, whole * 3 + count)
}

const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }
const escapeHTML = s => s.replace(/[&<>"]/g, c => ENTITIES[c])

/* The shown text from..to, HTML-escaped, with every hit of the terms marked. */
function mark(v, from, to, terms) {
  const slice = v.match.slice(from, to)
  const ranges = terms.flatMap(t => hits(slice, t).map(i => [i, i + t.length]))
    .sort((a, b) => a[0] - b[0])
  let html = "", at = 0
  for (const [start, end] of ranges) {
    if (end <= at) continue
    const s = Math.max(start, at)
    html += escapeHTML(v.shown.slice(from + at, from + s)) +
      `<mark>${escapeHTML(v.shown.slice(from + s, from + end))}</mark>`
    at = end
  }
  return (html + escapeHTML(v.shown.slice(from + at, to))).replaceAll(NODE_CUT, "")
}

/* A few lines of text around the first hit, as Material shows under a result. */
function teaser(v, terms) {
  const first = Math.min(...terms.map(t => v.match.indexOf(t)).filter(i => i >= 0))
  const at = Number.isFinite(first) ? first : 0
  let from = Math.max(0, at - CONTEXT)
  const space = v.match.indexOf(" ", from)
  if (from > 0 && space >= 0 && space < at) from = space + 1
  const to = Math.min(v.match.length, at + 3 * CONTEXT)
  const before = from > 0 ? "… " : "", after = to < v.match.length ? " …" : ""
  return `<p>${before}${mark(v, from, to, terms)}${after}</p>`
}

/* One result group in Material's shape: the page first, then (if `sections`) its sections
   that match. */
function result(page, found, query, sections) {
  const items = (sections ? page.docs : page.docs.slice(0, 1)).map((doc, i) => {
    const hit = rank(doc.text, query.text, query.squeezed, query.words) ||
                rank(doc.title, query.text, query.squeezed, query.words)
    const own = hit ? score(hit.tier, doc.text, doc.title, hit.terms) : 0
    return {
      location: doc.location,
      title: mark(doc.title, 0, doc.title.match.length, found.terms),
      text: hit || i === 0 ? teaser(doc.text, found.terms) : "",
      score: i === 0 ? Math.max(own, found.score) : own,
      terms: Object.fromEntries(found.terms.map(t => [t, true]))
    }
  })
  return [items[0], ...items.slice(1).filter(item => item.score > 0)
    .sort((a, b) => b.score - a.score).slice(0, SECTIONS)]
}

function search(input) {
  const query = ThaiMatch.query(input, vocabulary)
  if (!query) return { items: [] }
  const found = []
  for (const page of pages) {
    const hit = rank(page.view, query.text, query.squeezed, query.words)
    if (hit)
      found.push({ page, terms: hit.terms,
                   score: score(hit.tier, page.view, page.docs[0].title, hit.terms) })
  }
  found.sort((a, b) => b.score - a.score)
  // Material shows ten pages at first: pages further down are listed without their sections
  return { items: found.map((f, i) => result(f.page, f, query, i < 10)) }
}

/* Pages from Material's index shape: a document per page, then one per section ('#'). */
function setup({ docs }) {
  const byPath = new Map()
  for (const doc of docs) {
    const path = doc.location.split("#")[0]
    if (!byPath.has(path)) byPath.set(path, { raw: [], docs: [] })
    const page = byPath.get(path)
    page.raw.push(doc.title, doc.text)
    page.docs.push({ location: doc.location, title: view(doc.title), text: view(doc.text) })
    vocabulary.add(`${doc.title} ${doc.text}`)
  }
  pages = [...byPath.values()].map(({ raw, docs }) => ({ view: view(raw.join(" ")), docs }))
}

/* SETUP's documents, or, given the language's root, those fetched from it. */
async function load({ docs, base }) {
  if (base) {
    const response = await fetch(new URL(DOCS, base))
    if (!response.ok) throw new Error(`search documents: ${response.status} ${response.url}`)
    docs = (await response.json()).docs
  }
  setup({ docs })
}

// A reader's keys come a tenth of a second or more apart, and each is answered at once. Keys
// that come faster (a paste as keys, a test robot) would each be answered, and the page would
// draw every answer before the last: then only the last query is answered, once they pause.
const BURST = 15  // ms between two queries that belong to one burst
let waiting = null, timer = 0, lastQuery = -Infinity

function answer() {
  const query = waiting
  waiting = null
  timer = 0
  if (query !== null) postMessage({ type: RESULT, data: search(query) })
}

addEventListener("message", ({ data: message }) => {
  if (message.type === SETUP) {
    load(message.data).then(() => postMessage({ type: READY }),
                             error => postMessage({ type: UNAVAILABLE, data: String(error) }))
  } else if (message.type === QUERY) {
    const now = performance.now(), inBurst = now - lastQuery < BURST || timer
    waiting = message.data
    lastQuery = now
    clearTimeout(timer)
    if (inBurst) timer = setTimeout(answer, BURST)
    else answer()
  }
})
