// @ts-check
// Admissions page (issue 15): admit, transfer and discharge patients, assign devices to them and
// end assignments, and see devices that send readings no assignment covers. Operators change;
// clinicians may look. app.js routes `#/admissions` here; the token is the one signed in.
import { $ as q, esc } from './util.js';

/** @param {string} token */
export async function renderAdmissions(token) {
  q('#main').innerHTML = `<section class="registry admissions"><h2>Admissions</h2>
    <form id="adm-admit"><input name="patientId" placeholder="patient id" required><input name="displayName" placeholder="display name" required>
      <input name="ward" placeholder="ward" required><input name="bed" placeholder="bed" required><button type="submit">Admit</button></form>
    <form id="adm-transfer"><input name="patientId" placeholder="patient id" required><input name="ward" placeholder="new ward" required>
      <input name="bed" placeholder="new bed" required><button type="submit">Transfer</button></form>
    <form id="adm-discharge"><input name="patientId" placeholder="patient id" required><button type="submit">Discharge</button></form>
    <form id="adm-assign"><input name="deviceId" placeholder="device id" required><input name="patientId" placeholder="patient id" required>
      <label>from <input name="from" type="datetime-local" step="1" title="empty: now"></label><button type="submit">Assign device</button></form>
    <form id="adm-end"><input name="deviceId" placeholder="device id" required><button type="submit">End assignment</button></form>
    <div id="adm-result" aria-live="polite"></div>
    <h3>Unassigned devices</h3><ul id="adm-notices" class="notices"></ul>
    <h3>Admitted patients</h3><table id="adm-list"><thead><tr><th>Patient</th><th>Name</th><th>Ward</th><th>Bed</th><th>Devices</th><th>Admitted</th></tr></thead><tbody></tbody></table>
  </section>`;
  const call = async (method, path, body) => {
    const res = await fetch(path, { method, headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(`${res.status}: ${json.message || 'refused'}`);
    return json;
  };
  const show = (html) => { q('#adm-result').innerHTML = html; };
  const failed = (err) => show(`<p class="hint" role="alert">${esc(err.message)}</p>`);
  const refresh = async () => {
    const [{ patients }, { notices }] = await Promise.all([call('GET', '/api/v1/admissions'), call('GET', '/api/v1/notices')]);
    if (!q('#adm-list')) return; // the page was left meanwhile
    q('#adm-list tbody').innerHTML = patients.map((p) => `<tr data-patient="${esc(p.patientId)}"><td>${esc(p.patientId)}</td><td>${esc(p.displayName)}</td>
      <td>${esc(p.ward)}</td><td>${esc(p.bed)}</td><td>${esc(p.devices.join(', ') || '-')}</td><td>${esc(new Date(p.admittedAt).toLocaleString())}</td></tr>`).join('');
    q('#adm-notices').innerHTML = notices.length === 0 ? '<li class="hint">none</li>'
      : notices.map((n) => `<li data-device="${esc(n.deviceId)}">${esc(n.message)} (since ${esc(new Date(n.since).toLocaleTimeString())})</li>`).join('');
  };
  const on = (id, work) => q(id).addEventListener('submit', (e) => {
    e.preventDefault();
    const form = e.target;
    const data = Object.fromEntries(new FormData(form));
    work(data).then((html) => { show(html); form.reset(); return refresh(); }).catch(failed);
  });
  const path = (s) => encodeURIComponent(s);
  on('#adm-admit', async (d) => { const p = await call('POST', '/api/v1/admissions', d); return `<p>Admitted <b>${esc(p.patientId)}</b> to ${esc(p.ward)}, bed ${esc(p.bed)}.</p>`; });
  on('#adm-transfer', async (d) => {
    const p = await call('POST', `/api/v1/admissions/${path(d.patientId)}/transfer`, { ward: d.ward, bed: d.bed });
    return `<p>Transferred <b>${esc(p.patientId)}</b> to ${esc(p.ward)}, bed ${esc(p.bed)}: open alerts follow.</p>`;
  });
  on('#adm-discharge', async (d) => {
    if (!confirm(`Discharge ${d.patientId}? Their device assignments end and their alerts close.`)) throw new Error('not discharged');
    const p = await call('POST', `/api/v1/admissions/${path(d.patientId)}/discharge`, {});
    return `<p>Discharged <b>${esc(p.patientId)}</b>; assignments ended: ${esc(p.endedAssignments.join(', ') || 'none')}.</p>`;
  });
  on('#adm-assign', async (d) => {
    const body = { deviceId: d.deviceId, patientId: d.patientId, ...(d.from ? { from: new Date(d.from).toISOString() } : {}) };
    const r = await call('POST', '/api/v1/assignments', body);
    return `<p>Assigned <b>${esc(r.deviceId)}</b> to <b>${esc(d.patientId)}</b> from ${esc(new Date(r.history[r.history.length - 1].from).toLocaleString())}.</p>`;
  });
  on('#adm-end', async (d) => { const r = await call('POST', `/api/v1/assignments/${path(d.deviceId)}/end`, {}); return `<p>Ended the assignment of <b>${esc(r.deviceId)}</b>.</p>`; });
  await refresh();
}
