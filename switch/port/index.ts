// Public surface of switch ports: the Port contract and its two implementations.
export * from './port.js';
export { FrameArena } from './frame-arena.js';
export { AfPacketPort, PortOpenError, type AfPacketPortOptions } from './af-packet-port.js';
export { MemoryPort, PatchCable, type MemoryPortOptions } from './memory-port.js';
export { LinkMonitor, type LinkEvent, type LinkListener } from './link-monitor.js';
export { isNativeBindingAvailable, NativeAddonMissingError } from './native-binding.js';
export { formatMac } from './port-link.js';
