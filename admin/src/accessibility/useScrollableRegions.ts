import { useEffect } from 'react';
import { useTranslate } from 'react-admin';

/** The boxes tables scroll in (react-admin's lists, MUI's table containers). */
const TABLE_BOXES = '.RaDataTable-tableWrapper, .RaDatagrid-tableWrapper, .MuiTableContainer-root';

/**
 * A table wider than the screen scrolls inside its box (reflow): the keyboard must reach that box to
 * scroll it (axe scrollable-region-focusable, RGAA 7.3), and a screen reader hear what it is. react-
 * admin renders these boxes itself, so they get their tab stop and name here, as they appear.
 */
export function useScrollableRegions(): void {
  const translate = useTranslate();
  useEffect(() => {
    let frame = 0;
    const label = () => {
      frame = 0;
      const screen = document.getElementById('react-admin-title')?.textContent?.trim() ?? '';
      for (const box of document.querySelectorAll<HTMLElement>(TABLE_BOXES)) {
        if (box.hasAttribute('tabindex')) continue;
        const caption = box.querySelector('caption')?.textContent?.trim();
        box.tabIndex = 0;
        box.setAttribute('role', 'region');
        box.setAttribute('aria-label', translate('reemploi.a11y.table_region', { name: caption || screen }));
      }
    };
    const observer = new MutationObserver(() => {
      if (!frame) frame = requestAnimationFrame(label);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    label();
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [translate]);
}
