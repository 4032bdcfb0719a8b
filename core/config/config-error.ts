// ConfigError: everything wrong with a config, reported at once, each problem with the path
// a user can search for and, when the value came from a file, its line and column.
//
// One error carries every issue so an operator fixes the file in one pass instead of
// re-running once per typo. The message is the issue list, one per line, in the usual
// `file:line:col: path: reason` shape that editors and CI logs make clickable.

import { formatConfigPath, type ConfigPath } from './config-path.js';

export interface ConfigIssue {
  /** Segments from the document root, e.g. ['plugins', 'firewall', 'rules', 3, 'dst']. */
  readonly path: ConfigPath;
  /** Human-readable reason, without the path. */
  readonly message: string;
  /** Where the offending node starts in the source (1-based), if it came from a file. */
  readonly line?: number;
  readonly column?: number;
  /** File name or other origin label ('sluice.yaml', '<inline>'). */
  readonly origin?: string;
}

export function formatConfigIssue(issue: ConfigIssue): string {
  let where = issue.origin ?? '';
  if (issue.line !== undefined) where += `${where === '' ? '' : ':'}${issue.line}:${issue.column ?? 1}`;
  return `${where === '' ? '' : `${where}: `}${formatConfigPath(issue.path)}: ${issue.message}`;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const lines = issues.map(formatConfigIssue);
    super(issues.length === 1 ? `invalid config: ${lines[0]}` : `invalid config (${issues.length} problems):\n  ${lines.join('\n  ')}`);
    this.issues = issues;
  }

  /** The dotted paths of every issue, convenient in tests and in gRPC error details. */
  get paths(): string[] {
    return this.issues.map((i) => formatConfigPath(i.path));
  }
}
