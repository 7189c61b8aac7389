// @ts-check
// The ward view: a tile per patient (values, NEWS2, alarms, technical alarms apart), sorted by
// alarm priority and NEWS2, patched in place; and the "monitoring interrupted" banner (issue 14).
import { $, PRIO, VITALS, api, esc, fmt, hhmm, hhmmss, loadCatalogue, onWard, state } from './util.js';

export function renderMonitoring() {
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

export async function pollMonitoring() {
  if (!state.token) return;
  try { state.monitoring = await api('/api/v1/monitoring'); } catch { /* the stream's error handler shows it */ }
  renderMonitoring();
}
setInterval(pollMonitoring, 5000);

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

export function renderWard() {
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

export function newsBadge(n) {
  if (!n) return '';
  const title = `NEWS2: ${n.response}${n.complete ? '' : `. Incomplete: ${n.missing.join(', ')} not recorded`}`;
  return `<span class="badge news-${n.band}" title="${esc(title)}">NEWS2 ${n.complete ? '' : '≥'}${n.score} ${n.band}${n.complete ? '' : ' (incomplete)'}</span>`;
}

/** One alert: priority, text, and its IEC 60601-1-8 states (latched, acknowledged until, escalated). */
export function alertRow(a, withState) {
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

export async function acknowledge(alertId) {
  await api(`/api/v1/alerts/${encodeURIComponent(alertId)}/acknowledge`, { method: 'POST', body: '{}' });
}

export async function loadWard() {
  await loadCatalogue();
  const { patients, monitoring } = await api('/api/v1/patients');
  state.patients = new Map(patients.map((p) => [p.patientId, p]));
  if (monitoring) { state.monitoring = monitoring; renderMonitoring(); }
  if (!$('#main .ward')) $('#main').innerHTML = '';
  renderWard();
}
