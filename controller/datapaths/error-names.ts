/** OFPET_ names by wire number, for logs and metric labels (the numbers alone mean nothing to a reader). */
import { OFPET } from '../../core/openflow/error-codes.js';

export const ERROR_TYPE_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(OFPET).map(([name, code]) => [code, `OFPET_${name}`]),
);
