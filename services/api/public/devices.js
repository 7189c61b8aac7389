// @ts-check
// Device registry (operators, issue 15): credentials are shown once, in this page only.
import { $, esc, showError, state } from './util.js';

export function renderDevices() {
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
