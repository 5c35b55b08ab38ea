/**
 * The monthly report as an Excel workbook: a summary sheet and one sheet per section. Cells hold
 * real numbers and dates with Dutch display formats (number formats are written in en-US syntax;
 * Excel and LibreOffice show them the Dutch way), dates as UTC midnight so they never shift a day,
 * frozen header rows, autofilters and column widths that fit. Cases appear only as `VS-000123`.
 */
import type ExcelJS from 'exceljs';

/** exceljs is loaded on first use, so CLI commands that write no workbook start faster. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const excel = (): typeof ExcelJS => require('exceljs') as typeof ExcelJS;
import type { MonthlyReport, Unit } from '../src/domain/reports/model';
import { maskSmall } from '../src/domain/reports/stats';
import { counterpartyNl, generatedNl, monthNameNl, SMALL_NUMBERS_NOTE } from './labels';

export interface RenderOptions {
  /** Show counts of 1–4 as "<5" (reports that leave the organisation). */
  smallNumbers: boolean;
  /** Moment of generation (shown in Amsterdam time). */
  generatedAt: Date;
}

export const FORMATS = {
  int: '#,##0',
  euro: '[$€-413] #,##0.00',
  pct: '0.0%',
  days: '0.0',
  date: 'dd-mm-yyyy',
  month: 'mmmm yyyy',
} as const;

type ColType = 'text' | 'int' | 'euro' | 'pct' | 'days' | 'date' | 'month';
interface Col {
  header: string;
  type: ColType;
}
type Cell = string | number | null;

/** `2026-03-15` → the Date Excel shows as 15-03-2026 in every time zone (UTC midnight). */
export function excelDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** Valid, unique sheet names: at most 31 characters, none of / \ ? * : [ ]. */
export function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[/\\?*:[\]]/g, '-').slice(0, 31).trim() || 'Blad';
  let out = base;
  for (let i = 2; used.has(out.toLowerCase()); i += 1) out = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  used.add(out.toLowerCase());
  return out;
}

class Book {
  readonly wb = new (excel().Workbook)();
  private readonly used = new Set<string>();
  constructor(private readonly opts: RenderOptions) {
    this.wb.creator = 'Vroegsignaal';
    // Fixed dates: the same report gives the same workbook content.
    this.wb.created = opts.generatedAt;
    this.wb.modified = opts.generatedAt;
  }

  private value(v: Cell, type: ColType): ExcelJS.CellValue {
    if (v === null || v === undefined) return null;
    switch (type) {
      case 'int':
        return typeof v === 'number' ? maskSmall(v, this.opts.smallNumbers) : v;
      case 'euro':
        return typeof v === 'number' ? v / 100 : v;
      case 'pct':
        return typeof v === 'number' ? v / 100 : v;
      case 'date':
      case 'month':
        return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? excelDate(v) : v;
      default:
        return v;
    }
  }

  /** A sheet with a title, intro lines and a styled header row; returns the sheet and the header's row number. */
  sheet(name: string, title: string, headers: string[], notes: string[] = [], rightFrom = 1): { ws: ExcelJS.Worksheet; h: number } {
    const ws = this.wb.addWorksheet(sheetName(name, this.used));
    ws.addRow([title]).font = { bold: true, size: 13 };
    for (const n of notes) ws.addRow([n]).font = { italic: true, color: { argb: 'FF555555' } };
    ws.addRow([]);
    const headerRow = ws.addRow(headers);
    headerRow.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    headerRow.eachCell((cell, col) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
      // Headers of figure columns align with their figures.
      cell.alignment = { vertical: 'middle', wrapText: true, horizontal: col > rightFrom ? 'right' : 'left' };
    });
    const h = headerRow.number;
    // Printing: A4 landscape, all columns on one page width, header row repeated.
    ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${h}:${h}` };
    ws.views = [{ state: 'frozen', ySplit: h, xSplit: 0, topLeftCell: `A${h + 1}`, activeCell: `A${h + 1}` }];
    return { ws, h };
  }

  /** One table per sheet: optional intro lines, a frozen header row with filters, then the rows. */
  table(name: string, title: string, cols: Col[], rows: Cell[][], notes: string[] = []): ExcelJS.Worksheet {
    const { ws, h } = this.sheet(name, title, cols.map((c) => c.header), notes);
    cols.forEach((c, i) => {
      ws.getRow(h).getCell(i + 1).alignment = { vertical: 'middle', wrapText: true, horizontal: c.type === 'text' ? 'left' : 'right' };
    });
    for (const r of rows) {
      const row = ws.addRow(r.map((v, i) => this.value(v, cols[i].type)));
      cols.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        if (c.type !== 'text' && typeof cell.value !== 'string') cell.numFmt = FORMATS[c.type];
        if (c.type !== 'text') cell.alignment = { horizontal: 'right' };
      });
    }
    if (rows.length === 0) ws.addRow(['Geen gegevens in deze maand.']).font = { italic: true };
    ws.autoFilter = { from: { row: h, column: 1 }, to: { row: h + Math.max(rows.length, 1), column: cols.length } };
    this.fitColumns(ws, cols, rows, h);
    return ws;
  }

  private fitColumns(ws: ExcelJS.Worksheet, cols: Col[], rows: Cell[][], headerRow: number): void {
    cols.forEach((c, i) => {
      const shown = rows.map((r) => {
        const v = r[i];
        if (v === null || v === undefined) return 0;
        if (c.type === 'date') return 10;
        if (c.type === 'month') return 14;
        if (c.type === 'euro' && typeof v === 'number') return String(Math.round(v / 100)).length + 7;
        return String(v).length + 1;
      });
      // The first column also holds the title and notes above the table; do not size to them.
      const width = Math.max(c.header.length + 3, ...shown, c.type === 'text' ? 8 : 10);
      ws.getColumn(i + 1).width = Math.min(width + 2, 70);
    });
    ws.getRow(headerRow).height = 20;
  }
}

const UNIT_TYPE: Record<Unit, Exclude<ColType, 'text' | 'date' | 'month'>> = { aantal: 'int', procent: 'pct', werkdagen: 'days', euro: 'euro' };

/** Renders the workbook and returns the .xlsx bytes. */
export async function renderXlsx(r: MonthlyReport, opts: RenderOptions): Promise<Buffer> {
  const b = new Book(opts);
  const o = r.outcomes;
  const ds = r.dataSharing;
  const period = monthNameNl(r.month);
  const intro = [
    `Gemeente ${r.gemeente.name} (${r.gemeente.code}), ${period}. Gemaakt op ${generatedNl(opts.generatedAt)}.`,
    'Zonder persoonsgegevens: zaken alleen als zaaknummer (VS-000123).',
    ...(opts.smallNumbers ? [SMALL_NUMBERS_NOTE] : []),
  ];

  // Summary: key figures with the previous month, then the compliance checks.
  const { ws, h: headerRowNo } = b.sheet(
    'Samenvatting',
    `Maandrapportage vroegsignalering — ${r.gemeente.name}, ${period}`,
    ['Kerncijfer', monthNameNl(r.month), monthNameNl(r.previousMonth), 'Verschil'],
    intro,
  );
  for (const c of r.comparison) {
    const type = UNIT_TYPE[c.unit];
    const conv = (v: number | null): ExcelJS.CellValue =>
      v === null ? null : type === 'pct' ? v / 100 : type === 'int' ? maskSmall(v, opts.smallNumbers) : v;
    const cur = conv(c.current);
    const prev = conv(c.previous);
    // A difference would give a masked small number away: show none then.
    const masked = typeof cur === 'string' || typeof prev === 'string';
    // Percentages differ in percentage points, written as points (42.9 → "+42.9 pp").
    const diff = c.difference === null ? null : masked ? '—' : c.difference;
    const row = ws.addRow([c.label, cur, prev, diff]);
    for (const i of [2, 3, 4]) {
      const cell = row.getCell(i);
      if (typeof cell.value === 'number') cell.numFmt = type === 'int' && i === 4 ? '+#,##0;-#,##0;0' : type === 'pct' && i === 4 ? '+0.0" pp";-0.0" pp";0.0" pp"' : FORMATS[type];
      cell.alignment = { horizontal: 'right' };
    }
  }
  ws.autoFilter = { from: { row: headerRowNo, column: 1 }, to: { row: headerRowNo + r.comparison.length, column: 4 } };
  ws.addRow([]);
  ws.addRow(['Naleving (aantal gevonden overtredingen)']).font = { bold: true };
  for (const c of r.compliance.checks) {
    const row = ws.addRow([c.label, c.count]);
    row.getCell(2).numFmt = FORMATS.int;
    row.getCell(2).alignment = { horizontal: 'right' };
  }
  ws.addRow([r.compliance.total === 0 ? 'Geen overtredingen gevonden: alle controles geven 0.' : `Totaal ${r.compliance.total} overtreding(en); zie blad Naleving.`]).font = { bold: true };
  ws.getColumn(1).width = Math.max(...r.comparison.map((c) => c.label.length), ...r.compliance.checks.map((c) => c.label.length)) + 4;
  for (const i of [2, 3, 4]) ws.getColumn(i).width = 16;

  const partnerCols: Col[] = [
    { header: 'Ontvangen', type: 'int' }, { header: 'Quarantaine', type: 'int' }, { header: 'Geaccepteerd', type: 'int' },
    { header: 'Opgepakt', type: 'int' }, { header: 'Niet opgepakt', type: 'int' },
  ];
  b.table('Meldingen per partner', 'Meldingen per signaalpartner', [{ header: 'Partner', type: 'text' }, { header: 'Code', type: 'text' }, { header: 'Soort partner', type: 'text' }, ...partnerCols],
    o.perPartner.map((p) => [p.name, p.code, p.type, p.received, p.quarantined, p.accepted, p.pickedUp, p.notPickedUp]),
    [`Ontvangen = binnengekomen deze maand (${o.signals.received}); geaccepteerd = na controle (${o.signals.accepted}, waarvan ${o.signals.acceptedAfterCorrection} na correctie uit quarantaine). Nieuwe zaken: ${o.signals.newCases}. Herhaalmeldingen: ${o.signals.repeats}.`]);
  b.table('Meldingen per soort partner', 'Meldingen per soort partner (DDAS)', [{ header: 'Soort partner', type: 'text' }, ...partnerCols],
    o.perPartnerType.map((p) => [p.type, p.received, p.quarantined, p.accepted, p.pickedUp, p.notPickedUp]));
  b.table('Niet opgepakt', 'Meldingen niet opgepakt, per reden', [{ header: 'Reden', type: 'text' }, { header: 'Code', type: 'text' }, { header: 'Aantal', type: 'int' }],
    o.notPickedUp.map((n) => [n.label, n.reason, n.count]));
  b.table('Contactpogingen', 'Contactpogingen per soort en bereik', [{ header: 'Soort contact', type: 'text' }, { header: 'Pogingen', type: 'int' }, { header: 'Bereikt', type: 'int' }, { header: 'Bereikt %', type: 'pct' }],
    [...o.contactAttempts.byKind.map((k) => [k.kind, k.attempts, k.reached, k.reachRate]), ['Totaal', o.contactAttempts.total, o.contactAttempts.reached, o.contactAttempts.reachRate]],
    [`Zaken met een poging: ${o.contactAttempts.casesAttempted}; zaken bereikt: ${o.contactAttempts.casesReached}.`]);
  b.table('Termijnen', 'Eerste contact binnen de termijn (zaken met termijn in deze maand)',
    [{ header: 'Groep', type: 'text' }, { header: 'Termijn in maand', type: 'int' }, { header: 'Op tijd', type: 'int' }, { header: 'Te laat', type: 'int' }, { header: 'Nog geen contact', type: 'int' }, { header: 'Op tijd %', type: 'pct' }],
    o.deadlines.map((d) => [d.label, d.due, d.met, d.late, d.openOverdue, d.pctMet]),
    [
      `Werkdagen tot eerste poging: mediaan ${o.timing.firstAttempt.medianDays ?? '—'}, 90e percentiel ${o.timing.firstAttempt.p90Days ?? '—'} (${o.timing.firstAttempt.cases} zaken).`,
      `Werkdagen tot eerste contact: mediaan ${o.timing.firstContact.medianDays ?? '—'}, 90e percentiel ${o.timing.firstContact.p90Days ?? '—'} (${o.timing.firstContact.cases} zaken).`,
    ]);
  b.table('Doorlooptijd', 'Werkdagen van opening tot eerste poging en eerste contact',
    [{ header: 'Meting', type: 'text' }, { header: 'Zaken', type: 'int' }, { header: 'Mediaan (werkdagen)', type: 'days' }, { header: '90e percentiel (werkdagen)', type: 'days' }],
    [
      ['Eerste contactpoging', o.timing.firstAttempt.cases, o.timing.firstAttempt.medianDays, o.timing.firstAttempt.p90Days],
      ['Eerste contact', o.timing.firstContact.cases, o.timing.firstContact.medianDays, o.timing.firstContact.p90Days],
    ]);
  b.table('Routes', 'Oplossingsroutes (Bijlage 3, stap 3–7)', [{ header: 'Route', type: 'text' }, { header: 'Gestart', type: 'int' }, { header: 'Afgerond', type: 'int' }, { header: 'Gestopt', type: 'int' }, { header: 'Lopend einde maand', type: 'int' }],
    o.routes.map((x) => [x.label, x.started, x.completed, x.stopped, x.activeAtEnd]));
  b.table('Toestemmingen', 'Schriftelijke toestemmingen', [{ header: 'Voor', type: 'text' }, { header: 'Getekend', type: 'int' }, { header: 'Ingetrokken', type: 'int' }],
    o.consents.byRecipient.map((c) => [c.label, c.signed, c.withdrawn]));
  const bm = o.budgetManagement;
  b.table('Budgetbeheer', 'Budgetbeheer: aanmeldingen en goedkeuring door de gemeente', [{ header: 'Onderdeel', type: 'text' }, { header: 'Aantal', type: 'int' }, { header: 'Kosten gemeente', type: 'euro' }],
    [['Aangevraagd', bm.requested, null], ['Goedgekeurd', bm.approved, bm.approvedCostCents], ['Afgewezen', bm.rejected, null], ['Nog niet besloten (einde maand)', bm.pendingAtEnd, null]]);
  const z = o.zorgmeldingen;
  b.table('Zorgmeldingen', 'Zorgmeldingen en het informeren van de huurder', [{ header: 'Onderdeel', type: 'text' }, { header: 'Aantal', type: 'int' }],
    [['Zorgmeldingen gedaan', z.made], ['Huurder op tijd geïnformeerd', z.informedOnTime], ['Huurder te laat geïnformeerd', z.informedLate], ['Nog niet geïnformeerd, termijn verstreken', z.notInformedOverdue], ['Nog niet geïnformeerd, binnen termijn', z.notInformedWithinTerm]],
    [`Mediaan dagen tot informeren: ${z.medianDaysToInform === null ? '—' : String(z.medianDaysToInform).replace('.', ',')}.`]);
  b.table('Afgesloten zaken', 'Afgesloten zaken per eindresultaat (DDAS)', [{ header: 'Eindresultaat', type: 'text' }, { header: 'Aantal', type: 'int' }],
    [...o.closed.byResult.map((c) => [c.result, c.count]), ['Totaal', o.closed.total]]);
  b.table('Werkvoorraad', 'Open zaken aan het einde van de maand, naar leeftijd', [{ header: 'Leeftijd zaak', type: 'text' }, { header: 'Aantal', type: 'int' }],
    [...o.backlog.byAge.map((a) => [a.label, a.count]), ['Totaal', o.backlog.total]]);
  b.table('Werkvoorraad per wachtrij', 'Open zaken aan het einde van de maand, per werkvoorraad', [{ header: 'Werkvoorraad', type: 'text' }, { header: 'Aantal', type: 'int' }],
    o.backlog.byQueue.map((q) => [q.queue, q.count]));
  b.table('Achterstand bij intake', 'Achterstand bij intake van nieuwe zaken, per werkvoorraad', [{ header: 'Werkvoorraad', type: 'text' }, { header: 'Nieuwe zaken', type: 'int' }, { header: 'Totaal achterstand', type: 'euro' }, { header: 'Mediaan achterstand', type: 'euro' }],
    o.arrearsByQueue.map((a) => [a.queue, a.cases, a.totalCents, a.medianCents]));
  b.table('Trend', 'Ontwikkeling per maand', [
    { header: 'Maand', type: 'month' }, { header: 'Ontvangen', type: 'int' }, { header: 'Geaccepteerd', type: 'int' }, { header: 'Opgepakt', type: 'int' },
    { header: 'Nieuwe zaken', type: 'int' }, { header: 'Contactpogingen', type: 'int' }, { header: 'Bereikt %', type: 'pct' }, { header: 'Binnen termijn %', type: 'pct' },
    { header: 'Afgesloten', type: 'int' }, { header: 'Zorgmeldingen', type: 'int' }, { header: 'Open einde maand', type: 'int' },
  ], r.series.map((m) => [`${m.month}-01`, m.signals.received, m.signals.accepted, m.signals.pickedUp, m.signals.newCases, m.contactAttempts, m.reachRate, m.deadlinePct, m.closed, m.zorgmeldingen, m.openBacklog]),
  ['Per kalendermaand; de maand staat als datum (de eerste dag) in de cel.']);

  // Data sharing.
  b.table('Ontvangen gegevens', 'Ontvangen persoonsgegevens per categorie en partner', [{ header: 'Categorie', type: 'text' }, { header: 'Partner', type: 'text' }, { header: 'Soort partner', type: 'text' }, { header: 'Records', type: 'int' }],
    ds.received.map((x) => [x.categoryLabel, x.partner, x.partnerType, x.records]));
  b.table('Doorgegeven gegevens', 'Doorgegeven en gerapporteerde persoonsgegevens', [
    { header: 'Datum', type: 'date' }, { header: 'Soort', type: 'text' }, { header: 'Aan', type: 'text' }, { header: 'Categorie', type: 'text' },
    { header: 'Records', type: 'int' }, { header: 'Toestemming of grondslag', type: 'text' }, { header: 'Zaak', type: 'text' },
  ], ds.passedOn.map((p) => [p.date, p.direction, counterpartyNl(p.counterparty), p.categoryLabel, p.records, p.basis, p.caseRef ?? '']));
  b.table('Inzage', 'Inzage in persoonsgegevens per rol', [{ header: 'Rol', type: 'text' }, { header: 'Handeling', type: 'text' }, { header: 'Inzagen', type: 'int' }, { header: 'Medewerkers', type: 'int' }],
    ds.views.map((v) => [v.role, v.action, v.views, v.actors]));
  b.table('Verwijderd', 'Verwijderd of geanonimiseerd na de bewaartermijn', [{ header: 'Categorie', type: 'text' }, { header: 'Records', type: 'int' }],
    [...ds.removed.map((x) => [x.categoryLabel, x.records]), ...(ds.removed.length ? [['Totaal', ds.removedTotal] as Cell[]] : [])]);
  const kindLabel = Object.fromEntries(r.compliance.checks.map((c) => [c.kind, c.label]));
  b.table('Naleving', 'Naleving: alle gevonden overtredingen', [
    { header: 'Controle', type: 'text' }, { header: 'Zaak', type: 'text' }, { header: 'Datum', type: 'date' }, { header: 'Toelichting', type: 'text' },
  ], r.compliance.violations.map((v) => [kindLabel[v.kind], v.reference, v.date, v.detail]),
  [r.compliance.total === 0 ? 'Geen overtredingen gevonden: alle controles geven 0.' : `${r.compliance.total} overtreding(en) gevonden. ${r.compliance.checks.map((c) => `${c.label}: ${c.count}`).join('; ')}.`]);

  const out = await b.wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
