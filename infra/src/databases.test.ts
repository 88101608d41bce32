import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { databaseNameOf, databaseUrlOn } from './databases.ts';

describe('a database\'s URL', () => {
  it('names another database on the same server, with its user, password and parameters', () => {
    assert.equal(
      databaseUrlOn('postgres://csms:s3cret@db.example:6432/csms?sslmode=require', 'rebuildbench_lx2k9'),
      'postgres://csms:s3cret@db.example:6432/rebuildbench_lx2k9?sslmode=require',
    );
  });

  it('reads back the name it was given', () => {
    for (const name of ['csms', 'csms_test_0a1b2c3d', 'Rebuild_2']) {
      assert.equal(databaseNameOf(databaseUrlOn('postgres://postgres@127.0.0.1:5432/postgres', name)), name);
    }
  });

  it('reads a DATABASE_URL\'s own name as pg does', () => {
    assert.equal(databaseNameOf('postgres://postgres@127.0.0.1:5432/my%20db'), 'my db');
  });

  it('refuses a name a URL would escape or PostgreSQL would cut short, so the database made is the one connected to', () => {
    for (const name of ['Odd "name"/x?', 'a/b', 'caf\u00e9', '', 'x'.repeat(64)]) {
      assert.throws(() => databaseUrlOn('postgres://postgres@127.0.0.1:5432/postgres', name), /only letters, digits and _/);
    }
  });
});
