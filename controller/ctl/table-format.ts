/**
 * Plain-text tables for `sluice ctl`: a header row, columns padded to their widest cell, two
 * spaces between columns, no trailing spaces. Right-aligns columns marked numeric so counters line
 * up by magnitude.
 */

export interface Column {
  header: string;
  numeric?: boolean;
}

export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    columns
      .map((c, i) => {
        const cell = cells[i] ?? '';
        const last = i === columns.length - 1;
        if (c.numeric) return cell.padStart(widths[i]!);
        return last ? cell : cell.padEnd(widths[i]!);
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...rows.map(line)].join('\n') + '\n';
}

/** Bits per second as "10G", "100M", "1.5G"; "-" when unknown (0). */
export function formatBps(bps: bigint): string {
  if (bps === 0n) return '-';
  const units: [bigint, string][] = [
    [1_000_000_000_000n, 'T'],
    [1_000_000_000n, 'G'],
    [1_000_000n, 'M'],
    [1_000n, 'K'],
  ];
  for (const [scale, unit] of units) {
    if (bps >= scale) {
      const tenths = (bps * 10n) / scale;
      return tenths % 10n === 0n ? `${tenths / 10n}${unit}` : `${tenths / 10n}.${tenths % 10n}${unit}`;
    }
  }
  return `${bps}`;
}
