/**
 * `vroegsignaal status`: what ran, what is overdue, what waits, and whether something needs
 * attention (the exit code tells monitoring). Counts and dates only — no personal data.
 */
import type { Knex } from 'knex';
import type { Config } from '../config';
import { addDays, amsterdamDate, amsterdamParts, daysBetween, formatDateNl } from '../domain/dates';
import { lastRunPerJob, type JobRun } from '../db/jobRuns';
import { listLeases } from '../db/leases';
import { openQuarantine, queueSizes } from '../db/operations';
import { formatInt, table } from '../format';
import { planRuns, type JobPlan, type PlannedRun } from './plan';
import { assessWithDb } from './scheduler';

export interface StatusRun {
  job: string;
  key: string | null;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export interface StatusReport {
  now: string;
  jobs: Array<{ job: string; last: StatusRun; lastSuccess: StatusRun | null }>;
  /** Planned runs not done yet (due, waiting, failed), oldest first. */
  open: Array<{ job: string; key: string; plannedAt: string; state: string; missed: boolean; attempts: number }>;
  next: Array<{ job: string; key: string; plannedAt: string }>;
  leases: Array<{ name: string; holder: string; scope: string | null; expiresAt: string; stale: boolean }>;
  queues: Array<{ queue: string; open: number; overdue: number }>;
  quarantine: { open: number; oldestDate: string | null; oldestDays: number | null };
  retention: { asOf: string | null; finishedAt: string | null; counts: Record<string, unknown> | null } | null;
  monthlyAvailable: boolean;
  attention: string[];
}

const toStatusRun = (r: JobRun): StatusRun => ({
  job: r.job, key: r.businessDate, status: r.status, startedAt: r.startedAt, finishedAt: r.finishedAt, error: r.error,
});

export async function buildStatus(
  db: Knex,
  config: Config,
  plans: JobPlan[],
  now: Date,
  names: { retention: string; monthlyAvailable: boolean },
): Promise<StatusReport> {
  const today = amsterdamDate(now);
  const { runs } = await assessWithDb(db, plans, config, now);
  const perJob = await lastRunPerJob(db);
  const jobs = perJob.map((j) => ({ job: j.last.job, last: toStatusRun(j.last), lastSuccess: j.lastSuccess ? toStatusRun(j.lastSuccess) : null }));
  const leases = (await listLeases(db)).map((l) => ({ name: l.name, holder: l.holder, scope: l.scope, expiresAt: l.expiresAt, stale: l.expiresAt < now.toISOString() }));
  const q = await openQuarantine(db);
  const retentionRun = perJob.find((j) => j.last.job === names.retention)?.lastSuccess ?? null;
  const openRuns = runs.filter((r) => r.state !== 'geslaagd' && r.state !== 'gepland' && r.state !== 'vervangen');
  const upcoming = planRuns(plans, today, addDays(today, 40)).filter((r) => r.at > now);
  const nextRuns = plans.map((p) => upcoming.find((r) => r.job === p.job)).filter((r): r is PlannedRun => r !== undefined);
  const attention: string[] = [];
  for (const j of jobs) {
    if (j.last.status === 'mislukt') {
      attention.push(`Laatste run van ${j.job}${j.last.key ? ` (${fmtKey(j.last.key)})` : ''} is mislukt: ${firstLine(j.last.error)}`);
    }
  }
  for (const r of openRuns.filter((x) => x.missed)) {
    attention.push(`Gemist: ${r.job} voor ${fmtKey(r.key)} (gepland ${fmtInstant(r.at.toISOString())}, status: ${r.state})`);
  }
  for (const l of leases.filter((x) => x.stale)) {
    attention.push(`Verlopen slot ${l.name} van ${l.holder} (verlopen ${fmtInstant(l.expiresAt)}): die verwerking is waarschijnlijk gestopt`);
  }
  const oldestDays = q.oldestDate ? daysBetween(q.oldestDate, today) : null;
  if (oldestDays !== null && oldestDays > config.monitoring.quarantineDays) {
    attention.push(`${formatInt(q.open)} melding(en) in quarantaine, de oudste al ${oldestDays} dagen (grens ${config.monitoring.quarantineDays}): npx vroegsignaal quarantine`);
  }
  return {
    now: now.toISOString(),
    jobs,
    open: openRuns.map((r) => ({ job: r.job, key: r.key, plannedAt: r.at.toISOString(), state: r.state, missed: r.missed, attempts: r.attempts })),
    next: nextRuns.map((r) => ({ job: r.job, key: r.key, plannedAt: r.at.toISOString() })),
    leases,
    queues: await queueSizes(db, today),
    quarantine: { ...q, oldestDays },
    retention: retentionRun ? { asOf: retentionRun.businessDate, finishedAt: retentionRun.finishedAt, counts: retentionRun.counts } : null,
    monthlyAvailable: names.monthlyAvailable,
    attention,
  };
}

function firstLine(s: string | null): string {
  return (s ?? 'onbekende fout').split('\n')[0].slice(0, 300);
}

function fmtKey(key: string): string {
  return key.length === 10 ? formatDateNl(key) : key;
}

function fmtInstant(iso: string): string {
  const p = amsterdamParts(new Date(iso));
  return `${formatDateNl(p.date)} ${p.time.slice(0, 5)}`;
}

const STATE_LABELS: Record<string, string> = {
  'klaar-om-te-draaien': 'klaar om te draaien',
  'wacht-op-herkansing': 'mislukt, wacht op herkansing',
  'wacht-op-afhankelijkheid': 'wacht op de nachtelijke verwerking',
  bezig: 'bezig',
};

export function renderStatus(s: StatusReport): string {
  const out: string[] = [];
  out.push(`Status Vroegsignaal — ${fmtInstant(s.now)}`);
  out.push('');
  out.push(
    s.jobs.length
      ? table(
          ['Taak', 'Laatste run', 'Voor', 'Status', 'Laatst geslaagd'],
          s.jobs.map((j) => [
            j.job, fmtInstant(j.last.startedAt), j.last.key ? fmtKey(j.last.key) : '', j.last.status,
            j.lastSuccess?.key ? fmtKey(j.lastSuccess.key) : '—',
          ]),
        )
      : 'Nog geen runs.',
  );
  if (!s.monthlyAvailable) out.push('(Maandrapportage zit niet in deze versie en wordt niet gepland.)');
  out.push('');
  out.push(s.open.length ? 'Nog te doen:' : 'Niets achterstallig.');
  for (const r of s.open) {
    out.push(`  ${r.job} ${fmtKey(r.key)}: ${STATE_LABELS[r.state] ?? r.state}${r.missed ? ' (GEMIST)' : ''}, gepland ${fmtInstant(r.plannedAt)}${r.attempts ? `, pogingen: ${r.attempts}` : ''}`);
  }
  if (s.next.length) {
    out.push('Volgende runs:');
    for (const r of s.next) out.push(`  ${r.job} ${fmtKey(r.key)}: ${fmtInstant(r.plannedAt)}`);
  }
  for (const l of s.leases) out.push(`Slot ${l.name}: ${l.holder}${l.scope ? ` (${fmtKey(l.scope)})` : ''}, tot ${fmtInstant(l.expiresAt)}${l.stale ? ' — VERLOPEN' : ''}`);
  out.push('');
  out.push('Werkvoorraden (open / termijn verstreken):');
  if (s.queues.length === 0) out.push('  geen open zaken');
  for (const q of s.queues) out.push(`  ${q.queue.padEnd(20)} ${formatInt(q.open).padStart(6)} / ${formatInt(q.overdue)}`);
  out.push(`Quarantaine open: ${formatInt(s.quarantine.open)}${s.quarantine.oldestDate ? ` (oudste ${formatDateNl(s.quarantine.oldestDate)}, ${s.quarantine.oldestDays} dagen)` : ''}`);
  if (s.retention) {
    const c = s.retention.counts ?? {};
    out.push(
      `Bewaartermijnen laatst toegepast ${s.retention.finishedAt ? fmtInstant(s.retention.finishedAt) : '—'}: ` +
        `${c.huishoudens ?? 0} huishoudens, ${c.signaalReferenties ?? 0} referenties, ${c.quarantaine ?? 0} quarantainerijen, ` +
        `${c.contactnotities ?? 0} contactnotities, ${c.toestemmingOndertekenaars ?? 0} ondertekenaars geanonimiseerd`,
    );
  } else {
    out.push('Bewaartermijnen: nog niet toegepast.');
  }
  out.push('');
  if (s.attention.length) {
    out.push(`AANDACHT NODIG (${s.attention.length}):`);
    for (const a of s.attention) out.push(`  - ${a}`);
  } else {
    out.push('Alles in orde.');
  }
  return out.join('\n');
}
