/** A URL as it may be logged: any password in it replaced, the rest (host, port, db) kept for diagnosis. */
export function redactUrl(url: URL): string {
  if (url.password === '') return url.href;
  const copy = new URL(url.href);
  copy.password = 'redacted';
  return copy.href;
}
