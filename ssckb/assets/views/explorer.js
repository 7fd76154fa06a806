/* South-South Cooperation Knowledge Base: the explorer of activities, knowledge requests and offers.
 *
 * Static and offline: reads window.SSCKB_EXPLORER (explorer/data.js, a script, so that it also works from
 * file://), builds the filters, keeps their state in the address (#theme=gender,rural-finance&from=2008),
 * and lists the matching activities. Plain ES5 and the DOM; no framework, no network.
 *
 * Light first view: data.js holds the facets, the unfiltered counts, the year range and the first page
 * of rows, which is what the page shows before any filter. Every row is in explorer/rows-<n>.js
 * (data.parts files, script tags beside data.js), loaded when the reader touches the filters or asks
 * for more, or at once when the address holds filters.
 *
 * Semantics: within a facet an activity matches ANY ticked value (or ALL of them when the reader
 * chooses so); across facets, the year range and the words, it must match every filter. The counts next
 * to each value say how many activities the list would show with that value ticked as well (for "any")
 * or in addition (for "all").
 *
 * Words: every word the script writes comes from data.words, written by the build in the page's language
 * (ssckb/views/explorer.py script_words): whole messages with {name} placeholders, and the plural ones as
 * their forms by CLDR plural category, chosen here with Intl.PluralRules. The script holds no word of its own.
 */
(function () {
  "use strict";

  var root = document.getElementById("ssc-explorer");
  var data = window.SSCKB_EXPLORER;
  if (!root || !data) {
    return;
  }

  var FIXED = 5; // id, title, summary, start, end; then one column per facet
  var facets = data.facets;
  var F = facets.length;
  var pageSize = parseInt(root.getAttribute("data-page-size"), 10) || 50;
  var total = data.total;

  // ---- words ----------------------------------------------------------------------------------------
  var words = data.words || {};
  var pluralRules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(words.lang || undefined) : null;
  function fill(text, values) {
    return String(text === undefined ? "" : text).replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }
  function say(key, values) { return fill(words[key], values || {}); }
  function sayCounted(key, n, values) {
    var forms = words[key] || {};
    var category = pluralRules ? pluralRules.select(n) : "other";
    var text = Object.prototype.hasOwnProperty.call(forms, category) ? forms[category] : forms.other;
    values = values || {};
    values.n = n;
    return fill(text, values);
  }

  // ---- data ---------------------------------------------------------------------------------------
  function toRow(raw, index) {
    var terms = [];
    for (var k = 0; k < F; k++) {
      var value = raw[FIXED + k];
      terms.push(typeof value === "number" ? [value] : value);
    }
    return {
      index: index, id: raw[0], title: raw[1], summary: raw[2], start: raw[3], end: raw[4],
      terms: terms, text: null
    };
  }
  var rows = data.first.map(toRow); // every row once the parts are in (complete)
  var complete = !data.parts;

  // The parts, by script tags beside data.js (file:// allows scripts, not fetch).
  var waiting = null; // what to do once every row is in
  function withAllRows(then) {
    if (complete) { then(); return; }
    if (waiting) { waiting.push(then); return; }
    waiting = [then];
    var dataScript = document.getElementById("ssc-explorer-data");
    var folder = (dataScript && dataScript.src ? dataScript.src : "data.js").replace(/[^\/]*$/, "");
    var parts = [], left = data.parts;
    window.SSCKB_EXPLORER_PART = function (n, list) { parts[n] = list; };
    countLine.textContent = say("loading");
    for (var n = 0; n < data.parts; n++) {
      var tag = document.createElement("script");
      tag.src = folder + "rows-" + n + ".js";
      tag.onload = function () {
        if (--left > 0) { return; }
        var all = [];
        for (var p = 0; p < parts.length; p++) { all = all.concat(parts[p] || []); }
        rows = all.map(toRow);
        complete = true;
        if (result) { countLine.textContent = countText(result.total, total) + "."; } // no longer "Loading"
        var callbacks = waiting;
        waiting = null;
        callbacks.forEach(function (callback) { callback(); });
      };
      tag.onerror = function () {
        countLine.textContent = say("loadError");
      };
      document.head.appendChild(tag);
    }
  }
  // Lookups by a key read from the address: objects with no prototype, so that '#__proto__=x',
  // '#toString=1' or '#theme=constructor' find nothing rather than Object's own properties.
  var termIndex = facets.map(function (facet) {
    var byId = Object.create(null);
    facet.terms.forEach(function (term, i) { byId[term[0]] = i; });
    return byId;
  });
  var facetIndex = Object.create(null);
  facets.forEach(function (facet, k) { facetIndex[facet.key] = k; });
  var multiValued = data.multi;
  var years = [];
  if (data.years) {
    for (var y = data.years[0]; y <= data.years[1]; y++) { years.push(y); }
  }

  function fold(text) {
    text = String(text).toLowerCase();
    if (text.normalize) {
      text = text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    }
    return text;
  }

  function haystack(row) {
    if (row.text === null) {
      var parts = [row.title, row.summary, row.start, row.end];
      for (var k = 0; k < F; k++) {
        for (var i = 0; i < row.terms[k].length; i++) {
          var term = facets[k].terms[row.terms[k][i]];
          parts.push(term[1], term[0]);
        }
      }
      row.text = fold(parts.join(" "));
    }
    return row.text;
  }

  // ---- links to entries: the pattern of the probe link that MkDocs resolved for this build ----------
  var entryUrl = (function () {
    var probe = document.getElementById("ssc-explorer-probe");
    var probeId = root.getAttribute("data-probe");
    var href = probe ? probe.getAttribute("href") : null;
    var at = href && probeId ? href.lastIndexOf(probeId) : -1;
    var folders = data.folders || {};
    var kindFacet = facetIndex.kind;
    function folderOf(row) {
      if (kindFacet === undefined || !row.terms[kindFacet].length) { return null; }
      return folders[facets[kindFacet].terms[row.terms[kindFacet][0]][0]] || null;
    }
    if (at < 0) {
      return function (row) { return "../" + (folderOf(row) || "activities") + "/" + row.id + "/"; };
    }
    var before = href.slice(0, at), after = href.slice(at + probeId.length);
    // The probe links to an entry of one folder; an entry of another kind is in its own folder beside it.
    var marker = (root.getAttribute("data-probe-folder") || "activities") + "/";
    var base = before.slice(-marker.length) === marker ? before.slice(0, before.length - marker.length) : null;
    return function (row) {
      var folder = folderOf(row);
      if (base === null || folder === null) { return before + encodeURIComponent(row.id) + after; }
      return base + folder + "/" + encodeURIComponent(row.id) + after;
    };
  })();

  // ---- state ----------------------------------------------------------------------------------------
  function emptyState() {
    return { q: "", from: null, to: null, sort: "new", selected: facets.map(function () { return []; }),
             all: facets.map(function () { return false; }) };
  }
  var state = emptyState();
  var limit = pageSize;

  function parseParams(text) {
    var next = emptyState();
    text.replace(/^[#?]/, "").split("&").forEach(function (part) {
      if (!part) { return; }
      var eq = part.indexOf("=");
      var key, value;
      try {
        key = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, " "));
        value = eq < 0 ? "" : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, " "));
      } catch (malformed) {
        return; // a hand-edited address with a broken %-sequence: skip that part
      }
      if (key === "q") {
        next.q = value;
      } else if (key === "from" || key === "to") {
        var year = parseInt(value, 10);
        if (!isNaN(year)) { next[key] = year; }
      } else if (key === "sort") {
        if (value === "old" || value === "title") { next.sort = value; }
      } else if (key === "all") {
        value.split(",").forEach(function (facetKey) {
          if (facetKey in facetIndex) { next.all[facetIndex[facetKey]] = true; }
        });
      } else if (key in facetIndex) {
        var k = facetIndex[key];
        value.split(",").forEach(function (id) {
          var i = termIndex[k][id];
          if (i !== undefined && next.selected[k].indexOf(i) < 0) { next.selected[k].push(i); }
        });
      }
    });
    return next;
  }

  function serialise(current) {
    var parts = [];
    if (current.q.trim()) { parts.push("q=" + encodeURIComponent(current.q.trim()).replace(/%20/g, "+")); }
    facets.forEach(function (facet, k) {
      if (current.selected[k].length) {
        var ids = current.selected[k].slice().sort(function (a, b) { return a - b; })
          .map(function (i) { return encodeURIComponent(facet.terms[i][0]); });
        parts.push(facet.key + "=" + ids.join(","));
      }
    });
    var all = facets.filter(function (facet, k) { return current.all[k] && current.selected[k].length > 1; })
      .map(function (facet) { return facet.key; });
    if (all.length) { parts.push("all=" + all.join(",")); }
    if (current.from !== null) { parts.push("from=" + current.from); }
    if (current.to !== null) { parts.push("to=" + current.to); }
    if (current.sort !== "new") { parts.push("sort=" + current.sort); }
    return parts.join("&");
  }

  function writeAddress() {
    var text = serialise(state);
    var base = location.href.split("#")[0];
    var plain = base.split("?")[0];
    var target = plain + (text ? "#" + text : "");
    if (target === location.href) { return; }
    if (!text && base === plain && location.hash.length > 1 && !isFilterAddress(location.hash.slice(1))) {
      return; // no filter, and the address points at a heading: leave it
    }
    try {
      history.replaceState(null, "", target); // also drops a ?theme=... address: the fragment is the state
    } catch (error) {
      // A browser that refuses to change more than the fragment of a file:// address: keep the query,
      // and say in the fragment that it is overridden ("all" stands for no filter).
      try { history.replaceState(null, "", base + "#" + (text || "all")); } catch (ignored) { /* keep going */ }
    }
  }

  // ---- filtering ------------------------------------------------------------------------------------
  function compute(current) {
    var masks = facets.map(function (facet, k) {
      var mask = new Uint8Array(facet.terms.length);
      current.selected[k].forEach(function (i) { mask[i] = 1; });
      return mask;
    });
    var wanted = current.selected.map(function (list) { return list.length; });
    var needles = fold(current.q).split(/\s+/).filter(Boolean);
    var from = current.from, to = current.to;
    var counts = facets.map(function (facet) { return new Int32Array(facet.terms.length); });
    var matches = [];
    var r, k, i, row, terms;
    for (r = 0; r < rows.length; r++) {
      row = rows[r];
      if (from !== null && (row.end === null || row.end < from)) { continue; }
      if (to !== null && (row.start === null || row.start > to)) { continue; }
      if (needles.length) {
        var text = haystack(row), ok = true;
        for (i = 0; i < needles.length; i++) {
          if (text.indexOf(needles[i]) < 0) { ok = false; break; }
        }
        if (!ok) { continue; }
      }
      var failures = 0, failed = -1;
      for (k = 0; k < F && failures < 2; k++) {
        if (!wanted[k]) { continue; }
        terms = row.terms[k];
        var hits = 0;
        for (i = 0; i < terms.length; i++) { hits += masks[k][terms[i]]; }
        var pass = current.all[k] ? hits === wanted[k] : hits > 0;
        if (!pass) { failures++; failed = k; }
      }
      if (failures === 0) {
        matches.push(row);
        for (k = 0; k < F; k++) {
          terms = row.terms[k];
          for (i = 0; i < terms.length; i++) { counts[k][terms[i]]++; }
        }
      } else if (failures === 1 && !current.all[failed]) {
        terms = row.terms[failed];
        for (i = 0; i < terms.length; i++) { counts[failed][terms[i]]++; }
      }
    }
    return { matches: sortRows(matches, current.sort), counts: counts, total: matches.length };
  }

  function sortRows(list, order) {
    if (order === "old") {
      return list.slice().sort(function (a, b) {
        return ((a.start || 0) - (b.start || 0)) || (a.index - b.index);
      });
    }
    if (order === "title") {
      return list.slice().sort(function (a, b) {
        return a.title.localeCompare(b.title) || (a.index - b.index);
      });
    }
    return list; // the data is newest first already
  }

  // ---- the form -------------------------------------------------------------------------------------
  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    for (var name in attributes) {
      if (Object.prototype.hasOwnProperty.call(attributes, name)) { node.setAttribute(name, attributes[name]); }
    }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  var form = document.getElementById("ssc-explorer-form");
  var wordsBox = document.getElementById("ssc-explorer-q");
  var fromSelect = document.getElementById("ssc-explorer-from");
  var toSelect = document.getElementById("ssc-explorer-to");
  var sortSelect = document.getElementById("ssc-explorer-sort");
  var countLine = document.getElementById("ssc-explorer-count");
  var chips = document.getElementById("ssc-explorer-chips");
  var list = document.getElementById("ssc-explorer-results");
  var more = document.getElementById("ssc-explorer-more");
  var facetBox = document.getElementById("ssc-explorer-facets");
  var boxes = []; // boxes[k][i]: the checkbox of term i of facet k
  var numbers = []; // numbers[k][i]: its count
  var summaries = [];
  var modeRadios = [];

  [[fromSelect, say("anyYear")], [toSelect, say("anyYear")]].forEach(function (pair) {
    pair[0].appendChild(el("option", { value: "" }, pair[1]));
    years.forEach(function (year) { pair[0].appendChild(el("option", { value: String(year) }, String(year))); });
  });

  facets.forEach(function (facet, k) {
    if (!facet.terms.length) { boxes.push([]); numbers.push([]); summaries.push(null); modeRadios.push(null); return; }
    var details = el("details", { "class": "ssc-facet", "data-facet": facet.key });
    var summary = el("summary", {}, facet.label);
    var picked = el("span", { "class": "ssc-facet__picked" });
    summary.appendChild(picked);
    summaries.push(picked);
    details.appendChild(summary);
    var fieldset = el("fieldset");
    fieldset.appendChild(el("legend", { "class": "ssc-sr-only" }, facet.label));
    if (multiValued[k]) {
      var mode = el("div", { "class": "ssc-facet__mode", role: "radiogroup", "aria-label": say("match") });
      var radios = [];
      [["any", say("matchAny")], ["all", say("matchAll")]].forEach(function (option) {
        var id = "ssc-explorer-" + facet.key + "-mode-" + option[0];
        var radio = el("input", { type: "radio", id: id, name: "ssc-mode-" + facet.key, value: option[0] });
        radios.push(radio);
        var label = el("label", { "for": id });
        label.appendChild(radio);
        label.appendChild(document.createTextNode(" " + option[1]));
        mode.appendChild(label);
      });
      modeRadios.push(radios);
      mode.insertBefore(el("span", { "class": "ssc-facet__mode-label" }, say("match") + " "), mode.firstChild);
      fieldset.appendChild(mode);
    } else {
      modeRadios.push(null);
    }
    var options = el("ul", { "class": "ssc-facet__options" });
    if (facet.terms.length > 12) {
      var findId = "ssc-explorer-find-" + facet.key;
      var find = el("input", { type: "search", id: findId, "class": "ssc-facet__find", autocomplete: "off",
                               "aria-label": facet.find,
                               placeholder: say("find"), "aria-controls": "ssc-explorer-list-" + facet.key });
      find.addEventListener("input", function () {
        var needle = fold(find.value.trim());
        var items = options.children;
        for (var i = 0; i < items.length; i++) {
          items[i].hidden = needle !== "" && fold(facet.terms[i][1] + " " + facet.terms[i][0]).indexOf(needle) < 0;
        }
      });
      find.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); }
      });
      fieldset.appendChild(find);
    }
    options.id = "ssc-explorer-list-" + facet.key;
    var facetBoxes = [], facetNumbers = [];
    facet.terms.forEach(function (term, i) {
      var id = "ssc-explorer-" + facet.key + "-" + i;
      var item = el("li");
      var box = el("input", { type: "checkbox", id: id, value: term[0] });
      var label = el("label", { "for": id }, term[1] + " ");
      var number = el("span", { "class": "ssc-facet__n" });
      label.appendChild(number);
      item.appendChild(box);
      item.appendChild(label);
      options.appendChild(item);
      facetBoxes.push(box);
      facetNumbers.push(number);
    });
    boxes.push(facetBoxes);
    numbers.push(facetNumbers);
    fieldset.appendChild(options);
    details.appendChild(fieldset);
    facetBox.appendChild(details);
  });

  function readControls() {
    state.q = wordsBox.value;
    state.from = fromSelect.value ? parseInt(fromSelect.value, 10) : null;
    state.to = toSelect.value ? parseInt(toSelect.value, 10) : null;
    state.sort = sortSelect.value;
    facets.forEach(function (facet, k) {
      var chosen = [];
      boxes[k].forEach(function (box, i) { if (box.checked) { chosen.push(i); } });
      state.selected[k] = chosen;
      state.all[k] = !!(modeRadios[k] && modeRadios[k][1].checked);
    });
  }

  function writeControls() {
    wordsBox.value = state.q;
    fromSelect.value = state.from === null ? "" : String(state.from);
    toSelect.value = state.to === null ? "" : String(state.to);
    sortSelect.value = state.sort;
    facets.forEach(function (facet, k) {
      boxes[k].forEach(function (box, i) { box.checked = state.selected[k].indexOf(i) >= 0; });
      if (modeRadios[k]) {
        modeRadios[k][0].checked = !state.all[k];
        modeRadios[k][1].checked = state.all[k];
      }
      // Open the facets in use, except on narrow screens where the chips above the list say the same.
      if (state.selected[k].length && boxes[k].length && wide()) {
        boxes[k][0].closest("details").open = true;
      }
    });
  }

  function wide() {
    return !window.matchMedia || window.matchMedia("(min-width: 60em)").matches;
  }

  // ---- the results ----------------------------------------------------------------------------------
  var result = null;

  function countText(shown, total) {
    if (shown === total) { return sayCounted("all", total); }
    if (shown === 0) { return say("none", { total: total }); }
    return sayCounted("some", total, { shown: shown, total: total });
  }

  function renderChips() {
    chips.textContent = "";
    function chip(text, remove) {
      var item = el("li");
      var button = el("button", { type: "button", "class": "ssc-chip", "aria-label": say("remove", { filter: text }) });
      button.appendChild(document.createTextNode(text + " "));
      button.appendChild(el("span", { "aria-hidden": "true" }, "×"));
      button.addEventListener("click", function () {
        remove();
        writeControls();
        update({ focus: chips });
      });
      item.appendChild(button);
      chips.appendChild(item);
    }
    if (state.q.trim()) {
      chip(say("words", { words: state.q.trim() }), function () { state.q = ""; });
    }
    if (state.from !== null || state.to !== null) {
      var span = state.from === null ? say("until", { year: state.to })
        : state.to === null ? say("since", { year: state.from })
        : state.from === state.to ? String(state.from) : state.from + "–" + state.to;
      chip(say("years", { years: span }), function () { state.from = null; state.to = null; });
    }
    facets.forEach(function (facet, k) {
      state.selected[k].forEach(function (i) {
        chip(say("facetTerm", { facet: facet.label, term: facet.terms[i][1] }), function () {
          state.selected[k] = state.selected[k].filter(function (j) { return j !== i; });
        });
      });
    });
    chips.hidden = !chips.children.length;
  }

  function renderList(focusFrom) {
    var shown = Math.min(limit, result.matches.length);
    var start = focusFrom === undefined ? 0 : focusFrom;
    if (start === 0) { list.textContent = ""; }
    var fragment = document.createDocumentFragment();
    var countryFacet = facetIndex.country;
    for (var r = start; r < shown; r++) {
      var row = result.matches[r];
      var item = el("li", { "class": "ssc-result" });
      var link = el("a", { href: entryUrl(row), "class": "ssc-result__title" }, row.title);
      item.appendChild(link);
      var meta = [];
      if (row.start !== null) { meta.push(row.start === row.end ? String(row.start) : row.start + "–" + row.end); }
      if (countryFacet !== undefined && row.terms[countryFacet].length) {
        meta.push(row.terms[countryFacet].map(function (i) { return facets[countryFacet].terms[i][1]; }).join(say("separator")));
      }
      if (meta.length) { item.appendChild(el("span", { "class": "ssc-result__meta" }, meta.join(" · "))); }
      if (row.summary) { item.appendChild(el("p", { "class": "ssc-result__summary" }, row.summary)); }
      fragment.appendChild(item);
    }
    list.appendChild(fragment);
    var rest = result.total - shown;
    more.hidden = rest <= 0;
    more.textContent = rest > pageSize ? say("more", { size: pageSize, rest: rest }) : sayCounted("rest", rest, { rest: rest });
    if (focusFrom !== undefined && list.children[focusFrom]) {
      list.children[focusFrom].querySelector("a").focus();
    }
  }

  function renderCounts() {
    facets.forEach(function (facet, k) {
      numbers[k].forEach(function (number, i) {
        var n = result.counts[k][i];
        number.textContent = "(" + n + ")";
        number.parentNode.parentNode.className = n === 0 && !boxes[k][i].checked ? "is-empty" : "";
      });
      if (summaries[k]) {
        var picked = state.selected[k].length;
        summaries[k].textContent = picked ? " · " + sayCounted(state.all[k] && picked > 1 ? "tickedAll" : "ticked", picked) : "";
      }
    });
  }

  function unfiltered(current) {
    return serialise(current) === "";
  }

  function update(options) {
    options = options || {};
    if (state.from !== null && state.to !== null && state.from > state.to) {
      var swap = state.from; state.from = state.to; state.to = swap;
      writeControls();
    }
    if (complete) {
      result = compute(state);
    } else if (unfiltered(state)) {
      result = { matches: rows, counts: data.counts, total: total }; // the first view, as data.js has it
    } else {
      withAllRows(function () { update(options); });
      return;
    }
    limit = pageSize;
    countLine.textContent = countText(result.total, total) + ".";
    renderChips();
    renderCounts();
    renderList();
    if (!options.keepAddress) { writeAddress(); }
    if (options.focus === chips && !chips.children.length) { wordsBox.focus(); }
    else if (options.focus === chips) { chips.querySelector("button").focus(); }
    app.ready = true;
  }

  var pending = null;
  function later() {
    if (pending) { clearTimeout(pending); }
    pending = setTimeout(function () { pending = null; readControls(); update(); }, 150);
  }

  form.addEventListener("change", function (event) {
    if (event.target === wordsBox || (event.target.className || "").indexOf("ssc-facet__find") >= 0) { return; }
    readControls();
    update();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  wordsBox.addEventListener("input", later);
  document.getElementById("ssc-explorer-clear").addEventListener("click", function () {
    state = emptyState();
    writeControls();
    update();
    wordsBox.focus();
  });
  more.addEventListener("click", function () {
    withAllRows(function () {
      if (result.matches.length < result.total) { result = compute(state); } // the first view's page was all
      var from = Math.min(limit, result.matches.length);
      limit += pageSize;
      renderList(from);
    });
  });
  // The rows start loading as soon as the reader reaches for the filters.
  form.addEventListener("focusin", function () { withAllRows(function () {}); });
  form.addEventListener("pointerdown", function () { withAllRows(function () {}); });

  function isFilterAddress(text) {
    return text === "all" || text.indexOf("=") > 0;
  }

  function readAddress() {
    var hash = location.hash.replace(/^#/, "");
    if (isFilterAddress(hash)) { return parseParams(hash === "all" ? "" : hash); }
    if (location.search.length > 1) { return parseParams(location.search); }
    return emptyState();
  }

  window.addEventListener("hashchange", function () {
    if (location.hash.length > 1 && !isFilterAddress(location.hash.slice(1))) {
      return; // a link to a heading of the page, not a set of filters
    }
    state = readAddress();
    writeControls();
    update({ keepAddress: true });
  });

  // For tests and benchmarks: count or list the matches of an address fragment without touching the page,
  // or show them (filters, counts and list redrawn; the address is left as it is). Synchronous once every
  // row is in (load(), or any filter, brings them); before that each returns a Promise of its answer.
  // ready: the page shows what its address asks for.
  function whenComplete(answer) {
    if (complete) { return answer(); }
    return new Promise(function (resolve) { withAllRows(function () { resolve(answer()); }); });
  }
  var app = window.SSCKB_EXPLORER_APP = {
    count: function (fragment) {
      return whenComplete(function () { return compute(parseParams(fragment)).matches.length; });
    },
    ids: function (fragment) {
      return whenComplete(function () {
        return compute(parseParams(fragment)).matches.map(function (row) { return row.id; });
      });
    },
    show: function (fragment) {
      return whenComplete(function () {
        state = parseParams(fragment);
        writeControls();
        update({ keepAddress: true });
        return result.matches.length;
      });
    },
    load: function () { return whenComplete(function () { return total; }); },
    loaded: function () { return complete; },
    ready: false,
    rows: total
  };

  // Start: show the explorer, hide the no-script text, restore the filters from the address.
  root.hidden = false;
  var fallback = document.querySelector(".ssc-explorer-fallback");
  if (fallback) { fallback.hidden = true; }
  state = readAddress();
  writeControls();
  update();
})();
