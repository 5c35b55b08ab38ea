import { expect } from 'chai';
import { describeEachDb } from '../support/db';
import { testConfig } from '../support/config';
import { buildStatus, renderStatus } from '../../src/scheduler/status';
import { jobPlans } from '../../src/scheduler/plan';
import { acquireLease } from '../../src/db/leases';
import { finishRun, startRun } from '../../src/db/jobRuns';
import { insertQuarantine } from '../../src/db/quarantine';
import { amsterdamInstant } from '../../src/domain/dates';

const NIGHTLY = 'nachtelijke-verwerking';
const RETENTION = 'bewaartermijnen';

describeEachDb('status', (t) => {
  const config = testConfig({ VS_STATUS_QUARANTINE_DAYS: '14' });
  const plans = jobPlans(config.schedule, { nightly: NIGHTLY, retention: RETENTION });
  const names = { retention: RETENTION, monthlyAvailable: false };

  async function ok(job: string, key: string, at: Date, counts: Record<string, unknown> | null = null) {
    const id = await startRun(t().db, job, key, at);
    await finishRun(t().db, id, 'geslaagd', counts, null, at);
  }

  it('is in order when every planned run succeeded', async () => {
    const now = amsterdamInstant('2026-03-05', '09:00:00');
    for (const d of ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04']) await ok(NIGHTLY, d, now);
    await ok(RETENTION, '2026-03-05', now, { huishoudens: 3, signaalReferenties: 5, quarantaine: 1, contactnotities: 0, toestemmingOndertekenaars: 0 });
    const s = await buildStatus(t().db, config, plans, now, names);
    expect(s.attention).to.deep.equal([]);
    expect(s.open).to.deep.equal([]);
    expect(s.next.map((r) => `${r.job}:${r.key}`)).to.deep.equal([`${NIGHTLY}:2026-03-05`, `${RETENTION}:2026-03-06`]);
    expect(s.retention?.counts).to.include({ huishoudens: 3, signaalReferenties: 5 });
    expect(renderStatus(s)).to.include('Alles in orde.').and.include('3 huishoudens, 5 referenties');
  });

  it('needs attention for a failed last run, a missed date, a stale lease and old quarantine', async () => {
    const { db } = t();
    const now = amsterdamInstant('2026-03-05', '09:00:00');
    await ok(NIGHTLY, '2026-03-01', now);
    await ok(NIGHTLY, '2026-03-02', now);
    const failed = await startRun(db, NIGHTLY, '2026-03-03', amsterdamInstant('2026-03-04', '01:30:00'));
    await finishRun(db, failed, 'mislukt', null, 'Bron onbereikbaar\nstack…', amsterdamInstant('2026-03-04', '01:31:00'));
    await ok(RETENTION, '2026-03-05', now);
    await acquireLease(db, NIGHTLY, 'dode-host:1:aa', '2026-03-04', amsterdamInstant('2026-03-05', '01:30:00'), 10 * 60_000);
    await insertQuarantine(db, { sourceKey: 'bron', sourceRowId: '7', businessDate: '2026-02-10', runId: null, raw: {}, problems: [] }, now);
    const s = await buildStatus(db, config, plans, now, names);
    expect(s.attention).to.deep.equal([
      'Laatste run van nachtelijke-verwerking (03-03-2026) is mislukt: Bron onbereikbaar',
      'Gemist: nachtelijke-verwerking voor 03-03-2026 (gepland 04-03-2026 01:30, status: klaar-om-te-draaien)',
      'Gemist: nachtelijke-verwerking voor 04-03-2026 (gepland 05-03-2026 01:30, status: klaar-om-te-draaien)',
      'Verlopen slot nachtelijke-verwerking van dode-host:1:aa (verlopen 05-03-2026 01:40): die verwerking is waarschijnlijk gestopt',
      '1 melding(en) in quarantaine, de oudste al 23 dagen (grens 14): npx vroegsignaal quarantine',
    ]);
    expect(s.quarantine).to.deep.equal({ open: 1, oldestDate: '2026-02-10', oldestDays: 23 });
    expect(renderStatus(s)).to.include('AANDACHT NODIG (5)');
  });
});
