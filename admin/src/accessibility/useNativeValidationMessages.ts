import { useEffect } from 'react';
import { useTranslate } from 'react-admin';

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** The message for what the browser found wrong, in the UI's language (react-admin's own validators' words). */
function messageFor(field: Field, translate: ReturnType<typeof useTranslate>): string {
  const { validity } = field;
  const input = field as HTMLInputElement;
  if (validity.valueMissing) return translate('ra.validation.required');
  if (validity.typeMismatch && input.type === 'email') return translate('ra.validation.email');
  if (validity.rangeUnderflow) return translate('ra.validation.minValue', { min: input.min });
  if (validity.rangeOverflow) return translate('ra.validation.maxValue', { max: input.max });
  if (validity.tooShort) return translate('ra.validation.minLength', { min: input.minLength });
  if (validity.tooLong) return translate('ra.validation.maxLength', { max: input.maxLength });
  return translate('reemploi.a11y.invalid_value');
}

/**
 * RGAA 8.7: a field the browser checks itself (`required`, `min`…) would say « Please fill out this
 * field. » in the browser's language, whatever the page's. Give it our message instead, cleared
 * as soon as the field changes (the browser checks it again on the next submit).
 */
export function useNativeValidationMessages(): void {
  const translate = useTranslate();
  useEffect(() => {
    const onInvalid = (event: Event) => {
      const field = event.target as Field;
      if (!field.setCustomValidity) return;
      field.setCustomValidity('');
      if (!field.validity.valid) field.setCustomValidity(messageFor(field, translate));
    };
    const onChange = (event: Event) => (event.target as Field).setCustomValidity?.('');
    document.addEventListener('invalid', onInvalid, true);
    document.addEventListener('input', onChange, true);
    document.addEventListener('change', onChange, true);
    return () => {
      document.removeEventListener('invalid', onInvalid, true);
      document.removeEventListener('input', onChange, true);
      document.removeEventListener('change', onChange, true);
    };
  }, [translate]);
}
