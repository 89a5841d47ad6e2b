/** The workbook's sheet names, in the order they are written. */
export const SHEETS = {
  summary: 'Synthèse',
  flows: 'Flux d’appareils',
  commitments: 'Engagements',
  residents: 'Habitants et prix',
  territories: 'Par territoire',
  nord: 'Nord durable',
  reen: 'Ratio REEN',
  methodology: 'Méthodologie',
  devices: 'Données appareils',
  events: 'Données événements',
  allocations: 'Données attributions',
} as const;

/** Device statuses as the data sheets write them. */
export const STATUS_LABELS: Record<string, string> = {
  registered: 'Enregistré',
  sanitized: 'Effacé',
  quarantined: 'En quarantaine',
  in_batch: 'En lot',
  handed_over: 'Remis au partenaire',
  refurbished: 'Reconditionné',
  recycled: 'Recyclé',
  allocated: 'Attribué',
  withdrawn: 'Retiré',
};
