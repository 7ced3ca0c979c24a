/**
 * What the libsql package does not tell about a statement, read from its text: its parameters
 * (SQLite's numbering: `?` takes the next number, `?NNN` its own, a name the next one on first
 * use), how many statements it holds, and whether it is an EXPLAIN. Quotes, identifiers in
 * brackets or backticks and comments are skipped, as SQLite's own tokenizer skips them.
 */
export interface SqlText {
  /** Parameter names by number (index 0 is parameter 1); null for `?` and for unused numbers. */
  params: (string | null)[];
  /** Statements with any token in them (a trailing `;` or comment makes none). */
  statements: number;
  isExplain: boolean;
}

const IDENT = /[\p{L}\p{N}_$]/u;

export function scanSql(sql: string): SqlText {
  const params: (string | null)[] = [];
  const named = new Map<string, number>();
  let statements = 0;
  let tokensInStatement = 0;
  let firstWord = '';
  let i = 0;
  const skipTo = (end: string, from: number) => {
    const at = sql.indexOf(end, from);
    return at < 0 ? sql.length : at + end.length;
  };
  const skipQuoted = (quote: string) => {
    // A doubled quote inside is the quote itself.
    let j = i + 1;
    for (;;) {
      j = skipTo(quote, j);
      if (sql[j] !== quote) return j;
      j += 1;
    }
  };
  while (i < sql.length) {
    const ch = sql[i] as string;
    const next = sql[i + 1];
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === '-' && next === '-') {
      i = skipTo('\n', i);
      continue;
    }
    if (ch === '/' && next === '*') {
      i = skipTo('*/', i + 2);
      continue;
    }
    if (ch === ';') {
      if (tokensInStatement > 0) statements += 1;
      tokensInStatement = 0;
      i += 1;
      continue;
    }
    tokensInStatement += 1;
    if (ch === "'" || ch === '"' || ch === '`') {
      i = skipQuoted(ch);
    } else if (ch === '[') {
      i = skipTo(']', i);
    } else if (ch === '?') {
      let j = i + 1;
      while (j < sql.length && /[0-9]/.test(sql[j] as string)) j += 1;
      if (j === i + 1) {
        params.push(null);
      } else {
        const index = Number(sql.slice(i + 1, j));
        while (params.length < index) params.push(null);
        params[index - 1] = sql.slice(i, j);
      }
      i = j;
    } else if ((ch === ':' || ch === '@' || ch === '$') && next && IDENT.test(next)) {
      let j = i + 1;
      while (j < sql.length && IDENT.test(sql[j] as string)) j += 1;
      const name = sql.slice(i, j);
      if (!named.has(name)) {
        params.push(name);
        named.set(name, params.length);
      }
      i = j;
    } else if (IDENT.test(ch)) {
      let j = i;
      while (j < sql.length && IDENT.test(sql[j] as string)) j += 1;
      if (statements === 0 && tokensInStatement === 1) firstWord = sql.slice(i, j).toUpperCase();
      i = j;
    } else {
      i += 1;
    }
  }
  if (tokensInStatement > 0) statements += 1;
  return { params, statements, isExplain: firstWord === 'EXPLAIN' };
}
