import { useTranslate } from 'react-admin';
import { useFormat } from '../i18n/useFormat.js';
import { Facts } from '../layout/Facts.js';
import { BatchSection as Section } from './BatchSection.js';
import { CountsByType } from './CountsByType.js';
import { formatDay } from './format.js';
import type { Batch } from './types.js';

/** The counts by type and the batch's facts (site, partner, dates), two sections. */
export const BatchSummary = ({ batch }: { batch: Batch }) => {
  const translate = useTranslate();
  const format = useFormat();
  const field = (name: string) => translate(`resources.batches.fields.${name}`);
  return (
    <>
      <Section title={translate('resources.batches.sections.counts')}>
        <CountsByType counts={batch.countsByType} />
      </Section>
      <Section title={translate('resources.batches.sections.summary')}>
        <Facts
          rows={[
            [field('site'), batch.site],
            [field('partner'), batch.partner],
            [field('plannedAt'), formatDay(batch.plannedAt, format.locale)],
            [field('notes'), batch.notes],
            [field('createdAt'), format.dateTime(batch.createdAt)],
            [field('readyAt'), format.dateTime(batch.readyAt)],
            [field('pickedUpAt'), format.dateTime(batch.pickedUpAt)],
            [field('pickedUpByName'), batch.pickedUpByName],
            [field('closedAt'), format.dateTime(batch.closedAt)],
          ]}
        />
      </Section>
    </>
  );
};
