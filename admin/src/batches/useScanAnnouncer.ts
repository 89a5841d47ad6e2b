import { useCallback, useRef, useState } from 'react';
import type { Banner, BannerKind } from '../scanner/ScanBanner.js';
import { playScanSound, type ScanSound } from '../scanner/sounds.js';
import { usePersistentFlag } from '../scanner/usePersistentFlag.js';

export type Announce = (kind: BannerKind, text: string, tag?: string, sound?: ScanSound) => void;

/** The big banner's state, with a sound unless switched off on the Scanner page (same preference). */
export function useScanAnnouncer() {
  const [soundOn] = usePersistentFlag('reemploi.scanner.sound', true);
  const [banner, setBanner] = useState<Banner | null>(null);
  const counter = useRef(0);
  const announce = useCallback<Announce>(
    (kind, text, tag, sound) => {
      counter.current += 1;
      setBanner({ kind, text, tag, id: counter.current });
      if (soundOn) playScanSound(sound ?? (kind === 'success' ? 'ok' : kind));
    },
    [soundOn],
  );
  return { banner, announce };
}
