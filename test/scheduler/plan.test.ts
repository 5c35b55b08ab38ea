import { expect } from 'chai';
import { assessRuns, firstWorkingDay, jobPlans, planRuns, resolveLocalTime, type RunLogEntry } from '../../src/scheduler/plan';
import { addDays, amsterdamInstant, dateRange } from '../../src/domain/dates';

const schedule = (nightly: string) => ({ nightly, monthly: { day: 'eerste-werkdag' as const, time: '06:00' }, retention: '04:30' });
const names = { nightly: 'nachtelijke-verwerking', monthly: 'maandrapportage', retention: 'bewaartermijnen' };

describe('scheduler planner', () => {
  // 2026: spring forward 29 March (02:00 → 03:00), fall back 25 October (03:00 → 02:00).
  for (const time of ['00:00', '01:30', '02:00', '02:30', '02:59', '03:00', '23:59']) {
    it(`plans every calendar date of 2026 exactly once at ${time}, across both DST changes`, () => {
      const runs = planRuns(jobPlans(schedule(time), names), '2026-01-01', '2026-12-31').filter((r) => r.job === names.nightly);
      const days = dateRange('2026-01-01', '2026-12-31');
      expect(runs).to.have.length(365);
      expect(runs.map((r) => r.runDate)).to.deep.equal(days);
      // Each run processes the day before: every business date from 31-12-2025 to 30-12-2026 once.
      expect(runs.map((r) => r.key)).to.deep.equal(days.map((d) => addDays(d, -1)));
      // Instants strictly increasing: never two runs at one moment, never a run on another day.
      for (let i = 1; i < runs.length; i++) expect(runs[i].at.getTime()).to.be.greaterThan(runs[i - 1].at.getTime());
    });
  }

  it('moves a time that does not exist on the spring-forward day one hour later', () => {
    const r = resolveLocalTime('2026-03-29', '02:30');
    expect(r.note).to.equal('bestaat-niet');
    expect(r.at.toISOString()).to.equal('2026-03-29T01:30:00.000Z');
    expect(r.localTime).to.equal('03:30');
    expect(r.offset).to.equal('+02:00');
  });

  it('runs a time that occurs twice on the fall-back day only at its first occurrence', () => {
    const r = resolveLocalTime('2026-10-25', '02:30');
    expect(r.note).to.equal('dubbel');
    expect(r.at.toISOString()).to.equal('2026-10-25T00:30:00.000Z');
    expect(r.offset).to.equal('+02:00');
    const runs = planRuns(jobPlans(schedule('02:30'), names), '2026-10-25', '2026-10-25').filter((x) => x.job === names.nightly);
    expect(runs).to.have.length(1);
    expect(runs[0].key).to.equal('2026-10-24');
  });

  it('plans the monthly report for the previous month on the first working day', () => {
    expect(firstWorkingDay('2027-01')).to.equal('2027-01-04'); // 1 Jan holiday (Fri), then weekend
    expect(firstWorkingDay('2026-11')).to.equal('2026-11-02'); // 1 Nov is a Sunday
    expect(firstWorkingDay('2026-04')).to.equal('2026-04-01');
    const monthly = planRuns(jobPlans(schedule('01:30'), names), '2026-01-01', '2026-12-31').filter((r) => r.job === names.monthly);
    expect(monthly.map((r) => r.key)).to.deep.equal(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(monthly.map((r) => r.runDate)).to.deep.equal(['2026-01-02', '2026-02-02', '2026-03-02', '2026-04-01', '2026-05-01', '2026-06-01', '2026-07-01', '2026-08-03', '2026-09-01', '2026-10-01', '2026-11-02', '2026-12-01']);
  });

  it('plans a fixed day of the month when configured', () => {
    const plans = jobPlans({ ...schedule('01:30'), monthly: { day: 1, time: '05:00' } }, names);
    const monthly = planRuns(plans, '2026-12-20', '2027-01-10').filter((r) => r.job === names.monthly);
    expect(monthly.map((r) => [r.runDate, r.key, r.localTime])).to.deep.equal([['2027-01-01', '2026-12', '05:00']]);
  });

  describe('assessRuns', () => {
    const plans = jobPlans(schedule('01:30'), names);
    const opts = (now: Date, extra = {}) => ({ now, from: '2026-03-01', retryMinutes: 15, graceMinutes: 120, epoch: { [names.nightly]: '2026-03-01' }, ...extra });
    const ok = (job: string, key: string): RunLogEntry => ({ job, key, status: 'geslaagd', startedAt: '2026-03-01T00:00:00.000Z', finishedAt: '2026-03-01T00:01:00.000Z' });

    it('lists missed business dates oldest first and marks them missed after the grace period', () => {
      const now = amsterdamInstant('2026-03-05', '10:00:00');
      const log = [ok(names.nightly, '2026-03-01')];
      const { due, runs } = assessRuns(plans, log, opts(now));
      expect(due.filter((r) => r.job === names.nightly).map((r) => r.key)).to.deep.equal(['2026-03-02', '2026-03-03', '2026-03-04']);
      expect(runs.filter((r) => r.job === names.nightly && r.missed).map((r) => r.key)).to.deep.equal(['2026-03-02', '2026-03-03', '2026-03-04']);
      // Retention only catches up the latest date; older ones are superseded.
      expect(due.filter((r) => r.job === names.retention).map((r) => r.key)).to.deep.equal(['2026-03-05']);
    });

    it('does not retry a failed run before the retry delay, and then does', () => {
      const failedAt = amsterdamInstant('2026-03-02', '01:30:05');
      const log: RunLogEntry[] = [{ job: names.nightly, key: '2026-03-01', status: 'mislukt', startedAt: failedAt.toISOString(), finishedAt: failedAt.toISOString() }];
      const soon = assessRuns(plans, log, opts(new Date(failedAt.getTime() + 5 * 60_000)));
      expect(soon.runs.find((r) => r.key === '2026-03-01')!.state).to.equal('wacht-op-herkansing');
      const later = assessRuns(plans, log, opts(new Date(failedAt.getTime() + 16 * 60_000)));
      expect(later.due.map((r) => r.key)).to.include('2026-03-01');
    });

    it('lets the monthly report wait for the nightly run of the month’s last day', () => {
      const now = amsterdamInstant('2026-04-01', '07:00:00');
      const log = dateRange('2026-03-01', '2026-03-30').map((d) => ok(names.nightly, d));
      const waiting = assessRuns(plans, log, opts(now)).runs.find((r) => r.job === names.monthly && r.key === '2026-03')!;
      expect(waiting.key).to.equal('2026-03');
      expect(waiting.state).to.equal('wacht-op-afhankelijkheid');
      const ready = assessRuns(plans, [...log, ok(names.nightly, '2026-03-31')], opts(now)).due.find((r) => r.job === names.monthly && r.key === '2026-03');
      expect(ready?.key).to.equal('2026-03');
    });

    it('plans nothing before the epoch (fresh install) and nothing not yet due', () => {
      const now = amsterdamInstant('2026-03-05', '01:00:00');
      const { due, runs } = assessRuns(plans, [], opts(now, { epoch: { [names.nightly]: '2026-03-04' } }));
      expect(due.filter((r) => r.job === names.nightly)).to.deep.equal([]);
      expect(runs.find((r) => r.key === '2026-03-04' && r.job === names.nightly)!.state).to.equal('gepland');
    });
  });
});
