/**
 * The national DDAS vroegsignalering delivery (for CBS): one levering per municipality per month,
 * holding the signals received in the month and the cases with activity in the month, with their
 * contact attempts. Amounts in whole euros; v1.2 clients minimised to postcode + house number
 * (+ addition, birth date) — no names, and never a BSN (Vroegsignaal does not keep one).
 *
 * Imported history (signals.origin 'ddas-import') is written back as it was delivered: its DDAS
 * ID, its delivered status and dates, and only the optional fields the file had, so exporting an
 * imported period in the same version gives the same delivery back.
 *
 * `buildDdasDelivery` only reads; `writeDdasFile` validates, writes atomically and records the
 * delivery in the data-sharing log (direction 'gerapporteerd', counterparty 'cbs').
 */
import fs from 'node:fs';
import type { Knex } from 'knex';
import path from 'node:path';
import type { Config } from '../config';
import { centsToWholeEuros } from '../domain/money';
import { firstOfMonth, lastOfMonth } from '../domain/dates';
import { findGemeente } from '../domain/gemeenten';
import {
  contactKindForDdas, CURRENT_DDAS_VERSION, resultForFile, statusForDdas, storedStatusForDdas, type DdasVersion,
} from '../domain/ddas/codes';
import { toFileObject, type DdasCase, type DdasClient, type DdasContactAttempt, type DdasDeliveryModel, type DdasSignal } from '../domain/ddas/model';
import { detectDdasVersion, errorsOf, validateDdas, type DdasProblem } from '../domain/ddas/validate';
import { exportCases, exportSignals, type ExportAttempt, type ExportCase, type ExportSignal } from '../db/ddas';
import { DDAS_IMPORT_ORIGIN } from '../db/signals';
import { caseReference } from '../db/cases';
import { audit, logSharing, type SharingEntry, hasSharing } from '../db/logs';
import type { Db } from '../db/rows';
import { VsError } from '../errors';

export interface DdasExportOptions {
  /** `YYYY-MM`. */
  month: string;
  gemeenteCode: string;
  version?: DdasVersion;
  now: Date;
  /** Supplier code, organisation name and the municipality that owns signals without a code. */
  config?: Pick<Config, 'gemeenteCode'> & Partial<Pick<Config, 'ddas'>>;
}

export interface DdasExportResult {
  version: DdasVersion;
  gemeenteCode: string;
  month: string;
  delivery: Record<string, unknown>;
  counts: DdasCounts;
  /** Records left out, with the reason (never personal data). */
  warnings: string[];
}

export interface DdasCounts {
  signals: number;
  cases: number;
  contactAttempts: number;
  /** Signals whose client carries an address (v1.2) or name/address (v0.9). */
  clientsWithAddress: number;
  clientsWithBirthDate: number;
  signalsWithAmount: number;
}

export const DEFAULT_DDAS_SUPPLIER = 'VROEGSIGNAAL';

/** The DDAS signal ID: the delivered ID for imported signals, a stable reference for our own. */
export function ddasSignalId(s: Pick<ExportSignal, 'id' | 'origin' | 'sourceRowId'>): string {
  return s.origin === DDAS_IMPORT_ORIGIN ? s.sourceRowId : `VSM-${String(s.id).padStart(6, '0')}`;
}

function compactPostcode(p: string): string {
  return p.replace(/\s+/g, '').toUpperCase();
}

/** The client as the version allows it; null when v1.2 cannot identify it (imported BSN-only client). */
function clientFor(s: ExportSignal, version: DdasVersion): DdasClient | null {
  const c = s.client;
  const hasAddress = c.postcode !== '' && c.houseNumber > 0;
  const out: DdasClient = {};
  if (version === '1.2') {
    if (!hasAddress) return null;
    out.postcode = compactPostcode(c.postcode);
    out.houseNumber = String(c.houseNumber);
    if (c.houseNumberAddition) out.houseNumberAddition = c.houseNumberAddition;
    if (c.birthDate) out.birthDate = c.birthDate;
    return out;
  }
  if (c.lastName.trim() !== '') {
    if (c.initials) out.initials = c.initials;
    if (c.prefix) out.prefix = c.prefix;
    out.lastName = c.lastName;
  }
  if (c.birthDate) out.birthDate = c.birthDate;
  if (hasAddress) {
    if (c.street) out.street = c.street;
    out.postcode = compactPostcode(c.postcode);
    out.houseNumber = String(c.houseNumber);
    if (c.houseNumberAddition) out.houseNumberAddition = c.houseNumberAddition;
    if (c.city) out.city = c.city;
  }
  return out;
}

function signalFor(s: ExportSignal, version: DdasVersion, client: DdasClient): DdasSignal {
  if (s.origin === DDAS_IMPORT_ORIGIN && s.ddasFields) {
    const has = new Set(s.ddasFields);
    const out: DdasSignal = { id: ddasSignalId(s), partnerType: s.partnerType, client };
    if (has.has('crisis')) out.crisis = s.crisis;
    if (has.has('warmHandover')) out.warmHandover = s.warmHandover;
    if (has.has('amountEuros')) out.amountEuros = centsToWholeEuros(s.arrearsCents);
    if (has.has('originDate') && s.arrearsSince) out.originDate = s.arrearsSince;
    if (has.has('signalDate')) out.signalDate = s.signalDate;
    if (has.has('status')) {
      const st = storedStatusForDdas(s.ddasStatus, s.status, s.notPickedUpReason, version);
      if (st !== null) out.status = st;
    }
    return out;
  }
  const out: DdasSignal = {
    id: ddasSignalId(s),
    crisis: s.crisis,
    warmHandover: s.warmHandover,
    amountEuros: centsToWholeEuros(s.arrearsCents),
    signalDate: s.signalDate,
    partnerType: s.partnerType,
    client,
  };
  if (s.arrearsSince) out.originDate = s.arrearsSince;
  const st = statusForDdas(s.status, s.notPickedUpReason, version);
  if (st !== null) out.status = st;
  return out;
}

function attemptFor(a: ExportAttempt, version: DdasVersion): DdasContactAttempt {
  const has = a.ddasFields ? new Set(a.ddasFields) : null;
  const out: DdasContactAttempt = {};
  if (!has || has.has('kind')) {
    const kind = contactKindForDdas(a.kind, version);
    if (kind !== null) out.kind = kind;
  }
  if (!has || has.has('reached')) out.reached = a.reached;
  if (!has || has.has('date')) out.date = a.date;
  if ((!has || has.has('dayPart')) && a.dayPart) out.dayPart = a.dayPart;
  return out;
}

function caseFor(c: ExportCase, version: DdasVersion, signalIds: string[], to: string, warnings: string[]): DdasCase {
  const out: DdasCase = { signalIds, attempts: c.attempts.filter((a) => c.imported || a.date <= to).map((a) => attemptFor(a, version)) };
  // A result is only known to CBS once the case closed, and never before the period it belongs to.
  const closedInTime = c.imported || (c.closedDate !== null && c.closedDate <= to);
  if (c.finalResult && closedInTime) {
    const r = resultForFile(c.finalResult, version);
    if (r !== null) out.result = r;
    else warnings.push(`zaak ${caseReference(c.id)}: eindresultaat "${c.finalResult}" bestaat niet in DDAS v${version} en is weggelaten`);
  }
  if (c.imported) {
    if (c.ddasMatchingDate) out.matchingDate = c.ddasMatchingDate;
    if (c.ddasMatchingStart) out.matchingStart = c.ddasMatchingStart;
    if (c.ddasPickedUpDate) out.pickedUpDate = c.ddasPickedUpDate;
    if (c.ddasMatchingEnd) out.matchingEnd = c.ddasMatchingEnd;
  } else {
    // Our own cases: signals are matched into the case the day it is opened (picked up); the
    // matching period runs from then until the case closes.
    out.matchingDate = c.openedDate;
    out.matchingStart = c.openedDate;
    out.pickedUpDate = c.openedDate;
    if (c.closedDate && c.closedDate <= to) out.matchingEnd = c.closedDate;
  }
  if (out.attempts && out.attempts.length === 0) delete out.attempts;
  return out;
}

/** Builds the delivery with its counts and warnings (nothing is written or logged). */
export async function buildDdasExport(db: Db, opts: DdasExportOptions): Promise<DdasExportResult> {
  const version = opts.version ?? CURRENT_DDAS_VERSION;
  const from = firstOfMonth(opts.month);
  const to = lastOfMonth(opts.month);
  const includeWithoutCode = opts.gemeenteCode === (opts.config?.gemeenteCode ?? opts.gemeenteCode);
  const scope = { from, to, gemeenteCode: opts.gemeenteCode, includeWithoutCode };
  const warnings: string[] = [];

  const signals: DdasSignal[] = [];
  const counts: DdasCounts = { signals: 0, cases: 0, contactAttempts: 0, clientsWithAddress: 0, clientsWithBirthDate: 0, signalsWithAmount: 0 };
  let skippedSignals = 0;
  for (const s of await exportSignals(db, scope)) {
    const client = clientFor(s, version);
    if (client === null) {
      skippedSignals += 1;
      warnings.push(`signaal ${ddasSignalId(s)}: de client is alleen met een BSN geïmporteerd en Vroegsignaal bewaart geen BSN; weggelaten`);
      continue;
    }
    signals.push(signalFor(s, version, client));
  }
  const cases: DdasCase[] = [];
  for (const c of await exportCases(db, scope)) {
    const ids = c.signals.filter((s) => clientFor(s, version) !== null).map(ddasSignalId);
    if (ids.length === 0) {
      warnings.push(`zaak ${caseReference(c.id)}: geen enkel signaal is te leveren; weggelaten`);
      continue;
    }
    // Imported cases also refer to the signals of months before the imported history, as delivered.
    cases.push(caseFor(c, version, c.imported ? [...ids, ...c.pendingSignalIds] : ids, to, warnings));
  }
  signals.sort((a, b) => (a.signalDate ?? '').localeCompare(b.signalDate ?? '') || a.id.localeCompare(b.id));

  const ddas = opts.config?.ddas;
  const gemeente = findGemeente(opts.gemeenteCode);
  const model: DdasDeliveryModel = {
    supplierCode: ddas?.supplierCode ?? DEFAULT_DDAS_SUPPLIER,
    start: from,
    end: to,
    deliveredAt: opts.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    leveringen: [
      {
        counter: 1,
        gemeenteCode: opts.gemeenteCode,
        organisation: {
          name: ddas?.organisation ?? (gemeente ? `Gemeente ${gemeente.name}` : `Gemeente ${opts.gemeenteCode}`),
          ...(ddas?.kvk ? { kvk: ddas.kvk } : {}),
        },
        signals,
        cases,
      },
    ],
  };
  const delivery = toFileObject(model, version);
  Object.assign(counts, ddasCounts(delivery));
  if (skippedSignals) warnings.unshift(`${skippedSignals} signaal/signalen weggelaten (client niet te leveren)`);
  return { version, gemeenteCode: opts.gemeenteCode, month: opts.month, delivery, counts, warnings };
}

/** The delivery object only (the shape CBS receives). */
export async function buildDdasDelivery(db: Db, opts: DdasExportOptions): Promise<Record<string, unknown>> {
  return (await buildDdasExport(db, opts)).delivery;
}

/** Counts of a delivery object of either version, for the data-sharing log and the reports. */
export function ddasCounts(delivery: Record<string, unknown>): DdasCounts {
  const counts: DdasCounts = { signals: 0, cases: 0, contactAttempts: 0, clientsWithAddress: 0, clientsWithBirthDate: 0, signalsWithAmount: 0 };
  const list = (v: unknown): Array<Record<string, unknown>> => (Array.isArray(v) ? (v as Array<Record<string, unknown>>) : []);
  for (const l of list(delivery.leveringen)) {
    for (const s of list(l.vroegsignalen)) {
      counts.signals += 1;
      const c = (s.client ?? {}) as Record<string, unknown>;
      if ('postcode' in c || 'Postcode' in c || 'Achternaam' in c) counts.clientsWithAddress += 1;
      if ('geboortedatum' in c || 'Geboortedatum' in c) counts.clientsWithBirthDate += 1;
      if ('bedrag' in s) counts.signalsWithAmount += 1;
    }
    for (const z of list(l.vroegsignaalzaken)) {
      counts.cases += 1;
      counts.contactAttempts += list(z.contactpogingen).length;
    }
  }
  return counts;
}

/** File name of a delivery: `ddas-vroegsignalering-<gemeente>-<jjjj-mm>-v<versie>.json`. */
export function ddasFileName(gemeenteCode: string, month: string, version: DdasVersion): string {
  return `ddas-vroegsignalering-${gemeenteCode}-${month}-v${version}.json`;
}

export interface WriteDdasOptions {
  /** Directory for the file (named by `ddasFileName`), or `file` for an exact path. */
  outDir?: string;
  file?: string;
  now: Date;
  actor?: string;
  role?: string;
  runId?: number | null;
}

const CBS_LEGAL_BASIS = 'AVG art. 6 lid 1 sub e; Wgs; DDAS vroegsignalering (levering aan CBS, gepseudonimiseerd)';

/**
 * Validates the delivery (refused with every problem when invalid), writes it atomically (temp
 * file + rename: never a half-written file) and logs the sharing with CBS per data category, in
 * one transaction with the audit entry: if the log fails, the file is removed again.
 */
export async function writeDdasFile(
  db: Db,
  delivery: Record<string, unknown>,
  opts: WriteDdasOptions,
): Promise<{ file: string; version: DdasVersion; counts: DdasCounts }> {
  const detected = detectDdasVersion(delivery);
  if (!detected.ok) throw new DdasInvalidError([detected.problem], 'De DDAS-levering');
  const version = detected.version;
  const problems = errorsOf(validateDdas(delivery, version));
  if (problems.length) throw new DdasInvalidError(problems, 'De DDAS-levering');
  const start = String(delivery.startdatumLevering);
  const end = String(delivery.einddatumLevering);
  const leveringen = delivery.leveringen as Array<Record<string, unknown>> | undefined;
  const gemeenteCode = String(leveringen?.[0]?.gemeentecode ?? 'onbekend');
  const file = opts.file ?? path.join(opts.outDir ?? '.', ddasFileName(gemeenteCode, start.slice(0, 7), version));
  const counts = ddasCounts(delivery);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const write = async (trx: Db) => {
    const sharing: SharingEntry[] = [
      { businessDate: end, direction: 'gerapporteerd', counterparty: 'cbs', category: 'naw', recordCount: counts.clientsWithAddress, legalBasis: CBS_LEGAL_BASIS, runId: opts.runId ?? null },
      { businessDate: end, direction: 'gerapporteerd', counterparty: 'cbs', category: 'geboortedatum', recordCount: counts.clientsWithBirthDate, legalBasis: CBS_LEGAL_BASIS, runId: opts.runId ?? null },
      { businessDate: end, direction: 'gerapporteerd', counterparty: 'cbs', category: 'achterstand', recordCount: counts.signalsWithAmount, legalBasis: CBS_LEGAL_BASIS, runId: opts.runId ?? null },
    ];
    // A file regenerated for the same period is the same delivery: it is logged once, so the
    // monthly data-sharing report does not count it twice.
    if (!(await hasSharing(trx, { direction: 'gerapporteerd', counterparty: 'cbs', businessDate: end }))) {
      await logSharing(trx, sharing, opts.now);
    }
    await audit(trx, {
      actor: opts.actor ?? 'systeem:ddas-export', role: opts.role ?? 'systeem', action: 'ddas.geexporteerd', entity: 'ddas-levering',
      entityId: `${gemeenteCode}:${start}:${end}`, new: { versie: version, bestand: path.basename(file), ...counts }, runId: opts.runId ?? null,
    }, opts.now);
    fs.writeFileSync(tmp, JSON.stringify(delivery, null, 2) + '\n', 'utf8');
    fs.renameSync(tmp, file);
  };
  try {
    if ((db as Knex.Transaction).isTransaction) await write(db);
    else await db.transaction((trx) => write(trx));
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return { file, version, counts };
}

/** A delivery (to write, or to import) that breaks the standard: every problem listed. */
export class DdasInvalidError extends VsError {
  constructor(readonly problems: DdasProblem[], what = 'Het DDAS-bestand') {
    super(
      'DDAS_ONGELDIG',
      `${what} is ongeldig (${problems.length} probleem/problemen); er is niets verwerkt:\n` +
        problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n'),
      { count: problems.length },
    );
  }
}
