import { describe, expect, it } from 'vitest';
import { formatBps, formatTable } from '../../controller/ctl/table-format.js';

describe('formatTable', () => {
  it('pads columns, right-aligns numeric ones and trims trailing space', () => {
    const out = formatTable(
      [{ header: 'NAME' }, { header: 'N', numeric: true }, { header: 'NOTE' }],
      [
        ['a', '1', ''],
        ['longer', '1000', 'x'],
      ],
    );
    expect(out).toBe(['NAME       N  NOTE', 'a          1', 'longer  1000  x', ''].join('\n'));
  });

  it('prints only the header for no rows', () => {
    expect(formatTable([{ header: 'A' }, { header: 'B' }], [])).toBe('A  B\n');
  });
});

describe('formatBps', () => {
  it('uses SI units with one decimal when needed', () => {
    expect(formatBps(0n)).toBe('-');
    expect(formatBps(999n)).toBe('999');
    expect(formatBps(10_000_000_000n)).toBe('10G');
    expect(formatBps(1_500_000_000n)).toBe('1.5G');
    expect(formatBps(100_000_000n)).toBe('100M');
    expect(formatBps(2_000_000_000_000n)).toBe('2T');
  });
});
