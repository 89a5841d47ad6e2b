import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRow, queryRows } from '../../api/db/plain-sql.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

/**
 * `queryRows`, the hot path's way to send a statement (api/db/plain-sql.ts): outside a transaction
 * on a pooled connection, inside one on the transaction's own connection, values inlined safely,
 * errors converted as `em.execute` converts them.
 */
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await t.sql('create table plain_sql_probe (name text primary key)');
});

afterAll(async () => {
  await t.sql('drop table plain_sql_probe');
  await t.close();
});

describe('queryRows', () => {
  it('inlines values as values: a quote, a backslash and a would-be injection come back unchanged', async () => {
    const tricky = ["O'Brien", 'C:\\depot\\', "x'); drop table plain_sql_probe; --"];
    for (const name of tricky) await queryRows(t.orm.em.fork(), 'insert into plain_sql_probe (name) values (?)', [name]);
    const rows = await queryRows<{ name: string }>(t.orm.em.fork(), 'select name from plain_sql_probe where name in (?) order by name', [tricky]);
    expect(rows.map((row) => row.name)).toEqual([...tricky].sort());
    expect(await queryRow(t.orm.em.fork(), 'select name from plain_sql_probe where name = ?', ['nobody'])).toBeUndefined();
  });

  it("runs on the transaction's connection inside a transaction: its write is rolled back with it", async () => {
    await expect(
      t.orm.em.fork().transactional(async (tx) => {
        await queryRows(tx, 'insert into plain_sql_probe (name) values (?)', ['rolled back']);
        // the transaction sees its own write
        expect(await queryRow(tx, 'select name from plain_sql_probe where name = ?', ['rolled back'])).toEqual({ name: 'rolled back' });
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect(await queryRow(t.orm.em.fork(), 'select name from plain_sql_probe where name = ?', ['rolled back'])).toBeUndefined();
  });

  it('converts errors as em.execute does, and gives the connection back to the pool', async () => {
    await queryRows(t.orm.em.fork(), 'insert into plain_sql_probe (name) values (?)', ['twice']);
    // more failures than the pool has connections: a connection not given back would exhaust it
    for (let attempt = 0; attempt < 15; attempt++) {
      await expect(queryRows(t.orm.em.fork(), 'insert into plain_sql_probe (name) values (?)', ['twice'])).rejects.toBeInstanceOf(UniqueConstraintViolationException);
    }
    expect(await queryRow(t.orm.em.fork(), 'select count(*)::int as count from plain_sql_probe where name = ?', ['twice'])).toEqual({ count: 1 });
  });
});
