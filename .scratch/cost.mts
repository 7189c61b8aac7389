import { readFileSync } from 'node:fs';
import { compareCost, stepCost, PIPELINE_PROCS } from '../test/bench/report.js';
for (const f of process.argv.slice(2)) {
  const r = JSON.parse(readFileSync(f, 'utf8'));
  console.log(f);
  for (const s of r.pipeline?.steps ?? []) console.log(' ours', s.rate, s.achieved, JSON.stringify(stepCost(s, PIPELINE_PROCS.ours)));
  for (const s of r.reference?.steps ?? []) console.log(' ref ', s.rate, s.achieved, JSON.stringify(stepCost(s, PIPELINE_PROCS.reference)));
  console.log(' compare', JSON.stringify(compareCost(r.pipeline, r.reference)));
}
