// @ts-check
// One patient: NEWS2 and its response, the observation form (ACVPU, air/oxygen, SpO2 scale),
// alarms, and a chart per vital over a chosen range with its limits and alarm marks (uPlot).
import { alertRow, newsBadge } from './ward.js';
import { $, VITALS, api, esc, showError, state } from './util.js';

export async function loadPatient(pid) {
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
