/**
 * The event vocabulary of rule files: which event types exist, in which phase, with which
 * parameters. Like the fact registry, this table drives validation and documentation.
 */
import type { Phase } from '../facts';

export type ParamType = 'positiefGeheel' | 'naam' | 'tekst' | 'keuze';

export interface ParamDefinition {
  type: ParamType;
  required: boolean;
  label: string;
  values?: readonly string[];
}

export interface EventDefinition {
  type: string;
  label: string;
  phases: readonly Phase[];
  description: string;
  params: Record<string, ParamDefinition>;
}

/** Reasons a signal is not picked up, as the partner may be told (FACTS: standard reasons only). */
export const NOT_PICKED_UP_REASONS = [
  'drempelbedrag',
  'herhaalmelding',
  'onterecht-signaal',
  'al-bekend',
  'geen-inwoner',
  'overleden',
] as const;
export type NotPickedUpReason = (typeof NOT_PICKED_UP_REASONS)[number];

export const NOT_PICKED_UP_LABELS: Record<NotPickedUpReason, string> = {
  drempelbedrag: 'onder het drempelbedrag',
  herhaalmelding: 'herhaalmelding zonder hoger bedrag',
  'onterecht-signaal': 'onterecht signaal',
  'al-bekend': 'inwoner al bekend bij schuldhulpverlening',
  'geen-inwoner': 'geen inwoner (meer) van de gemeente',
  overleden: 'inwoner is overleden',
};

export const EVENTS: readonly EventDefinition[] = [
  {
    type: 'niet-oppakken',
    label: 'Melding niet oppakken',
    phases: ['intake'],
    description: 'De melding wordt niet opgepakt; er komt geen zaak. De reden mag aan de partner worden teruggekoppeld.',
    params: { reden: { type: 'keuze', required: true, label: 'reden', values: NOT_PICKED_UP_REASONS } },
  },
  {
    type: 'werkvoorraad',
    label: 'In werkvoorraad plaatsen',
    phases: ['intake'],
    description:
      'De melding wordt opgepakt en komt in een werkvoorraad. Vuren er meerdere, dan wint de laagste prioriteit (1 = meest urgent).',
    params: {
      wachtrij: { type: 'naam', required: true, label: 'werkvoorraad' },
      prioriteit: { type: 'positiefGeheel', required: true, label: 'prioriteit (1 = hoogst)' },
      termijnWerkdagen: { type: 'positiefGeheel', required: true, label: 'termijn eerste contact in werkdagen' },
    },
  },
  {
    type: 'escalatie',
    label: 'Zaak escaleren',
    phases: ['escalatie'],
    description: 'Een lopende zaak gaat naar een andere werkvoorraad en/of krijgt een hogere prioriteit.',
    params: {
      wachtrij: { type: 'naam', required: true, label: 'werkvoorraad' },
      prioriteit: { type: 'positiefGeheel', required: true, label: 'prioriteit (1 = hoogst)' },
    },
  },
  {
    type: 'zorgmelding',
    label: 'Zorgmelding vereist',
    phases: ['escalatie'],
    description: 'De zaak krijgt de verplichte actie "zorgmelding doen" (gezin met minderjarige kinderen, ontruiming dreigt).',
    params: { toelichting: { type: 'tekst', required: false, label: 'toelichting' } },
  },
];

export const EVENTS_BY_TYPE: ReadonlyMap<string, EventDefinition> = new Map(EVENTS.map((e) => [e.type, e]));
