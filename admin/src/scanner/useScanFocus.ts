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
 * text fields and open dialogs are left alone. On a phone (`autoFocus: false`) the field is not
 * focused by itself (the on-screen keyboard would cover the screen), but the keystrokes of a
 * handheld scanner paired in keyboard mode still go to it, without touching the field first.
 */
export function useScanFocus(inputRef: RefObject<HTMLInputElement | null>, paused: boolean, { autoFocus = true }: { autoFocus?: boolean } = {}) {
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
    if (!paused && autoFocus) focusInput();
  }, [paused, autoFocus, focusInput]);

  /** Refocus when the focus falls into nothing; moving to a button or a switch is allowed (keyboard users). */
  const onBlur = useCallback(
    (event: FocusEvent<HTMLInputElement>) => {
      if (!paused && autoFocus && !event.relatedTarget) focusInput();
    },
    [paused, autoFocus, focusInput],
  );

  return { focusInput, onBlur };
}
