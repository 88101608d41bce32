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

  it('reads back the name it was given, even one that needs escaping in a URL', () => {
    for (const name of ['csms', 'csms_test_0a1b2c3d', 'Odd "name"/x?']) {
      assert.equal(databaseNameOf(databaseUrlOn('postgres://postgres@127.0.0.1:5432/postgres', name)), name);
    }
  });
});
