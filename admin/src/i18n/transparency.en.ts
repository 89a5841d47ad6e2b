/** Messages of the transparency log on the device page (spread into en.ts). */
export const transparencyScreensEn = {
  transparency: {
    included: 'Verifiable history: included in checkpoint no. %{number} signed on %{date}.',
    pending: '%{smart_count} recent event will be in the next checkpoint. |||| %{smart_count} recent events will be in the next checkpoint.',
    no_checkpoint: 'Verifiable history: it will be in the first signed checkpoint.',
    altered: 'This device’s history no longer matches the transparency log: tell the administrator (check: npm run verify-custody).',
  },
};
