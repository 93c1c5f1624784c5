/*
 * Thai-aware text matching, one copy for the two places the site finds text: the search worker
 * (search-worker.js loads it with importScripts) and the table filter (tracker.js, in the page,
 * loaded before it). Both then find what the reader typed the same way:
 *
 *   1. the text holds the query as typed (case, white space and Thai digits folded), so a word
 *      in the middle of a Thai phrase, or the start of a word while typing, is found;
 *   2. failing that, it holds the query with its spaces taken out ("บรอดแบนด์ ชายแดน" finds
 *      "บรอดแบนด์ชายแดน");
 *   3. failing that, it holds every word of the query, Thai cut with the words the build cut
 *      the text into (thlao/search.py marks its cuts with U+200B), longest first.
 *
 * Pure functions, no DOM: it defines one global, ThaiMatch.
 */
"use strict"

globalThis.ThaiMatch = (() => {
  const WORD_CUT = "\u200b"  // the build's cut between two Thai words
  const NODE_CUT = "\u2060"  // markup split the text here without a space
  const INVISIBLE = /[\u200c\u200d\u00ad\ufeff]/
  const SPACE = /\s/
  const WORDISH = /[\p{L}\p{N}\p{M}]/u
  const THAI_DIGIT = /[\u0e50-\u0e59]/  // ๐-๙, matched as 0-9: the site writes numbers in Arabic digits
  const THAI_WORDS = /[\u0e00-\u0e7f][\u0e00-\u0e7f.]*/g  // a word of the index (สปป.ลาว has a dot)

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

  /* The Thai words the build cut a text into, and the cut of a query with them. */
  class Vocabulary {
    constructor() {
      this.words = new Set()
      this.longest = 1
    }

    /* Learn the Thai words of a text cut by the build (U+200B between words). */
    add(text) {
      for (const word of text.match(THAI_WORDS) || []) {
        this.words.add(word)
        if (word.length > this.longest) this.longest = word.length
      }
    }

    /* Cut a Thai run with the words: fewest unknown characters, then fewest pieces. */
    cut(run) {
      const best = [{ unknown: 0, pieces: 0, start: 0, known: true }]  // best cut of run.slice(0, i)
      for (let end = 1; end <= run.length; end++) {
        const prev = best[end - 1]
        let pick = { unknown: prev.unknown + 1, pieces: prev.pieces + 1, start: end - 1, known: false }
        for (let start = Math.max(0, end - this.longest); start < end; start++) {
          const b = best[start]
          const better = b.unknown < pick.unknown ||
            (b.unknown === pick.unknown && b.pieces + 1 < pick.pieces)
          if (better && this.words.has(run.slice(start, end)))
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

    /* A query's words: its space-separated parts, Thai parts cut like the text. */
    split(query) {
      const all = query.split(" ").flatMap(part =>
        /[\u0e00-\u0e7f]/.test(part) ? part.split(/([\u0e00-\u0e7f]+)/).flatMap((piece, i) =>
          i % 2 ? this.cut(piece) : piece ? [piece] : []) : [part])
      return [...new Set(all.filter(Boolean))]
    }
  }

  /* What the reader typed, ready to match: folded text, without spaces, and its words; null
     when there is nothing to match. */
  function query(input, vocabulary) {
    const text = view(input.trim()).match
    if (!text) return null
    return { text, squeezed: text.replace(/ /g, ""), words: vocabulary.split(text) }
  }

  /* How well a text view matches: 3 as typed, 2 ignoring spaces, 1 every word; null if not. */
  function rank(v, query, squeezed, terms) {
    if (v.match.includes(query))
      return { tier: 3, terms: [query] }
    if (squeezed !== query && v.squeezed.includes(squeezed))
      return { tier: 2, terms: query.split(" ") }
    if (terms.length > 1 && terms.every(t => v.match.includes(t)))
      return { tier: 1, terms }
    return null
  }

  return { WORD_CUT, NODE_CUT, view, hits, Vocabulary, query, rank }
})()
