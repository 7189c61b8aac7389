// @ts-check
// People on the dashboard (issue 15): sign-in with a named account, "signed in as" with
// sign-out, the ward selector, and the operators' accounts page.
import { connectStream } from './app.js';
import { unlockAudio } from './audio.js';
import { $, api, esc, showError, state } from './util.js';
import { pollMonitoring, renderWard } from './ward.js';

const SESSION_REFRESH_MS = 5 * 60_000; // well inside the server's idle expiry (30 min)

function storeToken(token) {
  state.token = token;
  if (token) sessionStorage.setItem('vitals-token', token); else sessionStorage.removeItem('vitals-token');
}

function renderSignin() {
  $('#main').innerHTML = `<section class="signin"><h2>Sign in</h2>
    <form id="signin-form"><label>Username <input name="username" autocomplete="username" required></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
      <button type="submit">Sign in</button></form>
    <p id="signin-result" class="hint" role="alert"></p>
    <p class="hint">Service and bootstrap tokens: the token field at the top right.</p></section>`;
  $('#signin-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = Object.fromEntries(new FormData(e.target));
    const res = await fetch('/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const out = await res.json().catch(() => ({}));
    e.target.reset();
    if (res.status !== 201) { $('#signin-result').textContent = out.message || `sign-in refused (${res.status})`; return; }
    storeToken(out.token);
    unlockAudio();
    location.hash = '#/';
    connectStream();
    pollMonitoring();
    await whoami();
  });
}

// Who is signed in, and the wards they may pick from.
async function whoami() {
  const el = $('#whoami');
  if (!state.token) { el.hidden = true; $('#ward-filter').hidden = true; return; }
  try {
    const p = await api('/api/v1/session');
    state.principal = p;
    el.hidden = false;
    el.innerHTML = `Signed in as <b id="whoami-id">${esc(p.id)}</b> (${esc(p.role)}) <button type="button" id="signout">Sign out</button>`;
    wardOptions();
  } catch { el.hidden = true; }
}

function wardOptions() {
  const sel = $('#ward-filter');
  const p = state.principal;
  if (!p) return;
  const wards = p.wards === 'all' ? [...new Set([...state.patients.values()].map((x) => x.ward).filter(Boolean))].sort() : p.wards;
  const html = `<option value="">All my wards</option>${wards.map((w) => `<option value="${esc(w)}"${state.ward === w ? ' selected' : ''}>${esc(w)}</option>`).join('')}`;
  if (sel.dataset.sig !== html) { sel.innerHTML = html; sel.dataset.sig = html; }
  sel.hidden = wards.length === 0;
}

async function signOut() {
  if (state.token.startsWith('vs1.')) await fetch('/api/v1/session', { method: 'DELETE', headers: { Authorization: `Bearer ${state.token}` } }).catch(() => undefined);
  storeToken('');
  state.principal = null;
  if (state.source) { state.source.close(); state.source = null; }
  location.hash = '#/signin';
  await whoami();
  renderSignin();
}

// Operators: create and disable named accounts.
async function renderAccounts() {
  $('#main').innerHTML = `<section class="registry"><h2>Accounts</h2>
    <form id="acc-create"><input name="username" placeholder="username" required><input name="password" type="password" placeholder="initial password (12+)" autocomplete="new-password" required>
      <select name="role"><option value="clinician">clinician</option><option value="operator">operator</option></select>
      <input name="wards" placeholder="wards, comma-separated"><button type="submit">Create</button></form>
    <div id="acc-result" aria-live="polite"></div><table id="acc-list"></table></section>`;
  const list = async () => {
    const { accounts } = await api('/api/v1/accounts');
    $('#acc-list').innerHTML = accounts.map((a) => `<tr><td>${esc(a.username)}</td><td>${esc(a.role)}</td><td>${esc(a.wards === 'all' ? 'all' : a.wards.join(', '))}</td>
      <td>${a.disabled ? 'disabled' : `<button type="button" data-disable="${esc(a.username)}">Disable</button>`}</td></tr>`).join('');
  };
  $('#acc-create').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = Object.fromEntries(new FormData(e.target));
    const body = { username: f.username, password: f.password, role: f.role, ...(f.role === 'clinician' ? { wards: String(f.wards).split(',').map((w) => w.trim()).filter(Boolean) } : {}) };
    api('/api/v1/accounts', { method: 'POST', body: JSON.stringify(body) })
      .then((a) => { $('#acc-result').textContent = `Created ${a.username}`; e.target.reset(); return list(); }).catch(showError);
  });
  $('#acc-list').addEventListener('click', (e) => {
    const b = e.target.closest('[data-disable]');
    if (!b || !confirm(`Disable ${b.dataset.disable}? Their sessions end now.`)) return;
    api(`/api/v1/accounts/${encodeURIComponent(b.dataset.disable)}/disable`, { method: 'POST', body: '{}' }).then(list).catch(showError);
  });
  await list().catch(showError);
}

function peopleRoute() {
  if (location.hash === '#/signin') renderSignin();
  else if (location.hash === '#/accounts' && state.token) renderAccounts();
}

document.addEventListener('click', (e) => { if (/** @type {Element} */ (e.target).closest('#signout')) signOut(); });
$('#ward-filter').addEventListener('change', (e) => { state.ward = e.target.value; renderWard(); });
$('#login').addEventListener('submit', () => setTimeout(whoami, 0));
window.addEventListener('hashchange', peopleRoute);
// Keeps an open page's session alive (the idle expiry ends sessions of closed pages); the
// absolute end (12 h) still signs it out, and then the page asks to sign in again.
setInterval(async () => {
  if (!state.token.startsWith('vs1.')) return;
  const res = await fetch('/api/v1/session/refresh', { method: 'POST', headers: { Authorization: `Bearer ${state.token}` } }).catch(() => null);
  if (res && res.status === 201) storeToken((await res.json()).token);
  else if (res && res.status === 401) signOut();
}, SESSION_REFRESH_MS);
setInterval(wardOptions, 10_000);
peopleRoute();
whoami();
