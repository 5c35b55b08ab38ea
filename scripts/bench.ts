/**
 * `npm run bench`: speed and memory of the monthly report for a large municipality.
 *
 * Builds a 12-month data set the size of Amsterdam (~4,000 signals a month) by inserting
 * report-ready rows in bulk into a fresh SQLite file (running the nightly pipeline for 365 days
 * would measure the intake, not the report), then times the 12-month report: loading the snapshot,
 * the model, the Excel workbook and the PDF, and prints wall time per step and peak memory.
 *
 * Then times the nightly intake itself: one month of demo reports for Amsterdam (~4,000) through the
 * real nightly job, day by day (validation, matching, rules, queues, escalation on open cases).
 *
 * Options: --months N (default 12), --per-month N (default 4000), --keep (keep the database file),
 * --zonder-nachtelijk (skip the intake part).
 * Never run from tests: timings depend on the machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { openDb, migrateLatest } from '../src/db/connection';
import { insertChunked } from '../src/db/rows';
import { addDays, addMonths, daysInMonth, lastOfMonth } from '../src/domain/dates';
import { addWorkingDays } from '../src/domain/workdays';
import { loadReportSnapshot } from '../src/db/reportData';
import { buildMonthlyReport } from '../src/domain/reports/model';
import { renderXlsx } from '../reports/xlsx';
import { renderPdf } from '../reports/pdf';
import { generateDemo } from '../src/demo/generator';
import { writeDemoSource } from '../src/demo/source';
import { findGemeente } from '../src/domain/gemeenten';
import { SourceReader } from '../src/source/reader';
import { loadConfig } from '../src/config';
import { silentLogger } from '../src/logging';
import { dateRange } from '../src/domain/dates';
import { run as runNightly } from '../jobs/nightly';

const args = process.argv.slice(2);
const opt = (name: string, def: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const MONTHS = opt('months', 12);
const PER_MONTH = opt('per-month', 4000);
const REPORT_MONTH = '2026-10';
const GEMEENTE = '0363';

/** Small deterministic generator (mulberry32): the same data every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let peakRss = 0;
let peakHeap = 0;
function sample(): void {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

async function timed<T>(label: string, fn: () => Promise<T> | T): Promise<T> {
  const t0 = process.hrtime.bigint();
  const timer = setInterval(sample, 20);
  try {
    const out = await fn();
    sample();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    process.stdout.write(`${label.padEnd(44)} ${(ms / 1000).toFixed(2).padStart(7)} s   heap ${mb(process.memoryUsage().heapUsed).padStart(7)}\n`);
    return out;
  } finally {
    clearInterval(timer);
  }
}

async function generate(db: Knex): Promise<{ signals: number; cases: number }> {
  const rand = rng(2026);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const now = '2026-11-01T06:00:00.000Z';
  const partners = [
    ['EH', 'Woningcorporatie Eigen Haard', 'Huur'], ['YM', 'Ymere', 'Huur'], ['RD', 'Rochdale', 'Huur'], ['VF', 'Vattenfall', 'Energie'],
    ['EC', 'Eneco', 'Energie'], ['WN', 'Waternet', 'Water'], ['ZK', 'Zilveren Kruis', 'Zorg'], ['ZZ', 'Zorg en Zekerheid', 'Zorg'],
    ['CW', 'Gemeentelijke Kredietbank Één Loket', 'Overige'],
  ];
  await insertChunked(db, 'partners', partners.map(([code, name, type], i) => ({ id: i + 1, code, name, type, created_at: now })));
  const firstMonth = addMonths(`${REPORT_MONTH}-01`, -(MONTHS - 1)).slice(0, 7);
  const households: Record<string, unknown>[] = [];
  const signals: Record<string, unknown>[] = [];
  const cases: Record<string, unknown>[] = [];
  const entries: Record<string, unknown>[] = [];
  const attempts: Record<string, unknown>[] = [];
  const routes: Record<string, unknown>[] = [];
  const consents: Record<string, unknown>[] = [];
  const approvals: Record<string, unknown>[] = [];
  const zorg: Record<string, unknown>[] = [];
  const sharing: Record<string, unknown>[] = [];
  const audits: Record<string, unknown>[] = [];
  const quarantine: Record<string, unknown>[] = [];
  let hid = 0, sid = 0, cid = 0, kid = 0, aid = 0;
  const reportEnd = lastOfMonth(REPORT_MONTH);
  const clip = (d: string) => (d > reportEnd ? null : d);
  for (let m = 0; m < MONTHS; m += 1) {
    const month = addMonths(`${firstMonth}-01`, m).slice(0, 7);
    const [y, mo] = month.split('-').map(Number);
    const days = daysInMonth(y, mo);
    const perDay = new Map<string, number>();
    for (let i = 0; i < PER_MONTH; i += 1) {
      const date = `${month}-${String(1 + Math.floor(rand() * days)).padStart(2, '0')}`;
      const partnerId = 1 + Math.floor(rand() * partners.length);
      perDay.set(`${date}|${partnerId}`, (perDay.get(`${date}|${partnerId}`) ?? 0) + 1);
      if (rand() < 0.01) {
        quarantine.push({ source_key: 'bench', source_row_id: `q${i}-${m}`, business_date: date, raw_json: JSON.stringify({ partnerCode: partners[partnerId - 1][0], gemeenteCode: GEMEENTE }), problems_json: '[]', status: 'open', created_at: now });
        continue;
      }
      hid += 1;
      households.push({ id: hid, name_key: 'x', last_name: 'x', house_number: hid, postcode: '1011AB', created_at: now, updated_at: now });
      sid += 1;
      const r = rand();
      const pickedUp = r < 0.8;
      const arrears = 5_000 + Math.floor(rand() * 400_000);
      let caseId: number | null = null;
      if (pickedUp) {
        cid += 1;
        caseId = cid;
        const eviction = rand() < 0.05;
        const term = eviction ? 3 : 20;
        const closedAfter = rand() < 0.7 ? Math.floor(10 + rand() * 80) : null;
        const closed = closedAfter === null ? null : clip(addDays(date, closedAfter));
        const reached = rand() < 0.6;
        const firstAttempt = addDays(date, 1 + Math.floor(rand() * 10));
        const firstContact = reached ? addDays(firstAttempt, Math.floor(rand() * 15)) : null;
        cases.push({
          id: cid, household_id: hid, status: closed ? 'afgesloten' : 'in-contact', opened_date: date, eviction_threatened: eviction,
          closed_date: closed, final_result: closed ? pick(['(Budget)advies en/of quick fix', 'Definitief geen contact kunnen krijgen', 'Vervolghulp en/of verwijzing financieel']) : null,
          first_attempt_date: clip(firstAttempt), first_contact_date: firstContact ? clip(firstContact) : null, version: 1, created_at: now, updated_at: now,
        });
        entries.push({ case_id: cid, queue: eviction ? 'spoed' : pick(['regulier', 'regulier', 'gezin']), priority: eviction ? 1 : 5, deadline: addWorkingDays(date, term), term_workdays: term, business_date: date, entered_at: now });
        attempts.push({ case_id: cid, kind: pick(['Telefoon', 'Brief', 'Huisbezoek', 'E-mail']), reached: false, attempt_date: firstAttempt, recorded_by: 'bench', created_at: now });
        if (firstContact) attempts.push({ case_id: cid, kind: pick(['Telefoon', 'Huisbezoek']), reached: true, attempt_date: firstContact, recorded_by: 'bench', created_at: now });
        if (firstContact && rand() < 0.3) {
          const route = pick(['schuldregeling', 'eigen-kracht', 'eigen-netwerk', 'vrijwilliger', 'inhouding', 'budgetbeheer']);
          const recipient = ({ 'eigen-netwerk': 'netwerk', vrijwilliger: 'vrijwilliger', inhouding: 'gemeente-inhouding', budgetbeheer: 'plangroep' } as Record<string, string>)[route];
          let consentId: number | null = null;
          let approvalId: number | null = null;
          if (recipient) {
            kid += 1;
            consentId = kid;
            consents.push({ id: kid, case_id: cid, signed_by: 'x', recipient, data_categories: '["naw","huur","achterstand"]', signed_date: firstContact, document_ref: 'D', recorded_by: 'bench', created_at: now });
            sharing.push({ occurred_at: now, business_date: firstContact, direction: 'doorgegeven', counterparty: recipient, category: 'naw', record_count: 1, consent_id: kid, case_id: cid });
          }
          if (route === 'budgetbeheer') {
            aid += 1;
            approvalId = aid;
            approvals.push({ id: aid, case_id: cid, subject: 'budgetbeheer', requested_date: firstContact, decision: 'goedgekeurd', decided_date: firstContact, cost_cents: 60_000 + Math.floor(rand() * 60_000), created_at: now });
          }
          routes.push({ case_id: cid, route, status: closed ? 'afgerond' : 'gestart', started_date: firstContact, ended_date: closed, consent_id: consentId, approval_id: approvalId, recorded_by: 'bench', created_at: now });
        }
        if (eviction && rand() < 0.3) {
          const made = addDays(date, 2);
          zorg.push({ case_id: cid, made_at: now, made_date: made, made_by: 'bench', facts_json: '{}', inform_due_date: addWorkingDays(made, 2), tenant_informed_date: rand() < 0.95 ? addDays(made, 1) : null, created_at: now });
        }
        audits.push({ occurred_at: `${date}T10:00:00.000Z`, actor: `cm${Math.floor(rand() * 40)}`, role: 'casemanager', action: 'zaak.bekeken', entity: 'case', entity_id: String(cid), case_id: cid });
      }
      signals.push({
        id: sid, source_key: 'bench', source_row_id: String(sid), business_date: date, partner_id: partnerId, household_id: hid, case_id: caseId,
        gemeente_code: GEMEENTE, partner_reference: 'R', signal_date: date, arrears_cents: arrears,
        status: pickedUp ? 'opgepakt' : 'niet-opgepakt', not_picked_up_reason: pickedUp ? null : pick(['drempelbedrag', 'herhaalmelding', 'al-bekend']),
        is_repeat: !pickedUp && rand() < 0.3, created_at: now,
      });
    }
    for (const [key, n] of perDay) {
      const [date, partnerId] = key.split('|');
      for (const category of ['naw', 'referentie', 'achterstand', 'huur']) {
        sharing.push({ occurred_at: now, business_date: date, direction: 'ontvangen', counterparty: `partner:${partners[Number(partnerId) - 1][0]}`, partner_id: Number(partnerId), category, record_count: n, legal_basis: 'AVG art. 6 lid 1 sub e; Wgs' });
      }
    }
  }
  for (const [table, rows] of [
    ['households', households], ['cases', cases], ['signals', signals], ['quarantine', quarantine], ['queue_entries', entries],
    ['contact_attempts', attempts], ['consents', consents], ['municipal_approvals', approvals], ['case_routes', routes],
    ['zorgmeldingen', zorg], ['data_sharing_log', sharing], ['audit_log', audits],
  ] as Array<[string, Record<string, unknown>[]]>) {
    await db.transaction((trx) => insertChunked(trx, table, rows));
  }
  return { signals: signals.length + quarantine.length, cases: cases.length };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vs-bench-'));
  const file = path.join(dir, 'bench.sqlite');
  const db = openDb({ client: 'sqlite', url: `sqlite:${file}`, filename: file });
  process.stdout.write(`Vroegsignaal bench — maandrapportage ${GEMEENTE} (Amsterdam), ${MONTHS} maanden × ~${PER_MONTH} meldingen, t/m ${REPORT_MONTH}\n`);
  process.stdout.write(`Node ${process.version}, ${os.cpus().length} cores, database ${file}\n\n`);
  try {
    await migrateLatest(db);
    const counts = await timed('data genereren (bulk insert)', () => generate(db));
    process.stdout.write(`  ${counts.signals} meldingen, ${counts.cases} zaken\n`);
    // Reset the peaks: measure the report only.
    global.gc?.();
    peakRss = 0;
    peakHeap = 0;
    const startRss = process.memoryUsage().rss;
    const t0 = Date.now();
    const snapshot = await timed('snapshot laden (12 maanden)', () =>
      loadReportSnapshot(db, { month: REPORT_MONTH, gemeenteCode: GEMEENTE, homeGemeente: GEMEENTE, seriesMonths: MONTHS, retention: { notPickedUpMonths: 6, closedCaseMonths: 12 } }));
    const report = await timed('model berekenen', () => buildMonthlyReport(snapshot));
    const opts = { smallNumbers: false, generatedAt: new Date() };
    const xlsx = await timed('Excel maken', () => renderXlsx(report, opts));
    const pdf = await timed('PDF maken', () => renderPdf(report, opts));
    const total = (Date.now() - t0) / 1000;
    if (args.includes('--keep')) {
      fs.writeFileSync(path.join(dir, 'bench.xlsx'), xlsx);
      fs.writeFileSync(path.join(dir, 'bench.pdf'), pdf);
    }
    const maxRssKb = process.resourceUsage().maxRSS;
    process.stdout.write(`\nTotaal rapport: ${total.toFixed(2)} s\n`);
    process.stdout.write(`Meldingen in de verslagmaand: ${report.current.signals.received}; trend over ${report.series.length} maanden; open zaken ${report.outcomes.backlog.total}\n`);
    process.stdout.write(`Bestanden: xlsx ${(xlsx.length / 1024).toFixed(0)} kB, pdf ${(pdf.length / 1024).toFixed(0)} kB\n`);
    process.stdout.write(`Geheugen: rss bij start rapport ${mb(startRss)}, piek rss tijdens rapport ${mb(peakRss)}, piek heap ${mb(peakHeap)}, maxRSS proces ${mb(maxRssKb * 1024)}\n`);
  } finally {
    await db.destroy();
    if (args.includes('--keep')) process.stdout.write(`Database en rapportage bewaard in: ${dir}\n`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The nightly intake for one month of a large municipality's reports, through the real job. */
async function benchNightly(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vs-bench-nightly-'));
  const config = loadConfig({ VS_DATA_DIR: dir, VS_LOG_LEVEL: 'silent' }, path.resolve(__dirname, '..'));
  const db = openDb(config.db);
  const src = openDb(config.source);
  try {
    await migrateLatest(db);
    const rows = generateDemo({ seed: 2026, endDate: '2026-10-31', months: 1, gemeente: findGemeente(GEMEENTE)! });
    await writeDemoSource(src, 'meldingen', rows);
    const reader = new SourceReader(src, 'meldingen', config.sourceColumns);
    process.stdout.write(`\nNachtelijke verwerking: ${rows.length} demomeldingen (Amsterdam, oktober 2026), dag voor dag\n`);
    peakRss = 0;
    const t0 = Date.now();
    let received = 0;
    await timed('31 verwerkingsdagen', async () => {
      for (const date of dateRange('2026-10-01', '2026-10-31')) {
        const r = await runNightly(
          { db, config, logger: silentLogger(), now: () => new Date(`${date}T23:30:00Z`), dryRun: false },
          { businessDate: date, source: reader },
        );
        received += r.counts.received;
      }
    });
    const secs = (Date.now() - t0) / 1000;
    process.stdout.write(`  ${received} meldingen in ${secs.toFixed(1)} s = ${(received / secs).toFixed(0)} meldingen/s (inclusief escalatie op open zaken), piek rss ${mb(peakRss)}\n`);
  } finally {
    await db.destroy();
    await src.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main()
  .then(() => (args.includes('--zonder-nachtelijk') ? undefined : benchNightly()))
  .catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
