import { expect } from 'chai';
import { decideEscalation, decideIntake, type FiredEvent } from '../../../src/domain/rules/decide';

const ev = (rule: string, rulePriority: number, type: string, params: Record<string, unknown>): FiredEvent => ({ rule, rulePriority, type, params });
const defaults = { queue: 'regulier', priority: 9, termWorkdays: 20 };

describe('domain/rules/decide', () => {
  it('lets "niet-oppakken" win over any queue, strongest rule first', () => {
    const out = decideIntake(
      [
        ev('spoed', 50, 'werkvoorraad', { wachtrij: 'spoed', prioriteit: 1, termijnWerkdagen: 3 }),
        ev('herhaalmelding', 90, 'niet-oppakken', { reden: 'herhaalmelding' }),
        ev('drempelbedrag', 100, 'niet-oppakken', { reden: 'drempelbedrag' }),
      ],
      defaults,
    );
    expect(out).to.deep.equal({ pickedUp: false, reason: 'drempelbedrag', rule: 'drempelbedrag' });
  });

  it('picks the most urgent queue whatever order events arrive in', () => {
    const events = [
      ev('regulier', 10, 'werkvoorraad', { wachtrij: 'regulier', prioriteit: 4, termijnWerkdagen: 20 }),
      ev('gezin', 40, 'werkvoorraad', { wachtrij: 'gezinnen', prioriteit: 2, termijnWerkdagen: 5 }),
      ev('spoed', 50, 'werkvoorraad', { wachtrij: 'spoed', prioriteit: 1, termijnWerkdagen: 3 }),
    ];
    const expected = { pickedUp: true, queue: 'spoed', priority: 1, termWorkdays: 3, rule: 'spoed' };
    expect(decideIntake(events, defaults)).to.deep.equal(expected);
    expect(decideIntake([...events].reverse(), defaults)).to.deep.equal(expected);
    expect(decideIntake([], defaults)).to.deep.equal({ pickedUp: true, ...defaults, rule: null });
  });

  it('escalates only upwards and passes the zorgmelding flag', () => {
    const esc = ev('termijn-verstreken', 20, 'escalatie', { wachtrij: 'spoed', prioriteit: 1 });
    const zm = ev('zorgmelding', 50, 'zorgmelding', { toelichting: 'x' });
    expect(decideEscalation([esc, zm], { queue: 'regulier', priority: 4 })).to.deep.equal({
      escalation: { queue: 'spoed', priority: 1, rule: 'termijn-verstreken' },
      zorgmelding: { rule: 'zorgmelding', note: 'x' },
    });
    expect(decideEscalation([esc], { queue: 'spoed', priority: 1 }).escalation).to.equal(null);
  });
});
