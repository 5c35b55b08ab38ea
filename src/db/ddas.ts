/**
 * Repository for the DDAS delivery: what the export reads (signals of a period, cases with activity
 * in a period, their contact attempts, the minimal client data) and what the import writes (batches,
 * imported households, signals, cases and contact attempts).
 */
import { householdFromRow, type HouseholdRecord } from './households';
import { DDAS_IMPORT_ORIGIN } from './signals';
import { chunk, insertReturningId, MAX_PARAMS, selectWhereIn, toBool, toInt, toIntOrNull, toStrOrNull, type Db } from './rows';

/** Client data the export may use (no BSN is ever stored; names only for v0.9). */
export type ExportClient = { householdId: number } & Pick<
  HouseholdRecord,
  'initials' | 'prefix' | 'lastName' | 'birthDate' | 'street' | 'houseNumber' | 'houseNumberAddition' | 'postcode' | 'city'
>;

export interface ExportSignal {
  id: number;
  origin: string;
  sourceRowId: string;
  businessDate: string;
  signalDate: string;
  arrearsSince: string | null;
  arrearsCents: number;
  crisis: boolean;
  warmHandover: boolean;
  status: string;
  notPickedUpReason: string | null;
  ddasStatus: string | null;
  ddasFields: string[] | null;
  partnerType: string;
  caseId: number | null;
  gemeenteCode: string | null;
  client: ExportClient;
}

export interface ExportAttempt {
  id: number;
  caseId: number;
  kind: string;
  reached: boolean;
  date: string;
  dayPart: string | null;
  ddasFields: string[] | null;
}

export interface ExportCase {
  id: number;
  openedDate: string;
  closedDate: string | null;
  finalResult: string | null;
  imported: boolean;
  ddasMatchingDate: string | null;
  ddasMatchingStart: string | null;
  ddasMatchingEnd: string | null;
  ddasPickedUpDate: string | null;
  /** Imported cases: delivered signal IDs that were never imported (earlier than the history). */
  pendingSignalIds: string[];
  signals: ExportSignal[];
  attempts: ExportAttempt[];
}

function parseFields(v: unknown): string[] | null {
  if (v === null || v === undefined) return null;
  const parsed = JSON.parse(String(v)) as unknown;
  return Array.isArray(parsed) ? parsed.map(String) : null;
}

const SIGNAL_COLUMNS = [
  'signals.id', 'signals.origin', 'signals.source_row_id', 'signals.business_date', 'signals.signal_date',
  'signals.arrears_since', 'signals.arrears_cents', 'signals.crisis', 'signals.warm_handover', 'signals.status',
  'signals.not_picked_up_reason', 'signals.ddas_status', 'signals.ddas_fields', 'signals.case_id', 'signals.gemeente_code',
  'partners.type as partner_type', 'households.id as household_id', 'households.initials', 'households.prefix',
  'households.last_name', 'households.birth_date', 'households.street', 'households.house_number',
  'households.house_number_addition', 'households.postcode', 'households.city',
];

function signalFromRow(r: Record<string, unknown>): ExportSignal {
  return {
    id: toInt(r.id),
    origin: String(r.origin),
    sourceRowId: String(r.source_row_id),
    businessDate: String(r.business_date),
    signalDate: String(r.signal_date),
    arrearsSince: toStrOrNull(r.arrears_since),
    arrearsCents: toInt(r.arrears_cents),
    crisis: toBool(r.crisis),
    warmHandover: toBool(r.warm_handover),
    status: String(r.status),
    notPickedUpReason: toStrOrNull(r.not_picked_up_reason),
    ddasStatus: toStrOrNull(r.ddas_status),
    ddasFields: parseFields(r.ddas_fields),
    partnerType: String(r.partner_type),
    caseId: toIntOrNull(r.case_id),
    gemeenteCode: toStrOrNull(r.gemeente_code),
    client: {
      householdId: toInt(r.household_id),
      initials: toStrOrNull(r.initials),
      prefix: toStrOrNull(r.prefix),
      lastName: String(r.last_name ?? ''),
      birthDate: toStrOrNull(r.birth_date),
      street: toStrOrNull(r.street),
      houseNumber: toInt(r.house_number),
      houseNumberAddition: toStrOrNull(r.house_number_addition),
      postcode: String(r.postcode ?? ''),
      city: toStrOrNull(r.city),
    },
  };
}

function signalQuery(db: Db) {
  return db('signals')
    .join('partners', 'partners.id', 'signals.partner_id')
    .join('households', 'households.id', 'signals.household_id')
    .select(SIGNAL_COLUMNS);
}

/**
 * Signals of the municipality received in the period (business date). Signals without a
 * municipality code belong to the configured municipality (`includeWithoutCode`).
 */
export async function exportSignals(
  db: Db,
  p: { from: string; to: string; gemeenteCode: string; includeWithoutCode: boolean },
): Promise<ExportSignal[]> {
  const rows = await signalQuery(db)
    .whereBetween('signals.business_date', [p.from, p.to])
    .where((q) => {
      q.where('signals.gemeente_code', p.gemeenteCode);
      if (p.includeWithoutCode) q.orWhereNull('signals.gemeente_code');
    })
    .orderBy([{ column: 'signals.business_date' }, { column: 'signals.id' }]);
  return rows.map(signalFromRow);
}

/**
 * Cases of the municipality with activity in the period: opened, closed, a contact attempt, a
 * signal received, or (imported cases) a delivered DDAS date in the period. Each case comes with
 * all its signals and contact attempts up to the end of the period.
 */
export async function exportCases(
  db: Db,
  p: { from: string; to: string; gemeenteCode: string; includeWithoutCode: boolean },
): Promise<ExportCase[]> {
  const ids = new Set<number>();
  const add = (rows: Array<Record<string, unknown>>) => rows.forEach((r) => ids.add(toInt(r.id)));
  add(await db('cases').select('id').whereBetween('opened_date', [p.from, p.to]));
  add(await db('cases').select('id').whereBetween('closed_date', [p.from, p.to]));
  for (const col of ['ddas_matching_date', 'ddas_picked_up_date', 'ddas_matching_end']) {
    add(await db('cases').select('id').whereBetween(col, [p.from, p.to]));
  }
  add(await db('contact_attempts').distinct('case_id as id').whereBetween('attempt_date', [p.from, p.to]));
  add(await db('signals').distinct('case_id as id').whereNotNull('case_id').whereBetween('business_date', [p.from, p.to]));
  const caseIds = [...ids].sort((a, b) => a - b);
  if (caseIds.length === 0) return [];

  const caseRows = await selectWhereIn(caseIds, (part) => db('cases').whereIn('id', part));
  const signalRows = (await selectWhereIn(caseIds, (part) =>
    signalQuery(db).whereIn('signals.case_id', part).where('signals.business_date', '<=', p.to).orderBy('signals.id'),
  )).map(signalFromRow);
  const attemptRows = await selectWhereIn(caseIds, (part) =>
    db('contact_attempts').whereIn('case_id', part).orderBy([{ column: 'attempt_date' }, { column: 'id' }]),
  );
  const signalsByCase = new Map<number, ExportSignal[]>();
  for (const s of signalRows) {
    if (s.caseId === null) continue;
    const list = signalsByCase.get(s.caseId) ?? [];
    list.push(s);
    signalsByCase.set(s.caseId, list);
  }
  const attemptsByCase = new Map<number, ExportAttempt[]>();
  for (const r of attemptRows) {
    const a: ExportAttempt = {
      id: toInt(r.id), caseId: toInt(r.case_id), kind: String(r.kind), reached: toBool(r.reached),
      date: String(r.attempt_date), dayPart: toStrOrNull(r.day_part), ddasFields: parseFields(r.ddas_fields),
    };
    const list = attemptsByCase.get(a.caseId) ?? [];
    list.push(a);
    attemptsByCase.set(a.caseId, list);
  }
  const inGemeente = (s: ExportSignal) =>
    s.gemeenteCode === p.gemeenteCode || (s.gemeenteCode === null && p.includeWithoutCode);
  return caseRows
    .map((r): ExportCase => {
      const id = toInt(r.id);
      return {
        id,
        openedDate: String(r.opened_date),
        closedDate: toStrOrNull(r.closed_date),
        finalResult: toStrOrNull(r.final_result),
        imported: r.import_batch_id !== null && r.import_batch_id !== undefined,
        ddasMatchingDate: toStrOrNull(r.ddas_matching_date),
        ddasMatchingStart: toStrOrNull(r.ddas_matching_start),
        ddasMatchingEnd: toStrOrNull(r.ddas_matching_end),
        ddasPickedUpDate: toStrOrNull(r.ddas_picked_up_date),
        pendingSignalIds: (parseFields(r.ddas_pending_signal_ids) ?? []).map((p) => p.slice(p.indexOf('|') + 1)),
        signals: signalsByCase.get(id) ?? [],
        attempts: attemptsByCase.get(id) ?? [],
      };
    })
    .filter((c) => c.signals.some(inGemeente))
    .sort((a, b) => a.openedDate.localeCompare(b.openedDate) || a.id - b.id);
}

// ---------------------------------------------------------------------------------------------
// Import

export interface ImportBatch {
  fileName: string;
  fileSha256: string;
  version: string;
  supplierCode: string;
  deliveredAt: string;
  periodStart: string;
  periodEnd: string;
  importedBy: string;
}

export async function insertImportBatch(db: Db, b: ImportBatch, now: Date): Promise<number> {
  return insertReturningId(db, 'ddas_import_batches', {
    file_name: b.fileName, file_sha256: b.fileSha256, version: b.version, supplier_code: b.supplierCode,
    delivered_at: b.deliveredAt, period_start: b.periodStart, period_end: b.periodEnd,
    imported_at: now.toISOString(), imported_by: b.importedBy, counts_json: '{}',
  });
}

export async function finishImportBatch(db: Db, id: number, counts: Record<string, unknown>): Promise<void> {
  await db('ddas_import_batches').where({ id }).update({ counts_json: JSON.stringify(counts) });
}

export async function deleteImportBatch(db: Db, id: number): Promise<void> {
  await db('ddas_import_batches').where({ id }).delete();
}

export async function importBatchesByHash(db: Db, sha256: string): Promise<Array<{ id: number; importedAt: string; fileName: string }>> {
  const rows = await db('ddas_import_batches').where({ file_sha256: sha256 }).orderBy('id');
  return rows.map((r) => ({ id: toInt(r.id), importedAt: String(r.imported_at), fileName: String(r.file_name) }));
}

export async function listImportBatches(db: Db): Promise<Array<Record<string, unknown>>> {
  return (await db('ddas_import_batches').orderBy('id')).map((r) => ({
    id: toInt(r.id), fileName: String(r.file_name), version: String(r.version), supplierCode: String(r.supplier_code),
    deliveredAt: String(r.delivered_at), periodStart: String(r.period_start), periodEnd: String(r.period_end),
    importedAt: String(r.imported_at), importedBy: String(r.imported_by), counts: JSON.parse(String(r.counts_json)) as unknown,
  }));
}

export async function householdsByBsnHash(db: Db, hash: string): Promise<HouseholdRecord[]> {
  const rows = await db('households').where({ bsn_hash: hash }).whereNull('anonymised_at').orderBy('id');
  return rows.map(householdFromRow);
}

/** A household as an import creates it: the household fields without id and derived identity. */
export type ImportedHousehold = Omit<HouseholdRecord, 'id' | 'identity' | 'firstName'> & { nameKey: string };

export async function createImportedHousehold(db: Db, h: ImportedHousehold, now: Date): Promise<number> {
  return insertReturningId(db, 'households', {
    name_key: h.nameKey, initials: h.initials, first_name: null, prefix: h.prefix, last_name: h.lastName,
    birth_date: h.birthDate, street: h.street, house_number: h.houseNumber, house_number_addition: h.houseNumberAddition,
    postcode: h.postcode, city: h.city, bsn_hash: h.bsnHash, identity_origin: DDAS_IMPORT_ORIGIN,
    created_at: now.toISOString(), updated_at: now.toISOString(),
  });
}

export async function updateHousehold(db: Db, id: number, fields: Record<string, unknown>, now: Date): Promise<void> {
  await db('households').where({ id }).update({ ...fields, updated_at: now.toISOString() });
}

export interface ImportedSignalRow {
  id: number;
  caseId: number | null;
  householdId: number;
  columns: Record<string, unknown>;
}

/** The DDAS-comparable columns of a signal, as stored (for merging overlapping deliveries). */
export const IMPORT_SIGNAL_COLUMNS = [
  'signal_date', 'arrears_since', 'arrears_cents', 'crisis', 'warm_handover', 'status', 'not_picked_up_reason',
  'ddas_status', 'ddas_fields', 'is_repeat', 'partner_id',
] as const;

function normaliseColumn(column: string, v: unknown): unknown {
  if (['crisis', 'warm_handover', 'is_repeat'].includes(column)) return toBool(v);
  if (['arrears_cents', 'partner_id'].includes(column)) return toIntOrNull(v);
  return toStrOrNull(v);
}

export async function importedSignalsBySourceKey(db: Db, sourceKey: string, rowIds: string[]): Promise<Map<string, ImportedSignalRow>> {
  const out = new Map<string, ImportedSignalRow>();
  for (const part of chunk(rowIds, MAX_PARAMS)) {
    const rows = await db('signals').where({ source_key: sourceKey }).whereIn('source_row_id', part);
    for (const r of rows) {
      out.set(String(r.source_row_id), {
        id: toInt(r.id), caseId: toIntOrNull(r.case_id), householdId: toInt(r.household_id),
        columns: Object.fromEntries(IMPORT_SIGNAL_COLUMNS.map((c) => [c, normaliseColumn(c, r[c])])),
      });
    }
  }
  return out;
}

/** Columns that differ between a stored signal and the delivered values (normalised per driver). */
export function changedSignalColumns(stored: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of IMPORT_SIGNAL_COLUMNS) {
    if (!(c in next)) continue;
    if (normaliseColumn(c, stored[c]) !== normaliseColumn(c, next[c])) out[c] = next[c];
  }
  return out;
}

export async function insertImportedSignal(db: Db, row: Record<string, unknown>, now: Date): Promise<number> {
  return insertReturningId(db, 'signals', { ...row, origin: DDAS_IMPORT_ORIGIN, created_at: now.toISOString() });
}

export async function updateSignalColumns(db: Db, id: number, fields: Record<string, unknown>): Promise<void> {
  await db('signals').where({ id }).update(fields);
}

export interface ImportedCaseRow {
  id: number;
  importBatchId: number | null;
  finalResult: string | null;
  /** "<source_key>|<ID>" entries. */
  pending: string[];
  ddas: Record<'ddas_matching_date' | 'ddas_matching_start' | 'ddas_matching_end' | 'ddas_picked_up_date', string | null>;
}

export async function getCaseForImport(db: Db, id: number): Promise<ImportedCaseRow | null> {
  const r = await db('cases').where({ id }).first();
  if (!r) return null;
  return {
    id: toInt(r.id),
    importBatchId: toIntOrNull(r.import_batch_id),
    finalResult: toStrOrNull(r.final_result),
    pending: parseFields(r.ddas_pending_signal_ids) ?? [],
    ddas: {
      ddas_matching_date: toStrOrNull(r.ddas_matching_date),
      ddas_matching_start: toStrOrNull(r.ddas_matching_start),
      ddas_matching_end: toStrOrNull(r.ddas_matching_end),
      ddas_picked_up_date: toStrOrNull(r.ddas_picked_up_date),
    },
  };
}

function longestLiteral(s: string): string {
  return s.split(/[%_\\[\]]/).sort((a, b) => b.length - a.length)[0] ?? '';
}

/** The imported case still waiting for this signal (referred to before the signal was imported). */
export async function importedCaseWaitingFor(db: Db, pendingKey: string): Promise<number | null> {
  const rows = await db('cases')
    .select('id', 'ddas_pending_signal_ids')
    .whereNotNull('import_batch_id')
    .where('ddas_pending_signal_ids', 'like', `%${longestLiteral(JSON.stringify(pendingKey))}%`)
    .orderBy('id');
  // The LIKE is a coarse filter (the longest piece without LIKE wildcards); the JSON list decides.
  const hit = rows.find((r) => (parseFields(r.ddas_pending_signal_ids) ?? []).includes(pendingKey));
  return hit ? toInt(hit.id) : null;
}

export async function insertImportedCase(db: Db, row: Record<string, unknown>, now: Date): Promise<number> {
  return insertReturningId(db, 'cases', {
    ...row, eviction_threatened: false, zorgmelding_required: false, version: 1, simulated: false,
    created_at: now.toISOString(), updated_at: now.toISOString(),
  });
}

export async function updateImportedCase(db: Db, id: number, fields: Record<string, unknown>, now: Date): Promise<void> {
  await db('cases').where({ id }).update({ ...fields, updated_at: now.toISOString() });
}

export async function linkSignalsToCase(db: Db, signalIds: number[], caseId: number): Promise<void> {
  for (const part of chunk(signalIds, MAX_PARAMS)) {
    await db('signals').whereIn('id', part).update({ case_id: caseId, status: 'opgepakt', not_picked_up_reason: null });
  }
}

export interface StoredAttempt {
  kind: string;
  reached: boolean;
  date: string;
  dayPart: string | null;
  ddasFields: string | null;
}

export async function attemptsOfCase(db: Db, caseId: number): Promise<StoredAttempt[]> {
  const rows = await db('contact_attempts').where({ case_id: caseId }).orderBy('id');
  return rows.map((r) => ({
    kind: String(r.kind), reached: toBool(r.reached), date: String(r.attempt_date), dayPart: toStrOrNull(r.day_part),
    ddasFields: toStrOrNull(r.ddas_fields),
  }));
}

export async function insertImportedAttempt(db: Db, row: Record<string, unknown>, now: Date): Promise<number> {
  return insertReturningId(db, 'contact_attempts', { ...row, note: null, created_at: now.toISOString() });
}
