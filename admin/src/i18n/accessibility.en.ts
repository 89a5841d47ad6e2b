import type { accessibilityScreensFr } from './accessibility.fr.js';

export const accessibilityScreensEn: typeof accessibilityScreensFr = {
  a11y: {
    title_edit: 'Edit',
    title_create: 'New',
    login_title: 'Sign in',
    statement_link: 'Accessibility: partially compliant',
    counter_scanned: '%{smart_count} scanned |||| %{smart_count} scanned',
    counter_expected: 'of %{smart_count} expected |||| of %{smart_count} expected',
    counter_flagged: '%{smart_count} not in the batch |||| %{smart_count} not in the batch',
    batch_steps: 'Steps: %{steps}',
    chart_table_toggle: 'Show the data as a table',
    chart_month: 'Month',
    chart_type: 'Device type',
    invalid_value: "This value is not valid",
    table_region: "Table: %{name}",
  },
};
