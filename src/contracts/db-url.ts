/**
 * Which store a `db` setting names, and how to show it. A `postgres://` or `postgresql://` URL names a
 * PostgreSQL server; anything else is a SQLite file path. A URL's password never reaches a log line,
 * `status` or an error message: it is shown as "***".
 */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db.trim());
}

/** The URL with its password (and a `password` query parameter) replaced by "***"; a path unchanged. */
export function redactDbUrl(db: string): string {
  if (!isPostgresUrl(db)) return db;
  try {
    const u = new URL(db);
    if (u.password) u.password = '***';
    if (u.searchParams.has('password')) u.searchParams.set('password', '***');
    return u.toString();
  } catch {
    // Not parseable: hide everything between "//" and "@", where a password would be.
    return db.replace(/\/\/[^@/]*@/, '//***@');
  }
}

/** Whether the URL carries a password (the config file must not hold one). */
export function urlHasPassword(db: string): boolean {
  if (!isPostgresUrl(db)) return false;
  try {
    const u = new URL(db);
    return u.password !== '' || u.searchParams.has('password');
  } catch {
    return /\/\/[^@/]*:[^@/]*@/.test(db);
  }
}

/**
 * The URL with this password set when it holds none. node-postgres lets a connection string's (missing)
 * password win over a `password` option, so the password goes into the URL itself.
 */
export function withPassword(db: string, password: string | null | undefined): string {
  if (!password || !isPostgresUrl(db) || urlHasPassword(db)) return db;
  try {
    const u = new URL(db);
    if (!u.username) return db;
    u.password = encodeURIComponent(password);
    return u.toString();
  } catch {
    return db;
  }
}
