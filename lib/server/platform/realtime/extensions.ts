import 'server-only';
import type { ChangeEvent, Scope } from '@/lib/shared/events';
import type { SseEvent } from '@/lib/shared/realtime';
import { processSingleton } from '@/lib/server/platform/process';
import type { SseHub } from './hub';

// What domains add to realtime, registered at start-up (lib/server/runtime.ts): the platform's hub,
// streams and event shapes know no domain.

/** A domain's part of every node's hub (the focus timer's phase ticker): started with the hub, stopped with it. */
export interface HubExtension {
  start(hub: SseHub): {
    /** Every change from the bus, on every node. */
    onChange?(change: ChangeEvent): void;
    /** The user's number of streams on this node changed. */
    onConnections?(userId: string): void;
    stop(): void;
  };
}

/** Refuses a stream before it opens (a removed device: 404), by throwing an AppError. */
export type StreamAdmission = (userId: string, deviceId: string) => Promise<void>;

/** The wire form of a change to the domain's scope, when it is not the generic `changed {scope}` nudge. */
export type SseShape = (change: ChangeEvent, base: Pick<SseEvent, 'sourceDeviceId' | 'timestamp'>) => Omit<SseEvent, 'id'>;

interface Extensions {
  hub: Map<string, HubExtension>;
  admissions: Map<string, StreamAdmission>;
  shapes: Map<Scope, SseShape>;
}

export const realtimeExtensions = () =>
  processSingleton<Extensions>('realtime-extensions', () => ({ hub: new Map(), admissions: new Map(), shapes: new Map() }));

export function registerHubExtension(name: string, extension: HubExtension): void {
  realtimeExtensions().hub.set(name, extension);
}

export function registerStreamAdmission(name: string, admission: StreamAdmission): void {
  realtimeExtensions().admissions.set(name, admission);
}

export function registerSseShape(scope: Scope, shape: SseShape): void {
  realtimeExtensions().shapes.set(scope, shape);
}
