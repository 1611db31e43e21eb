// The --mysql flag: `mysql://user:password@host:port/database` (user and password URL-encoded;
// port 3306 by default). The password never leaves this module in text: every URL shown to a
// person is the masked form, `mysql://user:***@host:port/database`.
import { UserError } from '../../errors.js';

export interface MysqlTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** The URL as it may be printed: the password replaced by `***`. */
  display: string;
}

const FORM = 'mysql://user:password@host:port/database';

/**
 * Masks the password of any `scheme://user:password@…` text, even one that is not a valid URL:
 * everything between the first `:` after `//` and the last `@` (over-masking is safe).
 */
export function maskUrl(text: string): string {
  const start = text.indexOf('//');
  if (start < 0) return text;
  const at = text.lastIndexOf('@');
  const colon = text.indexOf(':', start + 2);
  if (at < 0 || colon < 0 || colon > at) return text;
  return `${text.slice(0, colon + 1)}***${text.slice(at)}`;
}

export function parseMysqlUrl(text: string): MysqlTarget {
  const shown = maskUrl(text);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(`--mysql ${shown} is not a URL: write it as ${FORM}`);
  }
  if (url.protocol !== 'mysql:') throw new UserError(`--mysql ${shown} must start with mysql:// (${FORM})`);
  if (url.search !== '' || url.hash !== '') throw new UserError(`--mysql ${shown} takes no ?options or #fragment: write it as ${FORM}`);
  const database = decode(url.pathname.replace(/^\//, ''), shown);
  if (database === '' || database.includes('/')) throw new UserError(`--mysql ${shown} names no database: write it as ${FORM}`);
  if (url.hostname === '') throw new UserError(`--mysql ${shown} names no host: write it as ${FORM}`);
  const user = decode(url.username, shown);
  if (user === '') throw new UserError(`--mysql ${shown} names no user: write it as ${FORM}`);
  const port = url.port === '' ? 3306 : Number(url.port);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const auth = url.password === '' ? encodeURIComponent(user) : `${encodeURIComponent(user)}:***`;
  const display = `mysql://${auth}@${url.host}/${encodeURIComponent(database)}`;
  return { host, port, user, password: decode(url.password, shown), database, display };
}

function decode(part: string, shown: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new UserError(`--mysql ${shown} has a malformed %-escape: URL-encode the user and password`);
  }
}
