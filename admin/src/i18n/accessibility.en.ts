import type { accessibilityScreensFr } from './accessibility.fr.js';

export const accessibilityScreensEn: typeof accessibilityScreensFr = {
  a11y: {
    title_edit: 'Edit',
    title_create: 'New',
    login_title: 'Sign in',
    statement_link: 'Accessibility: partially compliant',
  },
};
