/** Returns the median, minimum and maximum of a non-empty list of numbers. */
export function summarize(values) {
  if (values.length === 0) {
    throw new Error('Cannot summarize an empty list of values');
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;

  return { median, min: sorted[0], max: sorted[sorted.length - 1], count: sorted.length };
}

const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimalFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimalFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatInteger(value) {
  return integerFormat.format(value);
}

export function formatOneDecimal(value) {
  return oneDecimalFormat.format(value);
}

export function formatTwoDecimals(value) {
  return twoDecimalFormat.format(value);
}

/** Formats a summary as "median (min–max)" with the given number format. */
export function formatSummary(summary, format) {
  if (summary.count === 1) {
    return format(summary.median);
  }
  return `${format(summary.median)} (${format(summary.min)}–${format(summary.max)})`;
}
