import { TextInput, type TextInputProps, type Validator } from 'react-admin';
import { useFormat } from '../i18n/useFormat.js';
import { formatDecimal, parseDecimal } from './decimal.js';

/** Refuses what is not a number, or is outside `min`–`max`, with a message that shows how to write one. */
const decimal =
  (locale: string, min?: number, max?: number): Validator =>
  (value) => {
    if (value === null || value === undefined || value === '') return undefined;
    const number = typeof value === 'number' ? value : parseDecimal(String(value));
    if (number === undefined || number === null) return 'reemploi.forms.decimal_invalid';
    if (min !== undefined && max !== undefined && (number < min || number > max)) {
      return { message: 'reemploi.forms.decimal_range', args: { min: formatDecimal(min, locale), max: formatDecimal(max, locale) } };
    }
    if (min !== undefined && number < min) return { message: 'reemploi.forms.decimal_min', args: { min: formatDecimal(min, locale) } };
    return undefined;
  };

/**
 * A decimal number typed the French way (decimal comma) or with a point. A text field, not
 * `<input type="number">`, whose handling of the comma depends on the browser's language ("2,1"
 * became 21). The form keeps the text as typed; convert it with `decimalValue` when sending.
 */
export const DecimalInput = ({ min, max, validate, ...props }: TextInputProps & { min?: number; max?: number }) => {
  const { locale } = useFormat();
  const validators = [decimal(locale, min, max), ...(Array.isArray(validate) ? validate : validate ? [validate] : [])];
  return (
    <TextInput
      {...props}
      slotProps={{ htmlInput: { inputMode: 'decimal' } }}
      format={(value) => formatDecimal(value, locale)}
      parse={(text: string) => text}
      validate={validators}
    />
  );
};
