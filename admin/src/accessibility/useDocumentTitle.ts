import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { useResourceDefinitions, useTranslate } from 'react-admin';

/** The parts of the tab's title that come from the address: the screen's name (resource and mode). */
function useScreenName(): string {
  const { pathname } = useLocation();
  const translate = useTranslate();
  const resources = useResourceDefinitions();
  const [resource, id, mode] = pathname.split('/').filter(Boolean);
  if (!resource || !resources[resource]) return '';
  const singular = translate(`resources.${resource}.name`, { smart_count: 1, _: resource });
  if (!id) return translate(`resources.${resource}.name`, { smart_count: 2, _: resource });
  if (id === 'create') return `${singular} — ${translate('reemploi.a11y.title_create')}`;
  if (mode === 'show') return singular;
  return `${singular} — ${translate('reemploi.a11y.title_edit')}`;
}

const parts = (...texts: string[]) =>
  texts
    .map((text) => text.replace(/\s+/g, ' ').trim())
    .filter((text, index, all) => text && all.findIndex((other) => other.toLowerCase() === text.toLowerCase()) === index);

/**
 * RGAA 8.6: the tab's title names the record and the screen (« CD59-000042-2 — Appareil — Réemploi »)
 * and follows navigation. The record's name is what the app bar shows (each screen's <Title>, in
 * react-admin's title portal), watched as it renders; the screen comes from the address.
 */
export function useDocumentTitle(): void {
  const screen = useScreenName();
  const translate = useTranslate();
  const app = translate('reemploi.app.name');
  useEffect(() => {
    const update = () => {
      const shown = document.getElementById('react-admin-title')?.textContent ?? '';
      const title = parts(shown, screen, app).join(' — ');
      if (document.title !== title) document.title = title;
    };
    update();
    const observer = new MutationObserver(update);
    const titleElement = document.getElementById('react-admin-title') ?? document.body;
    observer.observe(titleElement, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [screen, app]);
}

/** A screen outside the layout (sign-in, public pages) names itself. */
export function useFixedDocumentTitle(screen: string): void {
  const translate = useTranslate();
  const app = translate('reemploi.app.name');
  useEffect(() => {
    document.title = parts(screen, app).join(' — ');
  }, [screen, app]);
}
