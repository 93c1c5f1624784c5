/*
 * Filter and sort for the site's status tables ("trackers"): by status, area, agreement and
 * kind, and by typed words, found the way search finds them (thai-match.js, which must be
 * loaded before this script). Without JavaScript the whole table shows and there is no
 * control: every control here is made by this script.
 *
 * With it, at most a page of the matching rows shows (data-page-size on the tracker, else 100),
 * with "show N more" and "show all" buttons below the table: a browser lays out a 2,000-row
 * table in a third of a second or more, so no filter or sort ever shows more than a page (the
 * reader may ask for all). Any filter or sort change goes back to the first page.
 *
 * THE HTML CONTRACT (what thlao/templates/activities_table.html emits; one [data-tracker] per
 * filterable table):
 *
 *   <div class="tracker" data-tracker="ID"                  ID: optional; names the URL
 *        data-tracker-words='{"filter": "...", ...}'        parameters (ID-status=...) when a
 *        data-tracker-facets='{"status": [["pipeline",       page has more than one tracker;
 *                              "Pipeline"], ...], ...}'>     data-page-size="N": optional
 *     <div class="data-table" role="region" aria-label="CAPTION" tabindex="0">
 *       <table>
 *         <caption>CAPTION</caption>
 *         <thead><tr>
 *           <th scope="col" data-sort="text">Item</th>     data-sort: text | date (sortable)
 *           <th scope="col" data-sort="text" data-facet="area">Area</th>
 *           ...
 *           <th scope="col" data-sort="date">Last confirmed</th>
 *         </tr></thead>
 *         <tbody>
 *           <tr data-status="not-reported" data-area="broadband" data-agreement="mou-2018"
 *               data-kind="area"
 *               data-text="the row's searchable text, Thai cut into words with U+200B between
 *                          words, as thlao/search.py cuts the search index">
 *             <th scope="row"><a href="../items/x/">Title</a></th>
 *             <td>Area label</td><td>Agreement label</td><td>Status label</td>
 *             <td data-value="2018-02"><time datetime="2018-02">กุมภาพันธ์ 2561</time></td>
 *           </tr>
 *         </tbody>
 *       </table>
 *     </div>
 *   </div>
 *
 * - Words: every word this script shows is in data-tracker-words, in the page's language
 *   (labels/<lang>.yml, group `tracker`): nothing here is in any language.
 * - Facets: data-tracker-facets gives, for each facet offered, every value of its codelist with
 *   its label, in the codelist's order (every status, kind and agreement the data may hold, not
 *   only those the rows have today); the rows' data-* values are filtered by them. A facet the
 *   page leaves out (the area on an area page) is not offered.
 * - data-text: what typed words are matched against (the row's text if absent); its Thai
 *   words are the filter's vocabulary for cutting a typed Thai phrase.
 * - Sorting: data-value on a cell, if any, is its sort key; else, for date columns, the
 *   datetime of its <time>; else its text. Dates are partial ISO (2016, 2018-02, 2016-12-26)
 *   and sort by the first day they can mean, as the build does (thlao/dates.py sort_key): "2018"
 *   and "2018-01-01" tie, and a tie keeps the served order. Any other value (unknown) sorts last.
 *   A header served with aria-sort is taken as the table's current order.
 * - URL: ?status=&area=&agreement=&kind=&text= (with "ID-" before each when data-tracker has
 *   an ID; several trackers without one are numbered 1-, 2-, ...), set by replaceState once
 *   the reader pauses, read on load. Not "q": Material opens its search dialog for ?q=.
 *   Values the codelists do not have are ignored.
 */
"use strict"

;(() => {
  const FACETS = ["status", "area", "agreement", "kind"]
  const TEXT = "text"  // the URL parameter of the typed words
  const PAUSE = 300    // ms after the last change before the count is announced, the URL set
  const INVISIBLE = /[\u200b-\u200d\u2060\u00ad\ufeff]/g
  const DATE = /^\d{4}(-\d\d){0,2}$/
  const PAGE = 100     // rows shown at most, unless data-page-size says otherwise

  const clean = s => s.replace(INVISIBLE, "").replace(/\s+/g, " ").trim()
  // a partial date's first day ("2018" -> "2018-01-01"), as the build sorts them: then the
  // days compare as text
  const firstDay = date => (date + "-01-01").slice(0, 10)
  let made = 0

  function element(tag, props = {}, ...children) {
    const el = Object.assign(document.createElement(tag), props)
    el.append(...children)
    return el
  }

  function field(id, label, control, wide) {
    control.id = id
    return element("div", { className: wide ? "tracker__field tracker__field--text" : "tracker__field" },
      element("label", { htmlFor: id }, label), control)
  }

  // {name} in a message, numbers with thousands separators (format: Intl.NumberFormat's)
  const fill = (message, values, format) =>
    message.replace(/\{(\w+)\}/g, (_, name) => format(values[name]))

  function setUp(root, prefix, collator) {
    const table = root.querySelector("table")
    const body = table && table.tBodies[0]
    if (!body || !table.tHead) return
    root.classList.add("tracker--ready")
    const n = ++made
    const heads = [...table.tHead.rows[0].cells]
    const rows = [...body.rows].map((el, index) => ({
      el, index, match: true, place: index,  // place: in the body's order
      facets: FACETS.map(key => el.getAttribute(`data-${key}`) || ""),
      text: el.dataset.text ?? [...el.cells].map(c => c.textContent).join(" "),
    }))
    const page = Math.max(1, parseInt(root.dataset.pageSize, 10) || PAGE)
    const words = JSON.parse(root.dataset.trackerWords || "{}")
    // 1,067 in either language: Thai pages write numbers in Arabic digits
    const number = new Intl.NumberFormat(document.documentElement.lang.startsWith("th") ? "th-TH-u-nu-latn" : "en")
    const format = n => number.format(n)
    const caption = clean(table.caption ? table.caption.textContent : "")

    // --- the controls ---
    const input = element("input", { type: "search", autocomplete: "off", spellcheck: false })
    const offered = JSON.parse(root.dataset.trackerFacets || "{}")
    const facets = FACETS.map((key, i) => {
      if (!offered[key]) return null
      const labels = new Map(offered[key])  // the codelist's order, as the data files give it
      const select = element("select", {}, element("option", { value: "" }, words.all),
        ...[...labels].map(([value, label]) => element("option", { value }, label)))
      return { key, i, select, labels }
    }).filter(Boolean)
    const clear = element("button", { type: "button", className: "tracker__clear" }, words.clear)
    const form = element("form", { className: "tracker__controls" },
      field(`tracker-${n}-${TEXT}`, words.text, input, true),
      ...facets.map(f => field(`tracker-${n}-${f.key}`, words[f.key], f.select)),
      element("div", { className: "tracker__field tracker__field--button" }, clear))
    form.setAttribute("role", "search")
    form.setAttribute("aria-label", caption ? `${words.filter}: ${caption}` : words.filter)
    const count = element("p", { className: "tracker__count" })
    count.setAttribute("role", "status")
    const moreButton = element("button", { type: "button" })
    const allButton = element("button", { type: "button" })
    const more = element("div", { className: "tracker__more" }, moreButton, allButton)

    // --- filtering ---
    // Each row's text view and the Thai words of all rows: cut while the page is idle, so the
    // first key typed on a long table does not wait for them (any rows left are cut then).
    const views = [], vocabulary = new ThaiMatch.Vocabulary()
    const prepare = (more = () => true) => {
      while (views.length < rows.length && more()) {
        const { text } = rows[views.length]
        vocabulary.add(text)
        views.push(ThaiMatch.view(text))
      }
    }
    const idle = globalThis.requestIdleCallback || (task => setTimeout(() => task({ timeRemaining: () => 8 }), 50))
    const prepareWhenIdle = deadline => {
      prepare(() => deadline.timeRemaining() > 1)
      if (views.length < rows.length) idle(prepareWhenIdle)
    }
    idle(prepareWhenIdle)

    function filter() {
      const typed = input.value.trim()
      if (typed) prepare()
      const query = typed ? ThaiMatch.query(typed, vocabulary) : null
      const wanted = facets.filter(f => f.select.value).map(f => [f.i, f.select.value])
      for (const row of rows) {
        row.match = wanted.every(([i, value]) => row.facets[i] === value) &&
          (!query || ThaiMatch.rank(views[row.index], query.text, query.squeezed, query.words) !== null)
      }
    }

    // --- what shows: the first `most` matching rows, in the current order ---
    // Only rows that come or go are touched: those leaving are hidden; those showing stay where
    // they are as long as they stand in the body in the order shown, and from the first that
    // does not, they move to the end of the body in order (past the hidden rows, whose place
    // nobody sees). So the rows shown are always in the body's order, as a screen reader walks
    // the table, and a filter that narrows moves none (moving a row costs: it is laid out anew).
    let order = rows     // the rows in the current sort order
    let shown = rows     // the rows showing, in order (as served: all of them)
    let matching = rows.length
    let end = rows.length  // the place after the body's last row
    function show(most) {
      const next = []
      matching = 0
      for (const row of order) {
        if (!row.match) continue
        if (next.length < most) next.push(row)
        matching++
      }
      const staying = new Set(next)
      for (const row of shown) if (!staying.has(row)) row.el.hidden = true
      for (const row of next) if (row.el.hidden) row.el.hidden = false
      let keep = 0  // rows in order where they are: left alone
      while (keep < next.length && (!keep || next[keep].place > next[keep - 1].place)) keep++
      const moving = next.slice(keep)
      for (const row of moving) row.place = end++
      if (moving.length) body.append(...moving.map(row => row.el))
      shown = next
      const left = matching - shown.length
      more.hidden = !left
      moreButton.textContent = fill(words.more, { n: Math.min(page, left) }, format)
      allButton.textContent = fill(words.every, { n: matching }, format)
      allButton.hidden = left <= page  // "show N more" shows them all
    }

    const message = () => {
      const values = { shown: shown.length, matching, total: rows.length }
      if (!matching) return words.none
      return fill(shown.length < matching && matching < rows.length ? words.some : words.count,
                  values, format)
    }

    // Once the reader pauses, the count is announced (a screen reader hears it once, not per
    // key) and the URL follows (Chrome makes each history.replaceState cost a few ms, and
    // ignores them past 200 in 10 s).
    let timer = 0
    function settle() {
      clearTimeout(timer)
      timer = 0
      count.textContent = message()
      writeURL()
    }
    function settleSoon() {
      clearTimeout(timer)
      timer = setTimeout(settle, PAUSE)
    }
    addEventListener("pagehide", () => { if (timer) settle() })  // leaving within the pause

    // --- the URL ---
    const param = key => prefix + key
    function readURL() {
      const params = new URLSearchParams(location.search)
      const typed = params.get(param(TEXT))
      if (typed) input.value = typed
      for (const f of facets) {
        const value = params.get(param(f.key))
        if (value && f.labels.has(value)) f.select.value = value
      }
    }
    function writeURL() {
      const url = new URL(location.href)
      const set = (key, value) => value ? url.searchParams.set(param(key), value)
        : url.searchParams.delete(param(key))
      set(TEXT, input.value.trim())
      for (const f of facets) set(f.key, f.select.value)
      if (url.href !== location.href) history.replaceState(history.state, "", url)
    }

    function changed() {
      filter()  // the table follows each key at once
      show(page)
      settleSoon()
    }
    form.addEventListener("submit", event => event.preventDefault())  // Enter does not reload
    form.addEventListener("input", changed)
    clear.addEventListener("click", () => {
      input.value = ""
      for (const f of facets) f.select.value = ""
      changed()
    })
    // Focus goes to the first row just shown: a screen reader reads it, and the keyboard goes
    // on from it through the new rows (back to the button below them). Left on the button, the
    // reader would hear nothing of the new rows, which came above it, nor know where they start.
    const showMore = most => {
      const before = shown.length
      show(most)
      settle()
      const first = shown[before]
      if (!first) return
      let target = first.el.querySelector("a[href]")
      if (!target) {
        target = first.el.cells[0]
        target.tabIndex = -1
      }
      target.focus()
    }
    moreButton.addEventListener("click", () => showMore(shown.length + page))
    allButton.addEventListener("click", () => showMore(Infinity))

    // --- sorting ---
    const keys = []  // per column: each row's sort key, made on the first sort by it
    let sorted = null  // {th, direction}
    function sortKey(cell, type) {
      if (!cell) return type === "date" ? null : ""
      const time = cell.querySelector("time[datetime]")
      const value = cell.dataset.value ?? (type === "date" && time ? time.dateTime : null)
      if (type === "date") return value && DATE.test(value) ? firstDay(value) : null
      return value ?? clean(cell.textContent)
    }
    function sortBy(th, column, type) {
      const direction = sorted && sorted.th === th && sorted.direction === "ascending"
        ? "descending" : "ascending"
      if (sorted && sorted.th !== th) sorted.th.removeAttribute("aria-sort")
      th.setAttribute("aria-sort", direction)
      sorted = { th, direction }
      if (!keys[column]) keys[column] = rows.map(row => sortKey(row.el.cells[column], type))
      const key = keys[column]
      const sign = direction === "ascending" ? 1 : -1
      order = rows.slice().sort((a, b) => {
        const x = key[a.index], y = key[b.index]
        if (x === null || y === null)  // unknown dates last, either way
          return (x === null) - (y === null) || a.index - b.index
        const c = type === "date" ? (x < y ? -1 : x > y ? 1 : 0) : collator.compare(x, y)
        return sign * c || a.index - b.index  // stable: ties keep the served order
      })
      show(page)  // the first page in the new order
      // the count is said again only if it changed (the reader had shown more); a pending
      // announcement says it anyway
      if (!timer && count.textContent !== message()) settle()
    }
    heads.forEach((th, column) => {
      const type = th.dataset.sort
      if (type !== "text" && type !== "date") return
      const button = element("button", { type: "button", className: "tracker__sort" }, ...th.childNodes)
      button.addEventListener("click", () => sortBy(th, column, type))
      th.append(button)
      const served = th.getAttribute("aria-sort")
      if (served === "ascending" || served === "descending") sorted = { th, direction: served }
    })

    // --- a shared view opens as it was shared ---
    readURL()
    if (input.value || facets.some(f => f.select.value)) filter()
    show(page)
    count.textContent = message()
    root.prepend(form, count)
    root.append(more)
  }

  function start() {
    if (!globalThis.ThaiMatch) {
      console.error("tracker.js: load thai-match.js before it")
      return
    }
    const lang = document.documentElement.lang || ""
    const collator = new Intl.Collator(lang || undefined, { numeric: true })
    const trackers = [...document.querySelectorAll("[data-tracker]:not(.tracker--ready)")]
    trackers.forEach((root, i) => {
      const id = root.dataset.tracker || (trackers.length > 1 ? String(i + 1) : "")
      setUp(root, id ? `${id}-` : "", collator)
    })
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
  else start()
})()
