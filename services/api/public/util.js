// @ts-check
// What every part of the ward dashboard shares: the page state, the signed-in API call, the
// vital catalogue (GET /api/v1/vitals, so nothing clinical is hard-coded here), DOM helpers.
// Plain browser JavaScript modules, no build step; type-checked with JSDoc (tsconfig.json here).

/**
 * A vital as the dashboard shows it (from the catalogue's `label`, `unitDisplay` and `limit`).
 * @typedef {{ key: string, label: string, unit: string, low?: number, high?: number }} TileVital
 */
/** @type {TileVital[]} */
export let VITALS = [];

/** Alarm priorities, highest first by number. */
export const PRIO = { high: 3, medium: 2, low: 1 };

// The token the clinician typed or the session's, kept in sessionStorage for this tab only.
export const state = { token: sessionStorage.getItem('vitals-token') || '', patients: new Map(), source: null, charts: [], sseOpen: false, monitoring: { state: 'starting', since: null, reasons: [] } };

/** @param {number} ms */
export const hhmm = (ms) => new Date(ms).toTimeString().slice(0, 5);
/** @param {number} ms */
export const hhmmss = (ms) => new Date(ms).toTimeString().slice(0, 8);
/** @param {string} sel @returns {any} */
export const $ = (sel) => document.querySelector(sel);
/** @param {unknown} s */
export const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

/**
 * A JSON call to the API with the signed-in token; throws with the server's message.
 * @param {string} path
 * @param {RequestInit & { headers?: Record<string, string> }} [init]
 * @returns {Promise<any>}
 */
export async function api(path, init = {}) {
  const res = await fetch(path, { ...init, headers: { Authorization: `Bearer ${state.token}`, 'Content-Type': 'application/json', ...(init.headers || {}) } });
  if (res.status === 401) { state.token = ''; sessionStorage.removeItem('vitals-token'); throw new Error('token refused'); }
  const body = await res.json();
  if (!res.ok) throw new Error(body.message || res.statusText);
  return body;
}

/** Loads the catalogue once after sign-in. @returns {Promise<void>} */
export async function loadCatalogue() {
  if (VITALS.length) return;
  const { vitals } = await api('/api/v1/vitals');
  VITALS = vitals.filter((v) => v.limit).map((v) => ({ key: v.key, label: v.label, unit: v.unitDisplay, low: v.limit.low, high: v.limit.high }));
}

/**
 * @param {number | null | undefined} v
 * @param {string} key
 */
export function fmt(v, key) {
  if (v === undefined || v === null) return '–';
  return key === 'temperature' ? Number(v).toFixed(1) : Math.round(v);
}

/** @param {Error} err */
export function showError(err) {
  $('#main').insertAdjacentHTML('afterbegin', `<p class="hint" role="alert">${esc(err.message)}</p>`);
}

/** The ward view is showing (no other page in the hash). */
export const onWard = () => !location.hash || location.hash === '#' || location.hash === '#/';
