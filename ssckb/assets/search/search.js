/*
 * The knowledge base's search, in Material's search box (overrides/partials/ssckb-search.html).
 *
 * The index is built by the engine (ssckb/search/): script files under search/<lang>/ that call
 * ssckbSearch.manifest / .terms / .documents. They are loaded by adding <script> tags, which works
 * served and opened from disk alike (file:// forbids fetch() and WebAssembly, not scripts). Nothing
 * is loaded before the reader focuses the search box; then the manifest, the shards of the query's
 * words and the display data of the results shown.
 *
 * Folding and splitting words must match ssckb/search/text.py: NFKD, non-spacing marks (Mn)
 * dropped, lower case, runs of letters and digits. Stemming is the index's: it maps every word form of the
 * site to its stem, so a query word is looked up as typed. A word also matches the forms it
 * begins (3 letters or more) and, when it neither is nor begins any form, forms one or two edits
 * away (4 and 8 letters or more), wherever the typo is: they are found among the site's forms of
 * about the word's length (search/<lang>/w/<n>.js), then looked up in their own shards.
 *
 * Everything shown is text (textContent): a title holding markup shows it as text.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var root = new URL("../../../", script.src); // assets/vendor/search/search.js -> the site's root
  var language = script.getAttribute("data-language") || "en";
  var directoryUrls = script.getAttribute("data-directory-urls") === "true";
  var folder = new URL("search/" + language + "/", root);
  var PAGE = 10; // entries shown at first, and added by "more"
  var PAGES_SHOWN = 3; // results in each group of site pages

  var loading = {}; // file -> Promise
  var manifest = null;
  var shards = {}; // key -> {forms, postings}
  var chunks = {}; // number -> rows
  var nearLists = {}; // length -> the site's word forms of that length

  window.ssckbSearch = {
    words: function (text) { return words(text); }, // the browser's words, compared with the index's by the tests
    manifest: function (lang, key, data) { if (lang === language) manifest = data; },
    terms: function (lang, key, data) { if (lang === language) shards[key] = data; },
    documents: function (lang, key, rows) { if (lang === language) chunks[key] = rows; },
    near: function (lang, key, forms) { if (lang === language) nearLists[key] = forms; }
  };

  function load(path) {
    if (!loading[path]) {
      loading[path] = new Promise(function (resolve) {
        var tag = document.createElement("script");
        tag.src = new URL(path, folder).href;
        tag.async = true;
        tag.onload = function () { resolve(true); };
        tag.onerror = function () { resolve(false); };
        document.head.appendChild(tag);
      });
    }
    return loading[path];
  }

  function loadManifest() {
    return load("manifest.js").then(function () { return manifest; });
  }

  function shardFile(key) {
    if (/^[a-z0-9]+$/.test(key)) return key;
    var hex = "_";
    new TextEncoder().encode(key).forEach(function (b) { hex += (b < 16 ? "0" : "") + b.toString(16); });
    return hex;
  }

  function fold(text) {
    return text.normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase();
  }

  function words(text) {
    return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
  }

  /* The shard a form is in: the longest key it starts with. */
  function shardKeyOf(form) {
    var best = "";
    manifest.shards.forEach(function (key) {
      if (form.indexOf(key) === 0 && key.length > best.length) best = key;
    });
    return best;
  }

  /* The shard keys a word needs: the one its form is in, and, for a prefix, those of longer forms. */
  function keysFor(word) {
    var found = [], best = "";
    manifest.shards.forEach(function (key) {
      if (word.indexOf(key) === 0 && key.length > best.length) best = key;
      else if (word.length >= 3 && key.length > word.length && key.indexOf(word) === 0) found.push(key);
    });
    if (best) found.unshift(best);
    return found;
  }

  /* Damerau-Levenshtein distance of a and b, or limit + 1 once it is larger than limit. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev2 = null, prev = [], row, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      row = [i];
      var smallest = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          value = Math.min(value, prev2[j - 2] + 1);
        row.push(value);
        if (value < smallest) smallest = value;
      }
      if (smallest > limit) return limit + 1;
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  /* The stems a query word matches, with a weight: 1 for its own form, less for a longer form. */
  function matches(word, keys) {
    var stems = {}, forms = [];
    keys.forEach(function (key) {
      var shard = shards[key];
      if (!shard) return;
      var all = Object.keys(shard.forms).concat(Object.keys(shard.postings));
      all.forEach(function (form) {
        var stem = shard.forms[form] || form;
        if (!shard.postings[stem]) return;
        var weight = 0;
        if (form === word) weight = 1;
        else if (word.length >= 3 && form.indexOf(word) === 0) weight = 0.5 + 0.3 * word.length / form.length;
        if (weight) {
          stems[stem] = Math.max(stems[stem] || 0, weight);
          forms.push(form);
        }
      });
    });
    return { stems: stems, forms: forms, shards: keys };
  }

  var NEAR_MOST = 12; // near forms kept for a word, the closest first

  /* For a word no form is or begins: the forms one edit away (two from 8 letters), whatever the letter
     (the first too), among the site's forms of about its length; then their stems, from their shards. */
  function nearMatches(word) {
    var limit = word.length >= 8 ? 2 : 1;
    var lengths = (manifest.near || []).filter(function (n) { return Math.abs(n - word.length) <= limit; });
    return Promise.all(lengths.map(function (n) { return load("w/" + n + ".js"); })).then(function () {
      var found = [];
      lengths.forEach(function (n) {
        (nearLists[n] || []).forEach(function (form) {
          var d = distance(word, form, limit);
          if (d <= limit) found.push([d, form]);
        });
      });
      found.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
      found = found.slice(0, NEAR_MOST);
      var keys = found.map(function (hit) { return shardKeyOf(hit[1]); });
      return Promise.all(keys.map(function (k) { return load("t/" + shardFile(k) + ".js"); })).then(function () {
        var stems = {}, forms = [];
        found.forEach(function (hit, i) {
          var shard = shards[keys[i]];
          var stem = shard && (shard.forms[hit[1]] || hit[1]);
          if (!shard || !shard.postings[stem]) return;
          stems[stem] = Math.max(stems[stem] || 0, hit[0] === 1 ? 0.4 : 0.25);
          forms.push(hit[1]);
        });
        return { stems: stems, forms: forms, shards: keys };
      });
    });
  }

  function postingsOf(stem, keys) {
    for (var i = 0; i < keys.length; i++) {
      var shard = shards[keys[i]];
      if (shard && shard.postings[stem]) return shard.postings[stem];
    }
    return [];
  }

  /* Ranked document numbers for a query, and the word forms that matched (to mark them). */
  function rank(query) {
    var stop = new Set(manifest.stop);
    var asked = words(query).filter(function (w) { return !stop.has(w) && (w.length > 1 || /\d/.test(w)); });
    asked = asked.filter(function (w, i) { return asked.indexOf(w) === i; });
    if (!asked.length) return Promise.resolve({ ranked: [], forms: [], words: 0 });
    var keysOf = asked.map(keysFor);
    var needed = [];
    keysOf.forEach(function (keys) { keys.forEach(function (k) { needed.push(load("t/" + shardFile(k) + ".js")); }); });
    return Promise.all(needed).then(function () {
      return Promise.all(asked.map(function (word, w) {
        var found = matches(word, keysOf[w]);
        var fuzzy = !found.forms.length && word.length >= 4 && !/^\d+$/.test(word);
        return fuzzy ? nearMatches(word) : found;
      }));
    }).then(function (matched) {
      var count = manifest.documents;
      var total = new Float64Array(count), hits = new Uint8Array(count), forms = [];
      asked.forEach(function (word, w) {
        var found = matched[w];
        forms = forms.concat(found.forms);
        var best = new Float64Array(count);
        Object.keys(found.stems).forEach(function (stem) {
          var weight = found.stems[stem], list = postingsOf(stem, found.shards), doc = 0;
          for (var i = 0; i < list.length; i += 2) {
            doc += list[i];
            var value = list[i + 1] * weight;
            if (value > best[doc]) best[doc] = value;
          }
        });
        for (var d = 0; d < count; d++) if (best[d]) { total[d] += best[d]; hits[d]++; }
      });
      var ranked = [];
      for (var d = 0; d < count; d++) {
        if (total[d]) {
          var share = hits[d] / asked.length;
          ranked.push([d, total[d] * share * share]);
        }
      }
      ranked.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      return { ranked: ranked, forms: forms, words: asked.length };
    });
  }

  function documents(numbers) {
    var needed = {};
    numbers.forEach(function (n) { needed[Math.floor(n / manifest.chunk)] = true; });
    return Promise.all(Object.keys(needed).map(function (c) { return load("d/" + c + ".js"); })).then(function () {
      return numbers.map(function (n) {
        var rows = chunks[Math.floor(n / manifest.chunk)];
        return rows ? rows[n % manifest.chunk] : null;
      });
    });
  }

  function address(path) {
    var stem = path.replace(/\.md$/, "");
    if (!directoryUrls) return new URL(stem + ".html", root).href;
    if (stem === "index") stem = "";
    else if (/(^|\/)index$/.test(stem)) stem = stem.slice(0, -5);
    else stem += "/";
    return new URL(stem, root).href;
  }

  /* ---------- the search box ---------- */

  var box = document.querySelector("[data-ssckb-search]");
  var toggle = document.getElementById("__search");
  if (!box || !toggle) return;
  var form = box.querySelector("form");
  var input = box.querySelector(".md-search__input");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  // Every word shown comes from the manifest, in the site's language (ssckb/search/interface.py); until it
  // is loaded, the panel shows Material's own words, which the template wrote in that language.
  var fallback = { placeholder: box.getAttribute("data-placeholder"), none: box.getAttribute("data-none") };
  var plurals = new Intl.PluralRules(language);
  var numbers = new Intl.NumberFormat(language, { numberingSystem: "latn" }); // as Babel writes the pages' numbers

  function said(key) {
    return (manifest && manifest.words && manifest.words[key]) || fallback[key] || "";
  }

  /* A counted message in the form the language's plural rule picks for n, the number in its place. */
  function counted(key, n) {
    var forms = (manifest && manifest.words && manifest.words[key]) || {};
    var text = forms[plurals.select(n)] || forms.other || "";
    return text.replace("{n}", numbers.format(n));
  }

  function named(group, key) {
    var names = (manifest && manifest.words && manifest.words[group]) || {};
    return names[key] || key;
  }

  var sequence = 0;

  function open() {
    if (!toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    loadManifest().then(function () { if (!input.value.trim()) meta.textContent = said("placeholder"); });
  }

  function close() {
    if (toggle.checked) { toggle.checked = false; toggle.dispatchEvent(new Event("change")); }
    input.blur();
  }

  /* Text with the words that matched in <mark>, as text nodes only. */
  function marked(parent, text, forms) {
    var last = 0, pattern = /[\p{L}\p{N}]+/gu, match;
    while ((match = pattern.exec(text))) {
      if (forms.has(fold(match[0]))) {
        parent.appendChild(document.createTextNode(text.slice(last, match.index)));
        var mark = document.createElement("mark");
        mark.textContent = match[0];
        parent.appendChild(mark);
        last = match.index + match[0].length;
      }
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /* A title or summary shown in its own language (an entry not translated yet: English on the Arabic site),
     in that language's direction. */
  function inLanguage(element, code) {
    if (!code) return;
    element.lang = code;
    element.dir = "auto";
  }

  function item(row, score, forms) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = address(row[0]);
    a.tabIndex = -1;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-search-result__article--document md-typeset";
    article.setAttribute("data-md-score", score.toFixed(2));
    var icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    var title = document.createElement("h1");
    marked(title, row[1], forms);
    inLanguage(title, row[6]);
    var facts = document.createElement("p");
    facts.className = "ssc-search-result__facts";
    facts.textContent = [named("kinds", row[2]), row[3], row[4].join(said("separator"))].filter(Boolean).join(" · ");
    article.append(icon, title, facts);
    if (row[5]) {
      var summary = document.createElement("p");
      marked(summary, row[5], forms);
      inLanguage(summary, row[6]);
      article.appendChild(summary);
    }
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function heading(text) {
    var li = document.createElement("li");
    li.className = "md-search-result__item ssc-search-result__group";
    li.textContent = text;
    return li;
  }

  function inGroup(group) {
    var range = manifest.groups[group];
    return function (hit) { return range && hit[0] >= range[0] && hit[0] < range[1]; };
  }

  function show(result, forms, shown, mine, query) {
    var entries = result.ranked.filter(inGroup("entries"));
    var groups = ["page", "guide"].map(function (g) { return [g, result.ranked.filter(inGroup(g)).slice(0, PAGES_SHOWN)]; });
    var visible = entries.slice(0, shown);
    groups.forEach(function (g) { visible = visible.concat(g[1]); });
    return documents(visible.map(function (hit) { return hit[0]; })).then(function (rows) {
      if (mine !== sequence) return;
      var byNumber = {};
      visible.forEach(function (hit, i) { byNumber[hit[0]] = rows[i]; });
      var count = entries.length + groups.reduce(function (n, g) { return n + g[1].length; }, 0);
      meta.textContent = count === 0 ? said("none") : counted("results", count);
      list.textContent = "";
      entries.slice(0, shown).forEach(function (hit) {
        if (byNumber[hit[0]]) list.appendChild(item(byNumber[hit[0]], hit[1], forms));
      });
      if (entries.length > shown) {
        var li = document.createElement("li");
        li.className = "md-search-result__item";
        var more = document.createElement("button");
        more.type = "button";
        more.className = "md-search-result__link ssc-search-result__more";
        more.textContent = counted("more", Math.min(PAGE, entries.length - shown));
        more.addEventListener("click", function () {
          show(result, forms, shown + PAGE, sequence, query).then(function () {
            var links = list.querySelectorAll("a.md-search-result__link");
            if (links[shown]) links[shown].focus();
          });
        });
        li.appendChild(more);
        list.appendChild(li);
      }
      groups.forEach(function (g) {
        if (!g[1].length) return;
        list.appendChild(heading(named("groups", g[0])));
        g[1].forEach(function (hit) { if (byNumber[hit[0]]) list.appendChild(item(byNumber[hit[0]], hit[1], forms)); });
      });
      meta.setAttribute("data-query", query); // which query the results shown are for (tests wait on it)
    });
  }

  function run() {
    var mine = ++sequence;
    var query = input.value;
    if (!query.trim()) {
      meta.textContent = said("placeholder");
      meta.setAttribute("data-query", query);
      list.textContent = "";
      return;
    }
    loadManifest().then(function (loaded) {
      if (mine !== sequence) return;
      if (!loaded) { meta.textContent = said("none"); meta.setAttribute("data-query", query); return; }
      return rank(query).then(function (result) {
        if (mine !== sequence) return;
        return show(result, new Set(result.forms), PAGE, mine, query);
      });
    });
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", run);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  form.addEventListener("reset", function () {
    setTimeout(function () { run(); input.focus(); }, 0);
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked && document.activeElement !== input) input.focus();
  });

  function typing(el) {
    if (!el) return false;
    var tag = el.tagName;
    return el.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
  }

  /* Material's keys: "/", "s" or "f" open the search; in it, arrows move between the query and the
     results, Enter follows the best result, Escape and Tab close it. */
  window.addEventListener("keydown", function (ev) {
    if (ev.metaKey || ev.ctrlKey || ev.altKey) return;
    var active = document.activeElement;
    if (!toggle.checked) {
      if ((ev.key === "/" || ev.key === "s" || ev.key === "f") && !typing(active)) {
        ev.preventDefault();
        input.focus();
        input.select();
      }
      return;
    }
    switch (ev.key) {
      case "Enter":
        if (active === input) {
          var best = list.querySelector("a.md-search-result__link");
          if (best) best.click();
          ev.preventDefault();
        }
        break;
      case "Escape":
      case "Tab":
        close();
        break;
      case "ArrowUp":
      case "ArrowDown":
        var stops = [input].concat(Array.prototype.slice.call(list.querySelectorAll("[href], button")));
        var at = Math.max(0, stops.indexOf(active));
        stops[(at + stops.length + (ev.key === "ArrowUp" ? -1 : 1)) % stops.length].focus();
        ev.preventDefault();
        break;
      default:
        if (active !== input && ev.key.length === 1) input.focus();
    }
  }, true);

  meta.textContent = said("placeholder");
})();
