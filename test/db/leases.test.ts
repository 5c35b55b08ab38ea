import { expect } from 'chai';
import knexFactory from 'knex';
import { describeEachDb } from '../support/db';
import { acquireLease, getLease, isUniqueViolation, listLeases, releaseLease, renewLease } from '../../src/db/leases';

const T0 = new Date('2026-03-02T00:30:00.000Z');
const min = (n: number) => new Date(T0.getTime() + n * 60_000);
const TTL = 10 * 60_000;

describeEachDb('job leases', (t) => {
  it('gives the lease to one holder until it is released or expires', async () => {
    const { db } = t();
    expect(await acquireLease(db, 'nachtelijke-verwerking', 'a', '2026-03-01', T0, TTL)).to.include({ holder: 'a', expiresAt: '2026-03-02T00:40:00.000Z' });
    expect(await acquireLease(db, 'nachtelijke-verwerking', 'b', '2026-03-01', min(5), TTL)).to.equal(null);
    // Another job has its own lease.
    expect(await acquireLease(db, 'bewaartermijnen', 'b', null, min(5), TTL)).to.include({ holder: 'b' });
    // Renewing keeps it alive past the first expiry.
    expect(await renewLease(db, 'nachtelijke-verwerking', 'a', min(8), TTL)).to.equal(true);
    expect(await acquireLease(db, 'nachtelijke-verwerking', 'b', null, min(12), TTL)).to.equal(null);
    // Holder a dies: after expiry b takes over, and a can no longer renew.
    expect(await acquireLease(db, 'nachtelijke-verwerking', 'b', '2026-03-01', min(19), TTL)).to.include({ holder: 'b' });
    expect(await renewLease(db, 'nachtelijke-verwerking', 'a', min(20), TTL)).to.equal(false);
    await releaseLease(db, 'nachtelijke-verwerking', 'a'); // not a's any more: no effect
    expect((await getLease(db, 'nachtelijke-verwerking'))?.holder).to.equal('b');
    await releaseLease(db, 'nachtelijke-verwerking', 'b');
    expect(await getLease(db, 'nachtelijke-verwerking')).to.equal(null);
    expect((await listLeases(db)).map((l) => l.name)).to.deep.equal(['bewaartermijnen']);
  });

  it('lets only one of many simultaneous takers win', async () => {
    const { db } = t();
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((h) => acquireLease(db, 'x', h, null, T0, TTL)));
    expect(results.filter((r) => r !== null)).to.have.length(1);
  });
});

describe('job leases on SQL Server', () => {
  it('compile without upsert: insert, conditional update, delete', () => {
    const mssql = knexFactory({ client: 'mssql' });
    const insert = mssql('job_leases').insert({ name: 'x', holder: 'a', scope: null, acquired_at: 't', renewed_at: 't', expires_at: 'e' }).toSQL().sql;
    const update = mssql('job_leases').where({ name: 'x' }).andWhere((q) => q.where('expires_at', '<', 'now').orWhere({ holder: 'a' })).update({ holder: 'a' }).toSQL().sql;
    expect(insert).to.match(/^insert into \[job_leases\]/);
    expect(update).to.match(/^update \[job_leases\] set \[holder\] = \? where \[name\] = \? and \(\[expires_at\] < \? or \(\[holder\] = \?\)\);select @@rowcount$/);
  });

  it('recognises the unique violations of all three drivers', () => {
    expect(isUniqueViolation({ code: '23505' })).to.equal(true);
    expect(isUniqueViolation({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' })).to.equal(true);
    expect(isUniqueViolation({ number: 2627 })).to.equal(true);
    expect(isUniqueViolation({ code: 'SQLITE_BUSY', message: 'database is locked' })).to.equal(false);
  });
});
