import type { LabelDevice } from './device-names.js';
import type { Symbology, ThermalProfile } from './label-profiles.js';
import type { TextLine } from './label-text.js';
import { layoutThermalLabel, type ThermalLabel } from './label-thermal.js';

/** `^` and `~` start ZPL commands: inside field data they would cut the label. */
const fieldData = (text: string) => text.replace(/[\^~\r\n]/g, ' ');

/** In a field block `\&` starts a new line (printed over the one line there is) and `\\` is one backslash. */
const blockData = (text: string) => fieldData(text).replace(/\\/g, '\\\\');

/**
 * One text line as fitTextLine laid it out for the PDF too: the same text at the same height in
 * font 0, in a field block of one line the text fits (a block does not shrink what overflows it),
 * its letters centred in the line's slot when they are smaller than it.
 */
function textField(line: TextLine, align: 'C' | 'L'): string {
  const y = line.y + Math.round((line.height - line.fontHeight) / 2);
  return `^FO${line.x},${y}^A0N,${line.fontHeight},${line.fontHeight}^FB${line.width},1,0,${align}^FD${blockData(line.text)}^FS`;
}

/**
 * A 2D code as a ^GF graphic field: the exact bitmap of the PDF's code, one bit per dot, since
 * ZPL's own QR and DataMatrix commands choose their own sizes and versions.
 */
function graphicField(label: ThermalLabel): string {
  const widthDots = label.matrix[0].length * label.module;
  const bytesPerRow = Math.ceil(widthDots / 8);
  const rows: string[] = [];
  for (const row of label.matrix) {
    const bits = new Uint8Array(bytesPerRow);
    row.forEach((dark, column) => {
      if (!dark) return;
      for (let dot = column * label.module; dot < (column + 1) * label.module; dot++) bits[dot >> 3] |= 0x80 >> (dot & 7);
    });
    const hex = Buffer.from(bits).toString('hex').toUpperCase();
    for (let repeat = 0; repeat < label.module; repeat++) rows.push(hex);
  }
  const total = bytesPerRow * rows.length;
  return `^FO${label.codeX},${label.codeY}^GFA,${total},${total},${bytesPerRow},${rows.join('')}^FS`;
}

/**
 * One label in ZPL II: Code 128 drawn by the printer itself (`^BY` module width in dots, `^BC`
 * automatic subsets with the human-readable tag under the bars), or a 2D code as a graphic field.
 */
function labelZpl(label: ThermalLabel): string {
  const parts = ['^XA', '^CI28', `^PW${label.widthDots}`, `^LL${label.heightDots}`, '^LH0,0'];
  if (label.symbology === 'code128') {
    const [owner, , description] = label.lines;
    parts.push(textField(owner, 'C'));
    parts.push(`^FO${label.codeX},${label.codeY}^BY${label.module}^BCN,${label.barHeight},Y,N,N,A^FD${fieldData(label.assetTag)}^FS`);
    parts.push(textField(description, 'C'));
  } else {
    parts.push(graphicField(label));
    for (const line of label.lines) parts.push(textField(line, 'L'));
  }
  parts.push('^XZ');
  return parts.join('\n');
}

export function labelsZpl(devices: LabelDevice[], profile: ThermalProfile, symbology: Symbology): string {
  return devices.map((device) => labelZpl(layoutThermalLabel(profile, device, symbology))).join('\n') + '\n';
}
