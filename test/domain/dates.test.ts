import { expect } from 'chai';
import {
  addMonths, ageInYears, amsterdamDate, amsterdamInstant, amsterdamParts, parseDate, daysBetween,
} from '../../src/domain/dates';
import { addWorkingDays, easterSunday, isWorkingDay, publicHolidays, workingDaysBetween } from '../../src/domain/workdays';

describe('domain/dates', () => {
  it('parses Dutch and ISO dates and refuses impossible ones', () => {
    expect(parseDate('15-03-2026')).to.deep.equal({ ok: true, value: '2026-03-15' });
    expect(parseDate('5-3-2026')).to.deep.equal({ ok: true, value: '2026-03-05' });
    expect(parseDate('15/03/2026')).to.deep.equal({ ok: true, value: '2026-03-15' });
    expect(parseDate('2026-03-15')).to.deep.equal({ ok: true, value: '2026-03-15' });
    expect(parseDate('2026-03-15T10:00:00Z')).to.deep.equal({ ok: true, value: '2026-03-15' });
    // 01-02-2024 is 1 February in Dutch (yup's date() would read 2 January).
    expect(parseDate('01-02-2024')).to.deep.equal({ ok: true, value: '2024-02-01' });
    expect(parseDate('30-02-2024').ok).to.equal(false);
    expect(parseDate('2024-02-30').ok).to.equal(false);
    expect(parseDate('29-02-2024')).to.deep.equal({ ok: true, value: '2024-02-29' });
    expect(parseDate('29-02-2025').ok).to.equal(false);
    expect(parseDate('gisteren').ok).to.equal(false);
  });

  it('gives the Amsterdam calendar date whatever the machine time zone', () => {
    // 23:30 UTC on 31 March is already 1 April in Amsterdam (summer time, +02:00).
    expect(amsterdamDate(new Date('2026-03-31T23:30:00Z'))).to.equal('2026-04-01');
    expect(amsterdamDate(new Date('2026-12-31T22:59:59Z'))).to.equal('2026-12-31');
    expect(amsterdamDate(new Date('2026-12-31T23:00:00Z'))).to.equal('2027-01-01');
    expect(amsterdamParts(new Date('2026-07-01T10:00:00Z'))).to.deep.equal({ date: '2026-07-01', time: '12:00:00', offset: '+02:00' });
    expect(amsterdamParts(new Date('2026-01-15T10:00:00Z')).offset).to.equal('+01:00');
  });

  it('maps Amsterdam wall-clock times to instants across DST changes', () => {
    expect(amsterdamInstant('2026-01-15', '02:00:00').toISOString()).to.equal('2026-01-15T01:00:00.000Z');
    expect(amsterdamInstant('2026-07-15', '02:00:00').toISOString()).to.equal('2026-07-15T00:00:00.000Z');
    // 29 March 2026 02:30 does not exist (clocks jump 02:00 → 03:00): one hour later.
    expect(amsterdamInstant('2026-03-29', '02:30:00').toISOString()).to.equal('2026-03-29T01:30:00.000Z');
    // 25 October 2026 02:30 happens twice: the first occurrence (still summer time).
    expect(amsterdamInstant('2026-10-25', '02:30:00').toISOString()).to.equal('2026-10-25T00:30:00.000Z');
  });

  it('does calendar arithmetic on date strings', () => {
    expect(addMonths('2026-08-31', -6)).to.equal('2026-02-28');
    expect(addMonths('2024-03-31', -1)).to.equal('2024-02-29');
    expect(daysBetween('2026-01-01', '2026-03-01')).to.equal(59);
    expect(ageInYears('1980-05-14', '2026-05-13')).to.equal(45);
    expect(ageInYears('1980-05-14', '2026-05-14')).to.equal(46);
  });
});

describe('domain/workdays', () => {
  it('computes Easter and the public holidays of the Algemene termijnenwet', () => {
    expect(easterSunday(2024)).to.equal('2024-03-31');
    expect(easterSunday(2025)).to.equal('2025-04-20');
    expect(easterSunday(2026)).to.equal('2026-04-05');
    expect(easterSunday(2027)).to.equal('2027-03-28');
    const h2026 = publicHolidays(2026).map((h) => `${h.date} ${h.name}`);
    expect(h2026).to.deep.equal([
      '2026-01-01 Nieuwjaarsdag',
      '2026-04-06 Tweede paasdag',
      '2026-04-27 Koningsdag',
      '2026-05-05 Bevrijdingsdag',
      '2026-05-14 Hemelvaartsdag',
      '2026-05-25 Tweede pinksterdag',
      '2026-12-25 Eerste kerstdag',
      '2026-12-26 Tweede kerstdag',
    ]);
    // King's Day moves to the 26th when the 27th is a Sunday (2025).
    expect(publicHolidays(2025).find((h) => h.name === 'Koningsdag')!.date).to.equal('2025-04-26');
  });

  it('adds working days skipping weekends and holidays', () => {
    // Thursday 2 April 2026 + 3 working days: Fri 3, (Easter weekend, Easter Monday 6 April), Tue 7, Wed 8.
    expect(addWorkingDays('2026-04-02', 3)).to.equal('2026-04-08');
    // Friday 11 December 2026 + 3: Mon 14, Tue 15, Wed 16.
    expect(addWorkingDays('2026-12-11', 3)).to.equal('2026-12-16');
    // Over Christmas: Wed 23 Dec + 3 = Thu 24, Mon 28, Tue 29.
    expect(addWorkingDays('2026-12-23', 3)).to.equal('2026-12-29');
    expect(isWorkingDay('2026-05-05')).to.equal(false);
    expect(isWorkingDay('2026-05-06')).to.equal(true);
    expect(workingDaysBetween('2026-12-23', '2026-12-29')).to.equal(3);
    expect(workingDaysBetween('2026-12-29', '2026-12-23')).to.equal(-3);
  });
});
