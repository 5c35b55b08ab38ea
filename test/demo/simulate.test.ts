import { expect } from 'chai';
import knexFactory, { type Knex } from 'knex';
import { testDbKinds, type TestDb } from '../support/db';
import { testConfig } from '../support/config';
import { silentLogger } from '../../src/logging';
import { createDemoSource } from '../../src/demo/ensure';
import { demoSourceDateRange } from '../../src/demo/source';
import { SourceReader } from '../../src/source/reader';
import { runNightlyDates } from '../../src/cli/commands/nightly';
import type { App } from '../../src/cli/app';
import { dateRange } from '../../src/domain/dates';
import { CASE_STATUSES, FINAL_RESULTS, PARTNER_FEEDBACK_VALUES, ROUTES } from '../../src/domain/casework';
import { chance, SIM_RATES } from '../../src/demo/simulate';

/** The demo as `npm start` runs it (seed 2026, Diemen, 3 months), on a test database. */
export async function runDemo(db: Knex, endDate: string): Promise<void> {
  const config = testConfig();
  const src = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
  try {
    await createDemoSource(src, 'meldingen', { seed: 2026, months: 3, endDate, gemeenteCode: '0384' });
    const range = (await demoSourceDateRange(src, 'meldingen'))!;
    const app: App = {
      config, db, logger: silentLogger(),
      sourceDb: () => src,
      source: () => new SourceReader(src, 'meldingen', config.sourceColumns),
      ctx: (o = {}) => ({ db, config, logger: silentLogger(), now: () => new Date(`${endDate}T23:00:00Z`), dryRun: false, ...o }),
      close: async () => undefined,
    };
    await runNightlyDates(app, dateRange(range.from, range.to), { skipDone: true, quiet: true, simulate: { seed: 2026 } });
  } finally {
    await src.destroy();
  }
}

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v);

for (const kind of testDbKinds()) describe(`simulated caseworkers in the demo [${kind.kind}]`, function () {
  this.timeout(300_000);
  let t: TestDb;
  // One demo run (3 months, as `npm start`) shared by the assertions below: it is the expensive part.
  before(async () => {
    t = await kind.create();
    await runDemo(t.db, '2026-11-30');
  });
  after(async () => t.close());

  it('leaves cases in every state and every route, all worked cases marked simulated', async () => {
    const db = t.db;
    const statuses = (await db('cases').select('status').count({ n: '*' }).groupBy('status')) as Row[];
    expect(statuses.map((s) => s.status).sort()).to.deep.equal([...CASE_STATUSES].sort());
    const routes = (await db('case_routes').distinct('route')) as Row[];
    expect(routes.map((r) => r.route).sort()).to.deep.equal([...ROUTES].sort());
    const worked = (await db('cases').whereNot({ status: 'nieuw' }).select('simulated', 'assigned_to')) as Row[];
    expect(worked.every((c) => (c.simulated === true || num(c.simulated) === 1) && String(c.assigned_to).startsWith('simulatie:'))).to.equal(true);
    const actors = (await db('audit_log').whereIn('action', ['zaak.contactpoging', 'route.gestart', 'zaak.afgesloten']).distinct('actor')) as Row[];
    expect(actors.every((a) => String(a.actor).startsWith('simulatie:'))).to.equal(true);
    // Rates (FACTS.md): about 1 in 5 reached among cases with three attempts or contact.
    const attempted = num(((await db('cases').whereNotNull('first_attempt_date').count({ n: '*' })) as Row[])[0].n);
    const reached = num(((await db('cases').whereNotNull('first_contact_date').count({ n: '*' })) as Row[])[0].n);
    expect(reached / attempted).to.be.within(0.1, 0.3);
  });

  it('every referral and zorgmelding is in the audit trail and the data-sharing log', async () => {
    const db = t.db;
    const referrals = (await db('case_routes').whereIn('route', ['eigen-netwerk', 'vrijwilliger', 'inhouding', 'budgetbeheer'])) as Row[];
    expect(referrals.length).to.be.greaterThan(3);
    for (const r of referrals) {
      const shared = (await db('data_sharing_log').where({ case_id: r.case_id, direction: 'doorgegeven', consent_id: r.consent_id })) as Row[];
      expect(shared.length, `sharing of route ${r.id}`).to.be.greaterThan(1);
      expect(shared.every((s) => s.business_date === r.started_date && s.legal_basis && num(s.record_count) === 1)).to.equal(true);
      const audited = (await db('audit_log').where({ case_id: r.case_id, action: 'route.gestart', entity_id: String(r.id) })) as Row[];
      expect(audited).to.have.length(1);
      const consent = (await db('consents').where({ id: r.consent_id }).first()) as Row;
      expect(String(consent.signed_date) <= String(r.started_date)).to.equal(true);
    }
    const budget = (await db('case_routes').where({ route: 'budgetbeheer' })) as Row[];
    for (const b of budget) {
      const approval = (await db('municipal_approvals').where({ id: b.approval_id }).first()) as Row;
      expect([approval.decision, approval.decided_by]).to.deep.equal(['goedgekeurd', 'simulatie:gemeente']);
    }
    const zm = (await db('zorgmeldingen')) as Row[];
    expect(zm.length).to.be.greaterThan(0);
    expect(zm.some((z) => z.tenant_informed_date !== null)).to.equal(true);
    for (const z of zm) {
      const shared = (await db('data_sharing_log').where({ case_id: z.case_id, counterparty: 'gemeente:zorgmelding' })) as Row[];
      expect(shared.map((s) => s.category).sort()).to.deep.equal(['achterstand', 'kinderen', 'naw']);
      expect((await db('audit_log').where({ case_id: z.case_id, action: 'zorgmelding.gedaan' })) as Row[]).to.have.length(1);
      const c = (await db('cases').where({ id: z.case_id }).first()) as Row;
      expect(c.zorgmelding_made_at).to.not.equal(null);
    }
    // No more sharing rows than referrals and zorgmeldingen account for.
    const passedOn = (await db('data_sharing_log').where({ direction: 'doorgegeven' }).select('case_id').distinct()) as Row[];
    const accounted = new Set([...referrals.map((r) => num(r.case_id)), ...zm.map((z) => num(z.case_id))]);
    expect(passedOn.every((p) => accounted.has(num(p.case_id)))).to.equal(true);
  });

  it('closes with exact DDAS final results and only allowed partner feedback', async () => {
    const rows = (await t.db('cases').whereNotNull('closed_date').select('final_result', 'partner_feedback')) as Row[];
    expect(rows.length).to.be.greaterThan(100);
    expect(rows.every((r) => (Object.values(FINAL_RESULTS) as unknown[]).includes(r.final_result))).to.equal(true);
    expect(rows.every((r) => (PARTNER_FEEDBACK_VALUES as readonly unknown[]).includes(r.partner_feedback))).to.equal(true);
  });

  it('draws its choices deterministically from the seed', () => {
    expect(chance(2026, 17, 'reached')).to.equal(chance(2026, 17, 'reached'));
    expect(chance(2026, 17, 'reached')).to.not.equal(chance(2027, 17, 'reached'));
    const hits = Array.from({ length: 5000 }, (_, i) => chance(2026, i, 'reached') < SIM_RATES.reached).filter(Boolean).length;
    expect(hits / 5000).to.be.within(0.18, 0.22);
  });
});
