// @ts-check
// Ward dashboard: plain browser JavaScript, no build step. Data comes from the API with the
// token the clinician typed (kept in sessionStorage for this tab only); live updates by SSE.
'use strict';

// The vitals shown (tiles, charts) and their default limits come from the API's catalogue
// (GET /api/v1/vitals), loaded once after sign-in: nothing clinical is hard-coded here.
/**
 * A vital as the dashboard shows it (from the catalogue's `label`, `unitDisplay` and `limit`).
 * @typedef {{ key: string, label: string, unit: string, low?: number, high?: number }} TileVital
 */
/** @type {TileVital[]} */
let VITALS = [];
/** @returns {Promise<void>} */
async function loadCatalogue() {
  if (VITALS.length) return;
  const { vitals } = await api('/api/v1/vitals');
  VITALS = vitals.filter((v) => v.limit).map((v) => ({ key: v.key, label: v.label, unit: v.unitDisplay, low: v.limit.low, high: v.limit.high }));
}
const PRIO = { high: 3, medium: 2, low: 1 };

const state = { token: sessionStorage.getItem('vitals-token') || '', patients: new Map(), source: null, charts: [], sseOpen: false, monitoring: { state: 'starting', since: null, reasons: [] } };
const hhmm = (ms) => new Date(ms).toTimeString().slice(0, 5);
const hhmmss = (ms) => new Date(ms).toTimeString().slice(0, 8);

// ---- Audible alarm signals, in the spirit of IEC 60601-1-8 (6.3.3): a distinct burst per
// priority, repeated while an unacknowledged alarm of that priority exists.
//   high:   10 pulses (3 + 2, pause, 3 + 2), repeated every 5 s
//   medium: 3 pulses, repeated every 10 s
//   low:    2 pulses, repeated every 30 s
// AUDIO PAUSED is time-limited (2 min, with a countdown); alarms stay visible meanwhile, and
// a new high-priority alarm ends the pause. Browsers start audio only after a user gesture:
// the sign-in click (or any click) unlocks it.
const AUDIO = {
  high: { pulses: [0, 0.25, 0.5, 1.0, 1.25, 2.25, 2.5, 2.75, 3.25, 3.5], freq: 880, repeatMs: 5000 },
  medium: { pulses: [0, 0.35, 0.7], freq: 660, repeatMs: 10000 },
  low: { pulses: [0, 0.5], freq: 440, repeatMs: 30000 },
};
const AUDIO_PAUSE_MS = 120_000;
const audio = { ctx: null, pausedUntil: 0, last: { high: 0, medium: 0, low: 0 }, sounding: null, bursts: [], highIds: new Set() };
/** @type {any} */ (window).__alarmAudio = audio; // for the end-to-end test and for support: what is sounding, what played

function unlockAudio() {
  if (audio.ctx) { if (audio.ctx.state === 'suspended') audio.ctx.resume().catch(() => undefined); return; }
  const Ctx = window.AudioContext || /** @type {any} */ (window).webkitAudioContext;
  if (Ctx) audio.ctx = new Ctx();
}

function burst(priority) {
  const spec = AUDIO[priority];
  audio.bursts.push({ priority, at: Date.now() });
  if (audio.bursts.length > 50) audio.bursts.shift();
  if (!audio.ctx) return;
  const t0 = audio.ctx.currentTime + 0.05;
  for (const offset of spec.pulses) {
    const osc = audio.ctx.createOscillator();
    const gain = audio.ctx.createGain();
    osc.type = 'square';
    osc.frequency.value = spec.freq;
    // 150 ms pulses with 20 ms rise and fall, as the standard's pulse shape asks.
    gain.gain.setValueAtTime(0, t0 + offset);
    gain.gain.linearRampToValueAtTime(0.2, t0 + offset + 0.02);
    gain.gain.setValueAtTime(0.2, t0 + offset + 0.13);
    gain.gain.linearRampToValueAtTime(0, t0 + offset + 0.15);
    osc.connect(gain).connect(audio.ctx.destination);
    osc.start(t0 + offset);
    osc.stop(t0 + offset + 0.16);
  }
}

/** The highest priority among alerts that call for a signal: open (not acknowledged), physiological or technical. */
function soundingPriority() {
  let top = 0;
  const high = new Set();
  for (const p of state.patients.values()) {
    for (const a of [...p.alerts, ...(p.technicalAlerts || [])]) {
      if (a.state !== 'open') continue;
      top = Math.max(top, PRIO[a.priority] || 0);
      if (a.priority === 'high') high.add(a.id);
    }
  }
  if (state.monitoring.state === 'interrupted') top = Math.max(top, PRIO.medium);
  // A new high-priority alarm ends an audio pause (it was not there when the pause was chosen).
  if (audio.pausedUntil > Date.now() && [...high].some((id) => !audio.highIds.has(id))) audio.pausedUntil = 0;
  audio.highIds = high;
  return top === 3 ? 'high' : top === 2 ? 'medium' : top === 1 ? 'low' : null;
}

function audioTick() {
  const now = Date.now();
  const priority = soundingPriority();
  audio.sounding = priority;
  const btn = $('#audio-pause');
  if (btn) {
    const left = audio.pausedUntil - now;
    btn.classList.toggle('paused', left > 0);
    btn.textContent = left > 0 ? `Audio paused ${Math.floor(left / 60000)}:${String(Math.ceil(left / 1000) % 60).padStart(2, '0')}` : 'Pause audio';
  }
  if (!priority || audio.pausedUntil > now) return;
  if (now - audio.last[priority] >= AUDIO[priority].repeatMs) {
    audio.last[priority] = now;
    burst(priority);
  }
}
setInterval(audioTick, 250);

function renderMonitoring() {
  const m = state.monitoring;
  const banner = $('#monitoring');
  const conn = $('#conn');
  if (m.state === 'interrupted') {
    const since = m.since ? hhmm(m.since) : '?';
    banner.hidden = false;
    banner.textContent = `Monitoring interrupted since ${since}: ${m.reasons.join('; ')}. Alarms may not be raised; check patients directly.`;
    conn.textContent = `monitoring interrupted since ${since}`;
    conn.className = 'conn interrupted';
    return;
  }
  banner.hidden = true;
  banner.textContent = '';
  conn.textContent = state.sseOpen ? 'live' : 'reconnecting';
  conn.className = state.sseOpen ? 'conn live' : 'conn';
}

async function pollMonitoring() {
  if (!state.token) return;
  try { state.monitoring = await api('/api/v1/monitoring'); } catch { /* the stream's error handler shows it */ }
  renderMonitoring();
}
setInterval(pollMonitoring, 5000);
const $ = (sel) => document.querySelector(sel);
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

/**
 * A JSON call to the API with the signed-in token; throws with the server's message.
 * @param {string} path
 * @param {RequestInit & { headers?: Record<string, string> }} [init]
 * @returns {Promise<any>}
 */
async function api(path, init = {}) {
  const res = await fetch(path, { ...init, headers: { Authorization: `Bearer ${state.token}`, 'Content-Type': 'application/json', ...(init.headers || {}) } });
  if (res.status === 401) { state.token = ''; sessionStorage.removeItem('vitals-token'); throw new Error('token refused'); }
  const body = await res.json();
  if (!res.ok) throw new Error(body.message || res.statusText);
  return body;
}

/**
 * @param {number | null | undefined} v
 * @param {string} key
 */
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
  return [...state.patients.values()].filter((p) => !state.ward || p.ward === state.ward).sort((a, b) => {
    const pa = a.alerts.reduce((m, x) => Math.max(m, PRIO[x.priority] || 0), 0);
    const pb = b.alerts.reduce((m, x) => Math.max(m, PRIO[x.priority] || 0), 0);
    return pb - pa || (b.news2?.score ?? -1) - (a.news2?.score ?? -1) || a.patientId.localeCompare(b.patientId);
  });
}

// Tiles are patched in place (values by textContent, the alert list only when it changed),
// so buttons a nurse is about to press do not vanish under the pointer at every update.
const onWard = () => !location.hash || location.hash === '#' || location.hash === '#/';

function renderWard() {
  if (!onWard()) return;
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
      el.innerHTML = `<h2><span>${esc(p.patientId)}</span><span class="badges"></span></h2><div class="vals"></div><ul class="alerts"></ul><ul class="technical" aria-label="technical alarms"></ul>`;
    }
    if (ward.children[i] !== el) ward.insertBefore(el, ward.children[i] || null);
    patchTile(el, p);
  });
  for (const el of [...ward.querySelectorAll('article[data-patient]')]) if (!seen.has(el.dataset.patient)) el.remove();
}

function setHtml(el, html) {
  if (el.dataset.sig !== html) { el.innerHTML = html; el.dataset.sig = html; }
}

function newsBadge(n) {
  if (!n) return '';
  const title = `NEWS2: ${n.response}${n.complete ? '' : `. Incomplete: ${n.missing.join(', ')} not recorded`}`;
  return `<span class="badge news-${n.band}" title="${esc(title)}">NEWS2 ${n.complete ? '' : '≥'}${n.score} ${n.band}${n.complete ? '' : ' (incomplete)'}</span>`;
}

/** One alert: priority, text, and its IEC 60601-1-8 states (latched, acknowledged until, escalated). */
function alertRow(a, withState) {
  const flags = [];
  if (a.latched) flags.push('<span class="flag latched" title="high priority: shown until acknowledged, although the condition has ended">LATCHED</span>');
  if (a.escalationLevel > 0) flags.push(`<span class="flag escalated" title="not acknowledged in time; escalated at ${hhmmss(a.escalatedAt)}">ESCALATED ${a.escalationLevel}</span>`);
  if (a.state === 'acknowledged') flags.push(`<span class="flag acked">acknowledged${a.acknowledgedUntil ? ` until ${hhmm(a.acknowledgedUntil)}` : ''}</span>`);
  const action = a.state === 'open' ? `<button class="ack" data-ack="${esc(a.id)}">${a.latched ? 'Acknowledge (ends it)' : 'Acknowledge'}</button>` : '';
  return `<li data-alert="${esc(a.id)}" class="state-${a.state}${a.latched ? ' latched' : ''}${a.escalationLevel > 0 ? ' escalated' : ''}"><span class="badge ${a.priority}">${a.priority}</span><span>${esc(a.message)}${withState ? ` (${a.state})` : ''}</span>${flags.join('')}${action}</li>`;
}

function patchTile(el, p) {
  el.className = tileClass(p);
  const news = newsBadge(p.news2);
  setHtml(el.querySelector('.badges'), `${p.online === false ? '<span class="badge offline">OFFLINE</span>' : ''} ${news}`);
  const vals = el.querySelector('.vals');
  if (p.online === false) {
    setHtml(vals, '<div class="val"><b>–</b><span>device offline: no current values</span></div>');
  } else {
    setHtml(vals, VITALS.map((v) => `<div class="val"><b data-vital="${v.key}"></b><span>${v.label} ${v.unit}</span></div>`).join(''));
    for (const v of VITALS) vals.querySelector(`[data-vital="${v.key}"]`).textContent = fmt(p.latest[v.key]?.value, v.key);
  }
  setHtml(el.querySelector('.alerts'), p.alerts.map((a) => alertRow(a, false)).join(''));
  setHtml(el.querySelector('.technical'), (p.technicalAlerts || []).map((a) => alertRow(a, false)).join(''));
}

async function acknowledge(alertId) {
  await api(`/api/v1/alerts/${encodeURIComponent(alertId)}/acknowledge`, { method: 'POST', body: '{}' });
}

async function loadWard() {
  await loadCatalogue();
  const { patients, monitoring } = await api('/api/v1/patients');
  state.patients = new Map(patients.map((p) => [p.patientId, p]));
  if (monitoring) { state.monitoring = monitoring; renderMonitoring(); }
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
  source.onopen = () => { state.sseOpen = true; renderMonitoring(); };
  // A stream ticket is good for one connection: on an error, close and open a new stream with
  // a new ticket instead of letting EventSource retry the spent one.
  source.onerror = () => {
    state.sseOpen = false; renderMonitoring();
    source.close();
    setTimeout(() => { if (state.source === source && state.token) connectStream(); }, 2000);
  };
  source.addEventListener('monitoring', (e) => { state.monitoring = JSON.parse(e.data); renderMonitoring(); });
  source.addEventListener('observation', scheduleRefresh);
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
    ${newsBadge(p.news2)}
    <select id="range"><option value="900">15 min</option><option value="3600">1 h</option><option value="21600">6 h</option><option value="86400">24 h</option><option value="604800">7 days</option></select></div>
    ${p.news2 ? `<p class="news-detail">NEWS2 response: ${esc(p.news2.response)}${p.news2.complete ? '' : `. Incomplete: ${esc(p.news2.missing.join(', '))} not recorded.`}${p.news2.spo2Scale === 2 ? ' SpO2 scale 2.' : ''}</p>` : ''}
    <form class="obs" id="obs-form"><b>Observation</b>
      <label>ACVPU <select name="consciousness"><option value="">–</option><option>A</option><option>C</option><option>V</option><option>P</option><option>U</option></select></label>
      <label>Air/O2 <select name="oxygen"><option value="">–</option><option value="false">air</option><option value="true">oxygen</option></select></label>
      <button type="submit">Record</button>
      <label>SpO2 scale <select name="scale"><option value="1">1</option><option value="2"${p.observations?.spo2Scale?.scale === 2 ? ' selected' : ''}>2 (hypercapnic)</option></select></label>
      <input name="reason" placeholder="reason for scale 2" value="${esc(p.observations?.spo2Scale?.reason || '')}"><button type="button" id="set-scale">Set scale</button></form>
    <ul class="alerts">${p.alerts.map((a) => alertRow(a, true)).join('')}</ul>
    <h3>Technical alarms</h3><ul class="technical">${(p.technicalAlerts || []).map((a) => alertRow(a, true)).join('') || '<li>none</li>'}</ul>
    <section class="charts" id="charts"></section>`;
  $('#range').value = range;
  $('#obs-form').onsubmit = (e) => {
    e.preventDefault();
    const f = e.target;
    const body = {};
    if (f.consciousness.value) body.consciousness = f.consciousness.value;
    if (f.oxygen.value) body.supplementalOxygen = f.oxygen.value === 'true';
    api(`/api/v1/patients/${encodeURIComponent(pid)}/observations`, { method: 'POST', body: JSON.stringify(body) }).then(() => loadPatient(pid), showError);
  };
  $('#set-scale').onclick = () => {
    const f = $('#obs-form');
    api(`/api/v1/patients/${encodeURIComponent(pid)}/spo2-scale`, { method: 'PUT', body: JSON.stringify({ scale: Number(f.scale.value), reason: f.reason.value || 'scale 1' }) }).then(() => loadPatient(pid), showError);
  };
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
  if (location.hash === '#/signin' || location.hash === '#/accounts') return; // signin.js
  if (!state.token) { $('#main').innerHTML = '<p class="hint"><a href="#/signin">Sign in with your account</a>, or with a clinician or operator token.</p>'; return; }
  await loadCatalogue();
  const m = /^#\/patient\/(.+)$/.exec(location.hash);
  if (location.hash === '#/devices') renderDevices();
  else if (location.hash === '#/admissions') await window.vitalsAdmissions.render(state.token);
  else if (m) await loadPatient(decodeURIComponent(m[1]));
  else await loadWard();
}

// Device registry (operators, issue 15): credentials are shown once, in this page only.
function renderDevices() {
  $('#main').innerHTML = `<section class="registry"><h2>Devices</h2>
    <form id="dev-register"><input name="deviceId" placeholder="device id" required><input name="model" placeholder="model" required>
      <input name="firmware" placeholder="firmware" required><button type="submit">Register</button></form>
    <form id="dev-manage"><input name="deviceId" placeholder="device id" required>
      <button type="submit" value="show">Show</button><button type="submit" value="rotate">Rotate credentials</button><button type="submit" value="revoke">Revoke</button></form>
    <div id="dev-result" aria-live="polite"></div></section>`;
  const show = (html) => { $('#dev-result').innerHTML = html; };
  // Not api(): revoke answers 204 with no body, and a POST without a body must not claim JSON.
  const call = (path, body) => fetch(path, { method: body === undefined ? 'GET' : 'POST', headers: { Authorization: `Bearer ${state.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const creds = (c) => `<p>Credentials for <b>${esc(c.deviceId)}</b>, shown once: copy them to the device now.</p>
    <div class="secret" id="dev-secret">username ${esc(c.username)}\nclient id ${esc(c.clientId)}\npassword ${esc(c.password)}</div>`;
  const fail = async (res) => { const b = await res.json().catch(() => ({})); throw new Error(`${res.status}: ${b.message || 'refused'}`); };
  $('#dev-register').addEventListener('submit', (e) => {
    e.preventDefault();
    const body = Object.fromEntries(new FormData(e.target));
    call('/api/v1/devices', body).then(async (res) => { if (res.status !== 201) await fail(res); show(creds(await res.json())); e.target.reset(); }).catch(showError);
  });
  $('#dev-manage').addEventListener('submit', (e) => {
    e.preventDefault();
    const id = encodeURIComponent(String(new FormData(e.target).get('deviceId')));
    const action = e.submitter ? e.submitter.value : 'show';
    if (action === 'revoke' && !confirm('Revoke this device? It is disconnected now and refused from then on.')) return;
    const req = action === 'show' ? call(`/api/v1/devices/${id}/registration`)
      : call(`/api/v1/devices/${id}/${action === 'rotate' ? 'credentials' : 'revoke'}`, null);
    req.then(async (res) => {
      if (!res.ok) await fail(res);
      if (action === 'rotate') show(creds(await res.json()));
      else if (action === 'revoke') show(`<p>Revoked <b>${esc(decodeURIComponent(id))}</b>: disconnected and refused from now on.</p>`);
      else { const r = await res.json(); show(`<p><b>${esc(r.deviceId)}</b> model ${esc(r.model || '-')}, firmware ${esc(r.firmware || '-')}, registered ${esc(r.registeredAt || '-')}, ${r.revoked ? '<b>revoked</b>' : 'active'}</p>`); }
    }).catch(showError);
  });
}

function showError(err) {
  $('#main').insertAdjacentHTML('afterbegin', `<p class="hint" role="alert">${esc(err.message)}</p>`);
}

document.addEventListener('click', (e) => {
  const target = /** @type {Element} */ (e.target);
  unlockAudio();
  if (target.closest('#audio-pause')) {
    audio.pausedUntil = audio.pausedUntil > Date.now() ? 0 : Date.now() + AUDIO_PAUSE_MS;
    audioTick();
    return;
  }
  if (target.closest('#obs-form')) return;
  const ack = /** @type {HTMLButtonElement | null} */ (target.closest('[data-ack]'));
  if (ack) {
    e.stopPropagation();
    ack.disabled = true;
    ack.textContent = 'Acknowledging…';
    acknowledge(ack.dataset.ack).then(scheduleRefresh, showError);
    return;
  }
  const t = /** @type {HTMLElement | null} */ (target.closest('[data-patient]'));
  if (t) location.hash = `#/patient/${encodeURIComponent(t.dataset.patient)}`;
});

$('#login').addEventListener('submit', (e) => {
  e.preventDefault();
  state.token = $('#token').value.trim();
  sessionStorage.setItem('vitals-token', state.token);
  $('#token').value = '';
  unlockAudio();
  connectStream();
  route().catch(showError);
  pollMonitoring();
});
window.addEventListener('hashchange', () => route().catch(showError));
if (state.token) { connectStream(); route().catch(showError); pollMonitoring(); }
setInterval(() => { if (state.token && onWard()) loadWard().catch(() => undefined); }, 10_000);
