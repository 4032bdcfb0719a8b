// Config paths as users read them: `plugins.firewall.rules[3].dst`.
//
// Segments are object keys (string) or array indexes (number). Keys that would make the
// dotted form ambiguous (dots, brackets, spaces, empty) are written as `["odd.key"]`.

export type ConfigPathSegment = string | number;
export type ConfigPath = readonly ConfigPathSegment[];

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function formatConfigPath(path: ConfigPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '(root)' : out;
}
