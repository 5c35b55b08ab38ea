/**
 * The one configuration module: prefixed environment variables, validated with yup, with messages
 * that name exactly what is wrong. `loadConfig(env)` takes the environment as an argument so tests
 * can build their own variant.
 */
import path from 'node:path';
import * as yup from 'yup';
import cron from 'node-cron';
import { ConfigError } from './errors';
import { REPORT_FIELDS, type ReportField } from './domain/intake';
import { parseAmountToCents } from './domain/money';

export type DbClient = 'sqlite' | 'pg' | 'mssql';

export interface DbTarget {
  client: DbClient;
  /** For sqlite: the file path. For pg/mssql: the URL (password never logged). */
  url: string;
  filename?: string;
}

export interface Config {
  dataDir: string;
  db: DbTarget;
  source: DbTarget;
  /** True when VS_SOURCE_URL is not set: the demo source in the data dir is used. */
  demoSource: boolean;
  sourceTable: string;
  sourceColumns: Record<ReportField, string>;
  rulesDir: string;
  outDir: string;
  gemeenteCode: string;
  lookbackMonths: number;
  defaultQueue: { queue: string; priority: number; termWorkdays: number };
  batchSize: number;
  logLevel: string;
  /** Log file (JSON lines); '-' = stderr. */
  logFile: string;
  /** Who is at the keyboard, for the audit trail of CLI actions (VS_USER, else the OS user). */
  user: string | null;
  /** DDAS vroegsignalering delivery (CBS) and import. */
  ddas: {
    supplierCode: string;
    organisation: string | null;
    kvk: string | null;
    /** Secret for the keyed hash of BSNs in imported deliveries; null = key file in the data dir. */
    bsnKey: string | null;
  };
  casework: {
    /** Working days after a zorgmelding within which the tenant must be informed. */
    zorgmeldingInformWorkdays: number;
    /** Default cost of budget management booked to the municipality (cents), to confirm per contract. */
    budgetManagementCostCents: number;
  };
  /** When the scheduler runs what (Europe/Amsterdam wall-clock times). */
  schedule: ScheduleConfig;
  /** Retention periods per record state (defaults *te bevestigen*, FACTS.md). */
  retention: RetentionConfig;
  /** Thresholds for `vroegsignaal status`. */
  monitoring: { quarantineDays: number };
}

/** `HH:MM`, 24-hour clock, Europe/Amsterdam. */
export type LocalTime = string;

export interface ScheduleConfig {
  /** Daily; the run on day D processes business date D − 1. */
  nightly: LocalTime;
  /** Monthly report for the previous month: on the first working day (default) or a fixed day. */
  monthly: { day: 'eerste-werkdag' | number; time: LocalTime };
  /** Daily retention run. */
  retention: LocalTime;
  /** node-cron expression of the ticker that looks for due work (correctness comes from the run log). */
  tick: string;
  /** How far back the scheduler looks for missed dates (days). */
  catchUpDays: number;
  /** A failed run is retried on the first tick after this many minutes. */
  retryMinutes: number;
  /** Lease duration; renewed while the job runs, so it only lapses when its holder dies. */
  leaseMinutes: number;
  /** A planned run counts as missed when it has not succeeded this long after its planned time. */
  graceMinutes: number;
}

export interface RetentionConfig {
  /** Signals never picked up: months after the business date (long enough to recognise a repeat). */
  notPickedUpMonths: number;
  /** Closed cases: months after the closing date. */
  closedCaseMonths: number;
  /** Quarantined rows (raw values): months after the business date. */
  quarantineMonths: number;
}

/** Column names of the demo source table; a municipality's own table is mapped onto these fields. */
export const DEFAULT_SOURCE_COLUMNS: Record<ReportField, string> = {
  sourceRowId: 'melding_id',
  receivedAt: 'ontvangen_op',
  gemeenteCode: 'gemeentecode',
  partnerCode: 'partner_code',
  partnerName: 'partner_naam',
  partnerType: 'partner_soort',
  partnerReference: 'referentie',
  signalDate: 'signaaldatum',
  arrearsSince: 'achterstand_sinds',
  arrearsAmount: 'achterstand_bedrag',
  monthlyRent: 'maandhuur',
  minorChildren: 'minderjarige_kinderen',
  crisis: 'crisis',
  warmHandover: 'warme_overdracht',
  evictionThreatened: 'ontruiming_dreigt',
  evictionDate: 'ontruimingsdatum',
  initials: 'voorletters',
  firstName: 'voornaam',
  prefix: 'tussenvoegsel',
  lastName: 'achternaam',
  birthDate: 'geboortedatum',
  street: 'straat',
  houseNumber: 'huisnummer',
  houseNumberAddition: 'huisnummer_toevoeging',
  postcode: 'postcode',
  city: 'woonplaats',
};

/** The variables, their defaults and meaning — also printed by `vroegsignaal --help` and the README. */
export const CONFIG_VARIABLES: Array<{ name: string; default: string; description: string }> = [
  { name: 'VS_DATA_DIR', default: './data', description: 'Map voor de ingebouwde SQLite-database en de demobron' },
  { name: 'VS_DB_URL', default: 'sqlite:<VS_DATA_DIR>/vroegsignaal.sqlite', description: 'Eigen database: sqlite:<pad>, postgres://… of mssql://…' },
  { name: 'VS_SOURCE_URL', default: 'sqlite:<VS_DATA_DIR>/demo-bron.sqlite', description: 'Centraal meldpunt (bron): sqlite:<pad>, postgres://… of mssql://…; niet gezet = demobron' },
  { name: 'VS_SOURCE_TABLE', default: 'meldingen', description: 'Tabel of view met de meldingen in de bron (schema.naam mag)' },
  { name: 'VS_SOURCE_COLUMNS', default: '(demo-kolommen)', description: 'JSON met kolomnamen per veld, bijv. {"arrearsAmount":"ACHTERSTAND"}' },
  { name: 'VS_RULES_DIR', default: './rules', description: 'Map met de regelbestanden' },
  { name: 'VS_OUT_DIR', default: './out', description: 'Map voor rapportages en exports' },
  { name: 'VS_GEMEENTE', default: '0384', description: 'CBS-gemeentecode (4 cijfers), standaard Diemen' },
  { name: 'VS_LOOKBACK_MONTHS', default: '6', description: 'Terugkijkperiode voor herhaalmeldingen in maanden' },
  { name: 'VS_DEFAULT_QUEUE', default: 'regulier', description: 'Werkvoorraad als geen regel er een kiest' },
  { name: 'VS_DEFAULT_TERM_WORKDAYS', default: '20', description: 'Termijn eerste contact (werkdagen) als geen regel er een kiest (Wgs: 4 weken)' },
  { name: 'VS_BATCH_SIZE', default: '500', description: 'Meldingen per transactie in de nachtelijke verwerking' },
  { name: 'VS_ZORGMELDING_INFORMEREN_WERKDAGEN', default: '5', description: 'Werkdagen na een zorgmelding waarbinnen de huurder geïnformeerd moet zijn (daarna: te laat)' },
  { name: 'VS_BUDGETBEHEER_KOSTEN', default: '420,00', description: 'Standaardkosten budgetbeheer voor de gemeente per aanmelding in euro (te bevestigen)' },
  { name: 'VS_LOG_LEVEL', default: 'info', description: 'Logniveau: debug, info, warn, error, silent' },
  { name: 'VS_LOG_FILE', default: '<VS_DATA_DIR>/logs/vroegsignaal.log', description: 'Logbestand (JSON-regels, zonder persoonsgegevens); - = stderr' },
  { name: 'VS_USER', default: '(OS-gebruiker)', description: 'Naam in de audittrail voor handelingen via de CLI' },
  { name: 'VS_DDAS_LEVERANCIER', default: 'VROEGSIGNAAL', description: 'codeGegevensleverancier in de DDAS-levering aan CBS' },
  { name: 'VS_DDAS_ORGANISATIE', default: 'Gemeente <naam>', description: 'Naam van de aanleverende organisatie in de DDAS-levering' },
  { name: 'VS_DDAS_KVK', default: '(leeg)', description: 'KvK-nummer van de aanleverende organisatie (8 cijfers), optioneel' },
  { name: 'VS_BSN_SLEUTEL', default: '<VS_DATA_DIR>/bsn-sleutel', description: 'Geheime sleutel (min. 32 tekens) voor het gehashte BSN bij DDAS-import' },
  { name: 'VS_SCHEDULE_NIGHTLY', default: '01:30', description: 'Tijdstip (uu:mm, Nederlandse tijd) van de nachtelijke verwerking; verwerkt de dag ervoor' },
  { name: 'VS_SCHEDULE_MONTHLY', default: 'eerste-werkdag 06:00', description: 'Maandrapportage over de vorige maand: "eerste-werkdag uu:mm" of "<dag 1-28> uu:mm"' },
  { name: 'VS_SCHEDULE_RETENTION', default: '04:30', description: 'Tijdstip (uu:mm) van de dagelijkse bewaartermijncontrole' },
  { name: 'VS_SCHEDULER_TICK', default: '* * * * *', description: 'Cron-uitdrukking waarmee de planner kijkt of er werk klaarstaat' },
  { name: 'VS_CATCHUP_DAYS', default: '31', description: 'Hoeveel dagen de planner terugkijkt naar gemiste verwerkingen' },
  { name: 'VS_RETRY_MINUTES', default: '15', description: 'Wachttijd (minuten) voordat een mislukte run opnieuw wordt geprobeerd' },
  { name: 'VS_LEASE_MINUTES', default: '10', description: 'Duur van het slot (lease) in de database; verlopen slot = houder verdwenen' },
  { name: 'VS_GRACE_MINUTES', default: '120', description: 'Na zoveel minuten na het geplande tijdstip telt een niet-geslaagde run als gemist' },
  { name: 'VS_RETENTION_NOT_PICKED_UP_MONTHS', default: '6', description: 'Bewaartermijn (maanden) van niet-opgepakte meldingen (te bevestigen)' },
  { name: 'VS_RETENTION_CLOSED_CASE_MONTHS', default: '12', description: 'Bewaartermijn (maanden na afsluiten) van zaken (te bevestigen)' },
  { name: 'VS_RETENTION_QUARANTINE_MONTHS', default: '6', description: 'Bewaartermijn (maanden) van ruwe gegevens in quarantaine (te bevestigen)' },
  { name: 'VS_STATUS_QUARANTINE_DAYS', default: '14', description: 'status: open quarantaine ouder dan zoveel dagen vraagt aandacht' },
];

/** `sqlite:path`, `sqlite://path`, a bare `*.sqlite` path, `postgres://…`, `mssql://…`. */
export function parseDbUrl(value: string, variable: string, baseDir: string): DbTarget {
  const v = value.trim();
  if (/^postgres(ql)?:\/\//i.test(v)) return { client: 'pg', url: v };
  if (/^(mssql|sqlserver):\/\//i.test(v)) return { client: 'mssql', url: v };
  const m = /^sqlite:(\/\/)?(.+)$/i.exec(v);
  const file = m ? m[2] : /\.(sqlite3?|db)$/i.test(v) ? v : null;
  if (file === null) {
    throw new ConfigError(
      `${variable}="${redactUrl(v)}" wordt niet herkend: gebruik sqlite:<pad>, postgres://gebruiker@host:5432/db of mssql://gebruiker:wachtwoord@host:1433/db`,
      { variable },
    );
  }
  const filename = file === ':memory:' ? file : path.resolve(baseDir, file);
  return { client: 'sqlite', url: `sqlite:${filename}`, filename };
}

/** A URL with its password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

const intVar = (name: string, min: number, max: number) =>
  yup
    .number()
    .typeError(`${name} moet een geheel getal zijn`)
    .integer(`${name} moet een geheel getal zijn`)
    .min(min, `${name} moet minstens ${min} zijn`)
    .max(max, `${name} mag hoogstens ${max} zijn`);

const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const envSchema = yup.object({
  VS_DATA_DIR: yup.string().default('./data'),
  VS_DB_URL: yup.string().optional(),
  VS_SOURCE_URL: yup.string().optional(),
  VS_SOURCE_TABLE: yup
    .string()
    .default('meldingen')
    .matches(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/, 'VS_SOURCE_TABLE moet een tabelnaam zijn (letters, cijfers, _; schema.tabel mag)'),
  VS_SOURCE_COLUMNS: yup.string().optional(),
  VS_RULES_DIR: yup.string().default('./rules'),
  VS_OUT_DIR: yup.string().default('./out'),
  VS_GEMEENTE: yup.string().default('0384').matches(/^\d{4}$/, 'VS_GEMEENTE moet een CBS-gemeentecode van 4 cijfers zijn (bijv. 0384)'),
  VS_LOOKBACK_MONTHS: intVar('VS_LOOKBACK_MONTHS', 1, 36).default(6),
  VS_DEFAULT_QUEUE: yup.string().default('regulier').matches(/^[a-z0-9][a-z0-9-]*$/, 'VS_DEFAULT_QUEUE: kleine letters, cijfers en streepjes'),
  VS_DEFAULT_TERM_WORKDAYS: intVar('VS_DEFAULT_TERM_WORKDAYS', 1, 60).default(20),
  VS_BATCH_SIZE: intVar('VS_BATCH_SIZE', 1, 10000).default(500),
  VS_DDAS_LEVERANCIER: yup.string().default('VROEGSIGNAAL').max(100, 'VS_DDAS_LEVERANCIER mag hoogstens 100 tekens zijn'),
  VS_DDAS_ORGANISATIE: yup.string().optional(),
  VS_DDAS_KVK: yup.string().optional().matches(/^\d{8}$/, 'VS_DDAS_KVK moet een KvK-nummer van 8 cijfers zijn'),
  VS_BSN_SLEUTEL: yup.string().optional().min(32, 'VS_BSN_SLEUTEL moet minstens 32 tekens lang zijn'),
  VS_ZORGMELDING_INFORMEREN_WERKDAGEN: intVar('VS_ZORGMELDING_INFORMEREN_WERKDAGEN', 1, 60).default(5),
  VS_BUDGETBEHEER_KOSTEN: yup
    .string()
    .default('420,00')
    .test('bedrag', 'VS_BUDGETBEHEER_KOSTEN moet een bedrag in euro zijn (bijv. 420,00)', (v) => {
      const r = parseAmountToCents(v);
      return r.ok && r.value >= 0;
    }),
  VS_SCHEDULE_NIGHTLY: yup.string().default('01:30').matches(LOCAL_TIME, 'VS_SCHEDULE_NIGHTLY moet een tijd uu:mm zijn (bijv. 01:30)'),
  VS_SCHEDULE_MONTHLY: yup
    .string()
    .default('eerste-werkdag 06:00')
    .matches(/^(eerste-werkdag|[1-9]|1\d|2[0-8]) ([01]\d|2[0-3]):[0-5]\d$/, 'VS_SCHEDULE_MONTHLY moet "eerste-werkdag uu:mm" of "<dag 1-28> uu:mm" zijn'),
  VS_SCHEDULE_RETENTION: yup.string().default('04:30').matches(LOCAL_TIME, 'VS_SCHEDULE_RETENTION moet een tijd uu:mm zijn (bijv. 04:30)'),
  VS_SCHEDULER_TICK: yup
    .string()
    .default('* * * * *')
    .test('cron', 'VS_SCHEDULER_TICK is geen geldige cron-uitdrukking', (v) => v === undefined || cron.validate(v)),
  VS_CATCHUP_DAYS: intVar('VS_CATCHUP_DAYS', 1, 366).default(31),
  VS_RETRY_MINUTES: intVar('VS_RETRY_MINUTES', 0, 1440).default(15),
  VS_LEASE_MINUTES: intVar('VS_LEASE_MINUTES', 1, 1440).default(10),
  VS_GRACE_MINUTES: intVar('VS_GRACE_MINUTES', 0, 1440).default(120),
  VS_RETENTION_NOT_PICKED_UP_MONTHS: intVar('VS_RETENTION_NOT_PICKED_UP_MONTHS', 1, 120).default(6),
  VS_RETENTION_CLOSED_CASE_MONTHS: intVar('VS_RETENTION_CLOSED_CASE_MONTHS', 1, 120).default(12),
  VS_RETENTION_QUARANTINE_MONTHS: intVar('VS_RETENTION_QUARANTINE_MONTHS', 1, 120).default(6),
  VS_STATUS_QUARANTINE_DAYS: intVar('VS_STATUS_QUARANTINE_DAYS', 1, 365).default(14),
  VS_LOG_FILE: yup.string().optional(),
  VS_USER: yup.string().optional().max(100, 'VS_USER mag hoogstens 100 tekens zijn'),
  VS_LOG_LEVEL: yup.string().default('info').oneOf(['debug', 'info', 'warn', 'error', 'silent'], 'VS_LOG_LEVEL moet debug, info, warn, error of silent zijn'),
});

/** Reads and validates the configuration; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const vars = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith('VS_') && v !== undefined && v !== ''),
  );
  let e: yup.InferType<typeof envSchema>;
  try {
    e = envSchema.validateSync(vars, { abortEarly: false, stripUnknown: true });
  } catch (err) {
    if (err instanceof yup.ValidationError) {
      throw new ConfigError(`Ongeldige configuratie:\n${err.errors.map((m) => `  - ${m}`).join('\n')}`);
    }
    throw err;
  }
  const dataDir = path.resolve(cwd, e.VS_DATA_DIR);
  const db = parseDbUrl(e.VS_DB_URL ?? `sqlite:${path.join(dataDir, 'vroegsignaal.sqlite')}`, 'VS_DB_URL', cwd);
  const source = parseDbUrl(e.VS_SOURCE_URL ?? `sqlite:${path.join(dataDir, 'demo-bron.sqlite')}`, 'VS_SOURCE_URL', cwd);
  return {
    dataDir,
    db,
    source,
    demoSource: e.VS_SOURCE_URL === undefined,
    sourceTable: e.VS_SOURCE_TABLE,
    sourceColumns: parseColumns(e.VS_SOURCE_COLUMNS),
    rulesDir: path.resolve(cwd, e.VS_RULES_DIR),
    outDir: path.resolve(cwd, e.VS_OUT_DIR),
    gemeenteCode: e.VS_GEMEENTE,
    lookbackMonths: e.VS_LOOKBACK_MONTHS,
    defaultQueue: { queue: e.VS_DEFAULT_QUEUE, priority: 9, termWorkdays: e.VS_DEFAULT_TERM_WORKDAYS },
    batchSize: e.VS_BATCH_SIZE,
    logLevel: e.VS_LOG_LEVEL,
    logFile: e.VS_LOG_FILE === '-' ? '-' : path.resolve(cwd, e.VS_LOG_FILE ?? path.join(dataDir, 'logs', 'vroegsignaal.log')),
    user: e.VS_USER ?? null,
    ddas: {
      supplierCode: e.VS_DDAS_LEVERANCIER,
      organisation: e.VS_DDAS_ORGANISATIE ?? null,
      kvk: e.VS_DDAS_KVK ?? null,
      bsnKey: e.VS_BSN_SLEUTEL ?? null,
    },
    casework: {
      zorgmeldingInformWorkdays: e.VS_ZORGMELDING_INFORMEREN_WERKDAGEN,
      budgetManagementCostCents: (parseAmountToCents(e.VS_BUDGETBEHEER_KOSTEN) as { ok: true; value: number }).value,
    },
    schedule: {
      nightly: e.VS_SCHEDULE_NIGHTLY,
      monthly: parseMonthly(e.VS_SCHEDULE_MONTHLY),
      retention: e.VS_SCHEDULE_RETENTION,
      tick: e.VS_SCHEDULER_TICK,
      catchUpDays: e.VS_CATCHUP_DAYS,
      retryMinutes: e.VS_RETRY_MINUTES,
      leaseMinutes: e.VS_LEASE_MINUTES,
      graceMinutes: e.VS_GRACE_MINUTES,
    },
    retention: {
      notPickedUpMonths: e.VS_RETENTION_NOT_PICKED_UP_MONTHS,
      closedCaseMonths: e.VS_RETENTION_CLOSED_CASE_MONTHS,
      quarantineMonths: e.VS_RETENTION_QUARANTINE_MONTHS,
    },
    monitoring: { quarantineDays: e.VS_STATUS_QUARANTINE_DAYS },
  };
}

function parseMonthly(v: string): ScheduleConfig['monthly'] {
  const [day, time] = v.split(' ');
  return { day: day === 'eerste-werkdag' ? 'eerste-werkdag' : Number(day), time };
}

function parseColumns(json: string | undefined): Record<ReportField, string> {
  if (json === undefined) return { ...DEFAULT_SOURCE_COLUMNS };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ConfigError('VS_SOURCE_COLUMNS is geen geldige JSON (verwacht {"veld":"KOLOM", …})');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError('VS_SOURCE_COLUMNS moet een JSON-object zijn: {"veld":"KOLOM", …}');
  }
  const problems: string[] = [];
  const out = { ...DEFAULT_SOURCE_COLUMNS };
  for (const [field, column] of Object.entries(parsed)) {
    if (!(field in REPORT_FIELDS)) {
      problems.push(`onbekend veld "${field}" (bekende velden: ${Object.keys(REPORT_FIELDS).join(', ')})`);
    } else if (typeof column !== 'string' || !/^[A-Za-z_][A-Za-z0-9_ ]*$/.test(column)) {
      problems.push(`kolom voor "${field}" moet een kolomnaam zijn`);
    } else {
      out[field as ReportField] = column;
    }
  }
  if (problems.length) throw new ConfigError(`VS_SOURCE_COLUMNS:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return out;
}
