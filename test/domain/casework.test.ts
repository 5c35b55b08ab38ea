import { expect } from 'chai';
import {
  allowedResults, consentGaps, contactDeadline, EMPTY_FINDINGS, feedbackMisfit, findCoveringConsent, FINAL_RESULTS,
  informDueDate, openTasks, parseContactKind, parseFinalResult, parseRole, partnerFeedbackFor, resultMisfit, routeOptions,
  SHAREABLE_CATEGORIES, statusAfterContact, stepConditions, type ConsentLike, type Findings,
} from '../../src/domain/casework';
import { DATA_CATEGORIES } from '../../src/db/logs';

const f = (x: Partial<Findings>): Findings => ({ ...EMPTY_FINDINGS, ...x });
const available = (x: Partial<Findings>) => routeOptions(f(x)).filter((o) => o.available).map((o) => o.route);
const why = (x: Partial<Findings>, route: string) => routeOptions(f(x)).find((o) => o.route === route)!.reasons;

describe('casework domain: route eligibility in the order of the agreement', () => {
  it('offers nothing before the investigation, and says what is missing', () => {
    expect(available({})).to.deep.equal([]);
    expect(why({}, 'schuldregeling')).to.deep.equal(['Nog niet onderzocht of een schuldregeling mogelijk is']);
  });

  it('offers only schuldregeling when a debt arrangement is possible', () => {
    expect(available({ debtArrangement: 'ja', ownStrength: true, partnerAgreed: true, incomeSource: 'Pw' })).to.deep.equal(['schuldregeling']);
    expect(why({ debtArrangement: 'ja' }, 'inhouding')).to.include('Eerst schuldregeling: die is volgens het onderzoek mogelijk');
  });

  it('offers own strength / network / volunteers only when agreed with the landlord', () => {
    const x = { debtArrangement: 'tijdelijk-niet', ownStrength: true, ownNetwork: true, volunteers: false } as const;
    expect(available(x)).to.deep.equal([]);
    expect(why(x, 'eigen-kracht')).to.deep.equal(['Aanpak nog niet afgestemd met de verhuurder (bevinding "afgestemd")']);
    expect(available({ ...x, partnerAgreed: true })).to.deep.equal(['eigen-kracht', 'eigen-netwerk']);
  });

  it('withholding only with a Pw/Ioaw/Ioaz/Bbz benefit; budget management only with other income', () => {
    const none = { debtArrangement: 'nee', ownStrength: false, ownNetwork: false, volunteers: false } as const;
    for (const benefit of ['Pw', 'Ioaw', 'Ioaz', 'Bbz'] as const) {
      expect(available({ ...none, incomeSource: benefit })).to.deep.equal(['inhouding']);
      expect(why({ ...none, incomeSource: benefit }, 'budgetbeheer')).to.deep.equal([`Budgetbeheer niet bij een ${benefit}-uitkering: gebruik inhouding op de uitkering`]);
    }
    expect(available({ ...none, incomeSource: 'ander-inkomen' })).to.deep.equal(['budgetbeheer']);
    expect(why({ ...none, incomeSource: 'ander-inkomen' }, 'inhouding')).to.deep.equal([
      'Inhouding alleen bij een uitkering op grond van de Pw, Ioaw, Ioaz of Bbz (inkomen: ander-inkomen)',
    ]);
    expect(available({ ...none, incomeSource: 'geen-inkomen' })).to.deep.equal([]);
    expect(why({ ...none, volunteers: true, partnerAgreed: true, incomeSource: 'Pw' }, 'inhouding')[0]).to.match(/^Niet nodig/);
  });
});

describe('casework domain: consent coverage', () => {
  const consent: ConsentLike = { id: 7, recipient: 'vrijwilliger', recipientName: 'Humanitas', dataCategories: ['achterstand', 'huur', 'naw'], signedDate: '2026-03-05', withdrawnDate: null };
  const referral = { route: 'vrijwilliger' as const, recipientName: 'humanitas ', categories: ['naw', 'achterstand'], date: '2026-03-06' };

  it('covers the right recipient (name case-insensitive), categories, signed before, not withdrawn', () => {
    expect(consentGaps(consent, referral)).to.deep.equal([]);
    expect(consentGaps(consent, { ...referral, recipientName: 'Schuldhulpmaatje' })).to.deep.equal(['Toestemming 7 geldt voor Humanitas, niet voor Schuldhulpmaatje']);
    expect(consentGaps(consent, { ...referral, categories: ['naw', 'geboortedatum'] })).to.deep.equal(['Toestemming 7 dekt niet het doorgeven van: geboortedatum']);
    expect(consentGaps(consent, { ...referral, date: '2026-03-04' })).to.deep.equal(['Toestemming 7 is pas getekend na de doorverwijzing (2026-03-05)']);
    expect(consentGaps({ ...consent, withdrawnDate: '2026-03-06' }, referral)).to.deep.equal(['Toestemming 7 is ingetrokken op 2026-03-06']);
    expect(consentGaps({ ...consent, withdrawnDate: '2026-03-07' }, referral)).to.deep.equal([]);
  });

  it('explains a missing consent by recipient', () => {
    expect(findCoveringConsent([], referral).missing).to.deep.equal(['Geen schriftelijke toestemming voor doorverwijzing naar humanitas']);
    expect(findCoveringConsent([consent], { route: 'inhouding', recipientName: null, categories: ['naw'], date: '2026-03-06' }).missing)
      .to.deep.equal(['Geen schriftelijke toestemming voor doorverwijzing naar de gemeente (inhouding op de uitkering)']);
    expect(findCoveringConsent([consent], { route: 'schuldregeling', recipientName: null, categories: [], date: '2026-03-06' })).to.deep.equal({ consent: null, missing: [] });
    expect(findCoveringConsent([consent, { ...consent, id: 8, signedDate: '2026-03-06' }], referral).consent!.id).to.equal(8);
  });

  it('uses the same data categories as the data-sharing log', () => {
    expect([...SHAREABLE_CATEGORIES].sort()).to.deep.equal(Object.keys(DATA_CATEGORIES).sort());
  });
});

describe('casework domain: state machine and roles', () => {
  const anna = { actor: 'anna', role: 'casemanager' as const };
  it('checks role, assignment and state', () => {
    expect(stepConditions('contactpoging', { status: 'nieuw', assignedTo: 'anna' }, anna)).to.deep.equal([]);
    expect(stepConditions('contactpoging', { status: 'nieuw', assignedTo: null }, anna)).to.deep.equal(['De zaak is nog niet opgepakt: pak haar eerst op (case claim)']);
    expect(stepConditions('contactpoging', { status: 'nieuw', assignedTo: 'bram' }, { actor: 'coco', role: 'coördinator' })).to.deep.equal([]);
    expect(stepConditions('goedkeuring-besluiten', { status: 'onderzoek', assignedTo: 'anna' }, anna)).to.deep.equal(['Rol casemanager mag niet: besluiten over budgetbeheer (alleen gemeente)']);
    expect(stepConditions('bekijken', { status: 'onderzoek', assignedTo: 'anna' }, { actor: 'g', role: 'gemeente' })[0]).to.match(/^Rol gemeente mag niet: zaak bekijken/);
    expect(stepConditions('afsluiten', { status: 'afgesloten', assignedTo: 'anna' }, anna)).to.deep.equal(['De zaak is afgesloten: zaak afsluiten kan niet meer']);
    expect(stepConditions('route-starten', { status: 'in-contact', assignedTo: 'anna' }, anna)[0]).to.match(/leg eerst de bevindingen vast/);
  });

  it('moves to contact-gezocht / in-contact on attempts', () => {
    expect(statusAfterContact('nieuw', false)).to.equal('contact-gezocht');
    expect(statusAfterContact('nieuw', true)).to.equal('in-contact');
    expect(statusAfterContact('contact-gezocht', true)).to.equal('in-contact');
    expect(statusAfterContact('onderzoek', false)).to.equal('onderzoek');
  });

  it('parses Dutch input', () => {
    expect(parseRole('Coordinator')).to.equal('coördinator');
    expect(parseRole('burgemeester')).to.equal(null);
    expect(parseContactKind('huisbezoek')).to.equal('Huisbezoek');
    expect(parseContactKind('whatsapp')).to.equal('SMS/Whatsapp');
    expect(parseFinalResult('financieel')).to.equal('Vervolghulp en/of verwijzing financieel');
    expect(parseFinalResult('definitief geen contact kunnen krijgen')).to.equal('Definitief geen contact kunnen krijgen');
    expect(parseFinalResult('Niet opgepakt: andere reden')).to.equal(null);
  });
});

describe('casework domain: closing and partner feedback', () => {
  const base = { contactMade: true, attempts: 1, zorgmeldingMade: false, closeDate: '2026-04-30', route: null };
  it('maps routes to final results (FACTS.md), quick fix when settled within 30 days', () => {
    const route = (r: 'vrijwilliger' | 'eigen-kracht' | 'eigen-netwerk', endedDate: string) =>
      allowedResults({ ...base, route: { route: r, status: 'afgerond', startedDate: '2026-03-02', endedDate } });
    expect(route('vrijwilliger', '2026-04-20')).to.deep.equal([FINAL_RESULTS.financieel, FINAL_RESULTS.overleden, FINAL_RESULTS.geenInwoner]);
    expect(route('vrijwilliger', '2026-04-01')).to.deep.equal([FINAL_RESULTS.financieel, FINAL_RESULTS.quickFix, FINAL_RESULTS.overleden, FINAL_RESULTS.geenInwoner]);
    expect(route('eigen-kracht', '2026-04-20')[0]).to.equal(FINAL_RESULTS.quickFix);
    expect(route('eigen-netwerk', '2026-04-20')[0]).to.equal(FINAL_RESULTS.verwijzing);
  });

  it('explains why a result does not fit', () => {
    expect(resultMisfit(FINAL_RESULTS.geenContact, { ...base, contactMade: false, attempts: 0 })).to.deep.equal(['Nog geen contactpoging vastgelegd: "Definitief geen contact" vraagt minstens één poging']);
    expect(resultMisfit(FINAL_RESULTS.zonderInwoner, base)).to.deep.equal(['"Verwijzing zonder tussenkomst inwoner" kan alleen na een zorgmelding']);
    expect(resultMisfit(FINAL_RESULTS.financieel, base)).to.deep.equal(['Eindresultaat "Vervolghulp en/of verwijzing financieel" vraagt een gestarte route (geen route op deze zaak)']);
    expect(resultMisfit(FINAL_RESULTS.zonderInwoner, { ...base, zorgmeldingMade: true })).to.deep.equal([]);
  });

  it('tells the partner only picked up or not, with the standard reasons', () => {
    expect(partnerFeedbackFor(FINAL_RESULTS.financieel)).to.equal('opgepakt');
    expect(partnerFeedbackFor(FINAL_RESULTS.overleden)).to.equal('niet-opgepakt:overleden');
    expect(partnerFeedbackFor(FINAL_RESULTS.geenInwoner)).to.equal('niet-opgepakt:geen-inwoner');
    expect(feedbackMisfit('niet-opgepakt:andere-reden', FINAL_RESULTS.financieel)[0]).to.match(/niet toegestaan/);
    expect(feedbackMisfit('niet-opgepakt:overleden', FINAL_RESULTS.financieel)[0]).to.match(/past niet bij eindresultaat/);
    expect(feedbackMisfit('niet-opgepakt', FINAL_RESULTS.geenContact)).to.deep.equal([]);
  });
});

describe('casework domain: deadlines', () => {
  it('uses the queue deadline but never more than 3 working days when eviction threatens', () => {
    // Friday 2026-04-24, King's Day Monday 27 April: 3 working days = Thursday 30 April.
    expect(contactDeadline({ openedDate: '2026-04-24', evictionThreatened: true }, '2026-05-22', 20)).to.equal('2026-04-30');
    expect(contactDeadline({ openedDate: '2026-04-24', evictionThreatened: false }, '2026-05-08', 20)).to.equal('2026-05-08');
    expect(contactDeadline({ openedDate: '2026-03-02', evictionThreatened: false }, null, 20)).to.equal('2026-03-30');
  });

  it('makes "huurder informeren" overdue after the configured working days', () => {
    const due = informDueDate('2026-04-24', 5);
    expect(due).to.equal('2026-05-04');
    const tasks = (today: string) => openTasks(
      { closedDate: null, firstContactDate: '2026-04-20', contactDeadline: '2026-04-30', zorgmeldingRequired: true, zorgmeldingMadeAt: '2026-04-24T08:00:00Z' },
      [{ id: 3, informDueDate: due, tenantInformedDate: null }],
      today,
    );
    expect(tasks('2026-05-04')).to.deep.equal([{ kind: 'huurder-informeren', label: 'Huurder informeren over zorgmelding 3', due: '2026-05-04', overdue: false, zorgmeldingId: 3 }]);
    expect(tasks('2026-05-05')[0].overdue).to.equal(true);
  });
});
