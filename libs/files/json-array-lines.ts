/**
 * The 1-based line on which each element of a top-level JSON array starts, so that errors in
 * accounts.json / tariffs.json can name a line like JSON Lines errors do. Expects text that
 * JSON.parse has already accepted.
 */
export function arrayEntryLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectEntry = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line += 1;
    if (inString) {
      if (c === 92) i += 1; // backslash: skip the escaped character (never a newline in valid JSON)
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (depth === 1 && expectEntry && c !== 93) {
      lines.push(line);
      expectEntry = false;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth += 1;
      if (depth === 1 && c === 91) expectEntry = true;
    } else if (c === 93 || c === 125) depth -= 1;
    else if (c === 44 && depth === 1) expectEntry = true;
  }
  return lines;
}

/** The line of a JSON.parse error, when its message gives a position (V8: "at position 12"). */
export function lineOfParseError(text: string, err: Error): number {
  const m = /at position (\d+)/.exec(err.message);
  if (!m) return 1;
  const end = Math.min(Number(m[1]), text.length);
  let line = 1;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}
