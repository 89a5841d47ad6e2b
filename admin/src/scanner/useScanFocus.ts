import { useCallback, useEffect, type FocusEvent, type RefObject } from 'react';

const isTextField = (element: Element | null) =>
  element instanceof HTMLInputElement ||
  element instanceof HTMLTextAreaElement ||
  element instanceof HTMLSelectElement ||
  (element as HTMLElement | null)?.isContentEditable;

/** A focused button, link, switch… : Space and Enter are its own (RGAA 12), not the scan field's. */
const isControl = (element: Element | null) =>
  !!element?.closest('button, a[href], summary, [role="button"], [role="link"], [role="switch"], [role="checkbox"], [role="radio"], [role="tab"], [role="menuitem"], [role="option"]');
const CONTROL_KEYS = new Set([' ', 'Enter']);

/**
 * A USB scanner "types" wherever the focus is: keep a scan field ready. Stray keystrokes (focus on
 * a button or nowhere) go back to the field; a focus that falls into nothing returns to it; other
 * text fields and open dialogs are left alone.
 */
export function useScanFocus(inputRef: RefObject<HTMLInputElement | null>, paused: boolean) {
  const focusInput = useCallback(() => {
    // after React has rendered (the button that had the focus may just have disappeared)
    setTimeout(() => {
      if (!document.querySelector('[role="dialog"]')) inputRef.current?.focus();
    }, 0);
  }, [inputRef]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (paused || event.ctrlKey || event.altKey || event.metaKey || event.key.length !== 1) return;
      if (isTextField(document.activeElement)) return;
      if (CONTROL_KEYS.has(event.key) && isControl(document.activeElement)) return;
      inputRef.current?.focus();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [paused, inputRef]);

  useEffect(() => {
    if (!paused) focusInput();
  }, [paused, focusInput]);

  /** Refocus when the focus falls into nothing; moving to a button or a switch is allowed (keyboard users). */
  const onBlur = useCallback(
    (event: FocusEvent<HTMLInputElement>) => {
      if (!paused && !event.relatedTarget) focusInput();
    },
    [paused, focusInput],
  );

  return { focusInput, onBlur };
}
