/**
 * Escapes a tag key/value or measurement for line protocol. Line protocol has no escape
 * for a newline in a tag (it would end the line and start a forged one): `\n` and `\r`
 * are written as the two characters backslash-n / backslash-r. Ids are validated before
 * they get here; this is the second line of defence.
 */
export const escapeTag = (s: string) => s.replace(/[,= \\\n\r]/g, (c) => (c === '\n' ? '\\\\n' : c === '\r' ? '\\\\r' : `\\${c}`));
