import type { pricingResourcesFr } from './pricing.fr.js';

/** English messages of the price grid and the legal caps (same keys as pricing.fr.ts). */
export const pricingResourcesEn: typeof pricingResourcesFr = {
  'price-grids': {
    name: 'Price grid |||| Price grids',
    menu: 'Solidarity price grid',
    title: 'Solidarity price grid',
    intro:
      "The grid sorts each device into a category (Premium, Standard, Essential) from its memory, processor generation, storage and battery health, and suggests a solidarity price per type and category. The partner's desk sees the category and suggested price when it scans the device. A device with a missing spec is \"to assess\". To change the grid, create a new version from a date: earlier versions stay readable.",
    new: 'New version',
    new_intro:
      'You are creating a new version of the grid, prefilled with the one in force. It applies from the chosen date (today or later); the current version stays in the history. Every price must stay under the legal maximum of its type.',
    show_title: 'Grid "%{label}"',
    current: 'In force',
    upcoming: 'Upcoming',
    past: 'Ended',
    from: 'from %{from}',
    period: 'from %{from} to %{to}',
    fields: {
      label: 'Version name',
      validFrom: 'Valid from',
      validUntil: 'Valid until',
      period: 'Validity',
      state: 'State',
      source: 'Where this grid comes from',
      createdAt: 'Created on',
    },
    sections: { thresholds: 'Thresholds per category (minimums)', prices: 'Suggested solidarity prices', source: 'Source' },
    thresholds_help:
      'A device is Premium if it reaches every Premium minimum, Standard if it reaches every Standard minimum, else Essential. An empty cell: not looked at for that type.',
    criteria: {
      minRamGb: 'Memory (GB)',
      minCpuGeneration: 'Processor generation',
      minStorageGb: 'Storage (GB)',
      ssdRequired: 'SSD required',
      minBatteryHealthPct: 'Battery health (%)',
    },
    categories: { premium: 'Premium', standard: 'Standard', essential: 'Essential', to_assess: 'To assess' },
    yes: 'yes',
    no: 'no',
    not_checked: '—',
    type: 'Type',
    category: 'Category',
    source_required: 'Say where this grid comes from',
    source_letters: 'Say where this grid comes from: a text of at least %{count} letters (agreement with the partner, decision, document…)',
    legal: {
      title: 'Maximum resale prices set by law',
      intro: 'Agreements and the grid may not exceed these prices (prices including VAT of working equipment). An agreement cap or a grid price above is refused.',
      equipment: 'Equipment',
      max: 'Maximum price',
      source: 'Source',
    },
  },
};
