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

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3  // Material's SearchMessageType
const WORD_CUT = "\u200b"  // the build's cut between two Thai words
const NODE_CUT = "\u2060"  // markup split the text here without a space
const INVISIBLE = /[\u200c\u200d\u00ad\ufeff]/
const SPACE = /\s/
const WORDISH = /[\p{L}\p{N}\p{M}]/u
const THAI_DIGIT = /[\u0e50-\u0e59]/  // ๐-๙, matched as 0-9: the site writes numbers in Arabic digits
const THAI_WORDS = /[\u0e00-\u0e7f][\u0e00-\u0e7f.]*/g  // a word of the index (สปป.ลาว has a dot)
const CONTEXT = 50     // characters of teaser before a hit (and three times as many after it)
const SECTIONS = 5     // sections listed under a page at most: a short list renders quickly
const DOCS = "search/search_docs.json"  // under the language's root (thlao/search.py DOCS)

let pages = []  // [{view, docs: [{location, title, text}]}]: views of the page, titles, texts
const vocabulary = new Set()  // the Thai words the build cut the pages into
let longest = 1

/* The text as matched (lower case, Thai digits as 0-9, white space folded, a space where
   markup splits it), the same text as shown (index for index), and where words start or end
   (bounds[i] = 1). */
function view(raw) {
  const bounds = new Uint8Array(raw.length + 1)  // the match is never longer than the raw text
  let match = "", shown = "", gap = "", cut = true, wordish = false
  for (const ch of raw) {
    if (ch === WORD_CUT) { cut = true; continue }
    if (INVISIBLE.test(ch)) continue
    if (ch === NODE_CUT || SPACE.test(ch)) {
      gap = gap === " " || ch !== NODE_CUT ? " " : NODE_CUT
      continue
    }
    if (gap && match) {
      bounds[match.length] = 1
      match += " "; shown += gap; cut = true
    }
    const lower = THAI_DIGIT.test(ch) ? String(ch.charCodeAt(0) - 0x0e50) : ch.toLowerCase()
    const isWordish = WORDISH.test(ch)
    if (cut || !isWordish || !wordish) bounds[match.length] = 1
    match += lower.length === ch.length ? lower : ch
    shown += ch
    gap = ""; cut = false; wordish = isWordish
  }
  bounds[match.length] = 1
  return { match, shown, bounds, squeezed: match.replace(/ /g, "") }
}

/* Where needle starts in haystack: the first `most` places. */
function hits(haystack, needle, most = 33) {
  const found = []
  for (let i = haystack.indexOf(needle); i >= 0 && needle && found.length < most;
       i = haystack.indexOf(needle, i + 1))
    found.push(i)
  return found
}

/* Cut a Thai run with the index's words: fewest unknown characters, then fewest pieces. */
function cutThai(run) {
  const best = [{ unknown: 0, pieces: 0, start: 0, known: true }]  // best cut of run.slice(0, i)
  for (let end = 1; end <= run.length; end++) {
    const prev = best[end - 1]
    let pick = { unknown: prev.unknown + 1, pieces: prev.pieces + 1, start: end - 1, known: false }
    for (let start = Math.max(0, end - longest); start < end; start++) {
      const b = best[start]
      const better = b.unknown < pick.unknown ||
        (b.unknown === pick.unknown && b.pieces + 1 < pick.pieces)
      if (better && vocabulary.has(run.slice(start, end)))
        pick = { unknown: b.unknown, pieces: b.pieces + 1, start, known: true }
    }
    best.push(pick)
  }
  const pieces = []
  for (let end = run.length; end > 0; end = best[end].start) {
    const { start, known } = best[end]
    // unknown characters side by side are one piece: a word the site does not have (yet)
    if (!known && pieces.length && !pieces[0].known) pieces[0].text = run[start] + pieces[0].text
    else pieces.unshift({ text: run.slice(start, end), known })
  }
  return pieces.map(p => p.text)
}

/* The query's words: its space-separated parts, Thai parts cut like the index. */
function words(query) {
  const all = query.split(" ").flatMap(part =>
    /[\u0e00-\u0e7f]/.test(part) ? part.split(/([\u0e00-\u0e7f]+)/).flatMap((piece, i) =>
      i % 2 ? cutThai(piece) : piece ? [piece] : []) : [part])
  return [...new Set(all.filter(Boolean))]
}

/* How well a text view matches: 3 as typed, 2 ignoring spaces, 1 every word; then hit counts. */
function rank(v, query, squeezed, terms) {
  if (v.match.includes(query))
    return { tier: 3, terms: [query] }
  if (squeezed !== query && v.squeezed.includes(squeezed))
    return { tier: 2, terms: query.split(" ") }
  if (terms.length > 1 && terms.every(t => v.match.includes(t)))
    return { tier: 1, terms }
  return null
}

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
  const text = view(input.trim()).match
  if (!text) return { items: [] }
  const query = { text, squeezed: text.replace(/ /g, ""), words: words(text) }
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
    for (const word of `${doc.title} ${doc.text}`.match(THAI_WORDS) || []) {
      vocabulary.add(word)
      longest = Math.max(longest, word.length)
    }
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
    load(message.data).then(() => postMessage({ type: READY }))
  } else if (message.type === QUERY) {
    const now = performance.now(), inBurst = now - lastQuery < BURST || timer
    waiting = message.data
    lastQuery = now
    clearTimeout(timer)
    if (inBurst) timer = setTimeout(answer, BURST)
    else answer()
  }
})
