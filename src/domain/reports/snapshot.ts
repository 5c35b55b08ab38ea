/**
 * The plain data a monthly report is computed from. `src/db/reportData.ts` loads it for a month and a
 * municipality; the model (`model.ts`) turns it into figures without touching a database or a clock,
 * so the same snapshot always gives the same report. Nothing here is personal data: no names,
 * addresses, birth dates or partner references — only ids, dates, amounts and codes.
 */

export interface SnapshotPartner {
  id: number;
  code: string;
  name: string;
  /** DDAS partner type (Huur, Energie, …). */
  type: string;
}

export interface SnapshotSignal {
  id: number;
  partnerId: number;
  caseId: number | null;
  businessDate: string;
  status: 'opgepakt' | 'niet-opgepakt' | string;
  notPickedUpReason: string | null;
  isRepeat: boolean;
  arrearsCents: number;
  /** Taken in after a correction in quarantine (then it was already counted as received there). */
  fromQuarantine: boolean;
}

export interface SnapshotQuarantine {
  id: number;
  businessDate: string;
  /** Partner code as delivered in the raw row (may be missing or unknown). */
  partnerCode: string | null;
  status: string;
}

export interface SnapshotCase {
  id: number;
  openedDate: string;
  closedDate: string | null;
  finalResult: string | null;
  evictionThreatened: boolean;
  zorgmeldingRequired: boolean;
  firstAttemptDate: string | null;
  firstContactDate: string | null;
}

export interface SnapshotQueueEntry {
  caseId: number;
  queue: string;
  deadline: string;
  termWorkdays: number;
  businessDate: string;
}

export interface SnapshotContactAttempt {
  caseId: number;
  kind: string;
  reached: boolean;
  attemptDate: string;
}

export interface SnapshotRoute {
  id: number;
  caseId: number;
  route: string;
  status: string;
  startedDate: string;
  endedDate: string | null;
  consentId: number | null;
  approvalId: number | null;
}

export interface SnapshotConsent {
  id: number;
  caseId: number;
  recipient: string;
  categories: string[];
  signedDate: string;
  withdrawnDate: string | null;
}

export interface SnapshotApproval {
  id: number;
  caseId: number;
  subject: string;
  requestedDate: string;
  decision: string;
  decidedDate: string | null;
  costCents: number | null;
}

export interface SnapshotZorgmelding {
  id: number;
  caseId: number;
  madeDate: string;
  informDueDate: string;
  tenantInformedDate: string | null;
}

export interface SnapshotSharing {
  id: number;
  /** Business date, or the Amsterdam date of the moment it was logged. */
  date: string;
  direction: 'ontvangen' | 'doorgegeven' | 'gerapporteerd' | 'verwijderd' | string;
  counterparty: string;
  partnerId: number | null;
  category: string;
  recordCount: number;
  legalBasis: string | null;
  consentId: number | null;
  caseId: number | null;
}

/** One read of personal data in the audit trail (actor kept only to count distinct people). */
export interface SnapshotView {
  date: string;
  role: string;
  action: string;
  actor: string;
}

/** Per household, what decides how long its personal data may be kept. */
export interface SnapshotRetention {
  householdId: number;
  /** Amsterdam date on which the household's personal data was anonymised or removed. */
  anonymisedDate: string | null;
  /** Latest business date of a signal that was not picked up (and so has no case). */
  lastNotPickedUpDate: string | null;
  /** Latest closing date of its closed cases, and those cases. */
  lastClosedDate: string | null;
  closedCaseIds: number[];
  openCases: number;
}

export interface RetentionPolicy {
  /** Signals never picked up: long enough to recognise a repeat report (FACTS: default 6, to confirm). */
  notPickedUpMonths: number;
  /** Closed cases: months after closing (FACTS: default 12, to confirm). */
  closedCaseMonths: number;
}

export interface ReportSnapshot {
  gemeente: { code: string; name: string };
  /** The report month, `YYYY-MM`. */
  month: string;
  /** First month of the trend series (the snapshot holds data from its first day). */
  seriesFrom: string;
  partners: SnapshotPartner[];
  signals: SnapshotSignal[];
  quarantine: SnapshotQuarantine[];
  cases: SnapshotCase[];
  queueEntries: SnapshotQueueEntry[];
  contactAttempts: SnapshotContactAttempt[];
  routes: SnapshotRoute[];
  consents: SnapshotConsent[];
  approvals: SnapshotApproval[];
  zorgmeldingen: SnapshotZorgmelding[];
  sharing: SnapshotSharing[];
  views: SnapshotView[];
  retention: SnapshotRetention[];
  retentionPolicy: RetentionPolicy;
}
