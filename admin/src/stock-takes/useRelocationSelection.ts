import { useMemo, useState } from 'react';
import type { AuditDeviceRow } from './types.js';

/** The unexpected devices ticked to be moved to the audited site (those already there cannot be), and the move. */
export function useRelocationSelection(rows: AuditDeviceRow[], site: string, onRelocate?: (ids: number[]) => Promise<void>) {
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const selectable = useMemo(() => rows.filter((row) => row.site !== site), [rows, site]);
  const chosen = selectable.filter((row) => selected.has(row.id));
  const toggle = (id: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allChosen = selectable.length > 0 && chosen.length === selectable.length;

  const relocate = async () => {
    if (!onRelocate || !chosen.length) return;
    setBusy(true);
    try {
      await onRelocate(chosen.map((row) => row.id));
      setSelected(new Set());
    } finally {
      setBusy(false);
    }
  };

  const toggleAll = () => setSelected(allChosen ? new Set() : new Set(selectable.map((row) => row.id)));

  return { selected, busy, selectable, chosen, allChosen, toggle, toggleAll, relocate };
}
