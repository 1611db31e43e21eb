import { describe, expect, it } from 'vitest';
import { UserError } from '../../errors.js';
import { maskUrl, parseMysqlUrl } from './url.js';

describe('parseMysqlUrl', () => {
  it('reads user, password, host, port and database, and shows the password masked', () => {
    expect(parseMysqlUrl('mysql://app:p%40ss%2Fw0rd@db.example:3307/orders')).toEqual({
      host: 'db.example', port: 3307, user: 'app', password: 'p@ss/w0rd', database: 'orders',
      display: 'mysql://app:***@db.example:3307/orders',
    });
    expect(parseMysqlUrl('mysql://root@127.0.0.1/test')).toMatchObject({ port: 3306, password: '', display: 'mysql://root@127.0.0.1/test' });
    expect(parseMysqlUrl('mysql://root:x@[::1]:3306/test')).toMatchObject({ host: '::1', display: 'mysql://root:***@[::1]:3306/test' });
  });

  it('refuses what is not a mysql:// URL with a database, never echoing the password', () => {
    for (const bad of ['mysql://root:s3cret@host', 'http://root:s3cret@host/db', 'mysql://root:s3cret@host/db?ssl=1', 'mysql://:s3cret@host/db', 'mysql//root:s3cret@host/db', 'mysql://root:%E0%A4%A@host/db']) {
      let err: unknown;
      try {
        parseMysqlUrl(bad);
      } catch (e) {
        err = e;
      }
      expect(err, bad).toBeInstanceOf(UserError);
      expect((err as Error).message, bad).not.toMatch(/s3cret|%E0%A4%A/);
    }
  });
});

describe('maskUrl', () => {
  it('masks the password even in text that is no valid URL', () => {
    expect(maskUrl('mysql://root:a@b:c@host/db')).toBe('mysql://root:***@host/db');
    expect(maskUrl('mysql://root@host/db')).toBe('mysql://root@host/db');
    expect(maskUrl('no url')).toBe('no url');
  });
});
