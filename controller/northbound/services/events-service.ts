/**
 * sluice.v1.Events over an EventsBackend. Filtering happens here, so every backend gets the same
 * kind-prefix and severity semantics for free.
 */
import type { ControllerEvent, EventSeverity, EventsBackend } from '../backend.js';
import { type ServerStreams } from '../call-handlers.js';
import type { EventsHandlers } from '../generated/sluice/v1/Events.js';
import { eventMessage, SEVERITY_RANK } from '../proto-mapping.js';
import { RequestChecks } from '../request-checks.js';

const KIND = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/;
const MIN_RANK: Record<string, number> = {
  SEVERITY_UNSPECIFIED: 0,
  SEVERITY_DEBUG: SEVERITY_RANK.debug,
  SEVERITY_INFO: SEVERITY_RANK.info,
  SEVERITY_WARNING: SEVERITY_RANK.warning,
  SEVERITY_CRITICAL: SEVERITY_RANK.critical,
};

/** "alert" admits "alert" and "alert.ids" but not "alerting": prefixes end at a dot. */
export function kindMatches(filters: readonly string[], kind: string): boolean {
  return filters.length === 0 || filters.some((f) => kind === f || kind.startsWith(`${f}.`));
}

export function eventsService(backend: EventsBackend, streams: ServerStreams): EventsHandlers {
  return {
    Subscribe: (call) => {
      streams.run(call, (send) => {
        const checks = new RequestChecks();
        call.request.kinds.forEach((k, i) => {
          if (!KIND.test(k)) checks.add(`kinds[${i}]`, `"${k}" is not a dotted kind of [a-z0-9_-] segments`);
        });
        checks.done();
        const kinds = call.request.kinds;
        const minRank = MIN_RANK[call.request.min_severity] ?? 0;
        const admits = (e: ControllerEvent) =>
          SEVERITY_RANK[e.severity satisfies EventSeverity] >= minRank && kindMatches(kinds, e.kind);
        return backend.subscribe((event) => {
          if (admits(event)) send(eventMessage(event));
        });
      });
    },
  };
}
