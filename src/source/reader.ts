/**
 * Reads the central reporting point incrementally through knex, so the same code reads the demo
 * SQLite file and a municipality's SQL Server table or view. Rows are read in source-id order above
 * the watermark, up to the first row that arrived after the business date (source timestamps are
 * Amsterdam wall-clock time, as SQL Server `datetime2` columns normally hold them).
 */
import type { Knex } from 'knex';
import { SourceError } from '../errors';
import { addDays, amsterdamInstant, isIsoDate } from '../domain/dates';
import { REPORT_FIELDS, type RawReport, type ReportField } from '../domain/intake';

export interface SourceRow {
  rowId: number;
  /** UTC ISO timestamp of arrival, or null when the source has none. */
  receivedAt: string | null;
  /** Set when the arrival time cannot be real: the row is quarantined with this reason. */
  receiptProblem?: string;
  raw: RawReport;
}

export class SourceReader {
  constructor(
    private readonly db: Knex,
    private readonly table: string,
    private readonly columns: Record<ReportField, string>,
  ) {}

  /** Identifies the source in the watermark table. */
  get key(): string {
    return `bron:${this.table}`;
  }

  /** Checks that the table and every mapped column exist; names what is missing. */
  async check(): Promise<void> {
    let info: Record<string, unknown>;
    try {
      info = await this.db(this.table).columnInfo();
    } catch (e) {
      throw new SourceError(`Brontabel ${this.table} kan niet worden gelezen: ${(e as Error).message}`);
    }
    const present = new Set(Object.keys(info).map((c) => c.toLowerCase()));
    if (present.size === 0) throw new SourceError(`Brontabel ${this.table} bestaat niet (VS_SOURCE_TABLE)`);
    const missing = (Object.entries(this.columns) as Array<[ReportField, string]>)
      .filter(([, col]) => !present.has(col.toLowerCase()))
      .map(([field, col]) => `${col} (${REPORT_FIELDS[field]}, veld "${field}")`);
    if (missing.length) {
      throw new SourceError(
        `Brontabel ${this.table} mist kolommen: ${missing.join(', ')}. Pas VS_SOURCE_COLUMNS aan.`,
        { missing },
      );
    }
  }

  /**
   * Up to `limit` rows above the watermark in id order that arrived up to the end of `businessDate`
   * (Amsterdam). Reading stops at the first row that arrived later (it belongs to a later business
   * date), so the watermark never passes a row that was not read: a row that arrived late with a
   * lower id is read on the next run instead of being skipped. A row whose arrival time cannot be
   * real (unreadable, or later than the actual present `now`) is returned with `receiptProblem` so it
   * is quarantined rather than blocking every later row or being lost. `now` is the real clock on
   * purpose: it is a check against physical reality, not the business clock a test or catch-up uses.
   */
  async readBatch(afterRowId: number, businessDate: string, limit: number, now: Date = new Date()): Promise<SourceRow[]> {
    const c = this.columns;
    const cutoff = `${addDays(businessDate, 1)} 00:00:00`;
    const select = (Object.entries(c) as Array<[ReportField, string]>).map(([field, col]) => ({ [field]: col }));
    const rows = await this.db(this.table)
      .select(Object.assign({}, ...select))
      .where(c.sourceRowId, '>', afterRowId)
      .orderBy(c.sourceRowId)
      .limit(limit);
    const out: SourceRow[] = [];
    for (const r of rows as Array<Record<string, unknown>>) {
      const rowId = Number(r.sourceRowId);
      if (!Number.isSafeInteger(rowId)) {
        throw new SourceError(`Bronkolom ${c.sourceRowId} moet een oplopend geheel getal zijn (gevonden: ${String(r.sourceRowId)})`);
      }
      const local = wallClock(r.receivedAt);
      if (local === 'invalid') {
        out.push({ rowId, receivedAt: null, raw: r as RawReport, receiptProblem: `${REPORT_FIELDS.receivedAt} is geen tijdstip` });
        continue;
      }
      const receivedAt = local === null ? null : amsterdamInstant(local.slice(0, 10), local.slice(11)).toISOString();
      if (local !== null && local >= cutoff) {
        if (receivedAt! <= now.toISOString()) break; // a later business date's report: next run
        out.push({ rowId, receivedAt, raw: r as RawReport, receiptProblem: `${REPORT_FIELDS.receivedAt} ligt in de toekomst (${local})` });
        continue;
      }
      out.push({ rowId, receivedAt, raw: r as RawReport });
    }
    return out;
  }
}

/**
 * Source wall-clock time (text, or a Date the driver built from it as if it were UTC) as
 * `YYYY-MM-DD HH:MM:SS`; null when empty, 'invalid' when unreadable.
 */
function wallClock(v: unknown): string | null | 'invalid' {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return 'invalid';
    const iso = v.toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)/.exec(String(v).trim());
  if (!m || !isIsoDate(m[1])) return 'invalid';
  return `${m[1]} ${m[2].length === 5 ? `${m[2]}:00` : m[2]}`;
}
