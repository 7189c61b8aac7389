// All services' logs in one stream, prefixed by service: readable lines on a terminal, one
// JSON object per line (with a `service` field) when piped, so a log shipper can parse it.

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const COLORS = [36, 32, 33, 35, 34, 96, 92];
const LEVEL_COLORS: Record<string, number> = { WARN: 33, ERROR: 31, FATAL: 31 };
// pino's own fields, not repeated in the key=value tail.
const OWN = new Set(['level', 'time', 'pid', 'hostname', 'name', 'msg', 'v']);

export interface LogStream {
  line(service: string, stream: 'stdout' | 'stderr', text: string): void;
  own(level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>): void;
}

function hhmmss(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:${String(d.getSeconds()).padStart(2, '0')}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

function tail(rec: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(rec)) {
    if (OWN.has(k) || v === undefined) continue;
    if (k === 'err' && v && typeof v === 'object') parts.push(`err=${JSON.stringify((v as { message?: string }).message ?? v)}`);
    else parts.push(`${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  return parts.join(' ');
}

export function createLogStream(options: { tty: boolean; write: (text: string) => void; color?: boolean }): LogStream {
  const width = 9;
  const colorOf = new Map<string, number>();
  const paint = (code: number | undefined, text: string) => (options.color && code ? `\x1b[${code}m${text}\x1b[0m` : text);
  const prefix = (service: string) => {
    if (!colorOf.has(service)) colorOf.set(service, COLORS[colorOf.size % COLORS.length]!);
    return paint(colorOf.get(service), service.padEnd(width));
  };
  const human = (service: string, time: number, level: string, msg: string, rest: string) =>
    options.write(`${hhmmss(time)} ${prefix(service)} ${paint(LEVEL_COLORS[level], level.padEnd(5))} ${msg}${rest ? `  ${rest}` : ''}\n`);

  return {
    line(service, stream, text) {
      let rec: Record<string, unknown> | undefined;
      if (text.startsWith('{')) {
        try { rec = JSON.parse(text) as Record<string, unknown>; } catch { rec = undefined; }
      }
      if (options.tty) {
        if (rec) human(service, Number(rec.time ?? Date.now()), LEVELS[Number(rec.level)] ?? 'INFO', String(rec.msg ?? ''), tail(rec));
        else human(service, Date.now(), stream === 'stderr' ? 'WARN' : 'INFO', text, '');
        return;
      }
      const out = rec ? { service, ...rec } : { service, level: stream === 'stderr' ? 40 : 30, time: Date.now(), stream, msg: text };
      options.write(`${JSON.stringify(out)}\n`);
    },
    own(level, msg, fields = {}) {
      const code = level === 'info' ? 30 : level === 'warn' ? 40 : 50;
      if (options.tty) human('vitals', Date.now(), LEVELS[code]!, msg, tail(fields));
      else {
        // `service` names the writer of a line; the child a supervisor message is about is its `target`.
        const { service, ...rest } = fields;
        options.write(`${JSON.stringify({ service: 'vitals', level: code, time: Date.now(), msg, ...(service ? { target: service } : {}), ...rest })}\n`);
      }
    },
  };
}
