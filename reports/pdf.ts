/**
 * The monthly report as a PDF for managers and the municipality (pdfmake 0.3, server side).
 * Embedded Roboto from pdfmake's own package covers the names Dutch municipalities meet
 * (Súdwest-Fryslân, Één Loket, …); the 14 standard PDF fonts would garble them. Charts are drawn as
 * SVG. Page numbers "pagina x van y" and the generation moment (Europe/Amsterdam) in the footer.
 */
import path from 'node:path';
import type { MonthlyReport, MonthFigures } from '../src/domain/reports/model';
import {
  counterpartyNl, differenceNl, figureNl, formatCents, formatDateNl, formatIntNl, generatedNl, monthNameNl, monthShortNl,
  SMALL_NUMBERS_NOTE,
} from './labels';
import type { RenderOptions } from './xlsx';

// pdfmake ships no types; its server build is a shared instance (set fonts and policies once).
// It is loaded on first use, so CLI commands that make no PDF start faster.
interface PdfMake {
  setFonts(f: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (p: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
}
let pdfmakeInstance: PdfMake | null = null;
function pdfmakeLib(): PdfMake {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  pdfmakeInstance ??= require('pdfmake') as PdfMake;
  return pdfmakeInstance;
}

type Node = Record<string, unknown> | string | Node[];

const FONT_DIR = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'build', 'fonts', 'Roboto');
let configured = false;
function configure(): void {
  if (configured) return;
  const pdfmake = pdfmakeLib();
  pdfmake.setFonts({
    Roboto: {
      normal: path.join(FONT_DIR, 'Roboto-Regular.ttf'),
      bold: path.join(FONT_DIR, 'Roboto-Medium.ttf'),
      italics: path.join(FONT_DIR, 'Roboto-Italic.ttf'),
      bolditalics: path.join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
    },
  });
  // Reports never fetch anything: no URLs, and local files only from the font directory.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p: string) => path.resolve(p).startsWith(FONT_DIR));
  configured = true;
}

const BLUE = '#1F4E79';
const LIGHT = '#EAF1F8';
const ORANGE = '#E07B39';
const GREEN = '#3C8D5A';
const GREY = '#7F7F7F';
const RED = '#C0392B';
/** The PDF lists at most this many detail rows per table; the Excel workbook always has all of them. */
export const PDF_DETAIL_LIMIT = 200;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A table with a repeated header row, right-aligned figures and light zebra rows. */
function table(headers: string[], rows: Array<Array<string | number>>, opts: { widths?: Array<string | number>; right?: number[]; bold?: boolean } = {}): Node {
  const right = new Set(opts.right ?? headers.map((_, i) => i).filter((i) => i > 0));
  const body = [
    headers.map((h, i) => ({ text: h, style: 'th', alignment: right.has(i) ? 'right' : 'left' })),
    ...(rows.length
      ? rows.map((r, ri) => r.map((c, i) => ({
          text: String(c),
          alignment: right.has(i) ? 'right' : 'left',
          bold: opts.bold && ri === rows.length - 1,
        })))
      : [[{ text: 'Geen gegevens in deze maand.', italics: true, colSpan: headers.length }, ...headers.slice(1).map(() => ({}))]]),
  ];
  return {
    table: { headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths: opts.widths ?? headers.map((_, i) => (i === 0 ? '*' : 'auto')), body },
    layout: {
      fillColor: (row: number) => (row === 0 ? BLUE : row % 2 === 0 ? LIGHT : null),
      hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === 0 || i === 1 || i === node.table.body.length ? 0.8 : 0),
      vLineWidth: () => 0,
      hLineColor: () => BLUE,
      paddingTop: () => 3,
      paddingBottom: () => 3,
    },
    margin: [0, 4, 0, 12],
  };
}

/** Grouped bar chart of signals per month (received, picked up, new cases) as SVG. */
export function signalsChartSvg(series: MonthFigures[], width = 515, height = 210): string {
  const left = 36;
  const bottom = 36;
  const top = 24;
  const plotW = width - left - 8;
  const plotH = height - bottom - top;
  const max = Math.max(1, ...series.map((m) => m.signals.received));
  const step = niceStep(max);
  const yMax = Math.ceil(max / step) * step;
  const group = plotW / Math.max(series.length, 1);
  const bw = Math.min(14, (group - 6) / 3);
  const y = (v: number) => top + plotH - (v / yMax) * plotH;
  const parts: string[] = [];
  for (let v = 0; v <= yMax; v += step) {
    parts.push(`<line x1="${left}" y1="${y(v)}" x2="${width - 8}" y2="${y(v)}" stroke="#D9D9D9" stroke-width="0.5"/>`);
    parts.push(`<text x="${left - 4}" y="${y(v) + 3}" font-size="7" text-anchor="end" fill="${GREY}">${formatIntNl(v)}</text>`);
  }
  series.forEach((m, i) => {
    const x0 = left + i * group + (group - 3 * bw) / 2;
    [[m.signals.received, BLUE], [m.signals.pickedUp, ORANGE], [m.signals.newCases, GREEN]].forEach(([v, color], j) => {
      const h = ((v as number) / yMax) * plotH;
      parts.push(`<rect x="${x0 + j * bw}" y="${top + plotH - h}" width="${bw - 1}" height="${h}" fill="${color}"/>`);
    });
    parts.push(`<text x="${left + i * group + group / 2}" y="${top + plotH + 12}" font-size="7" text-anchor="middle" fill="#333333">${esc(monthShortNl(m.month))}</text>`);
  });
  const legend = [['Ontvangen', BLUE], ['Opgepakt', ORANGE], ['Nieuwe zaken', GREEN]];
  legend.forEach(([label, color], i) => {
    const x = left + i * 95;
    parts.push(`<rect x="${x}" y="${height - 12}" width="8" height="8" fill="${color}"/>`);
    parts.push(`<text x="${x + 12}" y="${height - 5}" font-size="8" fill="#333333">${esc(label)}</text>`);
  });
  parts.push(`<text x="${left}" y="12" font-size="9" fill="#333333">Meldingen en zaken per maand</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

/** Bar chart of the share of first contacts within the deadline per month, with the month's count. */
export function deadlineChartSvg(series: MonthFigures[], width = 515, height = 170): string {
  const left = 36;
  const bottom = 22;
  const top = 24;
  const plotW = width - left - 8;
  const plotH = height - bottom - top;
  const group = plotW / Math.max(series.length, 1);
  const bw = Math.min(26, group - 8);
  const y = (v: number) => top + plotH - (v / 100) * plotH;
  const parts: string[] = [];
  for (const v of [0, 25, 50, 75, 100]) {
    parts.push(`<line x1="${left}" y1="${y(v)}" x2="${width - 8}" y2="${y(v)}" stroke="#D9D9D9" stroke-width="0.5"/>`);
    parts.push(`<text x="${left - 4}" y="${y(v) + 3}" font-size="7" text-anchor="end" fill="${GREY}">${v}%</text>`);
  }
  series.forEach((m, i) => {
    const cx = left + i * group + group / 2;
    if (m.deadlinePct !== null) {
      const h = (m.deadlinePct / 100) * plotH;
      const color = m.deadlinePct >= 90 ? GREEN : m.deadlinePct >= 70 ? ORANGE : '#C0392B';
      parts.push(`<rect x="${cx - bw / 2}" y="${top + plotH - h}" width="${bw}" height="${h}" fill="${color}"/>`);
      parts.push(`<text x="${cx}" y="${top + plotH - h - 3}" font-size="7" text-anchor="middle" fill="#333333">${String(Math.round(m.deadlinePct))}%</text>`);
    } else {
      parts.push(`<text x="${cx}" y="${top + plotH - 3}" font-size="7" text-anchor="middle" fill="${GREY}">–</text>`);
    }
    parts.push(`<text x="${cx}" y="${top + plotH + 12}" font-size="7" text-anchor="middle" fill="#333333">${esc(monthShortNl(m.month))}</text>`);
  });
  parts.push(`<text x="${left}" y="12" font-size="9" fill="#333333">Eerste contact binnen de termijn (zaken met termijn in de maand)</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

function niceStep(max: number): number {
  const raw = max / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (raw <= m * mag) return Math.max(1, m * mag);
  return 10 * mag;
}

function tile(label: string, value: string, sub: string, color = BLUE): Node {
  return {
    table: {
      widths: ['*'],
      body: [[{
        stack: [
          { text: value, fontSize: 20, bold: true, color },
          { text: label, fontSize: 9, margin: [0, 2, 0, 0] },
          { text: sub, fontSize: 7.5, color: GREY, margin: [0, 2, 0, 0] },
        ],
        margin: [6, 6, 6, 6],
      }]],
    },
    layout: { fillColor: () => LIGHT, hLineWidth: () => 0, vLineWidth: () => 0 },
  };
}

/** Builds the pdfmake document definition (exported for tests that inspect structure). */
export function pdfDefinition(r: MonthlyReport, opts: RenderOptions): Record<string, unknown> {
  const sn = opts.smallNumbers;
  const n = (v: number) => figureNl(v, 'aantal', sn);
  const pctNl = (v: number | null) => figureNl(v, 'procent', sn);
  const days = (v: number | null) => figureNl(v, 'werkdagen', sn);
  const o = r.outcomes;
  const ds = r.dataSharing;
  const period = monthNameNl(r.month);
  const generated = generatedNl(opts.generatedAt);
  const cur = r.current;
  const vs = (key: string) => {
    const c = r.comparison.find((x) => x.key === key)!;
    const masked = sn && c.unit === 'aantal' && [c.current, c.previous].some((v) => v !== null && v > 0 && v < 5);
    if (c.previous === null) return 'vorige maand: geen gegevens';
    return `vorige maand ${figureNl(c.previous, c.unit, sn)}${masked || c.difference === null ? '' : ` (${differenceNl(c.difference, c.unit)})`}`;
  };

  const h2 = (text: string): Node => ({ text, style: 'h2', headlineLevel: 2 });
  const capped = <T>(rows: T[]): T[] => rows.slice(0, PDF_DETAIL_LIMIT);
  const capNote = (total: number): Node[] =>
    total > PDF_DETAIL_LIMIT ? [{ text: `De eerste ${formatIntNl(PDF_DETAIL_LIMIT)} van ${formatIntNl(total)} regels; de volledige lijst staat in het Excel-bestand.`, style: 'note' }] : [];
  // The charts start at the first month with any activity (a new installation has no history).
  const firstActive = r.series.findIndex((m) => m.signals.received > 0 || m.openBacklog > 0);
  const chartSeries = r.series.slice(Math.max(0, Math.min(firstActive < 0 ? r.series.length : firstActive, r.series.length - 3)));
  const content: Node[] = [
    // Title page.
    { text: 'Maandrapportage vroegsignalering', style: 'title', margin: [0, 150, 0, 8] },
    { text: `Gemeente ${r.gemeente.name}`, style: 'subtitle' },
    { text: `${period.charAt(0).toUpperCase()}${period.slice(1)} (${formatDateNl(r.period.from)} t/m ${formatDateNl(r.period.to)})`, fontSize: 14, margin: [0, 4, 0, 30] },
    {
      table: {
        widths: [130, '*'],
        body: [
          ['CBS-gemeentecode', r.gemeente.code],
          ['Verslagperiode', `${formatDateNl(r.period.from)} t/m ${formatDateNl(r.period.to)}`],
          ['Gemaakt op', `${generated} (Nederlandse tijd)`],
          ['Inhoud', 'Resultaten van de vroegsignalering, verantwoording van de gegevensuitwisseling en naleving'],
          ['Persoonsgegevens', 'Geen: zaken alleen als zaaknummer (VS-000123)'],
          ...(sn ? [['Kleine aantallen', SMALL_NUMBERS_NOTE]] : []),
        ],
      },
      layout: 'noBorders',
      fontSize: 10,
    },
    {
      text: r.compliance.total === 0
        ? 'Naleving: geen overtredingen gevonden.'
        : `Naleving: ${r.compliance.total} overtreding(en) gevonden — zie hoofdstuk 3.`,
      bold: true,
      color: r.compliance.total === 0 ? GREEN : RED,
      margin: [0, 30, 0, 0],
      fontSize: 12,
    },

    // Key figures.
    { text: 'Kerncijfers', style: 'h1', pageBreak: 'before' },
    {
      columns: [
        tile('meldingen ontvangen', n(cur.signals.received), vs('received')),
        tile('nieuwe zaken', n(cur.signals.newCases), vs('newCases')),
        tile('eerste contact binnen termijn', pctNl(cur.deadlinePct), vs('deadlinePct')),
        tile('open zaken einde maand', n(cur.openBacklog), vs('backlog')),
      ],
      columnGap: 8,
      margin: [0, 0, 0, 8],
    },
    {
      columns: [
        tile('contactpogingen', n(cur.contactAttempts), cur.reachRate === null ? 'geen pogingen deze maand' : `bereikt bij ${pctNl(cur.reachRate)} van de pogingen`),
        tile('mediaan werkdagen tot contact', days(cur.medianDaysToContact), vs('medianContact')),
        tile('zorgmeldingen', n(cur.zorgmeldingen), vs('zorgmeldingen')),
        tile('overtredingen', formatIntNl(r.compliance.total), r.compliance.total === 0 ? 'geen: alle controles 0' : 'zie hoofdstuk 3', r.compliance.total === 0 ? GREEN : RED),
      ],
      columnGap: 8,
      margin: [0, 0, 0, 14],
    },
    h2(`Vergelijking met ${monthNameNl(r.previousMonth)}`),
    table(
      ['Kerncijfer', period, monthNameNl(r.previousMonth), 'Verschil'],
      r.comparison.map((c) => {
        const masked = sn && c.unit === 'aantal' && [c.current, c.previous].some((v) => v !== null && v > 0 && v < 5);
        return [c.label, figureNl(c.current, c.unit, sn), figureNl(c.previous, c.unit, sn), masked ? '—' : differenceNl(c.difference, c.unit)];
      }),
      { widths: ['*', 80, 80, 70] },
    ),
    // Bars would show small numbers exactly: with small-number protection such a chart is left out.
    sn && chartSeries.some((m) => [m.signals.received, m.signals.pickedUp, m.signals.newCases].some((v) => v > 0 && v < 5))
      ? { text: 'De grafiek met meldingen per maand is weggelaten omdat zij aantallen kleiner dan 5 zou tonen; zie de tabel Trend in het Excel-bestand.', style: 'note', margin: [0, 8, 0, 8] }
      : { svg: signalsChartSvg(chartSeries), width: 515, margin: [0, 6, 0, 6] },

    // Outcomes.
    { text: '1. Resultaten', style: 'h1', pageBreak: 'before' },
    h2('1.1 Meldingen per signaalpartner'),
    {
      text: `Deze maand kwamen ${n(o.signals.received)} meldingen binnen; ${n(o.signals.accepted)} zijn na controle geaccepteerd (waarvan ${n(o.signals.acceptedAfterCorrection)} na correctie uit quarantaine) en ${n(o.signals.quarantined)} staan in quarantaine. ${n(o.signals.pickedUp)} meldingen zijn opgepakt en ${n(o.signals.newCases)} nieuwe zaken geopend; ${n(o.signals.repeats)} waren herhaalmeldingen.`,
      style: 'p',
    },
    table(
      ['Partner', 'Soort', 'Ontvangen', 'Quarantaine', 'Geaccepteerd', 'Opgepakt', 'Niet opgepakt'],
      o.perPartner.map((p) => [p.name, p.type, n(p.received), n(p.quarantined), n(p.accepted), n(p.pickedUp), n(p.notPickedUp)]),
      { widths: ['*', 55, 50, 55, 58, 45, 55], right: [2, 3, 4, 5, 6] },
    ),
    table(
      ['Soort partner', 'Ontvangen', 'Quarantaine', 'Geaccepteerd', 'Opgepakt', 'Niet opgepakt'],
      o.perPartnerType.map((p) => [p.type, n(p.received), n(p.quarantined), n(p.accepted), n(p.pickedUp), n(p.notPickedUp)]),
      { widths: ['*', 55, 60, 60, 50, 60] },
    ),
    h2('1.2 Niet opgepakt'),
    table(['Reden', 'Aantal'], o.notPickedUp.map((x) => [x.label, n(x.count)]), { widths: ['*', 60] }),
    h2('1.3 Contactpogingen en bereik'),
    table(
      ['Soort contact', 'Pogingen', 'Bereikt', 'Bereikt %'],
      [...o.contactAttempts.byKind.map((k) => [k.kind, n(k.attempts), n(k.reached), pctNl(k.reachRate)]),
        ['Totaal', n(o.contactAttempts.total), n(o.contactAttempts.reached), pctNl(o.contactAttempts.reachRate)]],
      { widths: ['*', 60, 60, 60], bold: true },
    ),
    { text: `${n(o.contactAttempts.casesAttempted)} zaken kregen deze maand een contactpoging; ${n(o.contactAttempts.casesReached)} zaken zijn bereikt.`, style: 'p' },
    h2('1.4 Doorlooptijd en termijnen'),
    table(
      ['Werkdagen vanaf opening zaak', 'Zaken', 'Mediaan', '90e percentiel'],
      [
        ['Tot eerste contactpoging', n(o.timing.firstAttempt.cases), days(o.timing.firstAttempt.medianDays), days(o.timing.firstAttempt.p90Days)],
        ['Tot eerste contact', n(o.timing.firstContact.cases), days(o.timing.firstContact.medianDays), days(o.timing.firstContact.p90Days)],
      ],
      { widths: ['*', 50, 60, 80] },
    ),
    table(
      ['Termijn eerste contact', 'Termijn in maand', 'Op tijd', 'Te laat', 'Nog geen contact', 'Op tijd %'],
      o.deadlines.map((d) => [d.label, n(d.due), n(d.met), n(d.late), n(d.openOverdue), pctNl(d.pctMet)]),
      { widths: ['*', 60, 45, 45, 65, 50] },
    ),
    { text: 'Wgs art. 4: bij een dreigende ontruiming binnen 3 werkdagen; anders de standaardtermijn uit de regels. Telt de strengste termijn die de zaak kreeg.', style: 'note' },
    { svg: deadlineChartSvg(chartSeries), width: 515, margin: [0, 2, 0, 8], unbreakable: true },
    h2('1.5 Routes, toestemmingen en budgetbeheer'),
    table(
      ['Route', 'Gestart', 'Afgerond', 'Gestopt', 'Lopend einde maand'],
      o.routes.map((x) => [x.label, n(x.started), n(x.completed), n(x.stopped), n(x.activeAtEnd)]),
      { widths: ['*', 50, 50, 50, 80] },
    ),
    table(
      ['Schriftelijke toestemming voor', 'Getekend', 'Ingetrokken'],
      o.consents.byRecipient.map((c) => [c.label, n(c.signed), n(c.withdrawn)]),
      { widths: ['*', 60, 70] },
    ),
    table(
      ['Budgetbeheer (goedkeuring gemeente)', 'Aantal', 'Kosten gemeente'],
      [
        ['Aangevraagd', n(o.budgetManagement.requested), ''],
        ['Goedgekeurd', n(o.budgetManagement.approved), formatCents(o.budgetManagement.approvedCostCents)],
        ['Afgewezen', n(o.budgetManagement.rejected), ''],
        ['Nog niet besloten (einde maand)', n(o.budgetManagement.pendingAtEnd), ''],
      ],
      { widths: ['*', 60, 90] },
    ),
    h2('1.6 Zorgmeldingen'),
    table(
      ['Zorgmeldingen', 'Aantal'],
      [
        ['Gedaan', n(o.zorgmeldingen.made)],
        ['Huurder op tijd geïnformeerd', n(o.zorgmeldingen.informedOnTime)],
        ['Huurder te laat geïnformeerd', n(o.zorgmeldingen.informedLate)],
        ['Nog niet geïnformeerd, termijn verstreken', n(o.zorgmeldingen.notInformedOverdue)],
        ['Nog niet geïnformeerd, binnen termijn', n(o.zorgmeldingen.notInformedWithinTerm)],
      ],
      { widths: ['*', 60] },
    ),
    { text: `Mediaan dagen van zorgmelding tot informeren huurder: ${days(o.zorgmeldingen.medianDaysToInform)}.`, style: 'p' },
    h2('1.7 Afgesloten zaken en werkvoorraad'),
    table(['Eindresultaat (DDAS)', 'Aantal'], [...o.closed.byResult.map((c) => [c.result, n(c.count)]), ['Totaal', n(o.closed.total)]], { widths: ['*', 60], bold: true }),
    {
      unbreakable: true,
      columns: [
        table(['Open zaken naar leeftijd', 'Aantal'], [...o.backlog.byAge.map((a) => [a.label, n(a.count)]), ['Totaal', n(o.backlog.total)]], { widths: ['*', 45], bold: true }),
        table(['Open zaken per werkvoorraad', 'Aantal'], o.backlog.byQueue.map((q) => [q.queue, n(q.count)]), { widths: ['*', 45] }),
      ],
      columnGap: 12,
    },
    table(
      ['Achterstand bij intake (nieuwe zaken)', 'Zaken', 'Totaal', 'Mediaan'],
      o.arrearsByQueue.map((a) => [a.queue, n(a.cases), formatCents(a.totalCents), a.medianCents === null ? '—' : formatCents(a.medianCents)]),
      { widths: ['*', 45, 90, 80] },
    ),

    // Data sharing.
    { text: '2. Verantwoording gegevensuitwisseling', style: 'h1', pageBreak: 'before' },
    { text: 'Alleen de gegevens uit de samenwerkingsafspraken (Bijlage 3) worden ontvangen. Elke ontvangst, doorgifte en verwijdering staat in het gegevensuitwisselingslog; elke inzage in de audittrail.', style: 'p' },
    h2('2.1 Ontvangen gegevens per categorie en partner'),
    table(['Categorie', 'Partner', 'Records'], ds.received.map((x) => [x.categoryLabel, x.partner, n(x.records)]), { widths: [150, '*', 60], right: [2] }),
    h2('2.2 Doorgegeven en gerapporteerde gegevens'),
    table(
      ['Aan', 'Soort', 'Categorie', 'Records', 'Toestemming of grondslag'],
      ds.passedOnSummary.map((p) => [counterpartyNl(p.counterparty), p.direction, p.categoryLabel, n(p.records), p.basis]),
      { widths: [120, 62, 90, 42, '*'], right: [3] },
    ),
    table(
      ['Datum', 'Aan', 'Categorie', 'Records', 'Toestemming of grondslag', 'Zaak'],
      capped(ds.passedOn).map((p) => [formatDateNl(p.date), counterpartyNl(p.counterparty), p.categoryLabel, n(p.records), p.basis, p.caseRef ?? '—']),
      { widths: [50, 105, 85, 38, '*', 55], right: [3] },
    ),
    ...capNote(ds.passedOn.length),
    h2('2.3 Inzage in persoonsgegevens'),
    table(['Rol', 'Handeling', 'Inzagen', 'Medewerkers'], ds.views.map((v) => [v.role, v.action, n(v.views), n(v.actors)]), { widths: [90, '*', 50, 65], right: [2, 3] }),
    h2('2.4 Verwijderd na de bewaartermijn'),
    table(['Categorie', 'Records'], [...ds.removed.map((x) => [x.categoryLabel, n(x.records)]), ...(ds.removed.length ? [['Totaal', n(ds.removedTotal)]] : [])], { widths: ['*', 60], bold: ds.removed.length > 0 }),

    // Compliance.
    { text: '3. Naleving', style: 'h1', pageBreak: 'before' },
    {
      text: r.compliance.total === 0
        ? 'Geen overtredingen gevonden. Alle controles hieronder geven 0.'
        : `${formatIntNl(r.compliance.total)} overtreding(en) gevonden. Elke overtreding staat hieronder met zaaknummer; de verwachte uitkomst is 0.`,
      bold: true,
      color: r.compliance.total === 0 ? GREEN : RED,
      margin: [0, 0, 0, 8],
    },
    table(['Controle', 'Gevonden'], r.compliance.checks.map((c) => [c.label, formatIntNl(c.count)]), { widths: ['*', 60] }),
    ...(r.compliance.violations.length
      ? [table(
          ['Controle', 'Zaak', 'Datum', 'Toelichting'],
          capped(r.compliance.violations).map((v) => [r.compliance.checks.find((c) => c.kind === v.kind)!.label, v.reference, formatDateNl(v.date), v.detail]),
          { widths: [130, 55, 52, '*'], right: [] },
        ), ...capNote(r.compliance.violations.length)]
      : []),
  ];

  return {
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 50],
    info: {
      title: `Maandrapportage vroegsignalering ${r.gemeente.name} ${period}`,
      author: 'Vroegsignaal',
      subject: `Gemeente ${r.gemeente.name} (${r.gemeente.code}), ${period}`,
      creator: 'Vroegsignaal',
      producer: 'Vroegsignaal',
      creationDate: opts.generatedAt,
      modDate: opts.generatedAt,
    },
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.15 },
    styles: {
      title: { fontSize: 26, bold: true, color: BLUE },
      subtitle: { fontSize: 20, color: '#333333' },
      h1: { fontSize: 16, bold: true, color: BLUE, margin: [0, 0, 0, 10] },
      h2: { fontSize: 11.5, bold: true, color: BLUE, margin: [0, 8, 0, 4] },
      th: { bold: true, color: 'white', fontSize: 8.5 },
      p: { margin: [0, 0, 0, 8] },
      note: { fontSize: 7.5, italics: true, color: GREY, margin: [0, -6, 0, 8] },
    },
    // Never leave a section heading alone at the bottom of a page.
    pageBreakBefore: (node: { headlineLevel?: number }, following: unknown[]) => node.headlineLevel === 2 && following.length < 6,
    footer: (page: number, pages: number) => ({
      columns: [
        { text: `Vroegsignaal — maandrapportage ${r.gemeente.name}, ${period} — gemaakt op ${generated}`, fontSize: 7.5, color: GREY },
        { text: `pagina ${page} van ${pages}`, alignment: 'right', fontSize: 7.5, color: GREY, width: 80 },
      ],
      margin: [40, 18, 40, 0],
    }),
    content,
  };
}

/** Renders the report and returns the PDF bytes. */
export async function renderPdf(r: MonthlyReport, opts: RenderOptions): Promise<Buffer> {
  configure();
  return pdfmakeLib().createPdf(pdfDefinition(r, opts)).getBuffer();
}
