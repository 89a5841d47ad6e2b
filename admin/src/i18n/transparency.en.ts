/** Messages of the transparency log on the device page (spread into en.ts). */
export const transparencyScreensEn = {
  transparency: {
    included: 'Verifiable history: included in checkpoint no. %{number} signed on %{date}.',
    pending: '%{smart_count} recent event will be in the next checkpoint. |||| %{smart_count} recent events will be in the next checkpoint.',
    no_checkpoint: 'Verifiable history: it will be in the first signed checkpoint.',
    altered: 'This device’s history no longer matches the transparency log: tell the administrator (check: npm run verify-custody).',
  },
  verify_document: {
    title: 'Check a document',
    link: 'Check a certificate or a manifest',
    explanation: 'Drop here a wiping certificate or a batch manifest received from Réemploi. Its fingerprint (SHA-256) is computed in your browser: the document is not sent.',
    drop: 'Drop the PDF file here',
    choose: 'Choose a file',
    issued: '“%{file}”: %{kind} %{reference} issued by Réemploi on %{date}, unchanged since.',
    included: 'Recorded in the transparency log, checkpoint no. %{number} signed on %{date}.',
    pending: 'It will be recorded in the next signed checkpoint of the transparency log.',
    unknown: '“%{file}”: unknown document. Réemploi did not issue this file, or it was modified since.',
    failed: 'The check failed: try again in a moment.',
    back: 'Back to sign-in',
    kinds: { certificate: 'wiping certificate', 'batch-certificates': 'wiping certificates of batch', manifest: 'manifest of batch' },
  },
};
