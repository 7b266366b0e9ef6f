// The Istio Config page: the table of the view's objects, one object's YAML with its findings at their lines, and the
// reference graph around it. Plain DOM and Cytoscape.js; the server tells the page when the view changes (SSE).
'use strict';

(() => {
  const page = {
    generation: 0,
    objects: [],
    namespaces: [],
    graph: null,
  };
  const byId = (id) => document.getElementById(id);
  const STATUS_TEXT = { error: 'Error', warning: 'Warning', unverified: 'Unverified references', valid: 'Valid' };
  const COLORS = { error: '#c9190b', warning: '#f0ab00', unverified: '#2b6fb6', valid: '#3e8635' };

  function element(tag, attributes, ...children) {
    const e = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([k, v]) => {
      if (k === 'class') {
        e.className = v;
      } else {
        e.setAttribute(k, v);
      }
    });
    children.forEach((c) => e.append(c));
    return e;
  }

  async function json(url) {
    const response = await fetch(url, { cache: 'no-store' });
    const body = await response.json();
    if (!response.ok) {
      throw new Error(body.error || response.statusText);
    }
    return body;
  }

  /** The path of an object's view: namespace, group (core for the empty one), version, kind, name. */
  function objectPath(o) {
    return [o.namespace, o.group, o.version, o.kind, o.name].map(encodeURIComponent).join('/');
  }

  function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
  }

  function statusBadge(status) {
    return element('span', { class: 'status ' + status }, STATUS_TEXT[status]);
  }

  // ---- the table ----

  async function loadObjects() {
    const data = await json('/api/istiolint/objects');
    page.generation = data.generation;
    page.objects = data.objects;
    page.namespaces = data.namespaces;
    fillSelect(byId('filter-namespace'), page.namespaces);
    fillSelect(byId('filter-kind'), [...new Set(page.objects.map((o) => o.kind))].sort());
    renderTable();
    renderSummary();
  }

  /** Replaces the options after the first ("all"), keeping the choice when it is still there. */
  function fillSelect(select, values) {
    const chosen = select.value;
    while (select.options.length > 1) {
      select.remove(1);
    }
    values.forEach((v) => select.add(new Option(v, v)));
    select.value = values.includes(chosen) ? chosen : '';
  }

  function renderSummary() {
    const count = (s) => page.objects.filter((o) => o.status === s).length;
    byId('summary').textContent = `${plural(page.objects.length, 'object')} in ${plural(page.namespaces.length, 'namespace')}: `
      + `${count('error')} with errors, ${count('warning')} with warnings, ${count('unverified')} with unverified references, `
      + `${count('valid')} valid · view generation ${page.generation}`;
  }

  function matches(o) {
    const namespace = byId('filter-namespace').value;
    const kind = byId('filter-kind').value;
    const status = byId('filter-status').value;
    const text = byId('filter-text').value.trim().toLowerCase();
    return (!namespace || o.namespace === namespace)
      && (!kind || o.kind === kind)
      && (!status || o.status === status)
      && (!text || [o.name, o.namespace, o.kind, ...o.codes].some((t) => t.toLowerCase().includes(text)));
  }

  function renderTable() {
    const body = byId('objects').tBodies[0];
    const shown = page.objects.filter(matches);
    const rows = shown.map((o) => {
      const count = (n) => element('td', { class: n === 0 ? 'num zero' : 'num' }, String(n));
      return element('tr', { 'data-status': o.status, 'data-kind': o.kind, 'data-name': o.name },
        element('td', {}, statusBadge(o.status)),
        element('td', {}, element('a', { href: '#/object/' + objectPath(o) }, o.name)),
        element('td', {}, o.namespace),
        element('td', {}, o.kind),
        count(o.errors), count(o.warnings), count(o.infos), count(o.unverified));
    });
    if (rows.length === 0) {
      rows.push(element('tr', {}, element('td', { colspan: '8' }, 'No object matches the filters.')));
    }
    body.replaceChildren(...rows);
    byId('objects-caption').textContent = `${shown.length} of ${page.objects.length} objects`;
  }

  // ---- one object ----

  async function loadObject(path) {
    let data;
    try {
      data = await json('/api/istiolint/objects/' + path);
    } catch (e) {
      byId('object-title').textContent = 'Not in the view';
      byId('object-meta').textContent = e.message;
      byId('yaml').replaceChildren();
      byId('yaml-source').textContent = '';
      drawGraph(null);
      return;
    }
    const o = data.object;
    byId('object-title').replaceChildren(`${o.kind} ${o.namespace}/${o.name} `, statusBadge(o.status));
    byId('object-meta').textContent = `${o.gvk} · ${plural(o.errors, 'error')}, ${plural(o.warnings, 'warning')}, `
      + `${plural(o.infos, 'info')}, ${plural(o.unverified, 'unverified reference')}`;
    byId('yaml-source').textContent = data.source;
    renderYaml(data);
    drawGraph(data);
  }

  function renderYaml(data) {
    const notes = new Map();
    const add = (line, note) => notes.set(line, [...(notes.get(line) || []), note]);
    data.findings.forEach((f) => add(f.line, { kind: f.severity, finding: f }));
    data.unverified.forEach((u) => add(u.line, { kind: 'unverified', unverified: u }));
    const worst = (list) => ['error', 'warning', 'info', 'unverified'].find((k) => list.some((n) => n.kind === k));
    const lines = [];
    data.lines.forEach((text, i) => {
      const number = data.firstLine + i;
      const here = notes.get(number) || [];
      const line = element('div', { class: 'line', 'data-line': String(number) },
        element('span', { class: 'num', 'aria-hidden': 'true' }, String(number)), element('code', {}, text || ' '));
      if (here.length > 0) {
        line.classList.add('finding-' + worst(here));
      }
      lines.push(line);
      here.forEach((n) => lines.push(note(n, number)));
    });
    byId('yaml').replaceChildren(...lines);
  }

  function note(n, line) {
    if (n.finding) {
      const f = n.finding;
      const box = element('div', { class: 'note ' + f.severity, role: 'note', 'data-code': f.code, 'data-line': String(line) },
        element('span', { class: 'code' }, `${f.severity} ${f.code}`), `line ${line}: ${f.message}`);
      if (f.hint) {
        box.append(element('div', { class: 'fix' }, f.hint));
      }
      return box;
    }
    return element('div', { class: 'note', role: 'note', 'data-line': String(line) },
      element('span', { class: 'code' }, 'unverified'), `line ${line}: ${n.unverified.reason}`);
  }

  function drawGraph(data) {
    if (page.graph) {
      page.graph.destroy();
      page.graph = null;
    }
    const container = byId('graph');
    const list = byId('graph-list');
    if (!data) {
      container.removeAttribute('data-nodes');
      list.replaceChildren();
      return;
    }
    const nodes = data.graph.nodes;
    const edges = data.graph.edges;
    const byNode = new Map(nodes.map((n) => [n.id, n]));
    page.graph = cytoscape({
      container,
      elements: [
        ...nodes.map((n) => ({
          data: { id: n.id, label: n.label, object: n.object },
          classes: [n.object ? 'object' : 'named', n.status ? 'status-' + n.status : '', n.missing ? 'missing' : '',
            n.focus ? 'focus' : ''].join(' '),
        })),
        ...edges.map((e, i) => ({
          data: { id: 'edge' + i, source: e.source, target: e.target, relation: e.relation },
          classes: e.resolved ? '' : 'unresolved',
        })),
      ],
      style: [
        { selector: 'node', style: {
          label: 'data(label)', 'text-wrap': 'wrap', 'text-max-width': '170px', 'font-size': '10px', color: '#151515',
          'text-valign': 'bottom', 'text-margin-y': '4px', width: '26px', height: '26px', 'border-width': '2px',
          'border-color': '#ffffff', 'background-color': '#e9e9e9' } },
        { selector: 'node.object', style: { shape: 'round-rectangle', cursor: 'pointer' } },
        { selector: 'node.named', style: { 'border-color': '#8a8d90', 'border-width': '1px' } },
        ...Object.entries(COLORS).map(([s, c]) => ({ selector: 'node.status-' + s, style: { 'background-color': c } })),
        { selector: 'node.missing', style: { 'background-color': '#ffffff', 'border-color': COLORS.error, 'border-width': '3px',
          'border-style': 'dashed', color: COLORS.error } },
        { selector: 'node.focus', style: { width: '36px', height: '36px', 'border-color': '#0066cc', 'border-width': '4px',
          'font-weight': 'bold' } },
        { selector: 'edge', style: {
          width: '1.5px', 'curve-style': 'bezier', 'line-color': '#8a8d90', 'target-arrow-color': '#8a8d90',
          'target-arrow-shape': 'triangle', label: 'data(relation)', 'font-size': '8px', color: '#5a5d61',
          'text-rotation': 'autorotate', 'text-background-color': '#ffffff', 'text-background-opacity': 1 } },
        { selector: 'edge.unresolved', style: { 'line-style': 'dashed', 'line-color': COLORS.error,
          'target-arrow-color': COLORS.error, color: COLORS.error } },
      ],
      wheelSensitivity: 0.3,
    });
    // Rows by distance from the object: what it refers to and what refers to it around it.
    const focus = page.graph.nodes('.focus');
    page.graph.layout({ name: 'breadthfirst', roots: focus, directed: false, spacingFactor: 1.1, padding: 24, animate: false }).run();
    page.graph.on('tap', 'node.object', (event) => {
      const o = event.target.data('object');
      location.hash = '#/object/' + objectPath(o);
    });
    const missing = nodes.filter((n) => n.missing).length;
    container.dataset.nodes = String(nodes.length);
    container.dataset.edges = String(edges.length);
    container.dataset.missing = String(missing);
    container.setAttribute('aria-label', `Reference graph: ${nodes.length} nodes, ${edges.length} references, `
      + `${missing} missing; the same as a list below.`);
    // The graph as text, objects as links: for keyboards and screen readers, which a canvas serves poorly.
    const named = (id) => {
      const n = byNode.get(id);
      const text = n.label.replace('\n', ' ');
      return n.object && !n.focus ? element('a', { href: '#/object/' + objectPath(n.object) }, text) : text;
    };
    list.replaceChildren(...edges.map((e) => element('li', { class: e.resolved ? '' : 'unresolved' },
      named(e.source), ` —${e.relation}→ `, named(e.target), e.resolved ? '' : ' (does not resolve)')));
  }

  // ---- navigation and live updates ----

  function route() {
    const hash = location.hash;
    const objectView = hash.startsWith('#/object/');
    byId('list').hidden = objectView;
    byId('object').hidden = !objectView;
    if (objectView) {
      return loadObject(hash.substring('#/object/'.length));
    }
    drawGraph(null);
    return Promise.resolve();
  }

  async function refresh() {
    await loadObjects();
    if (location.hash.startsWith('#/object/')) {
      await route();
    }
  }

  function listen() {
    const events = new EventSource('/api/istiolint/events');
    events.addEventListener('view', (event) => {
      if (JSON.parse(event.data).generation !== page.generation) {
        refresh().catch(showError);
      }
    });
  }

  function showError(e) {
    byId('summary').textContent = 'The view could not be read: ' + e.message;
  }

  ['filter-namespace', 'filter-kind', 'filter-status'].forEach((id) => byId(id).addEventListener('change', renderTable));
  byId('filter-text').addEventListener('input', renderTable);
  window.addEventListener('hashchange', () => route().catch(showError));
  loadObjects().then(route).then(listen).catch(showError);
})();
