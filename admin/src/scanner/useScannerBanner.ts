import { useCallback, useRef, useState } from 'react';
import type { Banner, BannerKind } from './ScanBanner.js';
import { playScanSound } from './sounds.js';
import { usePersistentFlag } from './usePersistentFlag.js';

/** The Scanner page's big banner and the sound switch it owns (other scan screens read the same preference). */
export function useScannerBanner() {
  const [soundOn, setSoundOn] = usePersistentFlag('reemploi.scanner.sound', true);
  const [banner, setBanner] = useState<Banner | null>(null);
  const bannerCount = useRef(0);
  const announce = useCallback(
    (kind: BannerKind, text: string, tag?: string) => {
      bannerCount.current += 1;
      setBanner({ kind, text, tag, id: bannerCount.current });
      if (soundOn) playScanSound(kind === 'success' ? 'ok' : kind);
    },
    [soundOn],
  );
  return { soundOn, setSoundOn, banner, announce };
}
