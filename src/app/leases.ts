/**
 * A channel run's lease: one instance runs a channel at a time. It is renewed every third of its time
 * while the run lasts, with this holder's delivery claims, so that both expire together when the
 * holder dies: the instance that takes the lease over can claim the deliveries at once.
 */
import type { ClaimOptions, LeaseStore, OutboxStore } from '../store/types.js';
import { sleep as sleepFor } from './retry.js';

export interface LeaseDeps {
  store: LeaseStore & Pick<OutboxStore, 'renewClaims'>;
  holder: string;
  ttlMs: number;
  signal: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface HeldLease {
  /** Claims that expire with the lease (and are renewed with it). */
  claim(): ClaimOptions;
  /** Stop renewing, drop the claims left (a stopped run's pending deliveries) and release the lease. */
  release(): Promise<void>;
}

/** The lease, or null when another instance holds it (with `wait`: until it is released or expires). */
export async function acquireLease(deps: LeaseDeps, name: string, wait: boolean): Promise<HeldLease | null> {
  const { store, holder, ttlMs, signal } = deps;
  let since = Date.now();
  let held = await store.tryAcquireLease(name, holder, ttlMs, since);
  while (!held && wait && !signal.aborted) {
    await (deps.sleep ?? sleepFor)(Math.min(1000, Math.max(50, ttlMs / 4)), signal).catch(() => {});
    since = Date.now();
    held = await store.tryAcquireLease(name, holder, ttlMs, since);
  }
  if (!held) return null;
  let claimed = false;
  const renew = setInterval(
    () => {
      const at = Date.now();
      void store
        .tryAcquireLease(name, holder, ttlMs, at)
        .then(async (still) => {
          if (!still) return;
          since = at;
          if (claimed) await store.renewClaims({ holder, ttlMs, now: at });
        })
        .catch(() => {});
    },
    Math.max(1000, ttlMs / 3),
  );
  renew.unref();
  return {
    claim() {
      claimed = true;
      return { holder, ttlMs, now: since };
    },
    async release() {
      clearInterval(renew);
      // Claims not marked (a stop mid-run) expire now, so the next start's recovery may take them.
      if (claimed) await store.renewClaims({ holder, ttlMs: 0 }).catch(() => {});
      await store.releaseLease(name, holder).catch(() => {});
    },
  };
}
