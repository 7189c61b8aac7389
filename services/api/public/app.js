// Ward dashboard: plain browser JavaScript, no build step. Data comes from the API with the
// token the clinician typed (kept in sessionStorage for this tab only); live updates by SSE.
'use strict';

const VITALS = [
  { key: 'heart_rate', label: 'HR', unit: '/min', low: 50, high: 120 },
  { key: 'spo2', label: 'SpO2', unit: '%', low: 90 },
  { key: 'respiratory_rate', label: 'RR', unit: '/min', low: 8, high: 30 },
  { key: 'temperature', label: 'Temp', unit: '°C', low: 35, high: 39 },
  { key: 'bp_systolic', label: 'SYS', unit: 'mmHg', low: 90, high: 160 },
  { key: 'bp_diastolic', label: 'DIA', unit: 'mmHg', low: 50, high: 90 },
];
const PRIO = { high: 3, medium: 2, low: 1 };

const state = { token: sessionStorage.getItem('vitals-token') || '', patients: new Map(), source: null, charts: [] };
const $ = (sel) => document.querySelector(sel);
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

async function api(path, init = {}) {
  const res = await fetch(path, { ...init, headers: { Authorization: `Bearer ${state.token}`, 'Content-Type': 'application/json', ...(init.headers || {}) } });
  if (res.status === 401) { state.token = ''; sessionStorage.removeItem('vitals-token'); throw new Error('token refused'); }
  const body = await res.json();
  if (!res.ok) throw new Error(body.message || res.statusText);
  return body;
}

function fmt(v, key) {
  if (v === undefined || v === null) return '–';
  return key === 'temperature' ? Number(v).toFixed(1) : Math.round(v);
}

function tileClass(p) {
  if (p.online === false) return 'tile offline';
  const top = p.alerts.reduce((m, a) => Math.max(m, PRIO[a.priority] || 0), 0);
  return `tile ${top === 3 ? 'prio-high' : top === 2 ? 'prio-medium' : top === 1 ? 'prio-low' : ''}`;
}

function sortedPatients() {
  return [...state.patients.values()].sort((a, b) => {
    const pa = a.alerts.reduce((m, x) => Math.max(m, PRIO[x.priority] || 0), 0);
    const pb = b.alerts.reduce((m, x) => Math.max(m, PRIO[x.priority] || 0), 0);
    return pb - pa || (b.news2?.score ?? -1) - (a.news2?.score ?? -1) || a.patientId.localeCompare(b.patientId);
  });
}

// Tiles are patched in place (values by textContent, the alert list only when it changed),
// so buttons a nurse is about to press do not vanish under the pointer at every update.
function renderWard() {
  if (location.hash.startsWith('#/patient/')) return;
  let ward = $('#main .ward');
  if (!ward) {
    $('#main').innerHTML = '<section class="ward"></section>';
    ward = $('#main .ward');
  }
  const list = sortedPatients();
  if (list.length === 0) { ward.innerHTML = '<p class="hint">No patients yet.</p>'; return; }
  ward.querySelector('.hint')?.remove();
  const seen = new Set();
  list.forEach((p, i) => {
    seen.add(p.patientId);
    let el = ward.querySelector(`article[data-patient="${CSS.escape(p.patientId)}"]`);
    if (!el) {
      el = document.createElement('article');
      el.dataset.patient = p.patientId;
      el.innerHTML = `<h2><span>${esc(p.patientId)}</span><span class="badges"></span></h2><div class="vals"></div><ul class="alerts"></ul>`;
    }
    if (ward.children[i] !== el) ward.insertBefore(el, ward.children[i] || null);
    patchTile(el, p);
  });
  for (const el of [...ward.querySelectorAll('article[data-patient]')]) if (!seen.has(el.dataset.patient)) el.remove();
}

function setHtml(el, html) {
  if (el.dataset.sig !== html) { el.innerHTML = html; el.dataset.sig = html; }
}

function patchTile(el, p) {
  el.className = tileClass(p);
  const news = p.news2 ? `<span class="badge news-${p.news2.band}" title="NEWS2${p.news2.partial ? ' (partial)' : ''}">NEWS2 ${p.news2.score} ${p.news2.band}</span>` : '';
  setHtml(el.querySelector('.badges'), `${p.online === false ? '<span class="badge offline">OFFLINE</span>' : ''} ${news}`);
  const vals = el.querySelector('.vals');
  if (p.online === false) {
    setHtml(vals, '<div class="val"><b>–</b><span>device offline: no current values</span></div>');
  } else {
    setHtml(vals, VITALS.map((v) => `<div class="val"><b data-vital="${v.key}"></b><span>${v.label} ${v.unit}</span></div>`).join(''));
    for (const v of VITALS) vals.querySelector(`[data-vital="${v.key}"]`).textContent = fmt(p.latest[v.key]?.value, v.key);
  }
  setHtml(el.querySelector('.alerts'), p.alerts.map((a) => `<li data-alert="${esc(a.id)}" class="state-${a.state}"><span class="badge ${a.priority}">${a.priority}</span><span>${esc(a.message)}</span>${a.state === 'open' ? `<button class="ack" data-ack="${esc(a.id)}">Acknowledge</button>` : '<span>acknowledged</span>'}</li>`).join(''));
}

async function acknowledge(alertId) {
  await api(`/api/v1/alerts/${encodeURIComponent(alertId)}/acknowledge`, { method: 'POST', body: '{}' });
}

async function loadWard() {
  const { patients } = await api('/api/v1/patients');
  state.patients = new Map(patients.map((p) => [p.patientId, p]));
  if (!$('#main .ward')) $('#main').innerHTML = '';
  renderWard();
}

let refreshTimer = null;
function scheduleRefresh() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => { refreshTimer = null; route().catch(showError); }, 500);
}

// The token never goes into a URL: a one-time ticket (POST with the token in a header)
// opens each stream; on an error the stream is reopened with a fresh ticket.
async function connectStream() {
  if (state.source) state.source.close();
  state.source = null;
  let ticket;
  try {
    ticket = (await api('/api/v1/stream/ticket', { method: 'POST', body: '{}' })).ticket;
  } catch {
    if (state.token) setTimeout(connectStream, 3000);
    return;
  }
  const source = new EventSource(`/api/v1/stream?ticket=${encodeURIComponent(ticket)}`);
  state.source = source;
  source.onopen = () => { $('#conn').textContent = 'live'; $('#conn').className = 'conn live'; };
  source.onerror = () => {
    $('#conn').textContent = 'reconnecting'; $('#conn').className = 'conn';
    source.close();
    setTimeout(() => { if (state.source === source && state.token) connectStream(); }, 2000);
  };
  source.addEventListener('alert', scheduleRefresh);
  source.addEventListener('status', scheduleRefresh);
  source.addEventListener('vitals', (e) => {
    const v = JSON.parse(e.data);
    const p = state.patients.get(v.patientId);
    if (!p) { scheduleRefresh(); return; }
    for (const [k, value] of Object.entries(v.values)) p.latest[k] = { value, at: v.at };
    if (p.online === false) { p.online = true; scheduleRefresh(); }
    if (!location.hash.startsWith('#/patient/')) renderWard();
  });
}

async function loadPatient(pid) {
  const p = await api(`/api/v1/patients/${encodeURIComponent(pid)}`);
  const range = $('#range')?.value || '3600';
  const stop = new Date();
  const start = new Date(stop.getTime() - Number(range) * 1000);
  const { alerts } = await api(`/api/v1/alerts?patient=${encodeURIComponent(pid)}&limit=200`);
  state.charts.forEach((c) => c.destroy());
  state.charts = [];
  $('#main').innerHTML = `<div class="toolbar"><a href="#/">&larr; Ward</a><h2>${esc(pid)}</h2>
    ${p.online === false ? '<span class="badge offline">OFFLINE</span>' : ''}
    ${p.news2 ? `<span class="badge news-${p.news2.band}">NEWS2 ${p.news2.score} ${p.news2.band}</span>` : ''}
    <select id="range"><option value="900">15 min</option><option value="3600">1 h</option><option value="21600">6 h</option><option value="86400">24 h</option><option value="604800">7 days</option></select></div>
    <ul class="alerts">${p.alerts.map((a) => `<li data-alert="${esc(a.id)}"><span class="badge ${a.priority}">${a.priority}</span><span>${esc(a.message)} (${a.state})</span>${a.state === 'open' ? `<button class="ack" data-ack="${esc(a.id)}">Acknowledge</button>` : ''}</li>`).join('')}</ul>
    <section class="charts" id="charts"></section>`;
  $('#range').value = range;
  $('#range').onchange = () => loadPatient(pid).catch(showError);
  const overrides = p.limits || {};
  for (const v of VITALS) {
    const series = await api(`/api/v1/patients/${encodeURIComponent(pid)}/vitals?kind=${v.key}&start=${start.toISOString()}&stop=${stop.toISOString()}`);
    const el = document.createElement('div');
    el.className = 'chart';
    el.innerHTML = `<h3>${v.label} (${v.unit})</h3>`;
    $('#charts').appendChild(el);
    const xs = series.points.map((pt) => pt[0] / 1000);
    const ys = series.points.map((pt) => pt[1]);
    const low = overrides[v.key]?.low ?? v.low;
    const high = overrides[v.key]?.high ?? v.high;
    const marks = alerts.filter((a) => a.kind.startsWith(`limit:${v.key}:`)).map((a) => a.raisedAt / 1000);
    const limitLine = (value) => (u) => {
      if (value === undefined) return;
      const y = u.valToPos(value, 'y', true);
      const { ctx } = u;
      ctx.save(); ctx.strokeStyle = '#e5484d'; ctx.setLineDash([6, 4]); ctx.beginPath();
      ctx.moveTo(u.bbox.left, y); ctx.lineTo(u.bbox.left + u.bbox.width, y); ctx.stroke(); ctx.restore();
    };
    const alertMarks = (u) => {
      const { ctx } = u;
      ctx.save(); ctx.fillStyle = '#f5a524';
      for (const t of marks) { const x = u.valToPos(t, 'x', true); ctx.fillRect(x - 1, u.bbox.top, 3, u.bbox.height); }
      ctx.restore();
    };
    state.charts.push(new uPlot({
      width: Math.min(1100, window.innerWidth - 60), height: 160,
      series: [{}, { label: v.label, stroke: '#3e9bff', width: 1.5 }],
      axes: [{ stroke: '#8a96a3' }, { stroke: '#8a96a3' }],
      hooks: { draw: [limitLine(low), limitLine(high), alertMarks] },
    }, [xs, ys], el));
  }
}

async function route() {
  if (!state.token) { $('#main').innerHTML = '<p class="hint">Sign in with a clinician or operator token.</p>'; return; }
  const m = /^#\/patient\/(.+)$/.exec(location.hash);
  if (m) await loadPatient(decodeURIComponent(m[1]));
  else await loadWard();
}

function showError(err) {
  $('#main').insertAdjacentHTML('afterbegin', `<p class="hint" role="alert">${esc(err.message)}</p>`);
}

document.addEventListener('click', (e) => {
  const ack = e.target.closest('[data-ack]');
  if (ack) {
    e.stopPropagation();
    ack.disabled = true;
    ack.textContent = 'Acknowledging…';
    acknowledge(ack.dataset.ack).then(scheduleRefresh, showError);
    return;
  }
  const t = e.target.closest('[data-patient]');
  if (t) location.hash = `#/patient/${encodeURIComponent(t.dataset.patient)}`;
});

$('#login').addEventListener('submit', (e) => {
  e.preventDefault();
  state.token = $('#token').value.trim();
  sessionStorage.setItem('vitals-token', state.token);
  $('#token').value = '';
  connectStream();
  route().catch(showError);
});
window.addEventListener('hashchange', () => route().catch(showError));
if (state.token) { connectStream(); route().catch(showError); }
setInterval(() => { if (state.token && !location.hash.startsWith('#/patient/')) loadWard().catch(() => undefined); }, 10_000);
