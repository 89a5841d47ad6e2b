import PDFDocument from 'pdfkit';

/**
 * A text line of a label in printer dots, laid out once for the PDF and the ZPL alike: where it
 * starts, its slot, and the letters' height and the text that fit its width there.
 */
export interface TextLine {
  /** What is printed: the line's text, cut with an ellipsis when even the smallest letters overflow. */
  text: string;
  x: number;
  y: number;
  width: number;
  /** The line's slot: its letters' height when the text fits. */
  height: number;
  /** The letters' height: `height`, or fewer whole dots for a text too wide at that height. */
  fontHeight: number;
  bold: boolean;
}

/** The PDF writes letters `h` dots tall in Helvetica of 1.3 × h dots: its capitals are then a little under h. */
export const PDF_FONT_SCALE = 1.3;

/** The smallest letters a label prints, 5 pt in the PDF: 11 dots at 203 dpi, 17 at 300 (font 0 takes 10 and more). */
const minFontHeight = (dpi: number) => Math.ceil((5 * dpi) / 72 / PDF_FONT_SCALE);

/** Only measures with PDFKit's metrics of its standard fonts: never gets a page nor is read. */
const measuring = new PDFDocument({ autoFirstPage: false });

/** The line's width in dots as the PDF draws it: Helvetica (bold or not) of PDF_FONT_SCALE × `fontHeight` dots. */
function pdfTextWidth(text: string, fontHeight: number, bold: boolean): number {
  return measuring.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(PDF_FONT_SCALE * fontHeight).widthOfString(text);
}

const boldAdvances = new Map<string, number>();

/** Helvetica Bold's advance width of one character, in thousandths of its em; 0 for one it has no glyph for. */
function boldAdvance(character: string): number {
  let advance = boldAdvances.get(character);
  if (advance === undefined) boldAdvances.set(character, (advance = measuring.font('Helvetica-Bold').fontSize(1000).widthOfString(character)));
  return advance;
}

/**
 * At most the line's width in dots as a Zebra prints it with `^A0N,h,h`. Font 0 is CG Triumvirate
 * Bold Condensed, whose widths Zebra does not publish; the assumption: CG Triumvirate is
 * Compugraphic's Helvetica and its bold condensed cut is narrower letter for letter than Helvetica
 * Bold, and `h` and `w` of a scalable font are "the entire character block" (ZPL II Programming
 * Guide, ^A), an em of at most `h` dots. So Helvetica Bold's advance widths (Adobe's metrics, as
 * PDFKit has them) at an em of `h` bound it: without kerning (which only narrows), and a whole
 * block for a character Helvetica has no glyph for.
 */
function zplFont0Width(text: string, fontHeight: number): number {
  let thousandths = 0;
  for (const character of text) thousandths += boldAdvance(character) || 1000;
  return (thousandths * fontHeight) / 1000;
}

/** The width the line takes in the wider of its two printings: the PDF's Helvetica, the Zebra's font 0. */
const printedWidth = (text: string, fontHeight: number, bold: boolean) => Math.max(pdfTextWidth(text, fontHeight, bold), zplFont0Width(text, fontHeight));

/**
 * One line of a label, the single decision both the PDF and the ZPL print: letters `slot.height`
 * dots tall, fewer when the text would overflow `slot.width` (in whole dots, as ^A wants them,
 * never under minFontHeight), then cut with an ellipsis until it fits. A ZPL field block of one
 * line does not shrink a text too wide for it: the printer prints the overflow over the line.
 */
export function fitTextLine(text: string, slot: Omit<TextLine, 'text' | 'fontHeight'>, dpi: number): TextLine {
  const natural = printedWidth(text, slot.height, slot.bold);
  // 2 % to spare: scaled to the exact width, rounding made the line a hair too wide and the loop
  // below cut the asset tag itself (« CD59-00002… »)
  const fontHeight = natural <= slot.width ? slot.height : Math.max(Math.min(slot.height, minFontHeight(dpi)), Math.floor((0.98 * slot.height * slot.width) / natural));
  let characters = [...text];
  let fitted = text;
  while (characters.length > 1 && printedWidth(fitted, fontHeight, slot.bold) > slot.width) {
    characters = [...characters.slice(0, -2), '…'];
    // « Portable · Dell… », not « Portable · … »
    fitted = `${characters.slice(0, -1).join('').replace(/[\s·]+$/, '')}…`;
  }
  return { ...slot, text: fitted, fontHeight };
}
