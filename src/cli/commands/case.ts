/**
 * `vroegsignaal case …` and `vroegsignaal audit <zaak>`: casework for caseworkers, coordinators and
 * the municipality. Only parses arguments and prints Dutch text; every rule lives in the casework
 * services (src/services/casework.ts), which a web interface can use the same way.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { action, dateOption, intOption } from '../action';
import { openApp, type App } from '../app';
import { cliActor } from './quarantine';
import { caseReference, parseCaseReference } from '../../db/cases';
import { amsterdamDate, formatDateNl } from '../../domain/dates';
import { parseAmountToCents } from '../../domain/money';
import {
  CONSENT_RECIPIENTS, DAY_PARTS, DEBT_ARRANGEMENT_VALUES, INCOME_SOURCES, PARTNER_FEEDBACK_LABELS, RECIPIENT_LABELS,
  RESULT_CODES, FINAL_RESULTS, ROLES, ROUTE_LABELS, ROUTES, SHAREABLE_CATEGORIES, STATUS_LABELS, isCaseStatus, isRoute,
  parseFinalResult, parseRole, routeOptions, type DebtArrangement, type Findings, type IncomeSource, type PartnerFeedback, type Role,
} from '../../domain/casework';
import {
  caseAuditTrail, caseworkSettings, claimCase, closeCase, currentFindings, decideApprovalStep, describeOption, finishRoute, makeZorgmelding,
  markInformed, overdueTasks, recordConsent, recordContact, recordFindings, requestApproval, startRoute, stopRoute, viewCase,
  withdrawConsentStep, type CaseView, type CaseworkContext,
} from '../../services/casework';
import { zorgmeldingenOfCase } from '../../db/casework';
import { UsageError } from '../../errors';
import { formatCents, formatInt, table } from '../../format';

interface CommonOpts {
  rol: string;
  versie?: number;
  reden?: string;
}

function caseIdOf(ref: string): number {
  const id = parseCaseReference(ref);
  if (id === null) throw new UsageError(`"${ref}" is geen zaaknummer (bijv. VS-000123 of 123)`);
  return id;
}

function roleOf(input: string): Role {
  const role = parseRole(input);
  if (!role) throw new UsageError(`Onbekende rol "${input}" (${ROLES.join(', ')})`);
  return role;
}

function yesNo(value: string | undefined, option: string): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (['ja', 'j', 'true', '1'].includes(v)) return true;
  if (['nee', 'n', 'false', '0'].includes(v)) return false;
  throw new UsageError(`${option}: "${value}" moet ja of nee zijn`);
}

function categoriesOf(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter(Boolean);
}

function euroCents(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const r = parseAmountToCents(value);
  if (!r.ok || r.value < 0) throw new UsageError(`${option}: "${value}" is geen bedrag in euro (bijv. 420,00)`);
  return r.value;
}

/** Runs one step in a transaction with the actor at the keyboard; prints the returned message. */
async function step(
  opts: CommonOpts,
  fn: (ctx: CaseworkContext, app: App) => Promise<string>,
): Promise<void> {
  const role = roleOf(opts.rol);
  const app = await openApp();
  try {
    const now = new Date();
    const message = await app.db.transaction((trx) =>
      fn({ db: trx, who: { actor: cliActor(), role, reason: opts.reden ?? null }, now, date: amsterdamDate(now), settings: caseworkSettings(app.config) }, app),
    );
    process.stdout.write(message + '\n');
  } finally {
    await app.close();
  }
}

function withCommon(cmd: Command, opts: { version?: boolean } = { version: true }): Command {
  cmd.addOption(new Option('--rol <rol>', `uw rol: ${ROLES.join(', ')}`).default('casemanager'));
  if (opts.version) cmd.option('--versie <n>', 'versie van de zaak zoals u die zag (weigert als iemand anders haar intussen wijzigde)', intOption(1, 1_000_000));
  cmd.option('--reden <tekst>', 'reden of toelichting (audittrail)');
  return cmd;
}

export function register(program: Command): void {
  const c = program
    .command('case')
    .description('Zaken behandelen volgens de afgesproken route: contact, onderzoek, toestemming, doorverwijzing, goedkeuring, zorgmelding, afsluiten');

  withCommon(
    c.command('show <zaak>')
      .description('Toont de zaak met persoonsgegevens (het bekijken wordt gelogd), termijnen, mogelijke routes en open taken')
      .option('--json', 'als JSON'),
    { version: false },
  ).action(
    action(async (zaak: string, opts: CommonOpts & { json?: boolean }) => {
      await step(opts, async (ctx) => {
        const view = await viewCase(ctx, caseIdOf(zaak));
        return opts.json ? JSON.stringify(view, null, 2) : renderCase(view, ctx.date);
      });
    }),
  );

  withCommon(
    c.command('claim <zaak>')
      .description('Pakt de zaak op (wordt aan u toegewezen). Met --versie weigert het als een collega u voor was')
      .option('--overnemen', 'coördinator: neemt een zaak van een collega over'),
  ).action(
    action(async (zaak: string, opts: CommonOpts & { overnemen?: boolean }) => {
      await step(opts, async (ctx) => {
        const r = await claimCase(ctx, caseIdOf(zaak), { expectedVersion: opts.versie, takeOver: opts.overnemen });
        return `Zaak ${caseReference(r.id)} is toegewezen aan ${r.assignedTo} (versie ${r.version}).`;
      });
    }),
  );

  withCommon(
    c.command('contact <zaak>')
      .description('Legt een contactpoging vast (landelijke velden: soort, bereikt, datum, dagdeel) met een interne notitie die nooit wordt geëxporteerd')
      .requiredOption('--soort <soort>', 'Telefoon, Brief, Huisbezoek, Mail, SMS/Whatsapp, Kaartje, Afspraak op locatie, Administratief, Overige, Onbekend')
      .requiredOption('--bereikt <ja|nee>', 'is de inwoner bereikt?')
      .option('--datum <datum>', 'datum van de poging (standaard vandaag)', dateOption)
      .option('--dagdeel <dagdeel>', DAY_PARTS.join(', '))
      .option('--notitie <tekst>', 'interne notitie voor collega\'s (niet in rapportages of exports)'),
  ).action(
    action(async (zaak: string, opts: CommonOpts & { soort: string; bereikt: string; datum?: string; dagdeel?: string; notitie?: string }) => {
      await step(opts, async (ctx) => {
        const reached = yesNo(opts.bereikt, '--bereikt')!;
        const r = await recordContact(ctx, caseIdOf(zaak), { kind: opts.soort, reached, date: opts.datum ?? ctx.date, dayPart: opts.dagdeel, note: opts.notitie }, opts.versie);
        return `Zaak ${caseReference(caseIdOf(zaak))}: contactpoging ${r.attemptId} vastgelegd (${reached ? 'bereikt' : 'niet bereikt'}). Status: ${r.status}.`;
      });
    }),
  );

  withCommon(
    c.command('finding <zaak>')
      .description('Legt onderzoeksbevindingen vast; niet genoemde bevindingen blijven staan. Toont daarna welke routes mogelijk zijn')
      .option('--schuldregeling <waarde>', `schuldregeling mogelijk: ${DEBT_ARRANGEMENT_VALUES.join(', ')}`)
      .option('--eigen-kracht <ja|nee>', 'kan op eigen kracht weer betalen')
      .option('--eigen-netwerk <ja|nee>', 'kan met het eigen netwerk weer betalen')
      .option('--vrijwilligers <ja|nee>', 'kan met vrijwilligers (bijv. Humanitas) weer betalen')
      .option('--inkomen <bron>', `inkomensbron: ${INCOME_SOURCES.join(', ')}`)
      .option('--afgestemd <ja|nee>', 'aanpak afgestemd met de verhuurder (kent de incassogeschiedenis)'),
  ).action(
    action(async (zaak: string, opts: CommonOpts & { schuldregeling?: string; eigenKracht?: string; eigenNetwerk?: string; vrijwilligers?: string; inkomen?: string; afgestemd?: string }) => {
      if (opts.schuldregeling !== undefined && !(DEBT_ARRANGEMENT_VALUES as readonly string[]).includes(opts.schuldregeling)) {
        throw new UsageError(`--schuldregeling moet ${DEBT_ARRANGEMENT_VALUES.join(', ')} zijn`);
      }
      const income = opts.inkomen === undefined ? undefined : INCOME_SOURCES.find((s) => s.toLowerCase() === opts.inkomen!.trim().toLowerCase());
      if (opts.inkomen !== undefined && !income) throw new UsageError(`--inkomen moet een van ${INCOME_SOURCES.join(', ')} zijn`);
      const update: Partial<Findings> = {
        debtArrangement: opts.schuldregeling as DebtArrangement | undefined,
        ownStrength: yesNo(opts.eigenKracht, '--eigen-kracht'),
        ownNetwork: yesNo(opts.eigenNetwerk, '--eigen-netwerk'),
        volunteers: yesNo(opts.vrijwilligers, '--vrijwilligers'),
        incomeSource: income as IncomeSource | undefined,
        partnerAgreed: yesNo(opts.afgestemd, '--afgestemd'),
      };
      await step(opts, async (ctx) => {
        const id = caseIdOf(zaak);
        await recordFindings(ctx, id, update, opts.versie);
        const options = routeOptions(await currentFindings(ctx.db, id));
        return `Zaak ${caseReference(id)}: bevindingen vastgelegd. Routes (in de volgorde van de afspraken):\n${options.map((o) => `  - ${describeOption(o)}`).join('\n')}`;
      });
    }),
  );

  withCommon(
    c.command('consent <zaak>')
      .description('Legt schriftelijke toestemming vast (wie, voor welke ontvanger, welke gegevens, datum, document) of trekt die in')
      .option('--ontvanger <soort>', `ontvanger: ${CONSENT_RECIPIENTS.join(', ')}`)
      .option('--naam <naam>', 'naam van de ontvanger (bij netwerk en vrijwilliger verplicht, bijv. Humanitas)')
      .option('--gegevens <lijst>', `gegevens die doorgegeven mogen worden, komma-gescheiden: ${SHAREABLE_CATEGORIES.join(', ')}`)
      .option('--getekend-door <naam>', 'wie tekende (inwoner of vertegenwoordiger)')
      .option('--datum <datum>', 'datum van ondertekening of intrekking (standaard vandaag)', dateOption)
      .option('--document <verwijzing>', 'verwijzing naar het getekende formulier (bijv. DMS-nummer)')
      .option('--intrekken <nr>', 'trekt toestemming <nr> in: er wordt niets meer op doorgegeven en een route die erop steunt stopt', intOption(1, 1_000_000_000)),
  ).action(
    action(async (zaak: string, opts: CommonOpts & { ontvanger?: string; naam?: string; gegevens?: string; getekendDoor?: string; datum?: string; document?: string; intrekken?: number }) => {
      await step(opts, async (ctx) => {
        const id = caseIdOf(zaak);
        if (opts.intrekken !== undefined) {
          const r = await withdrawConsentStep(ctx, id, opts.intrekken, { date: opts.datum ?? ctx.date, reason: opts.reden ?? null }, opts.versie);
          return `Zaak ${caseReference(id)}: toestemming ${opts.intrekken} ingetrokken.${r.stoppedRoutes.length ? ` ${r.stoppedRoutes.length} route(s) gestopt; de zaak is terug in onderzoek.` : ''}`;
        }
        const missing = [
          !opts.ontvanger && '--ontvanger', !opts.gegevens && '--gegevens', !opts.getekendDoor && '--getekend-door', !opts.document && '--document',
        ].filter(Boolean);
        if (missing.length) throw new UsageError(`Ontbreekt: ${missing.join(', ')}`);
        const consentId = await recordConsent(ctx, id, {
          recipient: opts.ontvanger!, recipientName: opts.naam ?? null, categories: categoriesOf(opts.gegevens)!,
          signedBy: opts.getekendDoor!, signedDate: opts.datum ?? ctx.date, documentRef: opts.document!,
        }, opts.versie);
        return `Zaak ${caseReference(id)}: toestemming ${consentId} vastgelegd voor ${opts.naam ?? RECIPIENT_LABELS[opts.ontvanger as keyof typeof RECIPIENT_LABELS]}.`;
      });
    }),
  );

  withCommon(
    c.command('route <zaak> [route]')
      .description(
        `Start een route (${ROUTES.join(', ')}), of rondt de lopende af (--afronden) of stopt die (--stoppen --reden …). ` +
          'Zonder route: toont welke routes mogelijk zijn en waarom andere niet',
      )
      .option('--ontvanger <naam>', 'naam van de ontvanger (vrijwilliger: bijv. Humanitas; netwerk: de contactpersoon)')
      .option('--toestemming <nr>', 'de toestemming die de doorverwijzing dekt (standaard: de passende)', intOption(1, 1_000_000_000))
      .option('--gegevens <lijst>', 'gegevens die worden doorgegeven (standaard per route)')
      .option('--afronden', 'de lopende route is afgerond')
      .option('--stoppen', 'de lopende route stopt (reden verplicht)'),
  ).action(
    action(async (zaak: string, route: string | undefined, opts: CommonOpts & { ontvanger?: string; toestemming?: number; gegevens?: string; afronden?: boolean; stoppen?: boolean }) => {
      await step(opts, async (ctx) => {
        const id = caseIdOf(zaak);
        if (opts.afronden) {
          await finishRoute(ctx, id, opts.versie);
          return `Zaak ${caseReference(id)}: route afgerond. Status: geregeld.`;
        }
        if (opts.stoppen) {
          await stopRoute(ctx, id, opts.reden ?? '', opts.versie);
          return `Zaak ${caseReference(id)}: route gestopt. Status: onderzoek.`;
        }
        if (!route) {
          const options = routeOptions(await currentFindings(ctx.db, id));
          return `Routes voor ${caseReference(id)} (in de volgorde van de afspraken):\n${options.map((o) => `  - ${describeOption(o)}`).join('\n')}`;
        }
        if (!isRoute(route)) throw new UsageError(`Onbekende route "${route}" (${ROUTES.join(', ')})`);
        await startRoute(ctx, id, { route, recipientName: opts.ontvanger ?? null, consentId: opts.toestemming, categories: categoriesOf(opts.gegevens) }, opts.versie);
        return `Zaak ${caseReference(id)}: route ${ROUTE_LABELS[route]} gestart.`;
      });
    }),
  );

  withCommon(
    c.command('approve <zaak>')
      .description('Budgetbeheer: goedkeuring aanvragen (casemanager) of erover besluiten (rol gemeente); de kosten zijn voor de gemeente')
      .option('--aanvragen', 'vraagt de gemeente om goedkeuring voor budgetbeheer bij Plangroep')
      .option('--goedkeuren', 'gemeente: keurt de aanvraag goed')
      .option('--afwijzen', 'gemeente: wijst de aanvraag af')
      .option('--kosten <bedrag>', 'kosten voor de gemeente in euro (standaard VS_BUDGETBEHEER_KOSTEN)'),
  ).action(
    action(async (zaak: string, opts: CommonOpts & { aanvragen?: boolean; goedkeuren?: boolean; afwijzen?: boolean; kosten?: string }) => {
      const chosen = [opts.aanvragen, opts.goedkeuren, opts.afwijzen].filter(Boolean).length;
      if (chosen !== 1) throw new UsageError('Kies precies één van --aanvragen, --goedkeuren of --afwijzen');
      const cost = euroCents(opts.kosten, '--kosten');
      await step(opts, async (ctx) => {
        const id = caseIdOf(zaak);
        if (opts.aanvragen) {
          const a = await requestApproval(ctx, id, { costCents: cost }, opts.versie);
          return `Zaak ${caseReference(id)}: goedkeuring budgetbeheer aangevraagd (aanvraag ${a}). De gemeente besluit met: case approve ${caseReference(id)} --goedkeuren --rol gemeente`;
        }
        const decision = opts.goedkeuren ? 'goedgekeurd' : 'afgewezen';
        await decideApprovalStep(ctx, id, { decision, costCents: cost }, opts.versie);
        return `Zaak ${caseReference(id)}: budgetbeheer ${decision}.`;
      });
    }),
  );

  withCommon(
    c.command('zorgmelding <zaak>')
      .description('Doet de zorgmelding bij de gemeente die de regels vragen (gezin met minderjarige kinderen, ontruiming dreigt); opent de taak "huurder geïnformeerd"'),
  ).action(
    action(async (zaak: string, opts: CommonOpts) => {
      await step(opts, async (ctx) => {
        const id = caseIdOf(zaak);
        const zid = await makeZorgmelding(ctx, id, { reason: opts.reden ?? null }, opts.versie);
        const z = (await zorgmeldingenOfCase(ctx.db, id)).find((x) => x.id === zid)!;
        return `Zaak ${caseReference(id)}: zorgmelding ${zid} gedaan. Informeer de huurder uiterlijk ${formatDateNl(z.informDueDate)} (case inform ${caseReference(id)}).`;
      });
    }),
  );

  withCommon(
    c.command('inform <zaak>')
      .description('Legt vast dat de huurder over de zorgmelding is geïnformeerd')
      .option('--datum <datum>', 'datum waarop de huurder is geïnformeerd (standaard vandaag)', dateOption)
      .option('--zorgmelding <nr>', 'welke zorgmelding (standaard: de open)', intOption(1, 1_000_000_000)),
  ).action(
    action(async (zaak: string, opts: CommonOpts & { datum?: string; zorgmelding?: number }) => {
      await step(opts, async (ctx) => {
        const id = caseIdOf(zaak);
        const zid = await markInformed(ctx, id, { date: opts.datum ?? ctx.date, zorgmeldingId: opts.zorgmelding }, opts.versie);
        return `Zaak ${caseReference(id)}: huurder geïnformeerd over zorgmelding ${zid}.`;
      });
    }),
  );

  withCommon(
    c.command('close <zaak>')
      .description('Sluit de zaak af met een landelijk eindresultaat (DDAS) dat past bij de route, en de terugkoppeling aan de partner')
      .requiredOption('--resultaat <code>', `eindresultaat: ${Object.keys(RESULT_CODES).join(', ')} (of de volledige DDAS-tekst)`)
      .option('--terugkoppeling <waarde>', 'wat de partner mag horen: opgepakt, niet-opgepakt of niet-opgepakt:<standaardreden> (standaard: volgt uit het resultaat)'),
  ).action(
    action(async (zaak: string, opts: CommonOpts & { resultaat: string; terugkoppeling?: string }) => {
      const result = parseFinalResult(opts.resultaat);
      if (!result) {
        throw new UsageError(`Onbekend eindresultaat "${opts.resultaat}". Codes:\n${Object.entries(RESULT_CODES).map(([code, key]) => `  ${code.padEnd(16)} ${FINAL_RESULTS[key]}`).join('\n')}`);
      }
      await step(opts, async (ctx) => {
        const id = caseIdOf(zaak);
        const r = await closeCase(ctx, id, { result, partnerFeedback: opts.terugkoppeling, reason: opts.reden ?? null }, opts.versie);
        return `Zaak ${caseReference(id)} afgesloten: "${r.result}". Terugkoppeling aan de partner: ${PARTNER_FEEDBACK_LABELS[r.partnerFeedback as PartnerFeedback]}.`;
      });
    }),
  );

  c.command('termijnen')
    .description('Open zaken met verstreken termijnen: eerste contact, zorgmelding, huurder informeren (zonder persoonsgegevens)')
    .option('--json', 'als JSON')
    .action(
      action(async (opts: { json?: boolean }) => {
        const app = await openApp();
        try {
          const today = amsterdamDate(new Date());
          const items = await overdueTasks(app.db, today, caseworkSettings(app.config));
          if (opts.json) {
            process.stdout.write(JSON.stringify({ date: today, items }, null, 2) + '\n');
            return;
          }
          if (items.length === 0) {
            process.stdout.write('Geen verstreken termijnen.\n');
            return;
          }
          process.stdout.write(
            table(
              ['Zaak', 'Taak', 'Termijn', 'Status', 'Behandelaar'],
              items.map((i) => [i.reference, i.task.label, i.task.due ? formatDateNl(i.task.due) : 'direct', i.status, i.assignedTo ?? '—']),
            ) + `\n${formatInt(items.length)} verstreken taak/taken.\n`,
          );
        } finally {
          await app.close();
        }
      }),
    );

  withCommon(
    program
      .command('audit <zaak>')
      .description('Audittrail van een zaak (wie, wat, wanneer, oud en nieuw, reden) en wat er aan gegevens is doorgegeven; het bekijken wordt gelogd')
      .option('--json', 'als JSON'),
    { version: false },
  ).action(
    action(async (zaak: string, opts: CommonOpts & { json?: boolean }) => {
      await step(opts, async (ctx) => {
        const trail = await caseAuditTrail(ctx, caseIdOf(zaak));
        if (opts.json) return JSON.stringify(trail, null, 2);
        const lines = [`Audittrail ${trail.reference}`, ''];
        lines.push(
          table(
            ['Tijdstip', 'Wie', 'Rol', 'Handeling', 'Oud', 'Nieuw', 'Reden'],
            trail.audit.map((a) => [
              formatInstant(a.occurredAt), a.actor, a.role, a.action, compact(a.old), compact(a.new), a.reason ?? '',
            ]),
          ),
        );
        lines.push('', 'Gegevensuitwisseling:');
        lines.push(
          trail.sharing.length === 0
            ? '  (geen)'
            : table(
                ['Datum', 'Richting', 'Partij', 'Gegevens', 'Aantal', 'Toestemming', 'Grondslag'],
                trail.sharing.map((s) => [
                  s.businessDate ? formatDateNl(s.businessDate) : '', s.direction, s.counterparty, s.category, s.recordCount,
                  s.consentId ?? '', s.legalBasis ?? '',
                ]),
              ).replace(/^/gm, '  '),
        );
        return lines.join('\n');
      });
    }),
  );
}

function formatInstant(iso: string): string {
  const d = new Date(iso);
  const time = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' }).format(d);
  return `${formatDateNl(amsterdamDate(d))} ${time}`;
}

function compact(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = JSON.stringify(v);
  return s.length > 70 ? `${s.slice(0, 67)}…` : s;
}

function renderCase(v: CaseView, today: string): string {
  const c = v.case;
  const p = v.person;
  const out: string[] = [];
  const status = isCaseStatus(c.status) ? STATUS_LABELS[c.status] : c.status;
  out.push(`Zaak ${v.reference} — ${status}${c.simulated ? ' [SIMULATIE]' : ''}`);
  out.push(`  Geopend ${formatDateNl(c.openedDate)}, versie ${c.version}, behandelaar: ${c.assignedTo ?? '(niemand; case claim)'}`);
  if (v.queue) out.push(`  Werkvoorraad ${v.queue.queue} (prioriteit ${v.queue.priority})`);
  out.push(`  Termijn eerste contact: ${formatDateNl(v.contactDeadline)}${c.evictionThreatened ? ' (ontruiming dreigt: 3 werkdagen)' : ''}` +
    `; eerste poging: ${c.firstAttemptDate ? formatDateNl(c.firstAttemptDate) : '—'}; eerste contact: ${c.firstContactDate ? formatDateNl(c.firstContactDate) : '—'}`);
  if (c.closedDate) out.push(`  Afgesloten ${formatDateNl(c.closedDate)}: "${c.finalResult}" (terugkoppeling partner: ${c.partnerFeedback})`);
  if (p) {
    out.push('', 'Inwoner');
    out.push(`  ${[p.initials, p.firstName ? `(${p.firstName})` : null, p.prefix, p.lastName].filter(Boolean).join(' ')}` +
      `${p.birthDate ? `, geboren ${formatDateNl(p.birthDate)}` : ''}`);
    out.push(`  ${[p.street, `${p.houseNumber}${p.houseNumberAddition ? ` ${p.houseNumberAddition}` : ''}`].filter(Boolean).join(' ')}, ${p.postcode} ${p.city ?? ''}`.trimEnd());
  }
  out.push('', 'Meldingen');
  out.push(table(
    ['Datum', 'Partner', 'Referentie', 'Achterstand', 'Huur', 'Kinderen', 'Ontruiming'],
    v.signals.map((s) => [
      formatDateNl(String(s.signal_date)), String(s.partner_name), String(s.partner_reference), formatCents(Number(s.arrears_cents)),
      s.monthly_rent_cents === null ? '?' : formatCents(Number(s.monthly_rent_cents)), s.minor_children === null ? '?' : String(s.minor_children),
      Number(s.eviction_threatened) ? (s.eviction_date ? formatDateNl(String(s.eviction_date)) : 'ja') : 'nee',
    ]),
    [3, 4],
  ).replace(/^/gm, '  '));
  const tasks = v.tasks;
  out.push('', 'Open taken');
  out.push(tasks.length ? tasks.map((t) => `  ${t.overdue ? '! TE LAAT ' : '- '}${t.label}${t.due ? ` (uiterlijk ${formatDateNl(t.due)})` : ''}`).join('\n') : '  (geen)');
  if (v.attempts.length) {
    out.push('', 'Contactpogingen');
    for (const a of v.attempts) out.push(`  ${formatDateNl(a.attemptDate)} ${a.dayPart ?? ''} ${a.kind}: ${a.reached ? 'bereikt' : 'niet bereikt'}${a.note ? ` — ${a.note}` : ''} (${a.recordedBy})`);
  }
  const f = v.findings;
  const yn = (b: boolean | null) => (b === null ? '?' : b ? 'ja' : 'nee');
  out.push('', 'Onderzoek');
  out.push(`  schuldregeling: ${f.debtArrangement ?? '?'}; eigen kracht: ${yn(f.ownStrength)}; eigen netwerk: ${yn(f.ownNetwork)}; vrijwilligers: ${yn(f.volunteers)}; inkomen: ${f.incomeSource ?? '?'}; afgestemd met verhuurder: ${yn(f.partnerAgreed)}`);
  if (!c.closedDate) {
    out.push('', 'Routes (in de volgorde van de afspraken)');
    for (const o of v.routeOptions) out.push(`  - ${describeOption(o)}`);
  }
  if (v.consents.length) {
    out.push('', 'Toestemmingen');
    for (const k of v.consents) {
      out.push(`  #${k.id} ${k.recipientName ?? RECIPIENT_LABELS[k.recipient]}: ${k.dataCategories.join(', ')}; getekend ${formatDateNl(k.signedDate)} door ${k.signedBy} (${k.documentRef})` +
        (k.withdrawnDate ? `; INGETROKKEN ${formatDateNl(k.withdrawnDate)}` : ''));
    }
  }
  if (v.approvals.length) {
    out.push('', 'Goedkeuring gemeente');
    for (const a of v.approvals) out.push(`  #${a.id} ${a.subject}: ${a.decision}${a.decidedBy ? ` door ${a.decidedBy} op ${formatDateNl(a.decidedDate!)}` : ` (aangevraagd ${formatDateNl(a.requestedDate)})`}${a.costCents !== null ? `, kosten gemeente ${formatCents(a.costCents)}` : ''}`);
  }
  if (v.routes.length) {
    out.push('', 'Gestarte routes');
    for (const r of v.routes) out.push(`  ${ROUTE_LABELS[r.route]}${r.recipientName ? ` (${r.recipientName})` : ''}: ${r.status} sinds ${formatDateNl(r.startedDate)}${r.endedDate ? ` t/m ${formatDateNl(r.endedDate)}` : ''}`);
  }
  if (v.zorgmeldingen.length || c.zorgmeldingRequired) {
    out.push('', 'Zorgmelding');
    if (c.zorgmeldingRequired && !c.zorgmeldingMadeAt) out.push(`  VEREIST door regel ${c.zorgmeldingRule ?? '?'} — nog niet gedaan (case zorgmelding ${v.reference})`);
    for (const z of v.zorgmeldingen) {
      out.push(`  #${z.id} gedaan ${formatDateNl(z.madeDate)} door ${z.madeBy} (regel ${z.rule ?? 'handmatig'}); huurder geïnformeerd: ` +
        (z.tenantInformedDate ? formatDateNl(z.tenantInformedDate) : `nog niet (uiterlijk ${formatDateNl(z.informDueDate)}${z.informDueDate < today ? ', TE LAAT' : ''})`));
    }
  }
  if (!c.closedDate) {
    out.push('', `Passende eindresultaten nu: ${v.fittingResults.map((r) => `"${r}"`).join(', ')}`);
  }
  return out.join('\n');
}
