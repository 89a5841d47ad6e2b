import { useTranslate } from 'react-admin';

/** The pickup screen's texts (`reemploi.handover.pickup.*`). */
export function usePickupTranslate() {
  const translate = useTranslate();
  return (key: string, options?: Record<string, unknown>) => translate(`reemploi.handover.pickup.${key}`, options);
}
