/**
 * The response browser's script (plain ES2017, no dependencies). Data arrives as small scripts
 * (responses/index.js, chunk-N.js, prompts-N.js) calling window.__cb, which works from file://.
 * Every outside string is put in the page with textContent, never as markup.
 */
export const BROWSER_SCRIPT = `(function () {
  'use strict';
  var PAGE = 50;
  var waiting = {}, cache = {};
  window.__cb = function (kind, n, data) {
    var k = kind + ':' + n;
    cache[k] = data;
    (waiting[k] || []).forEach(function (f) { f(data); });
    delete waiting[k];
  };
  function load(kind, n) {
    var k = kind + ':' + n;
    if (cache[k]) return Promise.resolve(cache[k]);
    return new Promise(function (resolve, reject) {
      var first = !waiting[k];
      (waiting[k] = waiting[k] || []).push(resolve);
      if (!first) return;
      var file = kind === 'index' ? 'index.js' : (kind === 'rows' ? 'chunk-' : 'prompts-') + String(n).padStart(5, '0') + '.js';
      var s = document.createElement('script');
      s.src = 'responses/' + file;
      s.onerror = function () { reject(new Error('could not load responses/' + file)); };
      document.head.appendChild(s);
    });
  }
  function decode(col) {
    var bin = atob(col.data), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return col.bytes === 2 ? new Uint16Array(bytes.buffer) : col.bytes === 4 ? new Uint32Array(bytes.buffer) : bytes;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  var status = document.getElementById('status');
  load('index', 0).then(function (index) {
    var facets = index.facets, cols = {}, selects = {};
    facets.forEach(function (f) { cols[f] = decode(index.cols[f]); });
    var form = document.getElementById('filters');
    var labels = { model: 'Model', country: 'Country', language: 'Prompt language', item: 'Item', condition: 'Condition', outcome: 'Parse outcome' };
    facets.forEach(function (f) {
      var values = index.dicts[f];
      if (f === 'condition') {
        var parts = [];
        values.forEach(function (v) { v.split(' · ').forEach(function (p) { if (parts.indexOf(p) < 0) parts.push(p); }); });
        values = parts;
      }
      var label = el('label', null, labels[f] || f);
      var sel = el('select');
      sel.name = f;
      sel.appendChild(el('option', null, 'all')).value = '';
      values.slice().sort(function (a, b) { return a.localeCompare(b, 'en', { numeric: true }); }).forEach(function (v) { sel.appendChild(el('option', null, v)).value = v; });
      label.appendChild(sel);
      form.appendChild(label);
      selects[f] = sel;
      sel.addEventListener('change', function () { page = 0; filter(); });
    });
    var matches = new Int32Array(index.total), count = 0, page = 0, token = 0;
    function filter() {
      var want = {};
      facets.forEach(function (f) {
        var v = selects[f].value;
        if (v === '') return;
        var ok = new Uint8Array(index.dicts[f].length);
        index.dicts[f].forEach(function (d, i) { ok[i] = f === 'condition' ? d.split(' · ').indexOf(v) >= 0 : d === v; });
        want[f] = ok;
      });
      var active = Object.keys(want);
      count = 0;
      for (var r = 0; r < index.total; r++) {
        var pass = true;
        for (var j = 0; j < active.length; j++) if (!want[active[j]][cols[active[j]][r]]) { pass = false; break; }
        if (pass) matches[count++] = r;
      }
      show();
    }
    function show() {
      var my = ++token;
      var pages = Math.max(1, Math.ceil(count / PAGE));
      if (page >= pages) page = pages - 1;
      var from = page * PAGE, to = Math.min(count, from + PAGE);
      var need = {};
      for (var i = from; i < to; i++) need[Math.floor(matches[i] / index.chunk)] = true;
      status.textContent = 'Loading…';
      Promise.all(Object.keys(need).map(function (c) { return load('rows', Number(c)); })).then(function () {
        if (my !== token) return;
        var list = document.getElementById('rows');
        list.textContent = '';
        for (var i = from; i < to; i++) list.appendChild(rowItem(matches[i]));
        status.textContent = count === 0 ? 'No replies match these filters.' : 'Replies ' + (from + 1) + '–' + to + ' of ' + count + (count < index.total ? ' (filtered from ' + index.total + ')' : '') + ' · page ' + (page + 1) + ' of ' + pages;
        ['prev', 'prev2'].forEach(function (id) { document.getElementById(id).disabled = page === 0; });
        ['next', 'next2'].forEach(function (id) { document.getElementById(id).disabled = page >= pages - 1; });
      }).catch(function (err) { status.textContent = String(err.message || err); });
    }
    function rowItem(r) {
      var row = cache['rows:' + Math.floor(r / index.chunk)][r % index.chunk];
      var v = {};
      facets.forEach(function (f) { v[f] = index.dicts[f][cols[f][r]]; });
      var li = el('li');
      li.setAttribute('data-row', String(r));
      var facts = el('div', 'facts');
      [['model', v.model], ['country', v.country], ['language', v.language], ['item', v.item], ['respondent', row[1]], ['condition', v.condition]].forEach(function (p) {
        var s = el('span', null, p[0] + ' ');
        s.appendChild(el('b', null, p[1]));
        facts.appendChild(s);
      });
      facts.appendChild(el('span', 'o-' + v.outcome, v.outcome));
      if (row[6]) facts.appendChild(el('span', null, 'from cache'));
      li.appendChild(facts);
      li.appendChild(el('p', 'reading', 'Read as: ' + row[4]));
      var reply = el('details');
      reply.open = true;
      reply.appendChild(el('summary', null, 'Raw reply'));
      reply.appendChild(el('pre', 'raw', row[3] === null ? '(no reply)' : row[3]));
      li.appendChild(reply);
      var prompt = el('details', 'prompt');
      prompt.appendChild(el('summary', null, 'Prompt'));
      var pre = el('pre', null, '…');
      prompt.appendChild(pre);
      prompt.addEventListener('toggle', function () {
        if (!prompt.open || pre.getAttribute('data-loaded')) return;
        var pid = row[2];
        load('prompts', Math.floor(pid / index.promptChunk)).then(function (ps) {
          pre.textContent = ps[pid % index.promptChunk][1];
          pre.setAttribute('data-loaded', '1');
        });
      });
      li.appendChild(prompt);
      li.appendChild(el('div', 'facts', 'key ' + row[0].slice(0, 12) + '… · attempts ' + row[7] + ' · ' + row[8] + ' ms · ' + row[9]));
      return li;
    }
    function step(d) { return function () { page += d; show(); }; }
    document.getElementById('prev').addEventListener('click', step(-1));
    document.getElementById('prev2').addEventListener('click', step(-1));
    document.getElementById('next').addEventListener('click', step(1));
    document.getElementById('next2').addEventListener('click', step(1));
    filter();
  }).catch(function (err) { status.textContent = String(err.message || err); });
})();`;
