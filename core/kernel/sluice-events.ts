// SluiceEvents: the event map of the one application event bus, open for extension.
//
// Each subsystem adds its events by module augmentation next to where it emits them, so the
// bus stays typed end to end without core knowing about hosts or links:
//
//   declare module '../../core/kernel/sluice-events.js' {
//     interface SluiceEvents { 'host.added': HostEvent; 'link.down': LinkEvent }
//   }
//
// Names are `<subsystem>.<what happened>`, lower case, past tense where it fits.

export type PluginState = 'loaded' | 'started' | 'failed' | 'skipped' | 'stopped' | 'disabled';

export interface PluginStateEvent {
  name: string;
  version: string;
  state: PluginState;
  previous: PluginState;
  /** Why a plugin failed, was skipped or disabled. */
  reason?: string;
}

export interface SluiceEvents {
  'plugin.state': PluginStateEvent;
}
