// @ts-check
// Ward dashboard entry: routes the page by its hash, keeps the live stream (SSE) open, and wires
// sign-in by token, acknowledgements and the audio pause. Data comes from the API with the
// token the clinician typed (kept in sessionStorage for this tab only); live updates by SSE.
// The page's other modules: util.js (state, API calls, catalogue), audio.js (alarm signals),
// ward.js (tiles, monitoring banner), patient.js (one patient), devices.js, admissions.js, signin.js.
import { renderAdmissions } from './admissions.js';
import { toggleAudioPause, unlockAudio } from './audio.js';
import { renderDevices } from './devices.js';
import { loadPatient } from './patient.js';
import { $, api, loadCatalogue, onWard, showError, state } from './util.js';
import { acknowledge, loadWard, pollMonitoring, renderMonitoring, renderWard } from './ward.js';

export async function route() {
  if (location.hash === '#/signin' || location.hash === '#/accounts') return; // signin.js
  if (!state.token) { $('#main').innerHTML = '<p class="hint"><a href="#/signin">Sign in with your account</a>, or with a clinician or operator token.</p>'; return; }
  await loadCatalogue();
  const m = /^#\/patient\/(.+)$/.exec(location.hash);
  if (location.hash === '#/devices') renderDevices();
  else if (location.hash === '#/admissions') await renderAdmissions(state.token);
  else if (m) await loadPatient(decodeURIComponent(m[1]));
  else await loadWard();
}

let refreshTimer = null;
function scheduleRefresh() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => { refreshTimer = null; route().catch(showError); }, 500);
}

// The token never goes into a URL: a one-time ticket (POST with the token in a header)
// opens each stream; on an error the stream is reopened with a fresh ticket.
export async function connectStream() {
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

document.addEventListener('click', (e) => {
  const target = /** @type {Element} */ (e.target);
  unlockAudio();
  if (target.closest('#audio-pause')) { toggleAudioPause(); return; }
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
