type Decimal = { negative: boolean; whole: string; fraction: string };

/** Reads an amount in euros (a JSON number, or text such as `"1.234,56"` or `"€ 12,50"`) as integer cents, or returns undefined. */
export function parseAmountCents(raw: number | string): number | undefined {
  const decimal = typeof raw === 'number' ? decimalOfNumber(raw) : decimalOfText(raw);
  return decimal === undefined ? undefined : toCents(decimal);
}

function decimalOfNumber(amount: number): Decimal | undefined {
  if (!Number.isFinite(amount)) return undefined;
  // String() gives the shortest text that reads back as the same double, so 1.005 is "1.005", not 1.00499999...
  const text = String(Math.abs(amount));
  // Exponent notation only appears below 1e-6 (rounds to 0 cents) or from 1e21 up (far beyond any price).
  if (text.includes('e')) return Math.abs(amount) < 1 ? { negative: false, whole: '0', fraction: '' } : undefined;
  const [whole = '', fraction = ''] = text.split('.');
  return { negative: amount < 0, whole, fraction };
}

/** No price needs more characters than this; longer text is refused before anything reads it. */
export const maxAmountTextLength = 64;

const currencies = ['€', 'EUR'];

function withoutPrefix(text: string): string {
  const found = currencies.find((currency) => text.toUpperCase().startsWith(currency));
  return found === undefined ? text : text.slice(found.length);
}

function withoutSuffix(text: string): string {
  const found = currencies.find((currency) => text.toUpperCase().endsWith(currency));
  return found === undefined ? text : text.slice(0, text.length - found.length);
}

function takeSign(text: string): [sign: string, rest: string] {
  return text.startsWith('+') || text.startsWith('-') ? [text.charAt(0), text.slice(1)] : ['', text];
}

// Read step by step rather than with one pattern: a pattern with several optional spaces around optional parts
// backtracks polynomially on a price full of spaces, and this runs inside the worker (test/unit/amount-linear-time.test.ts).
function decimalOfText(raw: string): Decimal | undefined {
  if (raw.length > maxAmountTextLength) return undefined;
  // Optional sign and euro sign around the number; ",-" is the Dutch way to write whole euros ("€ 45,-").
  const [signBefore, afterSign] = takeSign(raw.trim());
  const [signAfter, unsigned] = takeSign(withoutPrefix(afterSign.trimStart()).trimStart());
  let body = withoutSuffix(unsigned.trimStart()).trimEnd();
  const wholeEuros = body.endsWith(',--') || body.endsWith(',-');
  body = body.replace(/,--?$/, '');
  if (!/^[\d.,]+$/.test(body) || !/\d$/.test(body) || !/^\d/.test(body)) return undefined;
  if (signBefore && signAfter) return undefined;
  const split = splitSeparators(body);
  if (!split || (wholeEuros && split.fraction)) return undefined;
  return { negative: (signBefore || signAfter) === '-', ...split };
}

// Carsys is a Dutch DMS, so the text is read the Dutch way whenever it is ambiguous:
// - both "." and "," present: the last one is the decimal separator, the other groups thousands ("1,234.56", "1.234,56");
// - one kind repeated: it groups thousands ("1.234.567");
// - a single ",": always the decimal separator ("12,5", and "1,234" is 1.234 euro);
// - a single ".": groups thousands when exactly three digits follow it and one to three digits (not starting with 0)
//   precede it, as in Dutch "1.234" = 1234 euro; otherwise it is a decimal point ("239.26", "12.5", "0.125", "1234.567").
function splitSeparators(body: string): { whole: string; fraction: string } | undefined {
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  if (lastDot === -1 && lastComma === -1) return { whole: body, fraction: '' };
  if (lastDot !== -1 && lastComma !== -1) {
    const decimalAt = Math.max(lastDot, lastComma);
    const whole = ungroup(body.slice(0, decimalAt), decimalAt === lastDot ? ',' : '.');
    const fraction = body.slice(decimalAt + 1);
    return whole !== undefined && /^\d+$/.test(fraction) ? { whole, fraction } : undefined;
  }
  const separator = lastDot === -1 ? ',' : '.';
  const pieces = body.split(separator);
  if (pieces.length > 2) {
    const whole = ungroup(body, separator);
    return whole === undefined ? undefined : { whole, fraction: '' };
  }
  const [before = '', after = ''] = pieces;
  if (separator === '.' && after.length === 3 && /^[1-9]\d{0,2}$/.test(before))
    return { whole: before + after, fraction: '' };
  return { whole: before, fraction: after };
}

function ungroup(text: string, separator: '.' | ','): string | undefined {
  const grouped = separator === '.' ? /^[1-9]\d{0,2}(\.\d{3})+$/ : /^[1-9]\d{0,2}(,\d{3})+$/;
  return grouped.test(text) ? text.split(separator).join('') : undefined;
}

function toCents({ negative, whole, fraction }: Decimal): number | undefined {
  const digits = (fraction + '000').slice(0, 3);
  // Half away from zero: only the third decimal decides, because the magnitude is rounded before the sign goes back on.
  const cents = Number(whole) * 100 + Number(digits.slice(0, 2)) + (Number(digits[2]) >= 5 ? 1 : 0);
  if (!Number.isSafeInteger(cents)) return undefined;
  return negative && cents !== 0 ? -cents : cents;
}

/** Fills in the missing one of the prices excluding and including VAT from the VAT rate in percent, in whole cents. */
export function deriveOtherPrice(p: { exclVatCents?: number; inclVatCents?: number; vatRate: number }): {
  exclVatCents: number;
  inclVatCents: number;
} {
  const { exclVatCents, inclVatCents, vatRate } = p;
  if (!Number.isFinite(vatRate) || vatRate <= -100) throw new RangeError(`VAT rate ${vatRate} % is not a usable rate`);
  if (exclVatCents !== undefined && inclVatCents !== undefined) return { exclVatCents, inclVatCents };
  // Work in thousandths of a percent with BigInt so a rate like 5.5 % and large amounts stay exact.
  const whole = 100_000n;
  const withVat = whole + BigInt(Math.round(vatRate * 1000));
  if (exclVatCents !== undefined) {
    return { exclVatCents, inclVatCents: divideRounded(BigInt(exclVatCents) * withVat, whole) };
  }
  if (inclVatCents !== undefined) {
    return { exclVatCents: divideRounded(BigInt(inclVatCents) * whole, withVat), inclVatCents };
  }
  throw new RangeError('deriveOtherPrice needs exclVatCents or inclVatCents');
}

function divideRounded(numerator: bigint, denominator: bigint): number {
  const magnitude = (2n * (numerator < 0n ? -numerator : numerator) + denominator) / (2n * denominator);
  return Number(numerator < 0n ? -magnitude : magnitude);
}
